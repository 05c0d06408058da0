import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'graphql';
import { startHub, ANONYMOUS, type TestHub } from './helpers';
import { buildGraphQLSchema } from '../server/schema';
import { tablesRead } from '../server/cache/tables';
import { TRACKED_TABLES, UNTRACKED_TABLES } from '../schema/cache/data-generation.entity';
import { createApp, type PlanHub } from '../server/app';
import { parseDatabaseUrl } from '../server/config';
import { freshPgDatabase } from './reliability/hub-process';
import { createServices } from '../server/services';
import { cliActor } from '../server/common/actor';
import { Role } from '../schema/accounts/account.enums';
import type { Em } from '../server/orm';

/**
 * `<table>Aggregate(filter, groupBy)` (issue 16): counts by the database that agree with the lists
 * (every group's count is the list's totalCount for the same filter with the group's key added),
 * sums that agree with the rows, one statement whatever the size, the lists' permissions and cache.
 */

const KEY: Record<string, string> = {
  indicators: 'attribute targetKind cumulative',
  specialTargets: 'assessmentMethod',
  rectifications: 'status deadlineYear',
  innovationTopics: 'field',
  standards: 'releaseYear',
};
const NUMBERS: Record<string, string[]> = {
  indicators: ['targetValue', 'annualGrowthPct', 'baseValue', 'baseYear'],
  specialTargets: [],
  rectifications: ['deadlineYear'],
  innovationTopics: [],
  standards: ['releaseYear'],
};
/** Each table's groupBy values, alone and in the pairs people ask for. */
const GROUPINGS: Record<string, string[][]> = {
  indicators: [[], ['ATTRIBUTE'], ['TARGET_KIND'], ['CUMULATIVE'], ['DEPARTMENT'], ['ROLE'], ['PLAN'], ['DEPARTMENT', 'ROLE'], ['ATTRIBUTE', 'DEPARTMENT'], ['ROLE', 'TARGET_KIND', 'CUMULATIVE']],
  specialTargets: [[], ['ASSESSMENT_METHOD'], ['DEPARTMENT'], ['ROLE'], ['PLAN'], ['ASSESSMENT_METHOD', 'DEPARTMENT', 'ROLE']],
  rectifications: [[], ['STATUS'], ['DEADLINE_YEAR'], ['DEPARTMENT'], ['ROLE'], ['DEADLINE_YEAR', 'DEPARTMENT', 'ROLE'], ['PLAN', 'STATUS']],
  innovationTopics: [[], ['FIELD'], ['DEPARTMENT'], ['ROLE'], ['FIELD', 'DEPARTMENT', 'ROLE']],
  standards: [[], ['RELEASE_YEAR'], ['DEPARTMENT'], ['ROLE'], ['RELEASE_YEAR', 'DEPARTMENT'], ['PLAN', 'ROLE']],
};
/** Filters, as JSON variables: none, by role, by department (with and without role), a search, each table's own. */
const FILTERS: Record<string, Record<string, unknown>[]> = {
  indicators: [{}, { attribute: 'BINDING' }, { role: 'LEAD' }, { department: '住建' }, { department: '区发改局', role: 'SUPPORT' }, { search: '率' }, { cumulative: false, targetKind: 'AT_LEAST' }],
  specialTargets: [{}, { assessmentMethod: 'REGULAR_BULLETIN' }, { role: 'SUPPORT' }, { department: 'housing' }, { search: '就业' }],
  rectifications: [{}, { status: 'OPEN' }, { role: 'LEAD' }, { department: '住建', role: 'LEAD' }, { search: '区' }],
  innovationTopics: [{}, { field: 'SOCIETY' }, { role: 'LEAD' }, { department: '区发改局' }],
  standards: [{}, { releaseYear: 2017 }, { role: 'SUPPORT' }, { department: '住建' }, { search: '标准' }],
};
const TYPE: Record<string, string> = { indicators: 'Indicator', specialTargets: 'SpecialTarget', rectifications: 'Rectification', innovationTopics: 'InnovationTopic', standards: 'Standard' };

