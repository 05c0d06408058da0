import { Field, Float, ID, Int, ObjectType, registerEnumType, type ClassType } from 'type-graphql';
import { IndicatorAttribute, TargetKind } from '../indicators/indicator.enums';
import { AssessmentMethod } from '../special-targets/special-target.enums';
import { RectificationStatus } from '../rectifications/rectification.enums';
import { InnovationField } from '../innovation-topics/innovation-topic.enums';
import { ResponsibilityRole } from '../responsibilities/responsibility.enums';
import { LedgerState, PeriodKind } from '../ledger/ledger.enums';

/**
 * `<table>Aggregate(filter, groupBy)`: a plan table's rows, filtered as its list filters them,
 * counted (and their numbers summed, averaged, bounded) per group, by one GROUP BY in the database.
 * DEPARTMENT and ROLE group through responsibilities: a row counts once in each department (and role)
 * that holds it, as `filter: { department, role }` on the list finds it.
 */

/** A department as a group's key names it (the columns of the GROUP BY, not the whole Department). */
@ObjectType({ description: 'The department of a group: the one that holds a responsibility for its rows.' })
export class AggregateDepartment {
  @Field(() => ID)
  id!: number;

  @Field(() => String)
  code!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String)
  nameEn!: string;
}

export enum IndicatorGroupBy {
  ATTRIBUTE = 'ATTRIBUTE',
  TARGET_KIND = 'TARGET_KIND',
  CUMULATIVE = 'CUMULATIVE',
  DEPARTMENT = 'DEPARTMENT',
  ROLE = 'ROLE',
  PLAN = 'PLAN',
}
registerEnumType(IndicatorGroupBy, { name: 'IndicatorGroupBy', description: 'What indicatorsAggregate groups by; DEPARTMENT and ROLE through responsibilities.' });

export enum SpecialTargetGroupBy {
  ASSESSMENT_METHOD = 'ASSESSMENT_METHOD',
  DEPARTMENT = 'DEPARTMENT',
  ROLE = 'ROLE',
  PLAN = 'PLAN',
}
registerEnumType(SpecialTargetGroupBy, { name: 'SpecialTargetGroupBy', description: 'What specialTargetsAggregate groups by; a target with several assessment methods counts under each.' });

export enum RectificationGroupBy {
  STATUS = 'STATUS',
  DEADLINE_YEAR = 'DEADLINE_YEAR',
  DEPARTMENT = 'DEPARTMENT',
  ROLE = 'ROLE',
  PLAN = 'PLAN',
}
registerEnumType(RectificationGroupBy, { name: 'RectificationGroupBy', description: 'What rectificationsAggregate groups by.' });

export enum InnovationTopicGroupBy {
  FIELD = 'FIELD',
  DEPARTMENT = 'DEPARTMENT',
  ROLE = 'ROLE',
  PLAN = 'PLAN',
}
registerEnumType(InnovationTopicGroupBy, { name: 'InnovationTopicGroupBy', description: 'What innovationTopicsAggregate groups by.' });

export enum StandardGroupBy {
  RELEASE_YEAR = 'RELEASE_YEAR',
  DEPARTMENT = 'DEPARTMENT',
  ROLE = 'ROLE',
  PLAN = 'PLAN',
}
registerEnumType(StandardGroupBy, { name: 'StandardGroupBy', description: 'What standardsAggregate groups by.' });

export enum YearTargetGroupBy {
  YEAR = 'YEAR',
  DERIVED = 'DERIVED',
  ATTRIBUTE = 'ATTRIBUTE',
  TARGET_KIND = 'TARGET_KIND',
  DEPARTMENT = 'DEPARTMENT',
  ROLE = 'ROLE',
  PLAN = 'PLAN',
}
registerEnumType(YearTargetGroupBy, { name: 'YearTargetGroupBy', description: 'What yearTargetsAggregate groups by: the year target’s own year and whether it is derived, or its indicator’s attribute, target kind, departments (through responsibilities), roles and plan.' });

export enum LedgerEntryGroupBy {
  STATE = 'STATE',
  PERIOD_KIND = 'PERIOD_KIND',
  YEAR = 'YEAR',
  PERIOD = 'PERIOD',
  DEPARTMENT = 'DEPARTMENT',
}
registerEnumType(LedgerEntryGroupBy, { name: 'LedgerEntryGroupBy', description: 'What ledgerEntriesAggregate groups by; DEPARTMENT is the department that filed the entry.' });

const GROUPED = 'null unless grouped by it';

/** Key fields every table's groups share. */
@ObjectType()
abstract class AggregateKeyBase {
  @Field(() => AggregateDepartment, { nullable: true, description: `The department holding a responsibility; ${GROUPED}.` })
  department!: AggregateDepartment | null;

  @Field(() => ResponsibilityRole, { nullable: true, description: `The role the department holds (or any department, without DEPARTMENT); ${GROUPED}.` })
  role!: ResponsibilityRole | null;

  @Field(() => String, { nullable: true, description: `Plan code; ${GROUPED}.` })
  planCode!: string | null;
}

@ObjectType({ description: 'What an indicator group shares; fields not grouped by are null.' })
export class IndicatorAggregateKey extends AggregateKeyBase {
  @Field(() => IndicatorAttribute, { nullable: true })
  attribute!: IndicatorAttribute | null;

  @Field(() => TargetKind, { nullable: true })
  targetKind!: TargetKind | null;

  @Field(() => Boolean, { nullable: true })
  cumulative!: boolean | null;
}

@ObjectType({ description: 'What a special-target group shares; fields not grouped by are null.' })
export class SpecialTargetAggregateKey extends AggregateKeyBase {
  @Field(() => AssessmentMethod, { nullable: true })
  assessmentMethod!: AssessmentMethod | null;
}

