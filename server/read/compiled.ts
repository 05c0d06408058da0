import {
  getNamedType,
  getNullableType,
  getOperationAST,
  getVariableValues,
  isEnumType,
  isListType,
  isNonNullType,
  parse,
  validate,
  type DocumentNode,
  type GraphQLLeafType,
  type GraphQLObjectType,
  type GraphQLOutputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import type { MetadataStorage, QueryOrderKeys } from '@mikro-orm/core';
import type { Em } from '../orm';
import type { QueryBuilder } from '../db/types';
import type { Sql, Row } from '../db/driver';
import { normaliseName } from '../../schema/departments/department.entity';
import type { ItemKind } from '../../schema/responsibilities/responsibility.entity';
import { findArgumentTextProblem } from '../../schema/common/text';
import { ITEM_TYPE_OF_KIND, fkColumn, readTypes, type ReadType } from './model';
import { argumentsOf, selectedIn, subfields, type Operation, type Selected } from './selection';

/**
 * Compiled reads (Hasura's way): a query over departments — the department page, the cross-link of a
 * BI tool — or over a plan table's list — a grid page — becomes ONE SQL statement per root field (a
 * list: its count, and its page) that builds the whole answer as JSON inside the database (SQLite
 * json_object/json_group_array, PostgreSQL json_build_object/json_agg), nested relations as
 * correlated subqueries; a field computed in the process (BATCHED: an indicator's progress) is filled
 * in for the whole page at once by its service. The process parses that text once and puts each leaf through
 * its GraphQL type's serialize, so the answer is byte for byte what graphql-js gives, without a
 * resolver, a promise or an entity per row, and without Apollo's per-request pipeline.
 *
 * It answers only what it fully understands: a query operation whose every root field, field and
 * argument it knows (the read layer's types and relations), on a document that graphql-js validates,
 * after the same access and limit checks Apollo runs (the same plugin objects). Anything else — an
 * unknown field, a DateTime leaf, a bad argument, an unknown plan code, a null where the schema says
 * non-null, any error at all — is left to Apollo, which answers it as before (reads change nothing,
 * so running it again there is safe). The filters, orders and "each row once" rules are the read
 * layer's (server/read/reader.ts), written here as SQL.
 */

/** Thrown while building or completing an answer: let Apollo answer instead. */
class NotCompiled extends Error {}
const notCompiled = (why: string): never => {
  throw new NotCompiled(why);
};

/** JSON building for one engine. */
interface Dialect {
  object(pairs: [string, string][]): string;
  /** An aggregate over the rows of a select: the array of `value`, in `order`. */
  array(value: string, order: string): string;
  /** A scalar subquery whose value is JSON, used inside an object. */
  nested(select: string): string;
  /** A floating-point column, so that the parsed JSON holds the exact double. */
  real(column: string): string;
}

const SQLITE: Dialect = {
  object: (pairs) => `json_object(${pairs.map(([k, v]) => `'${k}', ${v}`).join(', ')})`,
  // An aggregate's ORDER BY sorts its values as plain text, dropping their JSON subtype (json_group_array
  // would then quote each object): the objects' text is joined instead, and json() makes it JSON again.
  array: (value, order) => `json('[' || coalesce(group_concat(${value}, ',' order by ${order}), '') || ']')`,
  // A value's JSON subtype does not survive a subquery: json() marks it again.
  nested: (select) => `json((${select}))`,
  // json_object prints a REAL with 15 significant digits; 17 are exact (read back with Number()).
  real: (column) => `case when ${column} is null then null else printf('%!.17g', ${column}) end`,
};

const POSTGRES: Dialect = {
  object: (pairs) => `json_build_object(${pairs.map(([k, v]) => `'${k}', ${v}`).join(', ')})`,
  array: (value, order) => `coalesce(json_agg(${value} order by ${order}), '[]'::json)`,
  nested: (select) => `(${select})`,
  // float8 in JSON is the shortest exact form (extra_float_digits ≥ 1).
  real: (column) => column,
};

/** At most this many fields per object (PostgreSQL functions take at most 100 arguments). */
const MAX_PAIRS = 50;

/** How a parsed JSON value becomes the answer's value. */
type Complete = (value: unknown) => unknown;

/** A level of the answer: each response key, how its value is completed. */
interface Level {
  keys: string[];
  completes: Complete[];
}

const DEPARTMENT_ITEMS: Record<string, ItemKind> = {
  indicators: 'indicator',
  specialTargets: 'specialTarget',
  rectifications: 'rectification',
  innovationTopics: 'innovationTopic',
  standards: 'standard',
};

/** A root field as SQL: either one object (department) or rows of a list query (departments). */
interface Root {
  key: string;
  /** Runs the root's statement; `null` result means the field answers null. */
  run(ctx: RunContext): Promise<unknown>;
}

export interface RunContext {
  sql: Sql;
  /** A list query of the departments, as DepartmentService.listQuery makes it (made on demand). */
  departmentsQuery(search: string | null): QueryBuilder<any>;
  /** A plan table's list, as its service's listQuery makes it (checks paging, resolves plan and department: may throw a coded error). */
  itemsQuery(list: string, args: ListArgs): Promise<ListQuery>;
  /** A batched field's values for these row ids, in their order (BATCHED); may throw a coded error. */
  batch(field: string, ids: number[], args: Record<string, unknown>): Promise<unknown[]>;
  em: Em;
}

/**
 * Fields computed in the process, not in SQL, that a compiled list can still answer: the page's rows
 * come back with their ids, and the field's service computes the values for all of them at once (as
 * its DataLoader does on Apollo's path). Only on a list's items, with leaves under them.
 */
export const BATCHED = new Set(['Indicator.progress']);

/** A batched field selected on a list's items: its response key, field, arguments and completion. */
interface BatchField {
  key: string;
  field: string;
  args: Record<string, unknown>;
}

/** The hidden key carrying a row's id for batched fields (`$` cannot start a GraphQL name or alias). */
const ROW_ID = '$id';

/** The arguments of a plan table's list field, as graphql-js coerces them. */
export interface ListArgs {
  filter?: Record<string, unknown> | null;
  orderBy?: { field: string; direction?: string }[] | null;
  limit?: number | null;
  offset?: number | null;
}

/** What PlanItemService.listQuery answers: the filtered query (alias `e`), its order and paging. */
export interface ListQuery {
  qb: QueryBuilder<any>;
  order: Record<string, QueryOrderKeys<unknown>>[];
  take: number;
  skip: number;
}

/** The plan tables' list fields (Query.indicators …) and the kind each lists. */
export const LIST_ROOTS: Record<string, ItemKind> = DEPARTMENT_ITEMS;

/** A query compiled for one set of variables: its root fields in answer order. */
export interface CompiledRead {
  roots: Root[];
  /** Runs every root, and returns the whole response body as Apollo writes it. */
  execute(ctx: RunContext): Promise<string>;
}

class Compiler {
  private aliasCount = 0;
  /** Plan codes the statement names: each must exist, or Apollo answers (it gives the coded error). */
  planChecks: string[] = [];
  /** Batched fields of the top level (a list's items), when the caller collects them. */
  batched: BatchField[] | null = null;

  constructor(
    private readonly op: Operation,
    private readonly types: Map<string, ReadType>,
    private readonly metadata: MetadataStorage,
    private readonly d: Dialect,
    /** Parameters in the order of their `?` in the SQL being built. */
    readonly params: unknown[],
  ) {}

  alias(): string {
    return `t${++this.aliasCount}`;
  }

  typeOf(t: GraphQLObjectType | null): ReadType {
    const type = t && this.types.get(t.name);
    return type ?? notCompiled(`not a read type: ${t?.name}`);
  }

  /**
   * The JSON object of one row of `type` (table alias `a`) with the fields selected, and how its
   * parsed value is completed. Every parameter is pushed in SQL text order.
   */
  object(type: ReadType, gqlType: GraphQLObjectType, fields: Map<string, Selected>, a: string): { sql: string; level: Level } {
    const pairs: [string, string][] = [];
    const level: Level = { keys: [], completes: [] };
    if (fields.size > MAX_PAIRS) notCompiled('too many fields');
    const batched = this.batched;
    this.batched = null; // nested levels do not batch
    for (const f of fields.values()) {
      if (BATCHED.has(`${gqlType.name}.${f.name}`)) {
        if (!batched || !f.type) notCompiled(`${gqlType.name}.${f.name} below a list's items`);
        const inner: Level = { keys: [], completes: [] };
        for (const sub of subfields(this.op, f).values()) {
          if (sub.name !== '__typename' && !isLeafTypeWeServe(sub.def.type)) notCompiled(`${f.name}.${sub.name}`);
          inner.keys.push(sub.key);
          inner.completes.push(sub.name === '__typename' ? () => f.type!.name : leaf(sub.def.type, (v) => v));
        }
        batched!.push({ key: f.key, field: `${gqlType.name}.${f.name}`, args: argumentsOf(this.op, f) });
        // Its place in the answer: the value is put under its key once the rows are back.
        level.keys.push(f.key);
        level.completes.push(object(f.def.type, inner));
        if (!pairs.some(([k]) => k === ROW_ID)) pairs.unshift([ROW_ID, `${a}.id`]);
        continue;
      }
      if (f.name === '__typename') {
        pairs.push([f.key, `'${gqlType.name}'`]);
        level.keys.push(f.key);
        level.completes.push(leaf(f.def.type, (v) => v));
        continue;
      }
      if (f.def.args.length) {
        const args = argumentsOf(this.op, f);
        if (findArgumentTextProblem(f.def.args, args)) notCompiled('argument text');
      }
      const col = type.columns.get(f.name);
      if (col) {
        if (!isLeafTypeWeServe(f.def.type)) notCompiled(`leaf type of ${f.name}`);
        const sql = col.parts ? this.d.object(col.parts.map((p) => [p.property, p.sql(a)])) : col.real && this.d === SQLITE ? this.d.real(col.sql(a)) : col.sql(a);
        pairs.push([f.key, sql]);
        level.keys.push(f.key);
        level.completes.push(leaf(f.def.type, col.convert));
        continue;
      }
      const rel = this.relation(type, f, a);
      pairs.push([f.key, rel.sql]);
      level.keys.push(f.key);
      level.completes.push(rel.complete);
    }
    return { sql: this.d.object(pairs), level };
  }

  /** A field that is not a column: planCode, or a relation the read layer serves. */
  private relation(type: ReadType, f: Selected, a: string): { sql: string; complete: Complete } {
    const d = this.d;
    if (type.kind && f.name === 'planCode') return { sql: `(select p.code from plan p where p.id = ${a}.plan_id)`, complete: leaf(f.def.type, (v) => v) };
    const list = (select: (value: string, sub: ReadType, x: string) => string): { sql: string; complete: Complete } => {
      const sub = this.typeOf(f.type);
      const x = this.alias();
      const obj = this.object(sub, f.type!, subfields(this.op, f), x);
      return { sql: d.nested(select(obj.sql, sub, x)), complete: objects(f.def.type, obj.level) };
    };
    if (type.kind && f.name === 'responsibilities') {
      const fk = fkColumn(this.metadata, 'Responsibility', type.kind);
      return list((value, _sub, x) => `select ${d.array(value, `${x}.role, ${x}.id`)} from responsibility ${x} where ${x}.${fk} = ${a}.id`);
    }
    const linkedFrom = type.name === 'Indicator' && f.name === 'specialTargets' ? 'Indicator' : type.name === 'SpecialTarget' && f.name === 'indicators' ? 'SpecialTarget' : null;
    if (linkedFrom) {
      const owner = this.metadata.get('SpecialTarget').properties['indicatorRows' as never] as { pivotTable: string; joinColumns: string[]; inverseJoinColumns: string[] };
      const [targetCol, indicatorCol] = [owner.joinColumns[0], owner.inverseJoinColumns[0]];
      const [fromCol, toCol] = linkedFrom === 'Indicator' ? [indicatorCol, targetCol] : [targetCol, indicatorCol];
      const l = this.alias();
      return list((value, sub, x) => `select ${d.array(value, `${x}.plan_id, ${x}.seq, ${x}.id`)} from ${owner.pivotTable} ${l} join ${sub.table} ${x} on ${x}.id = ${l}.${toCol} where ${l}.${fromCol} = ${a}.id`);
    }
    if (type.name === 'Responsibility' && f.name === 'department') {
      const sub = this.typeOf(f.type);
      const x = this.alias();
      const obj = this.object(sub, f.type!, subfields(this.op, f), x);
      const fk = fkColumn(this.metadata, 'Responsibility', 'department');
      return { sql: d.nested(`select ${obj.sql} from department ${x} where ${x}.id = ${a}.${fk}`), complete: object(f.def.type, obj.level) };
    }
    if (type.name === 'Department' && f.name === 'aliases') {
      const x = this.alias();
      const alias = d === SQLITE ? `json_quote(${x}.alias)` : `${x}.alias`;
      return { sql: d.nested(`select ${d.array(alias, `${x}.id`)} from department_alias ${x} where ${x}.department_id = ${a}.id`), complete: leaf(f.def.type, (v) => v) };
    }
    if (type.name === 'Department' && DEPARTMENT_ITEMS[f.name]) return this.departmentItems(DEPARTMENT_ITEMS[f.name], f, a);
    return notCompiled(`field ${type.name}.${f.name}`);
  }

  /** Everything a department answers for in one table, narrowed by role, attribute and plan; each row once, at its first responsibility. */
  private departmentItems(kind: ItemKind, f: Selected, a: string): { sql: string; complete: Complete } {
    const d = this.d;
    const { role, attribute, planCode } = argumentsOf(this.op, f) as { role?: string | null; attribute?: string | null; planCode?: string | null };
    const sub = this.types.get(ITEM_TYPE_OF_KIND[kind])!;
    const fk = fkColumn(this.metadata, 'Responsibility', kind);
    const [r, x] = [this.alias(), this.alias()];
    // The object's parameters come first in the text (select list), then the filter's.
    const obj = this.object(sub, f.type!, subfields(this.op, f), x);
    const where = [`${r}.department_id = ${a}.id`];
    if (role) where.push(`${r}.role = ?`), this.params.push(role);
    if (attribute) where.push(`${x}.attribute = ?`), this.params.push(attribute);
    if (planCode != null) {
      where.push(`${x}.plan_id = (select p.id from plan p where p.code = ?)`);
      this.params.push(planCode);
      this.planChecks.push(planCode);
    }
    // `cross join` keeps SQLite on the department's responsibilities (as the read layer's query).
    const rows = `select ${obj.sql} as j, ${x}.plan_id as o1, ${x}.seq as o2, min(${r}.id) as o3 from responsibility ${r} cross join ${sub.table} ${x} where ${x}.id = ${r}.${fk} and ${where.join(' and ')} group by ${x}.id`;
    return { sql: d.nested(`select ${d.array('g.j', 'g.o1, g.o2, g.o3')} from (${rows}) g`), complete: objects(f.def.type, obj.level) };
  }
}

function isLeafTypeWeServe(type: GraphQLOutputType): boolean {
  const named = getNamedType(type);
  if (isEnumType(named)) return true;
  // DateTime: the column's value (SQLite's stored milliseconds, PostgreSQL's ISO text) read by the
  // read layer's dateOf into a Date, then the scalar's serialize, as for an entity.
  return ['String', 'Int', 'Float', 'Boolean', 'ID', 'DateTime'].includes(named.name);
}

/** graphql-js's completeValue for a leaf (or a list of leaves): null checks, then serialize. */
function leaf(type: GraphQLOutputType, convert: (v: unknown) => unknown): Complete {
  const inner = (t: GraphQLOutputType): Complete => {
    if (isNonNullType(t)) {
      const c = inner(t.ofType);
      return (v) => {
        const out = c(v);
        return out === null ? notCompiled('null in a non-null field') : out;
      };
    }
    if (isListType(t)) {
      const c = inner(t.ofType);
      return (v) => (v == null ? null : Array.isArray(v) ? v.map(c) : notCompiled('not a list'));
    }
    const serialize = (t as GraphQLLeafType).serialize.bind(t);
    return (v) => {
      if (v == null) return null;
      const out = serialize(v);
      return out === undefined ? notCompiled('serialize') : out;
    };
  };
  const c = inner(type);
  return (v) => c(convert(v));
}

function completeLevel(level: Level, raw: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const { keys, completes } = level;
  for (let i = 0; i < keys.length; i++) out[keys[i]] = completes[i](raw[keys[i]]);
  return out;
}

/** A field whose value is one object (or null). */
function object(type: GraphQLOutputType, level: Level): Complete {
  const nonNull = isNonNullType(type);
  return (v) => {
    if (v == null) return nonNull ? notCompiled('null object') : null;
    return completeLevel(level, v as Record<string, unknown>);
  };
}

/** A field whose value is a list of objects (non-null items, as every read relation declares). */
function objects(type: GraphQLOutputType, level: Level): Complete {
  const nonNull = isNonNullType(type);
  const list = getNullableType(type);
  if (!isListType(list)) return notCompiled('not a list type');
  const itemsNonNull = isNonNullType(list.ofType);
  return (v) => {
    if (v == null) return nonNull ? notCompiled('null list') : null;
    const rows = v as (Record<string, unknown> | null)[];
    const out = new Array(rows.length);
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i];
      out[i] = r == null ? (itemsNonNull ? notCompiled('null item') : null) : completeLevel(level, r);
    }
    return out;
  };
}

