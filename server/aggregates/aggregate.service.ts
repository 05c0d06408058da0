import type { Em } from '../orm';
import type { TableServices } from '../services';
import type { Filter } from '../common/plan-item.service';
import { LedgerState, PeriodKind } from '../../schema/ledger/ledger.enums';
import { IndicatorAttribute, TargetKind } from '../../schema/indicators/indicator.enums';
import { AssessmentMethod } from '../../schema/special-targets/special-target.enums';
import { RectificationStatus } from '../../schema/rectifications/rectification.enums';
import { InnovationField } from '../../schema/innovation-topics/innovation-topic.enums';
import { ResponsibilityRole } from '../../schema/responsibilities/responsibility.enums';
import { NUMBER_COLUMNS, type NumberColumn } from '../../schema/aggregates/aggregate.types';
import { badInput } from '../errors';
import { Sql, type Row } from '../db/driver';

/** How one groupBy value groups rows. */
type Dimension =
  /** A column of the row: the key field, the entity property, and the order of its values (enums: as declared). */
  | { by: 'column'; field: string; property: string; values?: readonly string[]; boolean?: boolean; int?: boolean; entity?: string; alias?: string }
  /** Comma-separated enum names in a text column (a special target's assessment methods): a row counts under each it holds. */
  | { by: 'list'; field: string; property: string; values: readonly string[] }
  /** Through responsibilities; `own`: the row's own department column (a ledger entry's filer). */
  | { by: 'department'; own?: boolean }
  | { by: 'role' }
  | { by: 'plan' };

export type AggregateTable = keyof typeof NUMBER_COLUMNS;

interface TableSpec {
  entity: string;
  /** The list's filtered query (alias `e`): the service's listQuery. */
  query: (s: TableServices, filter: Filter) => Promise<{ qb: { getKnexQuery(): any } }>;
  /** The responsibilities' column of a plan table's rows (DEPARTMENT and ROLE through them). */
  kind?: string;
  /** Rows of another table under each listed row, counted instead of it (year targets under indicators): its entity, alias and join. */
  under?: { entity: string; alias: string; join: string };
  dimensions: Record<string, Dimension>;
  numbers: NumberColumn[];
}

const COMMON: Record<string, Dimension> = { DEPARTMENT: { by: 'department' }, ROLE: { by: 'role' }, PLAN: { by: 'plan' } };

