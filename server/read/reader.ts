import type { GraphQLObjectType, GraphQLResolveInfo } from 'graphql';
import { getNamedType } from 'graphql';
import type { MetadataStorage, QueryOrderKeys } from '@mikro-orm/core';
import type { Em } from '../orm';
import type { QueryBuilder } from '../db/types';
import { normaliseName } from '../../schema/departments/department.entity';
import type { ItemKind } from '../../schema/responsibilities/responsibility.entity';
import { findArgumentTextProblem } from '../../schema/common/text';
import { badInput } from '../errors';
import { Sql, selectAs, type Row } from '../db/driver';
import { ITEM_TYPE_OF_KIND, fkColumn, readTypes, type ReadType } from './model';
import { operationOf, selectedFields, subfields, argumentsOf, type Operation, type Selected } from './selection';
import { PREFETCHED, type Prefetched } from './prefetched';

/** A plain read row: entity property names, plus the answers of its relation fields. */
export type ReadRow = Row & { id: number; [PREFETCHED]: Prefetched };

/** Internal columns a row may carry beside its fields. */
const PLAN_CODE = '_planCode';

interface Shape {
  /** `expr as cN, …` for the table's alias. */
  select: string;
  /** Joins the select needs (a responsibility's department comes in the same statement). */
  joins: string;
  build(raw: Row): ReadRow;
}

/** The departments' relation fields to the plan tables, by field name. */
const DEPARTMENT_ITEMS: Record<string, ItemKind> = {
  indicators: 'indicator',
  specialTargets: 'specialTarget',
  rectifications: 'rectification',
  innovationTopics: 'innovationTopic',
  standards: 'standard',
};

function groupInto(rows: ReadRow[], key: string, children: Map<number, unknown[]>) {
  for (const r of rows) r[PREFETCHED][key] = children.get(r.id) ?? [];
}

function push<T>(map: Map<number, T[]>, k: number, v: T) {
  const list = map.get(k);
  if (list) list.push(v);
  else map.set(k, [v]);
}

/**
 * The read path: a GraphQL selection over the plan's tables compiled into one statement per level
 * (the page, then each relation for all rows of the level at once), selecting only the columns
 * asked for, answering plain rows. The filters, order and paging are the services' (listQuery),
 * so lists mean the same as ever; entities, the unit of work and optimistic locks stay for writes.
 * One per request: plan codes looked up once.
 */
export class Reader {
  private readonly sql: Sql;
  private readonly metadata: MetadataStorage;
  private readonly types: Map<string, ReadType>;
  private readonly planIds = new Map<string, Promise<number | null>>();
  private knownPlans?: Promise<string[]>;

  constructor(private readonly em: Em) {
    this.sql = new Sql(em);
    this.metadata = em.getMetadata();
    this.types = readTypes(this.metadata);
  }

  /**
   * A page of a plan table: `{ items, totalCount }` as plain rows, the relations the query selects
   * filled in; the count only when asked for. Null when the selection is beyond it (aliases of
   * `items` asking different things under one key): the caller reads entities then.
   */
  async page(listQuery: { qb: QueryBuilder<any>; order: Record<string, QueryOrderKeys<unknown>>[]; take: number; skip: number }, info: GraphQLResolveInfo): Promise<{ items: ReadRow[]; totalCount: number } | null> {
    const op = operationOf(info);
    const pageType = getNamedType(info.returnType) as GraphQLObjectType;
    const fields = selectedFields(op, pageType, info.fieldNodes);
    const itemKeys = [...fields.values()].filter((f) => f.name === 'items');
    const { qb, order, take, skip } = listQuery;
    const counted = [...fields.values()].some((f) => f.name === 'totalCount');
    // The count as MikroORM's getCount writes it (count(*) over the same filters), read past the ORM.
    const count = counted ? selectAs(this.em, qb.clone(), 'count(*) as n') : null;
    const totalCount = count ? Number((await this.sql.all(count.sql, count.bindings))[0].n) : 0;
    if (!itemKeys.length || (counted && totalCount <= skip)) return { items: [], totalCount };
    const type = this.typeOf(itemKeys[0].type!);
    const selection = merged(op, itemKeys.map((k) => subfields(op, k)));
    if (!selection) return null;
    const shape = this.shape(op, type, selection, 'e');
    const { sql, bindings } = selectAs(this.em, qb.clone().orderBy(order).limit(take).offset(skip), shape.select);
    const items = (await this.sql.all(sql, bindings)).map(shape.build);
    await this.fill(op, type, items, selection);
    return { items, totalCount };
  }