function aggregateQuery(table: string) {
  const nums = NUMBERS[table].join(' ');
  const fns = nums ? ['sum', 'avg', 'min', 'max'].map((f) => `${f} { ${nums} }`).join(' ') : '';
  return `query($f: ${TYPE[table]}Filter, $g: [${TYPE[table]}GroupBy!]) { ${table}Aggregate(filter: $f, groupBy: $g) { groups {
    key { ${KEY[table]} role planCode department { id code name nameEn } } count ${fns} } } }`;
}

/** The list filter a group's key adds. */
function keyFilter(key: Record<string, any>): Record<string, unknown> {
  const f: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(key)) {
    if (v == null) continue;
    if (k === 'department') f.department = v.code;
    else f[k] = v;
  }
  return f;
}

/** What the database should say of these rows' numbers, from the rows themselves. */
function expectedNumbers(rows: Record<string, number | null>[], fields: string[]) {
  const round = (x: number) => Number(x.toPrecision(12));
  const out: Record<string, Record<string, number | null>> = { sum: {}, avg: {}, min: {}, max: {} };
  for (const f of fields) {
    const values = rows.map((r) => r[f]).filter((v): v is number => v != null);
    const sum = values.reduce((a, b) => a + b, 0);
    out.sum[f] = values.length ? round(sum) : null;
    out.avg[f] = values.length ? round(sum / values.length) : null;
    out.min[f] = values.length ? Math.min(...values) : null;
    out.max[f] = values.length ? Math.max(...values) : null;
  }
  return out;
}

