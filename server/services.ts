import type { Em } from './orm';
import { PlanService } from './plans/plan.service';
import { DepartmentService } from './departments/department.service';
import { ResponsibilityService } from './responsibilities/responsibility.service';
import { IndicatorService } from './indicators/indicator.service';
import { SpecialTargetService } from './special-targets/special-target.service';
import { RectificationService } from './rectifications/rectification.service';
import { InnovationTopicService } from './innovation-topics/innovation-topic.service';
import { StandardService } from './standards/standard.service';
import { EditService } from './edits/edit.service';
import { SYSTEM_ACTOR, type Actor } from './common/actor';

function tableServices(em: Em, actor: Actor) {
  const plans = new PlanService(em);
  const departments = new DepartmentService(em);
  const responsibilities = new ResponsibilityService(em, departments);
  const deps = { plans, departments, responsibilities };
  return {
    actor,
    plans,
    departments,
    responsibilities,
    indicators: new IndicatorService(em, deps),
    specialTargets: new SpecialTargetService(em, deps),
    rectifications: new RectificationService(em, deps),
    innovationTopics: new InnovationTopicService(em, deps),
    standards: new StandardService(em, deps),
  };
}
export type TableServices = ReturnType<typeof tableServices>;

/** One set of services over one EntityManager fork, for one actor: a request, an import or a CLI run. */
export function createServices(em: Em, actor: Actor = SYSTEM_ACTOR) {
  const tables = tableServices(em, actor);
  return { ...tables, edits: new EditService(em, tables) };
}
export type Services = ReturnType<typeof createServices>;
