import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ProgressStatus } from './progress.enums';
import { Department } from '../departments/department.entity';
import { Indicator } from '../indicators/indicator.entity';
import { IndicatorAttribute } from '../indicators/indicator.enums';
import { Milestone } from '../milestones/milestone.entity';
import { ResponsibilityRole } from '../responsibilities/responsibility.enums';

@ObjectType({ description: 'An indicator’s or a milestone’s completion in one year, with the values used and an explanation a person can check.' })
export class Progress {
  @Field(() => Int)
  year!: number;

  @Field(() => ProgressStatus)
  status!: ProgressStatus;

  @Field(() => Float, { nullable: true, description: 'Completion degree: actual / target (at most: target / actual); 1 is exactly on target.' })
  ratio!: number | null;

  @Field(() => Float, { nullable: true, description: 'The actual value judged (cumulative indicators: the running sum).' })
  actualValue!: number | null;

  @Field(() => Float, { nullable: true, description: 'The target it was judged against (pro-rated during the year; cumulative: the running sum).' })
  targetValue!: number | null;

  @Field(() => Boolean, { description: 'true: judged from month or quarter values during the year.' })
  provisional!: boolean;

  @Field(() => String, { description: 'What was judged, in words a person can check (Chinese).' })
  explanation!: string;

  @Field(() => String, { description: 'The explanation in English (item names as the plan writes them).' })
  explanationEn!: string;
}

export enum ScoreItemKind {
  INDICATOR = 'INDICATOR',
  MILESTONE = 'MILESTONE',
}
registerEnumType(ScoreItemKind, { name: 'ScoreItemKind', description: 'What a scored item is: an indicator (table 1) or a milestone of a special target (table 2).' });

/** The counts every score carries; completionRate is derived from them. */
@ObjectType()
export abstract class StatusTally {
  @Field(() => Int, { description: 'Items counted.' })
  total = 0;

  @Field(() => Int)
  achieved = 0;

  @Field(() => Int)
  missed = 0;

  @Field(() => Int)
  onTrack = 0;

  @Field(() => Int)
  atRisk = 0;

  @Field(() => Int)
  offTrack = 0;

  @Field(() => Int)
  noData = 0;

  @Field(() => Float, { nullable: true, description: '(achieved + onTrack) / (total − noData): the share of the items that can be judged that have reached, or are keeping up with, their target. null when none can be judged.' })
  completionRate: number | null = null;
}

@ObjectType({ description: 'Counts of items by completion status.' })
export class StatusCounts extends StatusTally {}

@ObjectType({ description: 'How many items have one status.' })
export class StatusCount {
  @Field(() => ProgressStatus)
  status!: ProgressStatus;

  @Field(() => Int)
  count!: number;
}

@ObjectType({ description: 'Counts of the indicators of one attribute (约束性 BINDING / 预期性 EXPECTED); milestones have no attribute and are not in these.' })
export class AttributeScore extends StatusTally {
  @Field(() => IndicatorAttribute)
  attribute!: IndicatorAttribute;
}

@ObjectType({ description: 'One item on a scorecard or the board: an indicator or a milestone, with its completion.' })
export class ScoreItem {
  @Field(() => String, { description: '`indicator:<id>` or `milestone:<id>` (the ledger’s item key): unique among items.' })
  itemKey!: string;

  @Field(() => ScoreItemKind)
  kind!: ScoreItemKind;

  @Field(() => String, { description: 'The indicator’s name, or the milestone’s text (上市企业150家).' })
  name!: string;

  @Field(() => String)
  unit!: string;

  @Field(() => IndicatorAttribute, { nullable: true, description: 'The indicator’s attribute; null for milestones.' })
  attribute!: IndicatorAttribute | null;

  @Field(() => ResponsibilityRole, { nullable: true, description: 'On a department’s scorecard, its role in the item (LEAD 牵头 / SUPPORT 配合); null on the board’s overall list.' })
  role!: ResponsibilityRole | null;

  @Field(() => Indicator, { nullable: true })
  indicator!: Indicator | null;

  @Field(() => Milestone, { nullable: true })
  milestone!: Milestone | null;

  @Field(() => [Department], { description: 'The lead departments (牵头单位), whose approved entries are the item’s values, in the plan’s order.' })
  leads!: Department[];

  @Field(() => Progress)
  progress!: Progress;
}

@ObjectType({ description: 'One department’s completion (动态监控) for a year or a period in it: the counts cover every item it leads or supports (each once), asLead and asSupporter split them by its role.' })
export class DepartmentScore extends StatusTally {
  @Field(() => Department)
  department!: Department;

  @Field(() => Int)
  year!: number;

  @Field(() => String, { nullable: true, description: 'The month or quarter judged at (2019-06, 2019-Q2); null: the whole year.' })
  period!: string | null;

  @Field(() => StatusCounts, { description: 'The items it leads (牵头): what it answers for.' })
  asLead!: StatusCounts;

  @Field(() => StatusCounts, { description: 'The items it supports (配合).' })
  asSupporter!: StatusCounts;

  @Field(() => [AttributeScore], { description: 'Its indicators by attribute, BINDING then EXPECTED.' })
  byAttribute!: AttributeScore[];

  @Field(() => [ScoreItem], { description: 'Its items: those it leads first, then those it supports; indicators by seq, then milestones by special target and seq.' })
  items!: ScoreItem[];
}

@ObjectType({ description: 'The monitoring board (动态监控) for a year or a period in it: every indicator and milestone, counted overall, by status, by attribute and by department.' })
export class ProgressSummary extends StatusTally {
  @Field(() => Int)
  year!: number;

  @Field(() => String, { nullable: true, description: 'The month or quarter judged at; null: the whole year.' })
  period!: string | null;

  @Field(() => [StatusCount], { description: 'Every status, in the order of ProgressStatus, with its count (zero included).' })
  byStatus!: StatusCount[];

  @Field(() => [AttributeScore], { description: 'Indicators by attribute, BINDING then EXPECTED.' })
  byAttribute!: AttributeScore[];

  @Field(() => [DepartmentScore], { description: 'Every department’s score, as scorecard gives it, by department code.' })
  byDepartment!: DepartmentScore[];

  @Field(() => [ScoreItem], { description: 'Every item, the ones needing attention first: OFF_TRACK and MISSED, then AT_RISK, NO_DATA, ON_TRACK, ACHIEVED; then indicators by seq before milestones.' })
  items!: ScoreItem[];
}