@ObjectType({ description: 'What a rectification group shares; fields not grouped by are null (deadlineYear also where the rows have none).' })
export class RectificationAggregateKey extends AggregateKeyBase {
  @Field(() => RectificationStatus, { nullable: true })
  status!: RectificationStatus | null;

  @Field(() => Int, { nullable: true })
  deadlineYear!: number | null;
}

@ObjectType({ description: 'What an innovation-topic group shares; fields not grouped by are null.' })
export class InnovationTopicAggregateKey extends AggregateKeyBase {
  @Field(() => InnovationField, { nullable: true })
  field!: InnovationField | null;
}

@ObjectType({ description: 'What a standard group shares; fields not grouped by are null.' })
export class StandardAggregateKey extends AggregateKeyBase {
  @Field(() => Int, { nullable: true })
  releaseYear!: number | null;
}

@ObjectType({ description: 'What a group of year targets shares; fields not grouped by are null.' })
export class YearTargetAggregateKey extends AggregateKeyBase {
  @Field(() => Int, { nullable: true })
  year!: number | null;

  @Field(() => Boolean, { nullable: true, description: 'true: derived by the indicator’s method; false: entered by hand.' })
  derived!: boolean | null;

  @Field(() => IndicatorAttribute, { nullable: true })
  attribute!: IndicatorAttribute | null;

  @Field(() => TargetKind, { nullable: true })
  targetKind!: TargetKind | null;
}

@ObjectType({ description: 'What a group of ledger entries shares; fields not grouped by are null.' })
export class LedgerEntryAggregateKey {
  @Field(() => AggregateDepartment, { nullable: true, description: `The department that filed the entries; ${GROUPED}.` })
  department!: AggregateDepartment | null;

  @Field(() => LedgerState, { nullable: true })
  state!: LedgerState | null;

  @Field(() => PeriodKind, { nullable: true })
  periodKind!: PeriodKind | null;

  @Field(() => Int, { nullable: true })
  year!: number | null;

  @Field(() => String, { nullable: true, description: 'The period (2019, 2019-Q2, 2019-06).' })
  period!: string | null;
}

/** A numeric column an aggregate sums: its API name and whether it holds integers. */
export interface NumberColumn {
  field: string;
  int: boolean;
}

/** `{ <column>: Float|Int }` for one table and one function; each null where the group has no value. */
function Numbers(name: string, columns: NumberColumn[], float: boolean, description: string): ClassType {
  @ObjectType(name, { description })
  class NumbersClass {}
  for (const c of columns) Field(() => (float || !c.int ? Float : Int), { nullable: true })(NumbersClass.prototype, c.field);
  return NumbersClass;
}

/** One group: its key, how many rows, and (where the table has numbers) their sum, average, least and greatest. */
function Group(prefix: string, key: ClassType, columns: NumberColumn[]): ClassType {
  @ObjectType(`${prefix}AggregateGroup`)
  class GroupClass {
    @Field(() => key)
    key!: object;

    @Field(() => Int, { description: 'Rows in the group, each once.' })
    count!: number;
  }
  if (columns.length) {
    const f = (fn: string, float: boolean, text: string) => {
      const NumbersType = Numbers(`${prefix}Aggregate${fn}`, columns, float, text);
      Field(() => NumbersType, { description: text })(GroupClass.prototype, fn.toLowerCase());
    };
    f('Sum', false, 'Sums over the group’s rows (each row once); null where no row has a value.');
    f('Avg', true, 'Averages over the rows with a value.');
    f('Min', false, 'Least values.');
    f('Max', false, 'Greatest values.');
  }
  return GroupClass;
}

/** `{ groups }` for one table. */
function Aggregate(prefix: string, key: ClassType, columns: NumberColumn[]) {
  const GroupType = Group(prefix, key, columns);
  @ObjectType(`${prefix}Aggregate`, { description: `${prefix} rows grouped; groups ordered by their key (enums in declaration order, departments by code, years ascending, empty first).` })
  class AggregateClass {
    @Field(() => [GroupType])
    groups!: object[];
  }
  return AggregateClass;
}

export const NUMBER_COLUMNS = {
  indicators: [
    { field: 'targetValue', int: false },
    { field: 'annualGrowthPct', int: false },
    { field: 'baseValue', int: false },
    { field: 'baseYear', int: true },
  ],
  specialTargets: [],
  rectifications: [{ field: 'deadlineYear', int: true }],
  innovationTopics: [],
  standards: [{ field: 'releaseYear', int: true }],
  ledgerEntries: [{ field: 'actualValue', int: false }],
  yearTargets: [{ field: 'targetValue', int: false }],
} satisfies Record<string, NumberColumn[]>;

export const IndicatorAggregate = Aggregate('Indicator', IndicatorAggregateKey, NUMBER_COLUMNS.indicators);
export const SpecialTargetAggregate = Aggregate('SpecialTarget', SpecialTargetAggregateKey, NUMBER_COLUMNS.specialTargets);
export const RectificationAggregate = Aggregate('Rectification', RectificationAggregateKey, NUMBER_COLUMNS.rectifications);
export const InnovationTopicAggregate = Aggregate('InnovationTopic', InnovationTopicAggregateKey, NUMBER_COLUMNS.innovationTopics);
export const StandardAggregate = Aggregate('Standard', StandardAggregateKey, NUMBER_COLUMNS.standards);
export const LedgerEntryAggregate = Aggregate('LedgerEntry', LedgerEntryAggregateKey, NUMBER_COLUMNS.ledgerEntries);
export const YearTargetAggregate = Aggregate('YearTarget', YearTargetAggregateKey, NUMBER_COLUMNS.yearTargets);
