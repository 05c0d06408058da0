import {
  GraphQLError, Kind, OperationTypeNode, getNamedType, getNullableType, isEnumType, isLeafType, isListType, isNonNullType,
  isObjectType, isInterfaceType, isUnionType, parse, print, typeFromAST, validate,
  type DocumentNode, type FragmentDefinitionNode, type GraphQLNamedType, type GraphQLSchema, type GraphQLType, type OperationDefinitionNode, type SelectionSetNode,
} from 'graphql';
import { badInput } from '../errors';
import { DESCRIPTORS } from '../../schema/descriptors';

/** A saved query, parsed and checked against the schema. */
export interface CheckedQuery {
  document: DocumentNode;
  operation: OperationDefinitionNode;
  /** The query as graphql-js prints it: the same text whatever the spacing and comments (the allow-list compares these). */
  normalised: string;
}

/** The query text as graphql-js prints it, or null when it does not parse. */
export function normaliseQuery(text: string): string | null {
  try {
    return print(parse(text));
  } catch {
    return null;
  }
}

/**
 * A dataset's query must parse, validate against the schema and hold exactly one operation, a
 * query: a link is a GET and reads only. Refusals are BAD_USER_INPUT on `field` with a reason.
 */
export function checkQuery(schema: GraphQLSchema, text: string, field = 'query'): CheckedQuery {
  let document: DocumentNode;
  try {
    document = parse(text);
  } catch (error) {
    throw badInput(field, `the query does not parse: ${(error as GraphQLError).message}`, { reason: 'QUERY_SYNTAX' });
  }
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  if (operations.length !== 1) throw badInput(field, `a dataset holds exactly one operation, this query has ${operations.length}`, { reason: 'QUERY_OPERATIONS' });
  const [operation] = operations;
  if (operation.operation !== OperationTypeNode.QUERY) throw badInput(field, `a dataset reads only: a ${operation.operation} cannot be saved, write a query`, { reason: 'QUERY_NOT_READ' });
  const errors = validate(schema, document);
  if (errors.length) throw badInput(field, `the query does not fit the schema: ${errors.map((e) => e.message).join(' ')}`, { reason: 'QUERY_INVALID' });
  return { document, operation, normalised: print(document) };
}

/** Parses a JSON object argument (variables, column labels); null or empty is {}. */
export function jsonObject(text: string | null | undefined, field: string): Record<string, unknown> {
  if (text == null || text.trim() === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw badInput(field, `not valid JSON: ${(error as Error).message}`);
  }
  if (value == null || typeof value !== 'object' || Array.isArray(value)) throw badInput(field, 'must be a JSON object, e.g. {"year": 2019}');
  return value as Record<string, unknown>;
}

/**
 * The operation's variables from a link's query string: each parameter must name a variable and is
 * read as its type (Int, Float, Boolean, enums, ID and String; a list as comma-separated values).
 * A value of the wrong type or an unknown parameter is BAD_USER_INPUT naming the parameter.
 */
export function variablesFromQueryString(schema: GraphQLSchema, operation: OperationDefinitionNode, params: Record<string, string>): Record<string, unknown> {
  const defs = new Map((operation.variableDefinitions ?? []).map((d) => [d.variable.name.value, d]));
  const out: Record<string, unknown> = {};
  for (const [name, raw] of Object.entries(params)) {
    const def = defs.get(name);
    if (!def) {
      const known = [...defs.keys()];
      throw badInput(name, `unknown parameter "${name}": this dataset takes ${known.length ? known.map((k) => `"${k}"`).join(', ') : 'no parameters'}`, { reason: 'UNKNOWN_PARAMETER' });
    }
    const type = typeFromAST(schema, def.type as never) as GraphQLType | undefined;
    if (!type) throw badInput(name, `the variable "${name}" has a type the schema does not know`);
    out[name] = coerce(name, raw, type);
  }
  return out;
}

function coerce(name: string, raw: string, type: GraphQLType): unknown {
  const nullable = getNullableType(type) as GraphQLType;
  if (isListType(nullable)) {
    if (raw === '') return [];
    return raw.split(',').map((part) => coerce(name, part.trim(), nullable.ofType));
  }
  const named = nullable as GraphQLNamedType;
  const wrong = (what: string) => badInput(name, `"${raw}" is not ${what} (parameter ${name}, type ${String(type)})`, { reason: 'PARAMETER_TYPE', type: String(type) });
  if (raw === '' && !isNonNullType(type)) return null;
  if (isEnumType(named)) {
    const values = named.getValues().map((v) => v.name);
    if (!values.includes(raw)) throw wrong(`one of ${values.join(', ')}`);
    return raw;
  }
  switch (named.name) {
    case 'Int': {
      if (!/^-?\d+$/.test(raw) || Math.abs(Number(raw)) > 2 ** 31 - 1) throw wrong('a whole number');
      return Number(raw);
    }
    case 'Float': {
      const n = Number(raw);
      if (raw.trim() === '' || !Number.isFinite(n)) throw wrong('a number');
      return n;
    }
    case 'Boolean': {
      if (/^(true|1)$/i.test(raw)) return true;
      if (/^(false|0)$/i.test(raw)) return false;
      throw wrong('true or false');
    }
    case 'String':
    case 'ID':
    case 'DateTime':
      return raw;
    default:
      // An input object: its JSON.
      try {
        return JSON.parse(raw);
      } catch {
        throw wrong(`JSON for ${named.name}`);
      }
  }
}

