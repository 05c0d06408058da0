import {
  Kind, print as printAst, visit, getArgumentValues, getNamedType, getNullableType, getVariableValues, isObjectType,
  type ASTNode, type ArgumentNode, type FragmentDefinitionNode, type DocumentNode, type FieldNode, type GraphQLObjectType, type GraphQLSchema, type OperationDefinitionNode, type SelectionSetNode,
} from 'graphql';
import { PAGE } from '../../schema/common/sort';
import { TYPE_TABLES } from '../cache/tables';
import type { TrackedTable } from '../../schema/cache/data-generation.entity';
import { badInput } from '../errors';

/** The variables a page of a dataset's root list is asked for with (names no saved query uses). */
export const PAGE_LIMIT = 'planhubPageLimit';
export const PAGE_OFFSET = 'planhubPageOffset';

/**
 * A dataset whose query reads one paged list (`indicators(filter, limit, offset) { totalCount items { … } }`,
 * the ledger, evaluations …) is read page by page, so a large download never holds the whole
 * answer: the same rows as the query answers in one piece, in the same order.
 */
export interface PagedRoot {
  /** The response key of the root field. */
  key: string;
  /** The first item and how many the query asks for (its limit, or the lists' default). */
  offset: number;
  limit: number;
  /** The query with the root field's selection cut to `totalCount`: checks every argument (filter, limit, offset, access) and counts. */
  probe: string;
  /** The query with the root field's limit and offset taken from PAGE_LIMIT and PAGE_OFFSET. */
  page: string;
  /** The tables whose rows the list pages through: a page read after one of them changed could skip or repeat a row. */
  tables: readonly TrackedTable[];
}

/** The root field of a one-field query over a paged list, with its paging read from the query and its variables; null when the query is not one. */
export function pagedRoot(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode, variables: Record<string, unknown>): PagedRoot | null {
  const fields = operation.selectionSet.selections.filter((s) => !(s.kind === Kind.FIELD && s.name.value === '__typename' && !s.alias));
  if (fields.length !== 1 || fields[0].kind !== Kind.FIELD) return null;
  const field = fields[0];
  const def = schema.getQueryType()!.getFields()[field.name.value];
  if (!def || !def.args.some((a) => a.name === 'limit') || !def.args.some((a) => a.name === 'offset')) return null;
  const pageType = getNullableType(def.type);
  if (!isObjectType(pageType) || !pageType.getFields().totalCount || !pageType.getFields().items) return null;
  if (!isObjectType(getNamedType(pageType.getFields().items.type))) return null;
  const used = new Set((operation.variableDefinitions ?? []).map((d) => d.variable.name.value));
  if (used.has(PAGE_LIMIT) || used.has(PAGE_OFFSET)) return null;

  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables);
  if (coerced.errors) {
    const [first] = coerced.errors;
    throw badInput('variables', first.message, { reason: 'PARAMETER_TYPE' });
  }
  const args = getArgumentValues(def, field, coerced.coerced);
  const limit = (args.limit as number | null | undefined) ?? PAGE.defaultLimit;
  const offset = (args.offset as number | null | undefined) ?? 0;

  const rewrite = (selectionSet: SelectionSetNode | undefined, paged: boolean): string => {
    const argumentsOut: ArgumentNode[] = (field.arguments ?? []).filter((a) => !paged || (a.name.value !== 'limit' && a.name.value !== 'offset'));
    if (paged) {
      for (const [name, variable] of [['limit', PAGE_LIMIT], ['offset', PAGE_OFFSET]] as const) {
        argumentsOut.push({ kind: Kind.ARGUMENT, name: { kind: Kind.NAME, value: name }, value: { kind: Kind.VARIABLE, name: { kind: Kind.NAME, value: variable } } });
      }
    }
    const root: FieldNode = { ...field, arguments: argumentsOut, selectionSet };
    const variableDefinitions = [...(operation.variableDefinitions ?? [])];
    if (paged) {
      for (const name of [PAGE_LIMIT, PAGE_OFFSET]) {
        variableDefinitions.push({
          kind: Kind.VARIABLE_DEFINITION,
          variable: { kind: Kind.VARIABLE, name: { kind: Kind.NAME, value: name } },
          type: { kind: Kind.NON_NULL_TYPE, type: { kind: Kind.NAMED_TYPE, name: { kind: Kind.NAME, value: 'Int' } } },
        });
      }
    }
    const selection: SelectionSetNode = { kind: Kind.SELECTION_SET, selections: [root] };
    // Variables only the cut selection or the replaced paging used are dropped (graphql refuses unused ones).
    const kept = variablesUsed(selection, paged ? fragmentsOf(document) : new Map());
    const op: OperationDefinitionNode = { ...operation, variableDefinitions: variableDefinitions.filter((d) => kept.has(d.variable.name.value)), selectionSet: selection };
    return printDocument({ ...document, definitions: document.definitions.map((d) => (d === operation ? op : d)) }, paged);
  };
  const countOnly: SelectionSetNode = { kind: Kind.SELECTION_SET, selections: [{ kind: Kind.FIELD, name: { kind: Kind.NAME, value: 'totalCount' } }] };
  return {
    key: field.alias?.value ?? field.name.value,
    offset,
    limit,
    probe: rewrite(countOnly, false),
    page: rewrite(field.selectionSet, true),
    tables: TYPE_TABLES[(pageType as GraphQLObjectType).name] ?? [],
  };
}

function fragmentsOf(document: DocumentNode): Map<string, FragmentDefinitionNode> {
  return new Map(document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]));
}

/** The variables a selection refers to, through the fragments it spreads. */
function variablesUsed(selection: SelectionSetNode, fragments: Map<string, FragmentDefinitionNode>): Set<string> {
  const names = new Set<string>();
  const seen = new Set<string>();
  const walk = (node: ASTNode) =>
    visit(node, {
      Variable: (v) => void names.add(v.name.value),
      FragmentSpread: (f) => {
        const fragment = fragments.get(f.name.value);
        if (fragment && !seen.has(f.name.value)) {
          seen.add(f.name.value);
          walk(fragment);
        }
      },
    });
  walk(selection);
  return names;
}

/** Prints the rewritten document; the probe drops fragments its cut selection no longer spreads (graphql refuses unused fragments). */
function printDocument(document: DocumentNode, keepFragments: boolean): string {
  const definitions = keepFragments ? document.definitions : document.definitions.filter((d) => d.kind !== Kind.FRAGMENT_DEFINITION);
  return printAst({ ...document, definitions });
}

/**
 * How many root items the next page asks for: pages start at one item, so an item with thousands of
 * nested rows (an indicator's year targets) is read alone, and grow fourfold while the rows per item
 * stay few, up to the lists' largest page; about ROWS_PER_PAGE flattened rows are held at a time.
 */
export const ROWS_PER_PAGE = 2000;
export function nextPageSize(previous: number, items: number, rows: number): number {
  const perItem = items > 0 ? Math.max(1, rows / items) : 1;
  return Math.max(1, Math.min(previous * 4, Math.floor(ROWS_PER_PAGE / perItem), PAGE.maxLimit));
}