  /** Departments as DepartmentService.listQuery finds and orders them. */
  async departments(qb: QueryBuilder<any>, info: GraphQLResolveInfo): Promise<ReadRow[]> {
    const op = operationOf(info);
    const type = this.types.get('Department')!;
    const fields = selectedFields(op, getNamedType(info.returnType) as GraphQLObjectType, info.fieldNodes);
    const shape = this.shape(op, type, fields, 'd');
    const { sql, bindings } = selectAs(this.em, qb.clone(), shape.select);
    const rows = (await this.sql.all(sql, bindings)).map(shape.build);
    await this.fill(op, type, rows, fields);
    return rows;
  }

  /** One department by code, canonical name or any alias (an alias first), as DepartmentService.find. */
  async department(nameOrCode: string, info: GraphQLResolveInfo): Promise<ReadRow | null> {
    const key = normaliseName(nameOrCode);
    if (!key) return null;
    const op = operationOf(info);
    const type = this.types.get('Department')!;
    const fields = selectedFields(op, getNamedType(info.returnType) as GraphQLObjectType, info.fieldNodes);
    const shape = this.shape(op, type, fields, 'd');
    const sql =
      `select ${shape.select} from department d where d.id = coalesce(` +
      `(select a.department_id from department_alias a where a.key = ?), ` +
      `(select min(d2.id) from department d2 where d2.name_key = ? or d2.code = ?))`;
    const rows = (await this.sql.all(sql, [key, key, key])).map(shape.build);
    await this.fill(op, type, rows, fields);
    return rows[0] ?? null;
  }

  private typeOf(t: GraphQLObjectType): ReadType {
    const type = this.types.get(t.name);
    if (!type) throw new Error(`the read layer does not serve ${t.name}`);
    return type;
  }

  /** The columns a selection needs (always the id; planCode and the department key when asked for), and how a raw row becomes a read row. */
  private shape(op: Operation, type: ReadType, fields: Map<string, Selected>, alias: string, prefix = 'c'): Shape {
    const parts: string[] = [`${alias}.id as ${prefix}0`];
    const joins: string[] = [];
    const setters: ((o: ReadRow, raw: Row) => void)[] = [];
    const seen = new Set<string>(['id']);
    let i = 1;
    for (const f of fields.values()) {
      if (f.name === 'department' && type.name === 'Responsibility') {
        // Many-to-one: joined, one department object per id, shared by its responsibilities.
        const j = `${prefix}j${joins.length}`;
        const sub = this.shape(op, this.types.get('Department')!, subfields(op, f), j, `${j}_`);
        joins.push(`join department ${j} on ${j}.id = ${alias}.${fkColumn(this.metadata, 'Responsibility', 'department')}`, ...(sub.joins ? [sub.joins] : []));
        parts.push(sub.select);
        const byId = new Map<number, ReadRow>();
        const key = f.key;
        setters.push((o, raw) => {
          const id = Number(raw[`${j}_0`]);
          let d = byId.get(id);
          if (!d) byId.set(id, (d = sub.build(raw)));
          o[PREFETCHED][key] = d;
        });
        continue;
      }
      if (seen.has(f.name)) continue;
      seen.add(f.name);
      const col = type.columns.get(f.name);
      const as = `${prefix}${i++}`;
      if (col && !col.parts) {
        parts.push(`${col.sql(alias)} as ${as}`);
        const { property, convert } = col;
        setters.push((o, raw) => (o[property] = convert(raw[as])));
      } else if (f.name === 'planCode' && type.kind) {
        parts.push(`(select p.code from plan p where p.id = ${alias}.plan_id) as ${as}`);
        setters.push((o, raw) => (o[PLAN_CODE] = raw[as]));
      } else i--;
    }
    const idAs = `${prefix}0`;
    return {
      select: parts.join(', '),
      joins: joins.join(' '),
      build: (raw) => {
        const o = { id: Number(raw[idAs]), [PREFETCHED]: {} } as ReadRow;
        for (const set of setters) set(o, raw);
        return o;
      },
    };
  }