/** The SQLite converters read the column as the driver gives it; a REAL comes as the text printed above. */
function withReal(convert: (v: unknown) => unknown): (v: unknown) => unknown {
  return (v) => convert(typeof v === 'string' ? Number(v) : v);
}

/**
 * Compiles one operation for one set of (coerced) variables; null when it is not all understood.
 */
export function compileRead(schema: GraphQLSchema, em: Em, engine: 'sqlite' | 'postgresql', document: DocumentNode, operation: OperationDefinitionNode, variableValues: Record<string, unknown>): CompiledRead | null {
  const fragments = Object.fromEntries(document.definitions.flatMap((d) => (d.kind === 'FragmentDefinition' ? [[d.name.value, d]] : [])));
  const op: Operation = { schema, fragments, variableValues, typename: true };
  const metadata = em.getMetadata();
  const types = floatAware(readTypes(metadata), engine);
  const dialect = engine === 'sqlite' ? SQLITE : POSTGRES;
  const queryType = schema.getQueryType()!;
  const roots: Root[] = [];
  try {
    for (const f of selectedIn(op, queryType, operation.selectionSet).values()) {
      if (f.name === '__typename') {
        roots.push({ key: f.key, run: async () => queryType.name });
        continue;
      }
      if (f.def.args.length && findArgumentTextProblem(f.def.args, argumentsOf(op, f))) return null;
      const department = types.get('Department')!;
      const params: unknown[] = [];
      const compiler = new Compiler(op, types, metadata, dialect, params);
      const a = compiler.alias();
      if (f.name === 'department') {
        const { code, name } = argumentsOf(op, f) as { code?: string | null; name?: string | null };
        const key = code ?? name;
        if (key == null) return null; // a coded error: Apollo's
        const norm = normaliseName(key);
        const obj = compiler.object(department, f.type!, subfields(op, f), a);
        const checks = planCheckColumns(compiler.planChecks, params);
        const sql =
          `select ${obj.sql} as j${checks} from department ${a} where ${a}.id = coalesce(` +
          `(select al.department_id from department_alias al where al.key = ?), ` +
          `(select min(d2.id) from department d2 where d2.name_key = ? or d2.code = ?))`;
        const complete = object(f.def.type, obj.level);
        const all = [...params, norm, norm, norm];
        roots.push({
          key: f.key,
          run: async (ctx) => {
            if (!norm) return null;
            const rows = await ctx.sql.all(sql, all);
            return rows.length ? complete(parsed(rows[0], compiler.planChecks.length)) : null;
          },
        });
      } else if (f.name === 'departments') {
        const { search } = argumentsOf(op, f) as { search?: string | null };
        const obj = compiler.object(department, f.type!, subfields(op, f), 'd');
        const checks = planCheckColumns(compiler.planChecks, params);
        const level = obj.level;
        const listType = getNullableType(f.def.type);
        if (!isListType(listType) || !isNonNullType(listType.ofType) || !isNonNullType(f.def.type)) return null;
        roots.push({
          key: f.key,
          run: async (ctx) => {
            // The list's own filter and order (DepartmentService.listQuery) with the JSON as its select.
            const knex = ctx.departmentsQuery(search ?? null).getKnexQuery();
            knex.clearSelect().select(ctx.em.getKnex().raw(`${obj.sql} as j${checks}`, params as never));
            const built = knex.toSQL();
            const rows = await ctx.sql.all(built.sql, built.bindings as unknown[]);
            return rows.map((r) => completeLevel(level, parsed(r, compiler.planChecks.length) as Record<string, unknown>));
          },
        });
      } else if (LIST_ROOTS[f.name]) {
        roots.push(listRoot(op, types, metadata, dialect, f));
      } else return null;
    }
  } catch (error) {
    if (process.env.DEBUG_COMPILED_READS) console.error('compiled reads: not compiled', error);
    return null; // NotCompiled, or anything the compiler did not foresee: Apollo answers
  }
  if (!roots.length) return null;
  return {
    roots,
    async execute(ctx) {
      const data: Record<string, unknown> = {};
      for (const root of roots) data[root.key] = await root.run(ctx);
      return JSON.stringify({ data }) + '\n';
    },
  };
}

