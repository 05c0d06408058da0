import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, getNullableType, isListType, Kind, type DocumentNode, type GraphQLSchema, type SelectionSetNode, type FragmentDefinitionNode } from 'graphql';
import { getComplexity, simpleEstimator, type ComplexityEstimator } from 'graphql-query-complexity';
import { PAGE } from '../../schema/common/sort';

export interface QueryLimits {
  maxDepth: number;
  maxCost: number;
}

/**
 * Sized so the UI's own largest query passes (a page of 1,000 indicators with responsibilities,
 * departments and special targets costs about 120,000) and a query that multiplies lists inside
 * lists does not.
 */
export const DEFAULT_LIMITS: QueryLimits = { maxDepth: 12, maxCost: 250_000 };

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

/** Refuses too-deep or too-costly operations before they run, with a coded error that gives the numbers. */
export function queryLimitsPlugin(schema: GraphQLSchema, limits: QueryLimits = DEFAULT_LIMITS): ApolloServerPlugin {
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
          const d = depth(operation?.selectionSet, fragments);
          if (d > limits.maxDepth) {
            throw new GraphQLError(`The query is ${d} levels deep; the limit is ${limits.maxDepth}.`, { extensions: { code: 'QUERY_TOO_DEEP', depth: d, maxDepth: limits.maxDepth, http: { status: 400 } } });
          }
          const key = `${request.operationName ?? ''}|${JSON.stringify(request.variables ?? {})}`;
          const seen = known.get(document) ?? new Map<string, number>();
          known.set(document, seen);
          const cost = seen.get(key) ?? getComplexity({
            schema,
            query: document,
            operationName: request.operationName ?? undefined,
            variables: request.variables ?? {},
            estimators: [listEstimator, simpleEstimator({ defaultComplexity: 1 })],
          });
          if (seen.size < 100) seen.set(key, cost);
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
