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
import { RectificationStep } from './rectifications/rectification-step.entity';
import { RectificationFeedback } from './rectifications/rectification-feedback.entity';
import { PublishedBulletin } from './bulletins/published-bulletin.entity';
import { Comment } from './comments/comment.entity';

/** Every entity, for MikroORM's discovery. */
export const entities = [BaseRow, PlanItem, Plan, Department, DepartmentAlias, Responsibility, Indicator, SpecialTarget, Rectification, InnovationTopic, Standard, User, Credential, LoginAttempt, AuditEntry, DataGeneration, YearTarget, Milestone, LedgerEntry, EvidenceFile, Evidence, DemoMark, RectificationStep, RectificationFeedback, PublishedBulletin, Comment];
