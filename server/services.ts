import type { Em } from './orm';
import { PlanService } from './plans/plan.service';
import { DepartmentService } from './departments/department.service';
import { ResponsibilityService } from './responsibilities/responsibility.service';
import { IndicatorService } from './indicators/indicator.service';
import { AggregateService } from './aggregates/aggregate.service';
import { SpecialTargetService } from './special-targets/special-target.service';
import { RectificationService } from './rectifications/rectification.service';
import { InnovationTopicService } from './innovation-topics/innovation-topic.service';
import { StandardService } from './standards/standard.service';
import { EditService } from './edits/edit.service';
import { SYSTEM_ACTOR, type Actor } from './common/actor';
import { Permissions } from './accounts/permissions';
import { AuditService } from './audit/audit.service';
import { AccountService, DEFAULT_AUTH, type AuthSettings } from './accounts/account.service';
import { RestoreService } from './audit/restore.service';
import { YearTargetService } from './year-targets/year-target.service';
import { ProgressService } from './progress/progress.service';
import { LedgerService } from './ledger/ledger.service';
import { MilestoneService } from './milestones/milestone.service';
import { LedgerActuals } from './progress/ledger-actuals';
import { DemoService } from './demo/demo';
import { RectificationLoopService } from './rectifications/rectification-loop.service';
import { BulletinService } from './bulletins/bulletin.service';
import { CommentService } from './comments/comment.service';
import { PublicService } from './public/public.service';
import { EvaluationService } from './evaluations/evaluation.service';
import { ScoreService } from './scores/score.service';
import { DatasetService } from './datasets/dataset.service';

function tableServices(em: Em, actor: Actor, auth: AuthSettings) {
  const permissions = new Permissions(em, actor);
  const audit = new AuditService(em, actor);
  const plans = new PlanService(em, permissions, audit);
  const departments = new DepartmentService(em, permissions, audit);
  const responsibilities = new ResponsibilityService(em, departments);
  const deps = { plans, departments, responsibilities, permissions, audit };
  const yearTargets = new YearTargetService(em, permissions, audit);
  const progress = new ProgressService(em, new LedgerActuals(em), departments);
  const evaluations = new EvaluationService(em, permissions, audit, departments);
  return {
    actor,
    permissions,
    audit,
    accounts: new AccountService(em, permissions, audit, departments, auth),
    plans,
    departments,
    responsibilities,
    indicators: new IndicatorService(em, deps, yearTargets),
    specialTargets: new SpecialTargetService(em, deps),
    rectifications: new RectificationService(em, deps),
    rectificationLoop: new RectificationLoopService(em, permissions, audit),
    innovationTopics: new InnovationTopicService(em, deps),
    standards: new StandardService(em, deps),
    yearTargets,
    ledger: new LedgerService(em, permissions, audit, departments, plans),
    milestones: new MilestoneService(em, permissions, audit, plans),
    // Actual values: the lead departments' approved ledger entries.
    progress,
    bulletins: new BulletinService(em, permissions, audit, progress, evaluations),
    evaluations,
    scores: new ScoreService(em, permissions, audit, departments, progress),
    // The demo data set (npm run seed -- --demo): loaded and removed by the CLI only; hubInfo reads whether it is there.
    demo: new DemoService(em, actor, audit, yearTargets),
    // The public page (公众监督) and its citizen comments (issue 15).
    comments: new CommentService(em, permissions, audit),
    publicPage: new PublicService(em, plans),
    datasets: new DatasetService(em, permissions, audit), // saved queries as links (issue 16)
  };
}
export type TableServices = ReturnType<typeof tableServices>;

/** One set of services over one EntityManager fork, for one actor: a request, an import or a CLI run. */
export function createServices(em: Em, actor: Actor = SYSTEM_ACTOR, auth: AuthSettings = DEFAULT_AUTH) {
  const tables = tableServices(em, actor, auth);
  return { ...tables, edits: new EditService(em, tables), restore: new RestoreService(tables), aggregates: new AggregateService(em, tables) };
}
export type Services = ReturnType<typeof createServices>;