/** A column of the flattened answer: a leaf field, by its path of response keys. */
export interface Column {
  path: string;
  /** The GraphQL type of the leaf (Int, Float, Boolean, String, an enum…). */
  type: string;
  /** Whether the leaf is itself a list of scalars (joined with "; " in a cell). */
  list: boolean;
  /** Type and field the value comes from, for default labels. */
  parentType: string;
  field: string;
}

/** The selection as a tree of response keys: leaves are columns, inner nodes objects or lists of objects. */
export interface SelectionNode {
  key: string;
  list: boolean;
  column?: number;
  children?: SelectionNode[];
}

export interface Shape {
  columns: Column[];
  roots: SelectionNode[];
}

/** The columns and the tree the flattening follows, from the operation's selection (so empty lists still have their columns). */
export function shapeOf(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode): Shape {
  const fragments = new Map(document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]));
  const columns: Column[] = [];
  const walk = (set: SelectionSetNode, parent: GraphQLNamedType, prefix: string, nodes: SelectionNode[]) => {
    for (const sel of set.selections) {
      if (sel.kind === Kind.FRAGMENT_SPREAD || sel.kind === Kind.INLINE_FRAGMENT) {
        const frag = sel.kind === Kind.FRAGMENT_SPREAD ? fragments.get(sel.name.value) : sel;
        if (!frag) continue;
        const cond = frag.typeCondition ? schema.getType(frag.typeCondition.name.value) : parent;
        walk(frag.selectionSet, cond ?? parent, prefix, nodes);
        continue;
      }
      const name = sel.name.value;
      if (name === '__typename' && !sel.alias) continue;
      const key = sel.alias?.value ?? name;
      const fields = isObjectType(parent) || isInterfaceType(parent) ? parent.getFields() : {};
      const def = name === '__typename' ? null : fields[name];
      const type = def?.type ?? null;
      const path = prefix ? `${prefix}.${key}` : key;
      let node = nodes.find((n) => n.key === key);
      const named = type ? getNamedType(type) : null;
      const isList = type ? isListType(getNullableType(type)) : false;
      if (!named || isLeafType(named)) {
        if (!node) {
          node = { key, list: false, column: columns.length };
          nodes.push(node);
          columns.push({ path, type: named?.name ?? 'String', list: isList, parentType: parent.name, field: name });
        }
        continue;
      }
      if (!node) {
        node = { key, list: isList, children: [] };
        nodes.push(node);
      }
      if (sel.selectionSet && (isObjectType(named) || isInterfaceType(named) || isUnionType(named))) walk(sel.selectionSet, named, path, node.children!);
    }
  };
  const roots: SelectionNode[] = [];
  walk(operation.selectionSet, schema.getQueryType()!, '', roots);
  return { columns, roots };
}

/** Labels for columns without one: the field's Chinese label from the table descriptors, else the path. */
export function defaultColumnLabels(columns: Column[]): Record<string, string> {
  const byType = new Map<string, Map<string, string>>();
  for (const d of Object.values(DESCRIPTORS)) byType.set(d.typeName, new Map(d.fields.map((f) => [f.field, f.label.zh])));
  const labels: Record<string, string> = {};
  const used = new Set<string>();
  for (const c of columns) {
    const label = byType.get(c.parentType)?.get(c.field);
    if (label && !used.has(label)) {
      labels[c.path] = label;
      used.add(label);
    }
  }
  return labels;
}

/** Cell values of one row, by column index; the array is reused: use or copy it before asking for the next row. */
export type Row = unknown[];

/**
 * The nested answer as rows: one per leaf list item, parent fields repeated; sibling lists give
 * every combination (as a join would); an empty or null list still gives its parent's row, with
 * empty cells for the list's columns. A generator, so rows are produced while they are written.
 */
export function* flatten(data: Record<string, unknown> | null | undefined, shape: Shape): Generator<Row> {
  const row: Row = new Array(shape.columns.length).fill(null);
  yield* rowsOf(data ?? {}, shape.roots, row, shape.columns);
}

function clear(nodes: SelectionNode[], row: Row) {
  for (const n of nodes) {
    if (n.column != null) row[n.column] = null;
    else clear(n.children ?? [], row);
  }
}

function cell(value: unknown, column: Column): unknown {
  if (value == null) return null;
  if (Array.isArray(value)) return value.map((v) => (v != null && typeof v === 'object' ? JSON.stringify(v) : String(v))).join('; ');
  if (typeof value === 'object') return JSON.stringify(value);
  void column;
  return value;
}

function* rowsOf(obj: unknown, nodes: SelectionNode[], row: Row, columns: Column[]): Generator<Row> {
  const lists: { node: SelectionNode; items: unknown[] }[] = [];
  const fill = (o: unknown, ns: SelectionNode[]) => {
    const rec = (o ?? {}) as Record<string, unknown>;
    for (const n of ns) {
      const v = rec[n.key];
      if (n.column != null) row[n.column] = cell(v, columns[n.column]);
      else if (n.list) lists.push({ node: n, items: Array.isArray(v) ? v : [] });
      else fill(v, n.children ?? []);
    }
  };
  fill(obj, nodes);
  yield* product(lists, 0, row, columns);
}

function* product(lists: { node: SelectionNode; items: unknown[] }[], i: number, row: Row, columns: Column[]): Generator<Row> {
  if (i === lists.length) {
    yield row;
    return;
  }
  const { node, items } = lists[i];
  if (!items.length) {
    clear(node.children ?? [], row);
    yield* product(lists, i + 1, row, columns);
    return;
  }
  for (const item of items) {
    clear(node.children ?? [], row);
    for (const r of rowsOf(item, node.children ?? [], row, columns)) yield* product(lists, i + 1, r, columns);
  }
}