/**
 * A plan table's list (`indicators(filter, orderBy, limit, offset) { totalCount items { … } }`): the
 * service's own filtered query (PlanItemService.listQuery, so a list means the same on every path),
 * counted with count(*) when totalCount is asked, and its page selected as one JSON object per row.
 */
function listRoot(op: Operation, types: Map<string, ReadType>, metadata: MetadataStorage, d: Dialect, f: Selected): Root {
  const itemType = types.get(ITEM_TYPE_OF_KIND[LIST_ROOTS[f.name]])!;
  const args = argumentsOf(op, f) as ListArgs;
  if (!isNonNullType(f.def.type) || !f.type) return notCompiled('list type');
  type Part = { key: string; part: 'typename' } | { key: string; part: 'count' } | { key: string; part: 'items'; sql: string; params: unknown[]; complete: Complete; batched: BatchField[] };
  const parts: Part[] = [];
  for (const pf of subfields(op, f).values()) {
    if (pf.name === '__typename') parts.push({ key: pf.key, part: 'typename' });
    else if (pf.name === 'totalCount') parts.push({ key: pf.key, part: 'count' });
    else if (pf.name === 'items') {
      const params: unknown[] = [];
      const compiler = new Compiler(op, types, metadata, d, params);
      const batched: BatchField[] = [];
      compiler.batched = batched;
      const obj = compiler.object(itemType, pf.type!, subfields(op, pf), 'e');
      if (compiler.planChecks.length) notCompiled('plan code under a list');
      parts.push({ key: pf.key, part: 'items', sql: `${obj.sql} as j`, params, complete: objects(pf.def.type, obj.level), batched });
    } else notCompiled(`page field ${pf.name}`);
  }
  const typename = f.type.name;
  return {
    key: f.key,
    run: async (ctx) => {
      const { qb, order, take, skip } = await ctx.itemsQuery(f.name, args);
      const knex = ctx.em.getKnex();
      let total: number | undefined;
      const count = async () => {
        if (total === undefined) {
          const q = qb.clone().getKnexQuery();
          q.clearSelect().select(knex.raw('count(*) as n'));
          const built = q.toSQL();
          total = Number((await ctx.sql.all(built.sql, built.bindings as unknown[]))[0].n);
        }
        return total;
      };
      const out: Record<string, unknown> = {};
      for (const p of parts) {
        if (p.part === 'typename') out[p.key] = typename;
        else if (p.part === 'count') out[p.key] = await count();
        else if (total !== undefined && total <= skip) out[p.key] = [];
        else {
          const q = qb.clone().orderBy(order).limit(take).offset(skip).getKnexQuery();
          q.clearSelect().select(knex.raw(p.sql, p.params as never));
          const built = q.toSQL();
          const rows = (await ctx.sql.all(built.sql, built.bindings as unknown[])).map((r) => (typeof r.j === 'string' ? JSON.parse(r.j) : r.j) as Record<string, unknown>);
          for (const b of p.batched) {
            const values = rows.length ? await ctx.batch(b.field, rows.map((r) => Number(r[ROW_ID])), b.args) : [];
            rows.forEach((r, i) => (r[b.key] = values[i]));
          }
          out[p.key] = p.complete(rows);
        }
      }
      return out;
    },
  };
}