  /** Fills in the relation fields (and planCode) of one level's rows: one statement per relation, then their own relations. */
  private async fill(op: Operation, type: ReadType, rows: ReadRow[], fields: Map<string, Selected>): Promise<void> {
    if (!rows.length) return;
    const work: Promise<void>[] = [];
    for (const f of fields.values()) {
      if (type.columns.has(f.name)) continue;
      if (type.kind) {
        if (f.name === 'planCode') for (const r of rows) r[PREFETCHED][f.key] = r[PLAN_CODE];
        else if (f.name === 'responsibilities') work.push(this.responsibilities(op, type.kind, rows, f));
        else if (type.name === 'Indicator' && f.name === 'specialTargets') work.push(this.linked(op, rows, f, 'Indicator'));
        else if (type.name === 'SpecialTarget' && f.name === 'indicators') work.push(this.linked(op, rows, f, 'SpecialTarget'));
      } else if (type.name === 'Department') {
        if (f.name === 'aliases') work.push(this.aliases(rows, f));
        else if (DEPARTMENT_ITEMS[f.name]) work.push(this.departmentItems(op, DEPARTMENT_ITEMS[f.name], rows, f));
      } else if (type.name === 'Responsibility' && f.name === 'department') work.push(this.responsibleDepartments(op, rows, f));
    }
    await Promise.all(work);
  }

  /** Rows of `type` for a relation: one object per id, shared by every parent that has it. */
  private async related(op: Operation, f: Selected, sql: (shape: Shape) => string, params: unknown[]) {
    const type = this.typeOf(f.type!);
    const sub = subfields(op, f);
    const shape = this.shape(op, type, sub, 'x');
    const raws = await this.sql.all(sql(shape), params);
    const byId = new Map<number, ReadRow>();
    const pairs: [number, ReadRow][] = [];
    for (const raw of raws) {
      const id = Number(raw.c0);
      let row = byId.get(id);
      if (!row) byId.set(id, (row = shape.build(raw)));
      pairs.push([Number(raw.p), row]);
    }
    await this.fill(op, type, [...byId.values()], sub);
    return pairs;
  }

  /** LEAD first, then SUPPORT, each in the order given (as the responsibilities loader). */
  private async responsibilities(op: Operation, kind: ItemKind, rows: ReadRow[], f: Selected) {
    const fk = `x.${fkColumn(this.metadata, 'Responsibility', kind)}`;
    const ids = rows.map((r) => r.id);
    const pairs = await this.related(op, f, (s) => `select ${fk} as p, ${s.select} from responsibility x ${s.joins} where ${this.sql.inList(fk)} order by x.role, x.id`, [this.sql.list(ids)]);
    const children = new Map<number, ReadRow[]>();
    for (const [p, row] of pairs) push(children, p, row);
    groupInto(rows, f.key, children);
  }

  /** The special target ↔ indicator link, either way, in plan order. */
  private async linked(op: Operation, rows: ReadRow[], f: Selected, from: 'Indicator' | 'SpecialTarget') {
    const owner = this.metadata.get('SpecialTarget').properties['indicatorRows' as never] as { pivotTable: string; joinColumns: string[]; inverseJoinColumns: string[] };
    const [targetCol, indicatorCol] = [owner.joinColumns[0], owner.inverseJoinColumns[0]];
    const [fromCol, toCol] = from === 'Indicator' ? [indicatorCol, targetCol] : [targetCol, indicatorCol];
    const table = this.typeOf(f.type!).table;
    const pairs = await this.related(
      op,
      f,
      (s) => `select l.${fromCol} as p, ${s.select} from ${owner.pivotTable} l join ${table} x on x.id = l.${toCol} where ${this.sql.inList(`l.${fromCol}`)} order by x.plan_id, x.seq, x.id`,
      [this.sql.list(rows.map((r) => r.id))],
    );
    const children = new Map<number, ReadRow[]>();
    for (const [p, row] of pairs) push(children, p, row);
    groupInto(rows, f.key, children);
  }

