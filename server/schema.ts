import 'reflect-metadata';
import { buildSchema } from 'type-graphql';
import { DateTimeResolver } from 'graphql-scalars';
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { PlanResolver } from './plans/plan.resolver';
import { DepartmentResolver } from './departments/department.resolver';
import { ResponsibilityResolver } from './responsibilities/responsibility.resolver';
import { IndicatorResolver } from './indicators/indicator.resolver';
import { SpecialTargetResolver } from './special-targets/special-target.resolver';
import { RectificationResolver } from './rectifications/rectification.resolver';
import { InnovationTopicResolver } from './innovation-topics/innovation-topic.resolver';
import { StandardResolver } from './standards/standard.resolver';

let built: Promise<GraphQLSchema> | undefined;

/** The executable schema, built once per process from the type-graphql classes. */
export function buildGraphQLSchema(): Promise<GraphQLSchema> {
  built ??= buildSchema({
    resolvers: [PlanResolver, DepartmentResolver, ResponsibilityResolver, IndicatorResolver, SpecialTargetResolver, RectificationResolver, InnovationTopicResolver, StandardResolver],
    // Validate every input with its class-validator rules at the edge.
    validate: { forbidUnknownValues: false },
    scalarsMap: [{ type: Date, scalar: DateTimeResolver }],
  });
  return built;
}

/** The SDL committed at schema/schema.graphql: sorted, so diffs show real changes only. */
export async function printedSchema(): Promise<string> {
  return printSchema(lexicographicSortSchema(await buildGraphQLSchema())) + '\n';
}
