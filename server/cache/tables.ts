import {
  Kind, OperationTypeNode, TypeInfo, getNamedType, isObjectType, visit, visitWithTypeInfo,
  type DocumentNode, type GraphQLSchema, type OperationDefinitionNode, type SelectionSetNode,
} from 'graphql';
import type { TrackedTable } from '../../schema/cache/data-generation.entity';

/**
 * Which tables a GraphQL read depends on, from its selection alone (before it runs): the answer
 * cache (response-cache.ts) files each answer with these tables' data generations and serves it only
 * while none of them has moved. It is a property of the schema, not of how resolvers fetch rows, so
 * it holds whatever path a read takes; tests/cache-tables.test.ts checks it against the SQL every
 * cacheable field actually sends. Listing a table too many only costs an early miss; one too few
 * would serve a stale answer, so anything not classified here is not cached at all.
 */

/**
 * What completion reads: year targets, the indicator (and, for 与GDP同步, the plan's GDP), milestones,
 * the approved ledger entries and the responsibilities that say whose entry counts (the lead's), with
 * the departments' names for the explanation.
 */
const PROGRESS: readonly TrackedTable[] = ['year_target', 'indicator', 'milestone', 'ledger_entry', 'responsibility', 'department'];
/** The board (scorecard, progressSummary): every item's completion, grouped by the departments that hold them. */
const BOARD: readonly TrackedTable[] = PROGRESS;
/** The monthly bulletin (issue 15): the board judged at a month, the month's ledger, rectifications, special targets' titles and the published issues. */
const BULLETIN: readonly TrackedTable[] = [...BOARD, 'rectification', 'special_target', 'published_bulletin'];
/** The "3+1" annual score: the board's completion, the year's rule, entered scores, bonuses with their topics, and whether the year is published (its frozen answer). */
const SCORES: readonly TrackedTable[] = [...BOARD, 'score_rule', 'department_rating', 'innovation_bonus', 'innovation_topic', 'score_publication'];

/** The types of one table's aggregate (issue 16): each reads that table's rows. */
const aggregateTypes = (prefix: string, table: TrackedTable) =>
  Object.fromEntries(['', 'Group', 'Key', 'Sum', 'Avg', 'Min', 'Max'].map((t) => [`${prefix}Aggregate${t}`, [table] as const]));

/** The table a row of each GraphQL object type is read from (pages: the rows they count and hold). */
export const TYPE_TABLES: Record<string, readonly TrackedTable[]> = {
  Plan: ['plan'],
  Department: ['department'],
  Responsibility: ['responsibility'],
  Indicator: ['indicator'],
  IndicatorPage: ['indicator'],
  SpecialTarget: ['special_target'],
  SpecialTargetPage: ['special_target'],
  Rectification: ['rectification'],
  RectificationPage: ['rectification'],
  InnovationTopic: ['innovation_topic'],
  InnovationTopicPage: ['innovation_topic'],
  Standard: ['standard'],
  StandardPage: ['standard'],
  AuditEntry: ['audit_entry'],
  User: ['user'],
  YearTarget: ['year_target'],
  // Completion (an indicator's or a milestone's): see PROGRESS below.
  Progress: PROGRESS,
  Milestone: ['milestone'],
  // The board's types are computed from every item's completion.
  ScoreItem: BOARD,
  StatusCounts: BOARD,
  StatusCount: BOARD,
  AttributeScore: BOARD,
  DepartmentScore: BOARD,
  ProgressSummary: BOARD,
  LedgerEntry: ['ledger_entry'],
  LedgerEntryPage: ['ledger_entry'],
  Evidence: ['evidence'],
  // The rectification loop (issue 15): its steps and feedback.
  RectificationStep: ['rectification_step'],
  RectificationFeedback: ['rectification_feedback', 'citizen_comment'],
  // Whether the demo data set is loaded: its marks.
  HubInfo: ['demo_mark'],
  Bulletin: BULLETIN,
  BulletinDepartment: BULLETIN,
  BulletinItem: BULLETIN,
  BulletinProgressText: BULLETIN,
  BulletinOverdueSubmission: BULLETIN,
  BulletinRectification: BULLETIN,
  BulletinChange: BULLETIN,
  BulletinIssue: ['published_bulletin'],
  // The public page (公众监督) and citizen comments.
  PublicOverview: ['plan'],
  PublicIndicator: ['indicator'],
  PublicSpecialTarget: ['special_target'],
  PublicMilestone: ['milestone'],
  PublicRectification: ['rectification'],
  PublicFeedback: ['citizen_comment', 'rectification_feedback'],
  PublicComment: ['citizen_comment'],
  Comment: ['citizen_comment'],
  Evaluation: ['evaluation'],
  EvaluationPage: ['evaluation'],
  ScoreRule: ['score_rule'],
  ScorePublication: ['score_publication'],
  DepartmentRating: ['department_rating'],
  InnovationBonus: ['innovation_bonus'],
  DepartmentAnnualScore: SCORES,
  AnnualScorePart: SCORES,
  ScoreInput: SCORES,
  Dataset: ['dataset'],
  DatasetLinkToken: ['dataset_link_token'],
  CreatedDatasetLinkToken: ['dataset_link_token'],
  ...aggregateTypes('Indicator', 'indicator'),
  ...aggregateTypes('SpecialTarget', 'special_target'),
  ...aggregateTypes('Rectification', 'rectification'),
  ...aggregateTypes('InnovationTopic', 'innovation_topic'),
  ...aggregateTypes('Standard', 'standard'),
  ...aggregateTypes('LedgerEntry', 'ledger_entry'),
  ...Object.fromEntries(Object.keys(aggregateTypes('YearTarget', 'year_target')).map((t) => [t, ['year_target', 'indicator'] as const])),
  AggregateDepartment: ['department'], // a group's department, joined in the same GROUP BY
};

