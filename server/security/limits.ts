import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, getNullableType, getVariableValues, isListType, Kind, type DocumentNode, type GraphQLSchema, type SelectionSetNode, type FragmentDefinitionNode } from 'graphql';
import { getComplexity, simpleEstimator, type ComplexityEstimator } from 'graphql-query-complexity';
import { PAGE } from '../../schema/common/sort';

export interface QueryLimits {
  maxDepth: number;
  maxCost: number;
  /** Aliased fields per operation, fragments expanded (`a: indicators … b: indicators …` counts 2). */
  maxAliases: number;
}

/**
 * What every root field adds to the cost, whatever it selects: each is at least one database round
 * trip (`indicators { totalCount }` counts every matching row), so 500 aliases of it cost 500 of these.
 */
export const ROOT_FIELD_COST = 1_000;

/**
 * Sized so the UI's own largest query passes (a page of 1,000 indicators with responsibilities,
 * departments and special targets costs about 120,000) and a query that multiplies lists inside
 * lists does not.
 */
export const DEFAULT_LIMITS: QueryLimits = { maxDepth: 12, maxCost: 250_000, maxAliases: 30 };

/** A field with a `limit` argument costs its children times the limit; other lists count as 10 rows. */
const listEstimator: ComplexityEstimator = ({ args, childComplexity, field }) => {
  if (typeof args.limit === 'number' || field.args.some((a) => a.name === 'limit')) {
    const limit = Math.min(typeof args.limit === 'number' ? args.limit : PAGE.defaultLimit, PAGE.maxLimit);
    return 1 + childComplexity * Math.max(limit, 1);
  }
  // `items` of a page is already counted by the page's limit.
  if (field.name === 'items') return 1 + childComplexity;
  if (isListType(getNullableType(field.type))) return 1 + childComplexity * 10;
  return undefined;
};

/** Aliased fields in a selection, each fragment counted once per spread (memoised, so cycles and fans stay cheap). */
function aliases(selectionSet: SelectionSetNode | undefined, fragments: Record<string, FragmentDefinitionNode>, memo: Map<string, number>, stack = new Set<string>()): number {
  if (!selectionSet) return 0;
  let n = 0;
  for (const sel of selectionSet.selections) {
    if (sel.kind === Kind.FIELD) n += (sel.alias ? 1 : 0) + aliases(sel.selectionSet, fragments, memo, stack);
    else if (sel.kind === Kind.INLINE_FRAGMENT) n += aliases(sel.selectionSet, fragments, memo, stack);
    else {
      const name = sel.name.value;
      if (stack.has(name) || !fragments[name]) continue; // a cycle: graphql-js refuses it anyway
      if (!memo.has(name)) {
        stack.add(name);
        memo.set(name, aliases(fragments[name].selectionSet, fragments, memo, stack));
        stack.delete(name);
      }
      n += memo.get(name)!;
    }
    if (n > 1e9) return n;
  }
  return n;
}

function depth(selectionSet: SelectionSetNode | undefined, fragments: Record<string, FragmentDefinitionNode>, seen = new Set<string>()): number {
  if (!selectionSet) return 0;
  let max = 0;
  for (const sel of selectionSet.selections) {
    if (sel.kind === Kind.FIELD) {
      if (sel.name.value.startsWith('__')) continue;
      max = Math.max(max, 1 + depth(sel.selectionSet, fragments, seen));
    } else if (sel.kind === Kind.INLINE_FRAGMENT) {
      max = Math.max(max, depth(sel.selectionSet, fragments, seen));
    } else if (!seen.has(sel.name.value) && fragments[sel.name.value]) {
      max = Math.max(max, depth(fragments[sel.name.value].selectionSet, fragments, new Set([...seen, sel.name.value])));
    }
  }
  return max;
}

/** Refuses too-deep, too-aliased or too-costly operations before they run, with a coded error that gives the numbers. */
export function queryLimitsPlugin(schema: GraphQLSchema, limits: QueryLimits = DEFAULT_LIMITS): ApolloServerPlugin {
  const roots = new Set([schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()].filter(Boolean));
  /** Every root field costs ROOT_FIELD_COST on top of what it selects. */
  const rootEstimator: ComplexityEstimator = (options) => {
    if (!roots.has(options.type as never)) return undefined;
    const own = listEstimator(options) ?? 1 + options.childComplexity;
    return own + ROOT_FIELD_COST;
  };
  // Apollo parses each distinct query text once and reuses the document, so the numbers are kept per
  // document (and variables), and a repeated query is not measured again.
  const known = new WeakMap<DocumentNode, Map<string, number>>();
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, operation }) {
          const fragments = Object.fromEntries(
            (document as DocumentNode).definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]),
          );
          const a = aliases(operation?.selectionSet, fragments, new Map());
          if (a > limits.maxAliases) {
            throw new GraphQLError(`The query has ${a} aliased fields; the limit is ${limits.maxAliases}. Send fewer aliases, or several requests.`, {
              extensions: { code: 'TOO_MANY_ALIASES', aliases: a, maxAliases: limits.maxAliases, http: { status: 400 } },
            });
          }
          const d = depth(operation?.selectionSet, fragments);
          if (d > limits.maxDepth) {
            throw new GraphQLError(`The query is ${d} levels deep; the limit is ${limits.maxDepth}.`, { extensions: { code: 'QUERY_TOO_DEEP', depth: d, maxDepth: limits.maxDepth, http: { status: 400 } } });
          }
          const key = `${request.operationName ?? ''}|${JSON.stringify(request.variables ?? {})}`;
          const seen = known.get(document) ?? new Map<string, number>();
          known.set(document, seen);
          let cost = seen.get(key);
          if (cost === undefined) {
            // Variables of the wrong type, or missing: Apollo refuses them itself (BAD_USER_INPUT, 400) before
            // anything runs, so they are not measured here (getComplexity would throw on them).
            if (!operation || getVariableValues(schema, operation.variableDefinitions ?? [], request.variables ?? {}, { maxErrors: 1 }).errors) return;
            cost = getComplexity({
              schema,
              query: document,
              operationName: request.operationName ?? undefined,
              variables: request.variables ?? {},
              estimators: [rootEstimator, listEstimator, simpleEstimator({ defaultComplexity: 1 })],
            });
            if (seen.size < 100) seen.set(key, cost);
          }
          if (cost > limits.maxCost) {
            throw new GraphQLError(`The query would cost ${cost}; the limit is ${limits.maxCost}. Ask for fewer rows (limit) or fewer nested lists.`, {
              extensions: { code: 'QUERY_TOO_COSTLY', cost, maxCost: limits.maxCost, http: { status: 400 } },
            });
          }
        },
      };
    },
  };
}