describe('aggregates over the plan tables', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startHub();
  });
  afterAll(async () => hub?.close());

  it('binding indicators by lead department: 区住建局 4, and every department as counted by hand from the rows', async () => {
    const agg = (await hub.gql(aggregateQuery('indicators'), { f: { attribute: 'BINDING', role: 'LEAD' }, g: ['DEPARTMENT'] })).indicatorsAggregate.groups;
    expect(agg.find((g: any) => g.key.department.name === '区住建局')).toMatchObject({ count: 4, key: { role: null, attribute: null, department: { code: 'housing' } } });
    // By hand: the binding indicators' lead responsibilities, each row once per department.
    const rows = (await hub.gql('{ indicators(filter: { attribute: BINDING }, limit: 1000) { items { id responsibilities { role department { code } } } } }')).indicators.items;
    const byHand = new Map<string, number>();
    for (const r of rows) for (const code of new Set<string>(r.responsibilities.filter((x: any) => x.role === 'LEAD').map((x: any) => x.department.code))) byHand.set(code, (byHand.get(code) ?? 0) + 1);
    expect(Object.fromEntries(agg.map((g: any) => [g.key.department.code, g.count]))).toEqual(Object.fromEntries([...byHand].sort(([a], [b]) => (a < b ? -1 : 1))));
    expect(agg.map((g: any) => g.key.department.code)).toEqual([...byHand.keys()].sort());
  });

  it('every group of every grouping and filter counts what the list counts for the filter plus its key, and sums its rows’ numbers', async () => {
    let compared = 0;
    for (const table of Object.keys(GROUPINGS)) {
      const fields = NUMBERS[table];
      for (const f of FILTERS[table]) {
        for (const g of GROUPINGS[table]) {
          const groups = (await hub.gql(aggregateQuery(table), { f, g }))[`${table}Aggregate`].groups;
          if (!g.length) expect(groups).toHaveLength(1);
          const seen = new Set<string>();
          for (const group of groups) {
            const key = JSON.stringify(group.key);
            expect(seen.has(key), `${table} ${JSON.stringify(f)} ${g}: ${key} twice`).toBe(false);
            seen.add(key);
            // A key field not grouped by is null.
            if (!g.includes('DEPARTMENT')) expect(group.key.department).toBeNull();
            if (!g.includes('ROLE')) expect(group.key.role).toBeNull();
            if (!g.includes('PLAN')) expect(group.key.planCode).toBeNull();
            // A null year (a rectification without deadline) is not a filter the list takes.
            if (g.includes('DEADLINE_YEAR') && group.key.deadlineYear == null) continue;
            const filter = { ...f, ...keyFilter(group.key) };
            const list = (await hub.gql(`query($f: ${TYPE[table]}Filter) { ${table}(filter: $f, limit: 1000) { totalCount items { ${fields.join(' ') || 'id'} } } }`, { f: filter }))[table];
            expect(group.count, `${table} ${JSON.stringify(f)} by ${g}: ${key}`).toBe(list.totalCount);
            if (g.length) expect(group.count).toBeGreaterThan(0); // no empty groups, except the one group of no grouping
            if (fields.length) {
              const want = expectedNumbers(list.items, fields);
              for (const fn of ['sum', 'avg', 'min', 'max']) expect(group[fn], `${fn} of ${table} ${JSON.stringify(filter)}`).toEqual(want[fn]);
            }
            compared++;
          }
        }
      }
    }
    expect(compared).toBeGreaterThan(300);
  });

  it('a target counts under each assessment method it has, a row under each department holding it', async () => {
    const targets = (await hub.gql('{ specialTargets(limit: 1000) { totalCount items { assessmentMethods responsibilities { department { code } } } } }')).specialTargets;
    const methods = (await hub.gql(aggregateQuery('specialTargets'), { g: ['ASSESSMENT_METHOD'] })).specialTargetsAggregate.groups;
    const held = targets.items.reduce((n: number, t: any) => n + t.assessmentMethods.length, 0);
    expect(methods.reduce((n: number, g: any) => n + g.count, 0)).toBe(held);
    expect(held).toBeGreaterThan(targets.totalCount);
    expect(methods.map((g: any) => g.key.assessmentMethod)).toEqual(['TARGET_ASSESSMENT', 'PERFORMANCE_EVALUATION', 'REGULAR_BULLETIN', 'ROUTINE_SPOT_CHECK', 'ON_SITE_VERIFICATION'].filter((m) => targets.items.some((t: any) => t.assessmentMethods.includes(m))));
    const departments = (await hub.gql(aggregateQuery('specialTargets'), { g: ['DEPARTMENT'] })).specialTargetsAggregate.groups;
    const pairs = targets.items.reduce((n: number, t: any) => n + new Set(t.responsibilities.map((r: any) => r.department.code)).size, 0);
    expect(departments.reduce((n: number, g: any) => n + g.count, 0)).toBe(pairs);
  });

  it('keys are typed: enums in declared order, booleans, years as integers, the department as an object; numbers null where no row has one', async () => {
    const ind = (await hub.gql(aggregateQuery('indicators'), { g: ['CUMULATIVE', 'ATTRIBUTE'] })).indicatorsAggregate.groups;
    expect(ind.map((g: any) => [g.key.cumulative, g.key.attribute])).toEqual(
      [[false, 'EXPECTED'], [false, 'BINDING'], [true, 'EXPECTED'], [true, 'BINDING']].filter(([c, a]) => ind.some((g: any) => g.key.cumulative === c && g.key.attribute === a)),
    );
    expect(ind.length).toBeGreaterThanOrEqual(3);
    const relative = (await hub.gql(aggregateQuery('indicators'), { f: { targetKind: 'RELATIVE' }, g: ['TARGET_KIND'] })).indicatorsAggregate.groups;
    expect(relative).toHaveLength(1);
    expect(relative[0].sum.targetValue).toBeNull(); // 与GDP同步 has no number
    expect(relative[0].min.baseYear).toBe(2015);
    const years = (await hub.gql(aggregateQuery('standards'), { g: ['RELEASE_YEAR'] })).standardsAggregate.groups.map((g: any) => g.key.releaseYear);
    expect(years).toEqual([...years].sort((a: number, b: number) => a - b));
    expect(years.every((y: unknown) => Number.isInteger(y))).toBe(true);
    const none = (await hub.gql(aggregateQuery('standards'), { f: { releaseYear: 1999 }, g: [] })).standardsAggregate.groups;
    expect(none).toEqual([{ key: { releaseYear: null, role: null, planCode: null, department: null }, count: 0, sum: { releaseYear: null }, avg: { releaseYear: null }, min: { releaseYear: null }, max: { releaseYear: null } }]);
    expect((await hub.gql(aggregateQuery('standards'), { f: { releaseYear: 1999 }, g: ['DEPARTMENT'] })).standardsAggregate.groups).toEqual([]);
  });

  it('bad groupBy or filter: BAD_USER_INPUT naming the argument, never a 500', async () => {
    const [twice] = await hub.gqlErrors('{ indicatorsAggregate(groupBy: [DEPARTMENT, DEPARTMENT]) { groups { count } } }');
    expect(twice.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'groupBy[1]' });
    expect(twice.message).toMatch(/DEPARTMENT is given twice/);
    const [dept] = await hub.gqlErrors('{ standardsAggregate(filter: { department: "区外星局" }, groupBy: [ROLE]) { groups { count } } }');
    expect(dept.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.department' });
    const [plan] = await hub.gqlErrors('{ rectificationsAggregate(filter: { planCode: "no-such-plan" }) { groups { count } } }');
    expect(plan.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.planCode' });
    const [search] = await hub.gqlErrors(`{ innovationTopicsAggregate(filter: { search: "${'长'.repeat(201)}" }) { groups { count } } }`);
    expect(search.extensions.code).toBe('BAD_USER_INPUT');
    expect(search.message).toMatch(/search/);
    const [variable] = await hub.gqlErrors('query($g: [IndicatorGroupBy!]) { indicatorsAggregate(groupBy: $g) { groups { count } } }', { g: ['STATUS'] });
    expect(variable.extensions.code).toBe('BAD_USER_INPUT');
    expect(variable.message).toMatch(/\$g/);
  });

  it('one statement per aggregate, at two sizes', async () => {
    const q = aggregateQuery('indicators');
    const vars = { f: { department: '住建', attribute: 'EXPECTED' }, g: ['DEPARTMENT', 'ROLE', 'TARGET_KIND'] };
    const counted = async () => {
      hub.statements.length = 0;
      const groups = (await hub.gql(q, vars)).indicatorsAggregate.groups;
      const selects = hub.statements.filter((s) => /\bgroup by\b/i.test(s));
      return { statements: hub.statements.length, groupBys: selects.length, total: groups.reduce((n: number, g: any) => n + g.count, 0) };
    };
    await counted(); // the plan and department look-ups warm nothing: each request makes its own services
    const small = await counted();
    const { plans } = await hub.gql('{ plans { code } }');
    for (let i = 0; i < 25; i++) {
      await hub.gql('mutation($input: IndicatorInput!) { createIndicator(input: $input) { id } }', {
        input: { seq: 9000 + i, name: `统计用指标${i}`, unit: '%', targetText: `${i}`, targetKind: 'EXACT', targetValue: i, attribute: 'EXPECTED', planCode: plans[0].code, responsibilities: [{ department: '住建', role: i % 2 ? 'LEAD' : 'SUPPORT' }] },
      });
    }
    const large = await counted();
    expect(large.total).toBe(small.total + 25);
    expect(small.groupBys).toBe(1);
    expect(large.statements).toBe(small.statements);
  });

  it('read as the lists are: anonymous reading follows ANONYMOUS_READ', async () => {
    const q = '{ standardsAggregate(groupBy: [RELEASE_YEAR]) { groups { key { releaseYear } count } } }';
    expect((await hub.gql(q, undefined, ANONYMOUS)).standardsAggregate.groups.length).toBeGreaterThan(0);
    hub.security.anonymousRead = false;
    try {
      const [refused] = await hub.gqlErrors(q, undefined, ANONYMOUS);
      expect(refused.extensions.code).toBe('UNAUTHENTICATED');
      const [list] = await hub.gqlErrors('{ standards { totalCount } }', undefined, ANONYMOUS);
      expect(list.extensions.code).toBe('UNAUTHENTICATED');
    } finally {
      hub.security.anonymousRead = true;
    }
  });

  it('year targets: counted and summed per year, derivation, attribute, department and role, as worked out from the indicators list', async () => {
    const AGG = `query($f: IndicatorFilter, $g: [YearTargetGroupBy!]) { yearTargetsAggregate(filter: $f, groupBy: $g) { groups {
      key { year derived attribute targetKind role planCode department { code } } count sum { targetValue } max { targetValue } } } }`;
    const LIST = `query($f: IndicatorFilter) { indicators(filter: $f, limit: 1000) { items { attribute targetKind planCode
      responsibilities { role department { code } } yearTargets { year derived targetValue } } } }`;
    const FIELDS: Record<string, (i: any, yt: any, r: any) => unknown> = {
      YEAR: (_i, yt) => yt.year, DERIVED: (_i, yt) => yt.derived, ATTRIBUTE: (i) => i.attribute, TARGET_KIND: (i) => i.targetKind,
      DEPARTMENT: (_i, _yt, r) => r.department.code, ROLE: (_i, _yt, r) => r.role, PLAN: (i) => i.planCode,
    };
    const KEYS: Record<string, (k: any) => unknown> = {
      YEAR: (k) => k.year, DERIVED: (k) => k.derived, ATTRIBUTE: (k) => k.attribute, TARGET_KIND: (k) => k.targetKind,
      DEPARTMENT: (k) => k.department?.code, ROLE: (k) => k.role, PLAN: (k) => k.planCode,
    };
    let compared = 0;
    for (const f of [{}, { attribute: 'BINDING' }, { department: '住建', role: 'LEAD' }, { cumulative: true }]) {
      const items = (await hub.gql(LIST, { f })).indicators.items;
      for (const g of [[], ['YEAR'], ['DERIVED'], ['YEAR', 'ATTRIBUTE'], ['DEPARTMENT'], ['ROLE', 'YEAR'], ['TARGET_KIND', 'PLAN']]) {
        // By hand: each year target once per (department, role) that holds its indicator when grouped through them.
        const byHand = new Map<string, { count: number; sum: number; max: number | null }>();
        const through = g.includes('DEPARTMENT') || g.includes('ROLE');
        for (const ind of items) {
          const links = through
            ? ind.responsibilities.filter((r: any) => (!(f as any).role || r.role === (f as any).role) && (!(f as any).department || r.department.code === 'housing'))
            : [null];
          for (const yt of ind.yearTargets) {
            const seen = new Set<string>();
            for (const r of links) {
              const key = JSON.stringify(g.map((d) => FIELDS[d](ind, yt, r)));
              if (seen.has(key)) continue;
              seen.add(key);
              const acc = byHand.get(key) ?? { count: 0, sum: 0, max: null };
              acc.count++;
              if (yt.targetValue != null) {
                acc.sum += yt.targetValue;
                acc.max = acc.max == null ? yt.targetValue : Math.max(acc.max, yt.targetValue);
              }
              byHand.set(key, acc);
            }
          }
        }
        const groups = (await hub.gql(AGG, { f, g })).yearTargetsAggregate.groups;
        expect(groups.length, JSON.stringify({ f, g })).toBe(byHand.size);
        for (const group of groups) {
          const hand = byHand.get(JSON.stringify(g.map((d) => KEYS[d](group.key))))!;
          expect(group.count, JSON.stringify({ f, g, key: group.key })).toBe(hand.count);
          expect(group.max.targetValue).toBe(hand.max);
          if (hand.max != null) expect(group.sum.targetValue).toBeCloseTo(hand.sum, 4);
          compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(60);
    // Every indicator has one target a year, 2016–2020: five groups of the same size.
    const years = (await hub.gql(AGG, { f: {}, g: ['YEAR'] })).yearTargetsAggregate.groups;
    expect(years.map((y: any) => y.key.year)).toEqual([2016, 2017, 2018, 2019, 2020]);
    expect(new Set(years.map((y: any) => y.count)).size).toBe(1);
  });

  it('ledger entries: every group counts what the ledger list counts for the filter plus its key, as each reader may read them', async () => {
    await createServices(hub.orm.em.fork() as Em, cliActor('aggregate-demo', 'seed')).demo.load();
    const editor = await hub.user('agg-fagai', Role.EDITOR, '区发改局');
    const AGG = `query($f: LedgerEntryFilter, $g: [LedgerEntryGroupBy!]) { ledgerEntriesAggregate(filter: $f, groupBy: $g) { groups {
      key { state periodKind year period department { code name } } count sum { actualValue } min { actualValue } max { actualValue } } } }`;
    const LIST = `query($f: LedgerEntryFilter) { ledgerEntries(filter: $f, limit: 1000) { totalCount items { actualValue } } }`;
    const groupings = [[], ['STATE'], ['DEPARTMENT'], ['PERIOD_KIND', 'YEAR'], ['STATE', 'DEPARTMENT'], ['PERIOD']];
    const filters = [{}, { year: 2019 }, { department: '区发改局' }, { periodKind: 'MONTH', state: 'APPROVED' }];
    let compared = 0;
    for (const who of [undefined, editor, ANONYMOUS]) {
      for (const f of filters) {
        for (const g of groupings) {
          const groups = (await hub.gql(AGG, { f, g }, who)).ledgerEntriesAggregate.groups;
          for (const group of groups) {
            const k = group.key;
            const narrowed: Record<string, unknown> = { ...f };
            if (k.state) narrowed.state = k.state;
            if (k.periodKind) narrowed.periodKind = k.periodKind;
            if (k.year != null) narrowed.year = k.year;
            if (k.period) narrowed.period = k.period;
            if (k.department) narrowed.department = k.department.code;
            const list = (await hub.gql(LIST, { f: narrowed }, who)).ledgerEntries;
            expect(group.count, JSON.stringify({ f, g, key: k })).toBe(list.totalCount);
            const values = list.items.map((r: any) => r.actualValue).filter((v: number | null) => v != null) as number[];
            expect(group.max.actualValue).toBe(values.length ? Math.max(...values) : null);
            expect(group.min.actualValue).toBe(values.length ? Math.min(...values) : null);
            if (values.length) expect(group.sum.actualValue).toBeCloseTo(values.reduce((a, b) => a + b, 0), 6);
            compared++;
          }
        }
      }
    }
    expect(compared).toBeGreaterThan(100);
    // Signed out: approved entries only. The office sees the demo set's 3 drafts, 4 submitted and 1 returned too.
    const all = Object.fromEntries((await hub.gql(AGG, { f: {}, g: ['STATE'] })).ledgerEntriesAggregate.groups.map((x: any) => [x.key.state, x.count]));
    expect(all).toMatchObject({ DRAFT: 3, SUBMITTED: 4, RETURNED: 1 });
    expect(all.APPROVED).toBeGreaterThanOrEqual(441);
    const anon = (await hub.gql(AGG, { f: {}, g: ['STATE'] }, ANONYMOUS)).ledgerEntriesAggregate.groups;
    expect(anon.map((x: any) => [x.key.state, x.count])).toEqual([['APPROVED', all.APPROVED]]);
    const [bad] = await hub.gqlErrors(AGG, { f: { period: '2019-13' }, g: ['STATE'] });
    expect(bad.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.period' });
  });
});

describe('aggregates are cached as the lists', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startHub({ responseCacheMb: 8 });
  });
  afterAll(async () => hub?.close());

  const post = async (query: string, variables?: Record<string, unknown>) => {
    const res = await hub.app.inject({ method: 'POST', url: '/graphql', headers: { 'content-type': 'application/json' }, payload: { query, variables } });
    return { cache: res.headers['x-plan-hub-cache'] as string | undefined, json: res.json() };
  };

  it('the tables an aggregate is filed under cover the SQL it sends', async () => {
    const schema = await buildGraphQLSchema();
    const known = new Set<string>([...TRACKED_TABLES, ...UNTRACKED_TABLES]);
    for (const table of Object.keys(GROUPINGS)) {
      for (const g of GROUPINGS[table]) {
        for (const f of FILTERS[table]) {
          const query = aggregateQuery(table);
          const said = tablesRead(schema, parse(query), undefined);
          expect(said, query).not.toBeNull();
          hub.statements.length = 0;
          await hub.gql(query, { f, g });
          const sent = new Set<string>();
          for (const s of hub.statements) for (const m of s.matchAll(/\b(?:from|join)\s+[`"]?(\w+)[`"]?/gi)) if (known.has(m[1])) sent.add(m[1]);
          expect([...sent].filter((t) => !said!.includes(t as never)), `${query} ${JSON.stringify({ f, g })}`).toEqual([]);
        }
      }
    }
  });

  it('a repeated aggregate is a hit; an edit of the table it reads drops it, an edit of another keeps it', async () => {
    const ind = '{ indicatorsAggregate(groupBy: [ATTRIBUTE]) { groups { key { attribute } count sum { targetValue } } } }';
    const std = 'query($g: [StandardGroupBy!]) { standardsAggregate(groupBy: $g) { groups { key { releaseYear department { code } } count } } }';
    await post(ind);
    await post(std, { g: ['DEPARTMENT'] });
    expect((await post(ind)).cache).toBe('hit');
    expect((await post(std, { g: ['DEPARTMENT'] })).cache).toBe('hit');
    const before = (await post(ind)).json.data.indicatorsAggregate.groups;
    const row = (await hub.gql('{ indicators(filter: { attribute: EXPECTED }, limit: 1) { items { id version } } }')).indicators.items[0];
    await hub.gql('mutation($id: ID!, $v: Int!) { updateIndicator(id: $id, patch: { attribute: BINDING }, expectedVersion: $v) { version } }', { id: row.id, v: row.version });
    const after = await post(ind);
    expect(after.cache).toBe('miss');
    expect((await post(std, { g: ['DEPARTMENT'] })).cache).toBe('hit');
    const count = (groups: any[], a: string) => groups.find((g) => g.key.attribute === a).count;
    expect(count(after.json.data.indicatorsAggregate.groups, 'BINDING')).toBe(count(before, 'BINDING') + 1);
    expect(count(after.json.data.indicatorsAggregate.groups, 'EXPECTED')).toBe(count(before, 'EXPECTED') - 1);
  });
});

const PG_URL = process.env.TEST_DATABASE_URL && parseDatabaseUrl(process.env.TEST_DATABASE_URL).engine === 'postgresql' ? process.env.TEST_DATABASE_URL : null;

/** With TEST_DATABASE_URL naming PostgreSQL: a seeded hub on each engine, as tests/read-parity.test.ts makes them. */
describe.skipIf(!PG_URL)('SQLite and PostgreSQL', () => {
  const hubs: { hub: PlanHub; drop: () => Promise<void> }[] = [];
  beforeAll(async () => {
    for (const engine of ['sqlite', 'postgresql'] as const) {
      const db = engine === 'sqlite' ? null : await freshPgDatabase(PG_URL!, 'planhub_aggregates');
      const hub = await createApp({ database: db ? { engine: 'postgresql', url: db.url } : { engine: 'sqlite', path: ':memory:' }, seedOnEmpty: true });
      hubs.push({ hub, drop: db?.drop ?? (async () => {}) });
    }
  }, 120_000);
  afterAll(async () => {
    for (const h of hubs) {
      await h.hub.close();
      await h.drop();
    }
  });

  it('answer every aggregate byte for byte the same, errors included', async () => {
    const post = (hub: PlanHub, query: string, variables?: Record<string, unknown>) =>
      hub.app.inject({ method: 'POST', url: '/graphql', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ query, variables }) }).then((r) => r.body);
    const cases: [string, Record<string, unknown>?][] = [];
    for (const table of Object.keys(GROUPINGS)) for (const f of FILTERS[table]) for (const g of GROUPINGS[table]) cases.push([aggregateQuery(table), { f, g }]);
    cases.push(['{ indicatorsAggregate(groupBy: [ROLE, ROLE]) { groups { count } } }']);
    cases.push(['{ standardsAggregate(filter: { department: "区外星局" }) { groups { count } } }']);
    let numbers = 0;
    for (const [query, variables] of cases) {
      const [a, b] = [await post(hubs[0].hub, query, variables), await post(hubs[1].hub, query, variables)];
      expect(b, `${query} ${JSON.stringify(variables)}`).toBe(a);
      if (/"avg":\{"targetValue":\d+\.\d+/.test(a)) numbers++;
    }
    expect(cases.length).toBeGreaterThan(150);
    expect(numbers).toBeGreaterThan(10); // averages with decimals were compared, not only counts
  }, 120_000);
});