  /** The departments came joined with their responsibilities (shape): their own relations now. */
  private async responsibleDepartments(op: Operation, rows: ReadRow[], f: Selected) {
    const departments = new Set(rows.map((r) => r[PREFETCHED][f.key] as ReadRow));
    await this.fill(op, this.types.get('Department')!, [...departments], subfields(op, f));
  }

  private async aliases(rows: ReadRow[], f: Selected) {
    const raws = await this.sql.all(`select a.department_id as p, a.alias as v from department_alias a where ${this.sql.inList('a.department_id')} order by a.id`, [this.sql.list(rows.map((r) => r.id))]);
    const children = new Map<number, string[]>();
    for (const raw of raws) push(children, Number(raw.p), raw.v as string);
    groupInto(rows, f.key, children);
  }

  /** Everything a department answers for in one table, narrowed by role, attribute and plan; each row once. */
  private async departmentItems(op: Operation, kind: ItemKind, rows: ReadRow[], f: Selected) {
    const args = argumentsOf(op, f);
    // The rules every argument meets before a resolver runs (server/schema.ts), then the plan.
    const problem = findArgumentTextProblem(f.def.args, args);
    if (problem) return this.fail(rows, f, badInput(problem.field, problem.message));
    const { role, attribute, planCode } = args as { role?: string | null; attribute?: string | null; planCode?: string | null };
    let planId: number | null = null;
    if (planCode != null) {
      planId = await this.planId(planCode);
      if (planId == null) return this.fail(rows, f, badInput('planCode', `unknown plan "${planCode}"`, { known: await this.known() }));
    }
    const fk = fkColumn(this.metadata, 'Responsibility', kind);
    const table = this.types.get(ITEM_TYPE_OF_KIND[kind])!.table;
    const where = [this.sql.inList('r.department_id')];
    const params: unknown[] = [this.sql.list(rows.map((r) => r.id))];
    if (role) where.push('r.role = ?'), params.push(role);
    if (attribute) where.push('x.attribute = ?'), params.push(attribute);
    if (planId != null) where.push('x.plan_id = ?'), params.push(planId);
    // `cross join`: SQLite then reads the department's responsibilities first (its index), never the
    // table's attribute index (which would visit every row of that attribute); PostgreSQL plans it as a join.
    const pairs = await this.related(
      op,
      f,
      (s) => `select r.department_id as p, ${s.select} from responsibility r cross join ${table} x where x.id = r.${fk} and ${where.join(' and ')} order by x.plan_id, x.seq, r.id`,
      params,
    );
    const children = new Map<number, ReadRow[]>();
    const seen = new Set<string>();
    for (const [p, row] of pairs) {
      const k = `${p}:${row.id}`;
      if (seen.has(k)) continue;
      seen.add(k);
      push(children, p, row);
    }
    groupInto(rows, f.key, children);
  }

  private fail(rows: ReadRow[], f: Selected, error: Error) {
    for (const r of rows) r[PREFETCHED][f.key] = error;
  }

  private planId(code: string): Promise<number | null> {
    let found = this.planIds.get(code);
    if (!found) {
      found = this.sql.all('select id from plan where code = ?', [code]).then((rows) => (rows.length ? Number(rows[0].id) : null));
      this.planIds.set(code, found);
    }
    return found;
  }

  private known(): Promise<string[]> {
    this.knownPlans ??= this.sql.all('select code from plan order by start_year, id').then((rows) => rows.map((r) => r.code as string));
    return this.knownPlans;
  }
}

/**
 * The selections of several `items` keys as one (they share the rows); null when one response key
 * means different fields or arguments in them.
 */
function merged(op: Operation, selections: Map<string, Selected>[]): Map<string, Selected> | null {
  if (selections.length === 1) return selections[0];
  const out = new Map<string, Selected>();
  for (const sel of selections) {
    for (const [k, v] of sel) {
      const had = out.get(k);
      if (!had) out.set(k, { ...v, nodes: [...v.nodes] });
      else if (had.name !== v.name || JSON.stringify(argumentsOf(op, had)) !== JSON.stringify(argumentsOf(op, v))) return null;
      else had.nodes.push(...v.nodes);
    }
  }
  return out;
}
