import { BaseRow } from './common/base.entity';
import { PlanItem } from './common/plan-item.entity';
import { Plan } from './plans/plan.entity';
import { Department, DepartmentAlias } from './departments/department.entity';
import { Responsibility } from './responsibilities/responsibility.entity';
import { Indicator } from './indicators/indicator.entity';
import { SpecialTarget } from './special-targets/special-target.entity';
import { Rectification } from './rectifications/rectification.entity';
import { InnovationTopic } from './innovation-topics/innovation-topic.entity';
import { Standard } from './standards/standard.entity';
import { User } from './accounts/user.entity';
import { Credential, LoginAttempt } from './accounts/credential.entity';
import { AuditEntry } from './audit/audit-entry.entity';
import { DataGeneration } from './cache/data-generation.entity';
import { YearTarget } from './year-targets/year-target.entity';
import { Milestone } from './milestones/milestone.entity';
import { LedgerEntry } from './ledger/ledger-entry.entity';
import { Evidence, EvidenceFile } from './ledger/evidence.entity';
import { DemoMark } from './demo/demo-mark.entity';
import { Evaluation } from './evaluations/evaluation.entity';
import { ScoreRule } from './scores/score-rule.entity';
import { DepartmentRating } from './scores/department-rating.entity';
import { InnovationBonus } from './scores/innovation-bonus.entity';
import { ScorePublication } from './scores/score-publication.entity';

/** Every entity, for MikroORM's discovery. */
export const entities = [BaseRow, PlanItem, Plan, Department, DepartmentAlias, Responsibility, Indicator, SpecialTarget, Rectification, InnovationTopic, Standard, User, Credential, LoginAttempt, AuditEntry, DataGeneration, YearTarget, Milestone, LedgerEntry, EvidenceFile, Evidence, DemoMark, Evaluation, ScoreRule, DepartmentRating, InnovationBonus, ScorePublication];
