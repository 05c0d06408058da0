import { EvaluationKind, EvaluationStatus } from '../evaluations/evaluation.enums';
import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ProgressStatus } from '../progress/progress.enums';
import { ScoreItemKind, StatusCounts } from '../progress/progress.types';
import { IndicatorAttribute } from '../indicators/indicator.enums';
import { ResponsibilityRole } from '../responsibilities/responsibility.enums';
import { LedgerState } from '../ledger/ledger.enums';
import { RectificationStatus } from '../rectifications/rectification.enums';

/**
 * The monthly bulletin (月度通报, issue 15) as GraphQL types. Every type here is plain data (no
 * entity, no field resolver): a published bulletin's content is frozen as JSON and answered as it
 * was issued, through the same types.
 */

export enum BulletinChangeField {
  ITEM = 'ITEM',
  STATUS = 'STATUS',
  ACTUAL_VALUE = 'ACTUAL_VALUE',
  TARGET_VALUE = 'TARGET_VALUE',
  PROGRESS_TEXT = 'PROGRESS_TEXT',
  OVERDUE_SUBMISSION = 'OVERDUE_SUBMISSION',
  OVERDUE_RECTIFICATION = 'OVERDUE_RECTIFICATION',
}
registerEnumType(BulletinChangeField, {
  name: 'BulletinChangeField',
  description:
    'What changed between two bulletins: ITEM (an item appears or is gone), STATUS, ACTUAL_VALUE, TARGET_VALUE (an item’s completion), PROGRESS_TEXT (an approved progress text of the month), OVERDUE_SUBMISSION, OVERDUE_RECTIFICATION (a department’s overdue lists).',
});

@ObjectType({ description: 'An indicator or milestone a department leads or supports, with its completion at the end of the month (year to date).' })
export class BulletinItem {
  @Field(() => String, { description: '`indicator:<id>` or `milestone:<id>`.' })
  itemKey!: string;

  @Field(() => ScoreItemKind)
  kind!: ScoreItemKind;

  @Field(() => String, { description: 'The indicator’s name, or the milestone’s text.' })
  name!: string;

  @Field(() => String)
  unit!: string;

  @Field(() => IndicatorAttribute, { nullable: true })
  attribute!: IndicatorAttribute | null;

  @Field(() => ResponsibilityRole, { description: 'The department’s part: LEAD (牵头) or SUPPORT (配合).' })
  role!: ResponsibilityRole;

  @Field(() => [String], { description: 'The lead departments’ names, whose approved entries are the item’s values.' })
  leads!: string[];

  @Field(() => ProgressStatus)
  status!: ProgressStatus;

  @Field(() => Float, { nullable: true, description: 'The year-to-date value judged (approved entries only).' })
  actualValue!: number | null;

  @Field(() => Float, { nullable: true, description: 'The target it is judged against (pro-rated to the month for flows).' })
  targetValue!: number | null;

  @Field(() => Float, { nullable: true, description: 'Completion: actual / target (at most: target / actual).' })
  ratio!: number | null;

  @Field(() => Boolean)
  provisional!: boolean;

  @Field(() => String)
  explanation!: string;

  @Field(() => ProgressStatus, { nullable: true, description: 'Its status in the bulletin compared with (comparedWith); null when there is none or the item was not in it.' })
  previousStatus!: ProgressStatus | null;

  @Field(() => Float, { nullable: true, description: 'Its value in the bulletin compared with.' })
  previousValue!: number | null;

  @Field(() => Boolean, { description: 'Its status or value differs from the bulletin compared with (or it is new since).' })
  changed!: boolean;
}

@ObjectType({ description: 'A progress text (工作进展) of the month from one of the department’s approved ledger entries.' })
export class BulletinProgressText {
  @Field(() => String, { description: '`indicator:<id>`, `specialTarget:<id>` or `milestone:<id>`.' })
  itemKey!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String)
  text!: string;
}

@ObjectType({ description: 'An item whose monthly ledger entry the department owes and has not handed in (see the rule in server/bulletins/bulletin.rules.ts).' })
export class BulletinOverdueSubmission {
  @Field(() => String)
  itemKey!: string;

  @Field(() => String)
  name!: string;

  @Field(() => LedgerState, { nullable: true, description: 'The state of the entry it has for the month, if any (DRAFT or RETURNED: not handed in); null: none at all.' })
  state!: LedgerState | null;
}

@ObjectType({ description: 'A rectification (table 3) the department answers for that is overdue at the end of the month.' })
export class BulletinRectification {
  @Field(() => ID)
  id!: string;

  @Field(() => Int)
  seq!: number;

  @Field(() => String)
  problem!: string;

  @Field(() => Int, { nullable: true })
  deadlineYear!: number | null;

  @Field(() => RectificationStatus)
  status!: RectificationStatus;

  @Field(() => ResponsibilityRole)
  role!: ResponsibilityRole;
}

@ObjectType({ description: 'A quarterly evaluation or inspection of the department not closed at the month’s end: listed in every bulletin until the office closes it.' })
export class BulletinEvaluation {
  @Field(() => String)
  id!: string;