/** A department's rows of one table are found through responsibilities. */
const DEPARTMENT_ROWS: readonly TrackedTable[] = ['responsibility'];

/**
 * What a field reads beyond its own type's table, whatever its arguments: aliases, link tables
 * followed, the plan a row belongs to. Every field that takes arguments must be here (with [] when
 * it reads nothing more), so a new field is classified before its answers are cached.
 */
export const FIELD_TABLES: Record<string, readonly TrackedTable[]> = {
  'Query.plan': [],
  'Query.department': ['department_alias'], // by code, canonical name or alias
  'Query.departments': [],
  'Query.indicator': [],
  'Query.specialTarget': [],
  'Query.rectification': [],
  'Query.innovationTopic': [],
  'Query.standard': [],
  'Query.indicators': [],
  'Query.specialTargets': [],
  'Query.rectifications': [],
  'Query.innovationTopics': [],
  'Query.standards': [],
  'Query.ledgerEntries': [], // who may read what is decided from the reader (part of the cache key) and the entry's own columns
  'Query.ledgerEntry': [],
  'Query.auditLog': ['ledger_entry', 'evidence'], // its own columns (the username is copied at write time), and which ledger drafts the reader may not see
  'Query.milestones': ['special_target'], // ordered by their special targets, found by plan through them
  'Department.aliases': ['department_alias'],
  'Department.indicators': DEPARTMENT_ROWS,
  'Department.specialTargets': DEPARTMENT_ROWS,
  'Department.rectifications': DEPARTMENT_ROWS,
  'Department.innovationTopics': DEPARTMENT_ROWS,
  'Department.standards': DEPARTMENT_ROWS,
  'Indicator.specialTargets': ['special_target_indicator'],
  'SpecialTarget.indicators': ['special_target_indicator'],
  'Indicator.planCode': ['plan'],
  'Indicator.progress': PROGRESS,
  'Milestone.progress': PROGRESS,
  'Query.scorecard': BOARD, // department: by code, canonical name or alias (ARGUMENT_TABLES)
  'Query.progressSummary': BOARD,
  'SpecialTarget.planCode': ['plan'],
  'Rectification.planCode': ['plan'],
  'InnovationTopic.planCode': ['plan'],
  'Standard.planCode': ['plan'],
  'LedgerEntry.evidence': ['evidence'],
  'Query.bulletin': [],
  'Query.dataset': [],
  'Query.publicOverview': [], // the plan by code, or the newest
  'PublicIndicator.progress': PROGRESS,
  'PublicMilestone.progress': PROGRESS,
  'Query.publicComments': [],
  'Query.comments': [],
  'Query.evaluations': [],
  'Query.evaluation': [],
  'Query.annualScores': SCORES,
  'Query.scoreRule': [],
  'Query.scorePublication': [],
  'Query.departmentRatings': [],
  'Query.innovationBonuses': [],
  'Query.indicatorsAggregate': [],
  'Query.specialTargetsAggregate': [],
  'Query.rectificationsAggregate': [],
  'Query.innovationTopicsAggregate': [],
  'Query.standardsAggregate': [],
  'Query.ledgerEntriesAggregate': [],
  'Query.yearTargetsAggregate': [],
};

/**
 * What an argument reads when it is given (as a value or a variable): a plan by its code, a
 * department by any name or alias and the rows it answers for, a search over department names.
 */