/** Columns that say whether each plan code named exists (1/true), beside the JSON. */
function planCheckColumns(codes: string[], params: unknown[]): string {
  if (!codes.length) return '';
  params.push(...codes);
  return codes.map((_, i) => `, (select count(*) from plan where code = ?) as pc${i}`).join('');
}

/** The row's JSON, parsed; NotCompiled when a plan code it names does not exist. */
function parsed(row: Row, checks: number): unknown {
  for (let i = 0; i < checks; i++) if (Number(row[`pc${i}`]) === 0) notCompiled('unknown plan');
  return typeof row.j === 'string' ? JSON.parse(row.j) : row.j;
}

/** The read types with their float columns read back from the text compiled SQLite reads carry. */
const floatAwareCache = new WeakMap<Map<string, ReadType>, Map<string, ReadType>>();
function floatAware(types: Map<string, ReadType>, engine: 'sqlite' | 'postgresql'): Map<string, ReadType> {
  if (engine !== 'sqlite') return types;
  let out = floatAwareCache.get(types);
  if (!out) {
    out = new Map();
    for (const [name, t] of types) {
      const columns = new Map([...t.columns].map(([k, c]) => [k, c.real ? { ...c, convert: withReal(c.convert) } : c]));
      out.set(name, { ...t, columns });
    }
    floatAwareCache.set(types, out);
  }
  return out;
}

export { NotCompiled };

/** A request's document, parsed and validated once per query text; null when it does not parse or validate. */
export function parsedQuery(schema: GraphQLSchema, query: string, operationName: string | undefined): { document: DocumentNode; operation: OperationDefinitionNode } | null {
  let document: DocumentNode;
  try {
    document = parse(query);
  } catch {
    return null;
  }
  if (validate(schema, document).length) return null;
  const operation = getOperationAST(document, operationName);
  if (!operation || operation.operation !== 'query') return null;
  return { document, operation };
}

/** Variables as graphql-js coerces them; null when they do not coerce (Apollo gives the error). */
export function coercedVariables(schema: GraphQLSchema, operation: OperationDefinitionNode, inputs: Record<string, unknown>): Record<string, unknown> | null {
  const res = getVariableValues(schema, operation.variableDefinitions ?? [], inputs, { maxErrors: 1 });
  return res.errors ? null : res.coerced;
}
