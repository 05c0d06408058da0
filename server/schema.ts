import 'reflect-metadata';
import { buildSchema, getMetadataStorage } from 'type-graphql';
import { DateTimeResolver } from 'graphql-scalars';
import { validate } from 'class-validator';
import { badInput, flattenValidation } from './errors';
import { TypeInfo, getArgumentValues, getNamedType, isInputObjectType, lexicographicSortSchema, printSchema, visit, visitWithTypeInfo, type DocumentNode, type GraphQLResolveInfo, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import { describeTextRules, findArgumentTextProblem } from '../schema/common/text';
import { PlanResolver } from './plans/plan.resolver';
import { DepartmentResolver } from './departments/department.resolver';
import { ResponsibilityResolver } from './responsibilities/responsibility.resolver';
import { IndicatorResolver } from './indicators/indicator.resolver';
import { AggregateResolver } from './aggregates/aggregate.resolver';
import { SpecialTargetResolver } from './special-targets/special-target.resolver';
import { RectificationResolver } from './rectifications/rectification.resolver';
import { InnovationTopicResolver } from './innovation-topics/innovation-topic.resolver';
import { StandardResolver } from './standards/standard.resolver';
import { EditResolver } from './edits/edit.resolver';
import { AccountResolver } from './accounts/account.resolver';
import { AuditResolver } from './audit/audit.resolver';
import { TransferResolver } from './transfer/transfer.resolver';
import { IndicatorYearTargetsResolver, YearTargetResolver } from './year-targets/year-target.resolver';
import { IndicatorProgressResolver, MilestoneProgressResolver, ProgressResolver } from './progress/progress.resolver';
import { LedgerResolver } from './ledger/ledger.resolver';
import { EvidenceResolver, LedgerEntryEvidenceResolver } from './evidence/evidence.resolver';
import { MilestoneResolver, SpecialTargetMilestonesResolver } from './milestones/milestone.resolver';
import { HubInfoResolver } from './demo/hub-info.resolver';
import { RectificationFeedbackResolver, RectificationLoopResolver, RectificationStepResolver } from './rectifications/rectification-loop.resolver';
import { BulletinResolver } from './bulletins/bulletin.resolver';
import { CommentResolver } from './comments/comment.resolver';
import { PublicIndicatorResolver, PublicMilestoneResolver, PublicOverviewResolver, PublicRectificationResolver, PublicSpecialTargetResolver } from './public/public.resolver';
import { EvaluationResolver } from './evaluations/evaluation.resolver';
import { DepartmentRatingResolver, InnovationBonusResolver, ScoreResolver } from './scores/score.resolver';
import { DatasetResolver } from './datasets/dataset.resolver';
import { servePrefetched } from './read/prefetched';
import { READ_TYPES } from './read/model';
import { LiveResolver, LIVE_PUBSUB } from './live/live.resolver';
import { PresenceResolver } from './live/presence.resolver';

let built: Promise<GraphQLSchema> | undefined;

/** The executable schema, built once per process from the type-graphql classes. */
export function buildGraphQLSchema(): Promise<GraphQLSchema> {
  if (!built) simplePlainFields();
  built ??= buildSchema({
    resolvers: [PlanResolver, DepartmentResolver, ResponsibilityResolver, IndicatorResolver, SpecialTargetResolver, RectificationResolver, InnovationTopicResolver, StandardResolver, EditResolver, AccountResolver, AuditResolver, TransferResolver, YearTargetResolver, IndicatorYearTargetsResolver, IndicatorProgressResolver, LedgerResolver, EvidenceResolver, LedgerEntryEvidenceResolver, MilestoneResolver, SpecialTargetMilestonesResolver, MilestoneProgressResolver, ProgressResolver, HubInfoResolver, RectificationLoopResolver, RectificationStepResolver, RectificationFeedbackResolver, BulletinResolver,
      CommentResolver, PublicOverviewResolver, PublicIndicatorResolver, PublicSpecialTargetResolver, PublicMilestoneResolver, PublicRectificationResolver, EvaluationResolver, ScoreResolver, DepartmentRatingResolver, InnovationBonusResolver, DatasetResolver, AggregateResolver, LiveResolver, PresenceResolver],
    // Validate every input with its class-validator rules at the edge, naming the argument.
    validateFn: validateArgument,
    scalarsMap: [{ type: Date, scalar: DateTimeResolver }],
    // type-graphql wants a PubSub for any subscription; rowsChanged brings its own `subscribe` (server/live/hub.ts), so none is used.
    pubSub: LIVE_PUBSUB,
  })
    .then(describeTextRules)
    .then((schema) => servePrefetched(schema, READ_TYPES));
  return built;
}

/**
 * A plain field (a property or getter read as it is, no resolver method, no middleware or roles) gets
 * graphql-js's default resolver instead of type-graphql's wrapper: type-graphql 2's
 * `simpleResolvers`, set here for every such field rather than on each @ObjectType. A field shown
 * under another name than its property (Rectification.plan is planText) keeps the wrapper, which
 * reads the property.
 */
function simplePlainFields() {
  const storage = getMetadataStorage() as unknown as { fields: { name: string; schemaName: string; simple?: boolean; middlewares?: unknown[]; roles?: unknown[] }[] };
  for (const f of storage.fields) {
    if (f.simple === undefined && f.name === f.schemaName && !f.middlewares?.length && !f.roles?.length) f.simple = true;
  }
}

/** The SDL committed at schema/schema.graphql: sorted, so diffs show real changes only. */
export async function printedSchema(): Promise<string> {
  return printSchema(lexicographicSortSchema(await buildGraphQLSchema())) + '\n';
}

/** The argument an input class arrives in, by naming convention: IndicatorPatch → patch. */
function argumentName(type: unknown): string {
  const name = typeof type === 'function' ? type.name : '';
  if (name === 'BatchEditInput') return 'input';
  for (const suffix of ['Input', 'Patch', 'Filter']) if (name.endsWith(suffix)) return suffix.toLowerCase();
  return name ? name[0].toLowerCase() + name.slice(1) : 'input';
}

/** The argument objects whose texts were checked already (a resolver with several arguments is checked once). */
const textChecked = new WeakSet<object>();

async function validateArgument(value: unknown, type: unknown, resolverData?: { args: Record<string, unknown>; info: GraphQLResolveInfo }): Promise<void> {
  // Control characters: one rule for every argument and input field (schema/common/text.ts).
  if (resolverData?.args && !textChecked.has(resolverData.args)) {
    textChecked.add(resolverData.args);
    const problem = findArgumentTextProblem(resolverData.info.parentType.getFields()[resolverData.info.fieldName]?.args ?? [], resolverData.args);
    if (problem) throw badInput(problem.field, problem.message);
  }
  if (value == null || typeof value !== 'object' || typeof type !== 'function') return;
  const list = Array.isArray(value) ? value : [value];
  for (const [i, item] of list.entries()) {
    if (item == null || typeof item !== 'object') continue;
    const errors = await validate(item, { forbidUnknownValues: false });
    if (!errors.length) continue;
    const prefix = Array.isArray(value) ? `${argumentName(type)}[${i}]` : argumentName(type);
    const [first] = flattenValidation(errors, prefix);
    throw badInput(first.field, first.message);
  }
}

/**
 * Whether every input object an operation's fields take (filters, order) passes its class-validator
 * rules: the check `validateArgument` makes at the edge, for paths that answer without type-graphql
 * (server/read/endpoint.ts, once per query text and variables). False sends the request to Apollo,
 * which gives the coded error.
 */
export async function operationInputsValid(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode, variables: Record<string, unknown>): Promise<boolean> {
  const classes = new Map<string, Function>();
  for (const t of (getMetadataStorage() as unknown as { inputTypes: { name: string; target: Function }[] }).inputTypes) classes.set(t.name, t.target);
  const inputs: { value: unknown; cls: Function }[] = [];
  const typeInfo = new TypeInfo(schema);
  const used = new Set([operation, ...document.definitions.filter((d) => d.kind === 'FragmentDefinition')]);
  for (const def of used) {
    visit(def, visitWithTypeInfo(typeInfo, {
      Field(node) {
        const field = typeInfo.getFieldDef();
        if (!field?.args.length || !node.arguments?.length) return;
        const values = getArgumentValues(field, node, variables);
        for (const arg of field.args) {
          const named = getNamedType(arg.type);
          const cls = isInputObjectType(named) ? classes.get(named.name) : undefined;
          if (cls && values[arg.name] != null) inputs.push({ value: values[arg.name], cls });
        }
      },
    }));
  }
  for (const { value, cls } of inputs) {
    for (const item of Array.isArray(value) ? value : [value]) {
      if (item == null || typeof item !== 'object') continue;
      const instance = Object.assign(Object.create((cls as { prototype: object }).prototype), item);
      if ((await validate(instance, { forbidUnknownValues: false })).length) return false;
    }
  }
  return true;
}
