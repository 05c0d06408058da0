import {
  Kind, getNamedType, isEnumType, isInputObjectType, isInterfaceType, isLeafType, isObjectType, parse,
  type DocumentNode, type FragmentDefinitionNode, type GraphQLNamedType, type GraphQLSchema, type OperationDefinitionNode, type SelectionSetNode, type TypeNode,
} from 'graphql';
import { DESCRIPTORS } from '../../tables/descriptors.generated';
import type { Lang } from '../../i18n';

/** A variable the query declares: what the form asks for. */
export interface VariableSpec {
  name: string;
  /** As written: `Int`, `[ResponsibilityRole!]`, `IndicatorAttribute!`. */
  type: string;
  /** The named type under the list and non-null marks. */
  named: string;
  kind: 'int' | 'float' | 'boolean' | 'enum' | 'text' | 'json';
  list: boolean;
  required: boolean;
  /** Enum values, for a select (or to check each item of a list). */
  values?: string[];
  /** The default written in the query (`$limit: Int = 10`), as text. */
  queryDefault?: string;
}

/** A column of the flattened answer (server/datasets/dataset.query.ts shapeOf, the same walk). */
export interface ColumnSpec {
  path: string;
  /** Type and field the value comes from (null without the schema): for the default label. */
  parentType: string | null;
  field: string;
}

export interface Analysis {
  variables: VariableSpec[];
  columns: ColumnSpec[];
}

/**
 * The variables and columns of a query as it is typed, or null while it does not parse or holds
 * other than one operation (the form and the table then keep what they showed).
 */
export function analyse(text: string, schema: GraphQLSchema | null | undefined): Analysis | null {
  let document: DocumentNode;
  try {
    document = parse(text);
  } catch {
    return null;
  }
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  if (operations.length !== 1) return null;
  const [operation] = operations;
  return { variables: variablesOf(operation, schema ?? null), columns: columnsOf(document, operation, schema ?? null) };
}

function typeText(t: TypeNode): string {
  if (t.kind === Kind.NON_NULL_TYPE) return `${typeText(t.type)}!`;
  if (t.kind === Kind.LIST_TYPE) return `[${typeText(t.type)}]`;
  return t.name.value;
}

function namedOf(t: TypeNode): { name: string; list: boolean } {
  if (t.kind === Kind.NON_NULL_TYPE) return namedOf(t.type);
  if (t.kind === Kind.LIST_TYPE) return { name: namedOf(t.type).name, list: true };
  return { name: t.name.value, list: false };
}

function variablesOf(operation: OperationDefinitionNode, schema: GraphQLSchema | null): VariableSpec[] {
  return (operation.variableDefinitions ?? []).map((d) => {
    const { name: named, list } = namedOf(d.type);
    const type = schema?.getType(named);
    let kind: VariableSpec['kind'] = 'text';
    if (named === 'Int') kind = 'int';
    else if (named === 'Float') kind = 'float';
    else if (named === 'Boolean') kind = 'boolean';
    else if (type && isEnumType(type)) kind = 'enum';
    else if (type && isInputObjectType(type)) kind = 'json';
    return {
      name: d.variable.name.value,
      type: typeText(d.type),
      named,
      kind,
      list,
      required: d.type.kind === Kind.NON_NULL_TYPE && !d.defaultValue,
      values: type && isEnumType(type) ? type.getValues().map((v) => v.name) : undefined,
      queryDefault: d.defaultValue ? printValue(d.defaultValue) : undefined,
    };
  });
}

function printValue(v: NonNullable<OperationDefinitionNode['variableDefinitions']>[number]['defaultValue']): string {
  if (!v) return '';
  switch (v.kind) {
    case Kind.INT: case Kind.FLOAT: case Kind.STRING: case Kind.ENUM: return v.value;
    case Kind.BOOLEAN: return String(v.value);
    case Kind.NULL: return 'null';
    case Kind.LIST: return v.values.map(printValue).join(',');
    default: return '';
  }
}