  @Field(() => EvaluationKind)
  kind!: EvaluationKind;

  @Field(() => String, { description: 'The quarter (2019-Q2) of a quarterly evaluation, or the title and date of an inspection.' })
  subject!: string;

  @Field(() => String, { description: 'The improvement measures asked for (绩效改进对策措施).' })
  measures!: string;

  @Field(() => EvaluationStatus, { description: 'OPEN (no answer yet) or RESPONDED, at the month’s end.' })
  status!: EvaluationStatus;
}

@ObjectType({ description: 'One department’s part of a bulletin.' })
export class BulletinDepartment {
  @Field(() => String)
  code!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String)
  nameEn!: string;

  @Field(() => StatusCounts, { description: 'Its items by status (each item once).' })
  counts!: StatusCounts;

  @Field(() => [BulletinItem], { description: 'The items it leads, then those it supports; indicators before milestones, in the plan’s order.' })
  items!: BulletinItem[];

  @Field(() => [BulletinProgressText], { description: 'Key work progress (重点工作进展): its approved progress texts of the month.' })
  progressTexts!: BulletinProgressText[];

  @Field(() => [BulletinOverdueSubmission])
  overdueSubmissions!: BulletinOverdueSubmission[];

  @Field(() => [BulletinRectification])
  overdueRectifications!: BulletinRectification[];

  @Field(() => [BulletinEvaluation], { description: 'Its evaluations and inspections still open at the month’s end (季度评估、重点督查 until closed).' })
  openEvaluations!: BulletinEvaluation[];
}

@ObjectType({ description: 'One difference between two bulletins.' })
export class BulletinChange {
  @Field(() => BulletinChangeField)
  field!: BulletinChangeField;

  @Field(() => String, { nullable: true, description: 'The item (or `rectification:<id>`); null for none.' })
  itemKey!: string | null;

  @Field(() => String)
  name!: string;

  @Field(() => String, { nullable: true, description: 'The department concerned: its name (for an item’s completion, its lead departments).' })
  department!: string | null;

  @Field(() => String, { nullable: true, description: 'The value before, as text (null: absent).' })
  before!: string | null;

  @Field(() => String, { nullable: true, description: 'The value after, as text (null: absent).' })
  after!: string | null;

  @Field(() => String, { description: 'In words: 状态：进度正常 → 略低于进度.' })
  description!: string;
}

@ObjectType({
  description:
    'The monthly bulletin (月度通报): each department’s indicators and milestones with their year-to-date completion at the end of the month, key work progress texts, overdue ledger submissions and rectifications, and the changes since the last published bulletin. Built from approved data only; once published, the content as issued.',
})
export class Bulletin {
  @Field(() => String, { description: 'The month, 2019-06.' })
  month!: string;

  @Field(() => Int)
  year!: number;

  @Field(() => String, { description: '2019年6月经济责任制指标进度通报' })
  title!: string;

  @Field(() => String, { description: 'The last day of the month (2019-06-30): everything is judged at its end.' })
  periodEnd!: string;

  @Field(() => Boolean, { description: 'true: the content is as the evaluation office issued it (frozen).' })
  published!: boolean;

  @Field(() => Date, { nullable: true })
  publishedAt!: Date | null;

  @Field(() => String, { nullable: true, description: 'The username of who issued it.' })
  publishedBy!: string | null;

  @Field(() => Int, { nullable: true, description: 'The issue of the month (1, then 2 for a corrected re-issue…); null while unpublished.' })
  version!: number | null;

  @Field(() => String, { nullable: true })
  foreword!: string | null;

  @Field(() => String, { nullable: true, description: 'The month of the published bulletin the changes are against: the latest issue of the latest month before this one; null when none was published before it.' })
  comparedWith!: string | null;

  @Field(() => Int, { nullable: true, description: 'The issue of comparedWith.' })
  comparedVersion!: number | null;

  @Field(() => StatusCounts, { description: 'Every item of the bulletin once, by status.' })
  totals!: StatusCounts;

  @Field(() => [BulletinDepartment], { description: 'The departments that lead or support an item or a rectification, by department code.' })
  departments!: BulletinDepartment[];

  @Field(() => [BulletinChange], { description: 'Items whose status or value differ from comparedWith (or that are new or gone since).' })
  changes!: BulletinChange[];

  @Field(() => [BulletinChange], {
    nullable: true,
    description: 'Published bulletins only: what differs between the content as issued and the bulletin the data gives now (an approval or a correction since); empty when nothing did. null while unpublished.',
  })
  changedSincePublished!: BulletinChange[] | null;
}

@ObjectType({ description: 'One issue of a published bulletin.' })
export class BulletinIssue {
  @Field(() => String)
  month!: string;

  @Field(() => Int)
  version!: number;

  @Field(() => Date)
  publishedAt!: Date;

  @Field(() => String, { nullable: true })
  publishedBy!: string | null;
}