/** What each table groups by, and the numbers it sums. Each value of a key field is one the list's filter takes. */
const TABLES: Record<AggregateTable, TableSpec> = {
  indicators: {
    entity: 'Indicator',
    query: (s, f) => s.indicators.listQuery(f),
    kind: 'indicator',
    dimensions: {
      ATTRIBUTE: { by: 'column', field: 'attribute', property: 'attribute', values: Object.values(IndicatorAttribute) },
      TARGET_KIND: { by: 'column', field: 'targetKind', property: 'targetKind', values: Object.values(TargetKind) },
      CUMULATIVE: { by: 'column', field: 'cumulative', property: 'cumulative', boolean: true },
      ...COMMON,
    },
    numbers: NUMBER_COLUMNS.indicators,
  },
  specialTargets: {
    entity: 'SpecialTarget',
    query: (s, f) => s.specialTargets.listQuery(f),
    kind: 'specialTarget',
    dimensions: { ASSESSMENT_METHOD: { by: 'list', field: 'assessmentMethod', property: 'assessmentMethodList', values: Object.values(AssessmentMethod) }, ...COMMON },
    numbers: NUMBER_COLUMNS.specialTargets,
  },
  rectifications: {
    entity: 'Rectification',
    query: (s, f) => s.rectifications.listQuery(f),
    kind: 'rectification',
    dimensions: {
      STATUS: { by: 'column', field: 'status', property: 'status', values: Object.values(RectificationStatus) },
      DEADLINE_YEAR: { by: 'column', field: 'deadlineYear', property: 'deadlineYear', int: true },
      ...COMMON,
    },
    numbers: NUMBER_COLUMNS.rectifications,
  },
  innovationTopics: {
    entity: 'InnovationTopic',
    query: (s, f) => s.innovationTopics.listQuery(f),
    kind: 'innovationTopic',
    dimensions: { FIELD: { by: 'column', field: 'field', property: 'field', values: Object.values(InnovationField) }, ...COMMON },
    numbers: NUMBER_COLUMNS.innovationTopics,
  },
  standards: {
    entity: 'Standard',
    query: (s, f) => s.standards.listQuery(f),
    kind: 'standard',
    dimensions: { RELEASE_YEAR: { by: 'column', field: 'releaseYear', property: 'releaseYear', int: true }, ...COMMON },
    numbers: NUMBER_COLUMNS.standards,
  },
  // Year targets: the indicators the filter finds (the indicators' list), each of their year rows.
  yearTargets: {
    entity: 'Indicator',
    query: (s, f) => s.indicators.listQuery(f),
    kind: 'indicator',
    under: { entity: 'YearTarget', alias: 'yt', join: 'join year_target yt on yt.indicator_id = e.id' },
    dimensions: {
      YEAR: { by: 'column', field: 'year', property: 'year', int: true, entity: 'YearTarget', alias: 'yt' },
      DERIVED: { by: 'column', field: 'derived', property: 'derived', boolean: true, entity: 'YearTarget', alias: 'yt' },
      ATTRIBUTE: { by: 'column', field: 'attribute', property: 'attribute', values: Object.values(IndicatorAttribute) },
      TARGET_KIND: { by: 'column', field: 'targetKind', property: 'targetKind', values: Object.values(TargetKind) },
      ...COMMON,
    },
    numbers: NUMBER_COLUMNS.yearTargets,
  },
  ledgerEntries: {
    entity: 'LedgerEntry',
    // The ledger's own read rule comes with its query: another department's drafts never count.
    query: (s, f) => s.ledger.listQuery(f as never),
    dimensions: {
      STATE: { by: 'column', field: 'state', property: 'state', values: Object.values(LedgerState) },
      PERIOD_KIND: { by: 'column', field: 'periodKind', property: 'periodKind', values: Object.values(PeriodKind) },
      YEAR: { by: 'column', field: 'year', property: 'year', int: true },
      PERIOD: { by: 'column', field: 'period', property: 'period' },
      DEPARTMENT: { by: 'department', own: true },
    },
    numbers: NUMBER_COLUMNS.ledgerEntries,
  },
};

const ROLES = Object.values(ResponsibilityRole);

/** A number from either driver (PostgreSQL gives bigint and numeric as text). */
const num = (v: unknown) => (v == null ? null : Number(v));
/**
 * Sums and averages of real numbers: each engine adds in its own order, so the last bits may differ;
 * 12 significant digits are what both agree on (the plan's figures carry far fewer).
 */
const real = (v: unknown) => (v == null ? null : Number(Number(v).toPrecision(12)));

export const NUMBER_FUNCTIONS = ['sum', 'avg', 'min', 'max'] as const;
/** The numeric fields asked for under each function; absent: all of them. */
export type NumbersAsked = Record<(typeof NUMBER_FUNCTIONS)[number], Set<string>>;

export interface AggregateGroup {
  key: Record<string, unknown>;
  count: number;
  sum?: Record<string, number | null>;
  avg?: Record<string, number | null>;
  min?: Record<string, number | null>;
  max?: Record<string, number | null>;
}

/**
 * Aggregates over the plan tables: the rows a list would find (the table service's listQuery, so a
 * filter means the same everywhere), grouped and counted by one statement (GROUP BY) in the database.
 * Grouping by department or role goes through responsibilities: a join to each row's links, narrowed
 * to the filter's department and role and counted once per row, department and role, so a group's
 * count is the list's totalCount for the same filter with the group's key added. Sums, averages and
 * bounds are over the group's rows, each once; only those the query selects are computed.
 */
export class AggregateService {
  private readonly sql: Sql;

  constructor(
    private readonly em: Em,
    private readonly tables: TableServices,
  ) {
    this.sql = new Sql(em);
  }