function columnsOf(document: DocumentNode, operation: OperationDefinitionNode, schema: GraphQLSchema | null): ColumnSpec[] {
  const fragments = new Map(document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]));
  const columns: ColumnSpec[] = [];
  const seen = new Set<string>();
  const walk = (set: SelectionSetNode, parent: GraphQLNamedType | null, prefix: string, depth: number) => {
    if (depth > 50) return; // a fragment that spreads itself: the server refuses it, the table stops
    for (const sel of set.selections) {
      if (sel.kind === Kind.FRAGMENT_SPREAD || sel.kind === Kind.INLINE_FRAGMENT) {
        const frag = sel.kind === Kind.FRAGMENT_SPREAD ? fragments.get(sel.name.value) : sel;
        if (!frag) continue;
        const cond = frag.typeCondition ? (schema?.getType(frag.typeCondition.name.value) ?? null) : parent;
        walk(frag.selectionSet, cond ?? parent, prefix, depth + 1);
        continue;
      }
      const name = sel.name.value;
      if (name === '__typename' && !sel.alias) continue;
      const key = sel.alias?.value ?? name;
      const path = prefix ? `${prefix}.${key}` : key;
      const def = parent && (isObjectType(parent) || isInterfaceType(parent)) ? parent.getFields()[name] : undefined;
      const named = def ? getNamedType(def.type) : null;
      // A leaf: by the schema when it knows the field, else by the absence of a selection.
      if (named ? isLeafType(named) : !sel.selectionSet) {
        if (!seen.has(path)) {
          seen.add(path);
          columns.push({ path, parentType: parent?.name ?? null, field: name });
        }
        continue;
      }
      if (sel.selectionSet) walk(sel.selectionSet, named, path, depth + 1);
    }
  };
  walk(operation.selectionSet, schema?.getQueryType() ?? null, '', 0);
  return columns;
}

/**
 * The labels the server gives columns that have none (dataset.query.ts defaultColumnLabels): the
 * field's Chinese label from the table descriptors, each label once, else none (the header is then
 * the path).
 */
export function defaultLabels(columns: ColumnSpec[]): Record<string, string> {
  const byType = new Map<string, Map<string, string>>();
  for (const d of Object.values(DESCRIPTORS)) byType.set(d.typeName, new Map(d.fields.map((f) => [f.field, f.label.zh])));
  const labels: Record<string, string> = {};
  const used = new Set<string>();
  for (const c of columns) {
    const label = c.parentType ? byType.get(c.parentType)?.get(c.field) : undefined;
    if (label && !used.has(label)) {
      labels[c.path] = label;
      used.add(label);
    }
  }
  return labels;
}

// ---- variable values: typed in the form as a link's parameters are (server: variablesFromQueryString) ----

/** A saved default value as the form shows it: lists comma-separated, input objects as JSON. */
export function toFormText(value: unknown, spec: VariableSpec | undefined): string {
  if (value == null) return '';
  if (Array.isArray(value) && spec?.list) return value.map((v) => (typeof v === 'object' ? JSON.stringify(v) : String(v))).join(',');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

const zhen = (lang: Lang, zh: string, en: string) => (lang === 'zh' ? zh : en);

/**
 * The form's text read as the variable's type: `{ value }` (undefined when empty: no default), or
 * `{ error }` in the reader's language, naming what was expected.
 */
export function readVariable(raw: string, spec: VariableSpec, lang: Lang): { value: unknown } | { error: string } {
  const text = raw.trim();
  if (text === '') return { value: undefined };
  if (spec.kind === 'json') {
    try {
      return { value: JSON.parse(text) };
    } catch {
      return { error: zhen(lang, `应为 ${spec.named} 的 JSON，如 {"…": …}`, `must be JSON for ${spec.named}, e.g. {"…": …}`) };
    }
  }
  if (spec.list) {
    const items = text.split(',').map((s) => s.trim());
    const out: unknown[] = [];
    for (const item of items) {
      const one = readOne(item, spec, lang);
      if ('error' in one) return { error: zhen(lang, `列表中的「${item}」${one.error}（多个值用逗号分隔）`, `"${item}" in the list ${one.error} (separate values with commas)`) };
      out.push(one.value);
    }
    return { value: out };
  }
  const one = readOne(text, spec, lang);
  return 'error' in one ? { error: zhen(lang, `「${text}」${one.error}`, `"${text}" ${one.error}`) } : one;
}

function readOne(text: string, spec: VariableSpec, lang: Lang): { value: unknown } | { error: string } {
  switch (spec.kind) {
    case 'int':
      if (!/^-?\d+$/.test(text) || Math.abs(Number(text)) > 2 ** 31 - 1) return { error: zhen(lang, `不是整数（${spec.name} 的类型为 ${spec.type}）`, `is not a whole number (${spec.name} is ${spec.type})`) };
      return { value: Number(text) };
    case 'float':
      if (!Number.isFinite(Number(text))) return { error: zhen(lang, `不是数字（${spec.name} 的类型为 ${spec.type}）`, `is not a number (${spec.name} is ${spec.type})`) };
      return { value: Number(text) };
    case 'boolean':
      if (/^(true|1)$/i.test(text)) return { value: true };
      if (/^(false|0)$/i.test(text)) return { value: false };
      return { error: zhen(lang, '应为 true 或 false', 'must be true or false') };
    case 'enum':
      if (spec.values && !spec.values.includes(text)) return { error: zhen(lang, `不是可选值之一：${spec.values.join('、')}`, `is not one of ${spec.values.join(', ')}`) };
      return { value: text };
    default:
      return { value: text };
  }
}