const LIST_FILTER: readonly TrackedTable[] = ['plan', 'responsibility', 'department', 'department_alias'];
const GROUP_BY: readonly TrackedTable[] = ['responsibility', 'department', 'plan'];
export const ARGUMENT_TABLES: Record<string, Record<string, readonly TrackedTable[]>> = {
  'Query.departments': { search: ['department_alias'] },
  'Query.indicators': { filter: LIST_FILTER },
  'Query.specialTargets': { filter: LIST_FILTER },
  'Query.rectifications': { filter: LIST_FILTER },
  'Query.innovationTopics': { filter: LIST_FILTER },
  'Query.standards': { filter: LIST_FILTER },
  // The department by any name or alias; search also looks in the items' names and the departments'.
  'Query.ledgerEntries': { filter: ['department', 'department_alias', 'indicator', 'special_target', 'milestone'] },
  'Department.indicators': { planCode: ['plan'] },
  'Department.specialTargets': { planCode: ['plan'] },
  'Department.rectifications': { planCode: ['plan'] },
  'Department.innovationTopics': { planCode: ['plan'] },
  'Department.standards': { planCode: ['plan'] },
  'Query.milestones': { filter: ['plan'] },
  'Query.scorecard': { department: ['department', 'department_alias'] },
  'Query.evaluations': { filter: ['department', 'department_alias'] },
  // Aggregates filter as the lists; groupBy joins responsibilities (DEPARTMENT, ROLE), departments and plans.
  ...Object.fromEntries(['indicators', 'specialTargets', 'rectifications', 'innovationTopics', 'standards'].map((t) => [`Query.${t}Aggregate`, { filter: LIST_FILTER, groupBy: GROUP_BY }])),
  'Query.yearTargetsAggregate': { filter: LIST_FILTER, groupBy: GROUP_BY },
  // The ledger's: its list's filter; DEPARTMENT joins the filing department.
  'Query.ledgerEntriesAggregate': { filter: ['department', 'department_alias', 'indicator', 'special_target', 'milestone'], groupBy: ['department'] },
};

/**
 * Fields whose answer changes with the clock, not only with the data (an overdue flag turns true when
 * a deadline passes with no write at all): answers that select them are never cached.
 */
export const CLOCK_FIELDS = new Set(['Rectification.overdue']);

/** Object types that hold no rows of their own. */
const NO_TABLE = new Set(['Query']);

/**
 * The tables the named operation (or the only one) of `doc` reads, sorted; null when the document
 * selects a type or an argument-taking field this module does not classify, or is not one query.
 * Fragments are walked whether used or not (a table too many is harmless).
 */
export function tablesRead(schema: GraphQLSchema, doc: DocumentNode, operationName: string | undefined): TrackedTable[] | null {
  const ops = doc.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const op = operationName ? ops.find((d) => d.name?.value === operationName) : ops.length === 1 ? ops[0] : undefined;
  if (!op || op.operation !== OperationTypeNode.QUERY) return null;
  const others = new Set(ops.filter((o) => o !== op));
  const tables = new Set<TrackedTable>();
  let unknown = false;
  const typeInfo = new TypeInfo(schema);
  visit(
    doc,
    visitWithTypeInfo(typeInfo, {
      OperationDefinition: (node) => (others.has(node) ? false : undefined),
      Field(node) {
        const parent = typeInfo.getParentType();
        const def = typeInfo.getFieldDef();
        if (!parent || !def) {
          unknown = true; // a field the schema lacks: Apollo answers the error, nothing is kept
          return;
        }
        if (node.name.value.startsWith('__')) return false; // __typename, introspection: the schema, no table
        const named = getNamedType(def.type);
        if (isObjectType(named) && !NO_TABLE.has(named.name)) {
          const own = TYPE_TABLES[named.name];
          if (!own) unknown = true;
          else for (const t of own) tables.add(t);
        }
        const field = `${parent.name}.${def.name}`;
        if (CLOCK_FIELDS.has(field)) unknown = true;
        const extra = FIELD_TABLES[field];
        if (extra) for (const t of extra) tables.add(t);
        else if (def.args.length) unknown = true;
        for (const arg of node.arguments ?? []) {
          if (arg.value.kind === Kind.NULL) continue;
          for (const t of ARGUMENT_TABLES[field]?.[arg.name.value] ?? []) tables.add(t);
        }
        return undefined;
      },
    }),
  );
  return unknown ? null : [...tables].sort();
}

/** The root fields of a selection; null when one comes through a fragment spread (not worth resolving here). */
export function rootFields(set: SelectionSetNode): string[] | null {
  const out: string[] = [];
  for (const s of set.selections) {
    if (s.kind === Kind.FIELD) out.push(s.name.value);
    else if (s.kind === Kind.INLINE_FRAGMENT) {
      const inner = rootFields(s.selectionSet);
      if (!inner) return null;
      out.push(...inner);
    } else return null;
  }
  return out;
}