  async aggregate(table: AggregateTable, filter: Filter = {}, groupBy: string[] = [], asked?: NumbersAsked): Promise<{ groups: AggregateGroup[] }> {
    const spec = TABLES[table];
    const dims = groupBy.map((g, i) => {
      const d = spec.dimensions[g];
      if (!d) throw badInput(`groupBy[${i}]`, `cannot group ${table} by "${g}"; use one of ${Object.keys(spec.dimensions).join(', ')}`);
      if (groupBy.indexOf(g) !== i) throw badInput(`groupBy[${i}]`, `${g} is given twice`);
      return d;
    });
    const { qb } = await spec.query(this.tables, filter);
    const meta = this.em.getMetadata();
    const column = (entity: string, property: string) => meta.get(entity).properties[property].fieldNames[0];
    const knex = this.em.getKnex();
    const q = qb.getKnexQuery().clearSelect();
    // Rows under each listed row (an indicator's year targets) are what is counted: each once.
    if (spec.under) q.joinRaw(spec.under.join);

    // Two levels in one statement: the inner select is the list's query, one row per row and key
    // (through responsibilities, DISTINCT makes it one per row, department and role however many
    // links repeat them); the outer one groups those and joins the names the keys show.
    const inner: string[] = [];
    const select: string[] = [];
    const group: string[] = [];
    const joins: string[] = [];
    const read: ((raw: Row, key: Record<string, unknown>) => void)[] = [];
    const order: ((a: Record<string, unknown>, b: Record<string, unknown>) => number)[] = [];

    const throughResponsibilities = dims.some((d) => (d.by === 'department' && !d.own) || d.by === 'role');
    if (spec.under) inner.push(`${spec.under.alias}.id as under_id`);
    if (throughResponsibilities) {
      inner.push('e.id as item_id');
      const on = [`r.${column('Responsibility', spec.kind!)} = e.id`];
      const params: unknown[] = [];
      // The filter's department and role narrow the links grouped by, as they narrow the list.
      if (filter.department != null) {
        on.push('r.department_id = ?');
        params.push((await this.tables.departments.resolve(filter.department, 'filter.department')).id);
      }
      if (filter.role) {
        on.push('r.role = ?');
        params.push(filter.role);
      }
      q.joinRaw(`join responsibility r on ${on.join(' and ')}`, params as never);
    }

    for (const [i, d] of dims.entries()) {
      const k = `k${i}`;
      if (d.by === 'column') {
        inner.push(`${d.alias ?? 'e'}.${column(d.entity ?? spec.entity, d.property)} as ${k}`);
        select.push(`x.${k} as ${k}`);
        group.push(`x.${k}`);
        const { field } = d;
        read.push((raw, key) => {
          const v = raw[k];
          key[field] = v == null ? null : d.boolean ? v === true || Number(v) === 1 : d.int ? Number(v) : v;
        });
        order.push(d.values ? byList(field, d.values) : byValue(field));
      } else if (d.by === 'list') {
        // One row per value held: the values as a constant table, matched as the list's filter matches them
        // (a substring; no name contains another). The filter's own value narrows it, as a department does.
        const wanted = (filter as Record<string, unknown>)[d.field];
        const values = d.values.filter((v) => wanted == null || v === wanted).map((v) => `select '${v}' as m`).join(' union all ');
        q.joinRaw(`join (${values}) gm on e.${column(spec.entity, d.property)} like ('%' || gm.m || '%')`);
        inner.push(`gm.m as ${k}`);
        select.push(`x.${k} as ${k}`);
        group.push(`x.${k}`);
        const { field } = d;
        read.push((raw, key) => (key[field] = raw[k]));
        order.push(byList(field, d.values));
      } else if (d.by === 'department') {
        inner.push(`${d.own ? 'e' : 'r'}.department_id as ${k}`);
        joins.push(`join department gd on gd.id = x.${k}`);
        select.push(`gd.id as ${k}`, `gd.code as ${k}c`, `gd.name as ${k}n`, `gd.name_en as ${k}e`);
        group.push('gd.id', 'gd.code', 'gd.name', 'gd.name_en');
        read.push((raw, key) => (key.department = { id: Number(raw[k]), code: raw[`${k}c`], name: raw[`${k}n`], nameEn: raw[`${k}e`] }));
        order.push((a, b) => cmp((a.department as { code: string }).code, (b.department as { code: string }).code));
      } else if (d.by === 'role') {
        inner.push(`r.role as ${k}`);
        select.push(`x.${k} as ${k}`);
        group.push(`x.${k}`);
        read.push((raw, key) => (key.role = raw[k]));
        order.push(byList('role', ROLES));
      } else {
        inner.push(`e.${column(spec.entity, 'plan')} as ${k}`);
        joins.push(`join plan gp on gp.id = x.${k}`);
        select.push(`gp.code as ${k}`);
        group.push('gp.code');
        read.push((raw, key) => (key.planCode = raw[k]));
        order.push(byValue('planCode'));
      }
    }

    select.push('count(*) as n');
    // Only the sums, averages and bounds asked for: each is work over every row.
    const wants = (fn: (typeof NUMBER_FUNCTIONS)[number], c: NumberColumn) => !asked || asked[fn].has(c.field);
    for (const [j, c] of spec.numbers.entries()) {
      if (!NUMBER_FUNCTIONS.some((fn) => wants(fn, c))) continue;
      inner.push(spec.under ? `${spec.under.alias}.${column(spec.under.entity, c.field)} as v${j}` : `e.${column(spec.entity, c.field)} as v${j}`);
      if (wants('sum', c)) select.push(`sum(x.v${j}) as s${j}`);
      if (wants('avg', c)) select.push(`avg(x.v${j}) as a${j}`);
      if (wants('min', c)) select.push(`min(x.v${j}) as l${j}`);
      if (wants('max', c)) select.push(`max(x.v${j}) as h${j}`);
    }
    const numbers = spec.numbers;
    if (!inner.length) inner.push('1 as one');
    q.select(knex.raw(`${throughResponsibilities ? 'distinct ' : ''}${inner.join(', ')}`));
    const { sql: innerSql, bindings } = q.toSQL();
    const sql = `select ${select.join(', ')} from (${innerSql}) x ${joins.join(' ')}${group.length ? ` group by ${group.join(', ')}` : ''}`;
    const rows = await this.sql.all(sql, bindings as unknown[]);

    const groups = rows.map((raw) => {
      const key: Record<string, unknown> = { department: null, role: null, planCode: null };
      for (const r of read) r(raw, key);
      const g: AggregateGroup = { key, count: Number(raw.n) };
      if (numbers.length) {
        // A field not asked for is left out (GraphQL does not read it).
        const of = (p: string, f: (v: unknown, c: NumberColumn) => number | null) =>
          Object.fromEntries(numbers.flatMap((c, j) => (`${p}${j}` in raw ? [[c.field, f(raw[`${p}${j}`], c)]] : [])));
        g.sum = of('s', (v, c) => (c.int ? num(v) : real(v)));
        g.avg = of('a', real);
        g.min = of('l', num);
        g.max = of('h', num);
      }
      return g;
    });
    // Ordered here, not in SQL: the engines' text collations differ, and enums read best as declared.
    groups.sort((a, b) => {
      for (const o of order) {
        const c = o(a.key, b.key);
        if (c) return c;
      }
      return 0;
    });
    return { groups };
  }
}

function cmp(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a == null) return -1;
  if (b == null) return 1;
  return (a as number) < (b as number) ? -1 : 1;
}

function byValue(field: string) {
  return (a: Record<string, unknown>, b: Record<string, unknown>) => cmp(a[field], b[field]);
}

function byList(field: string, values: readonly string[]) {
  return (a: Record<string, unknown>, b: Record<string, unknown>) => cmp(a[field] == null ? null : values.indexOf(a[field] as string), b[field] == null ? null : values.indexOf(b[field] as string));
}
