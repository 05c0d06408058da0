import { describe, expect, it, afterAll, beforeAll } from 'vitest';
import { createApp, type PlanHub } from '../server/app';
import { createContext } from '../server/context';
import { ANONYMOUS, cliActor } from '../server/common/actor';
import { createServices } from '../server/services';
import type { Em } from '../server/orm';
import { parseDatabaseUrl } from '../server/config';
import { freshPgDatabase } from './reliability/hub-process';

/**
 * The read layer (server/read) answers lists and the department page with plain rows from its own
 * SQL. Two checks, through GraphQL on seeded databases:
 * - the same queries (every filter, every sort key both ways, paging, the cross-link, departments with
 *   field arguments, coded errors) answer byte for byte the same on SQLite and PostgreSQL (when
 *   TEST_DATABASE_URL names a PostgreSQL server, this file makes a hub on each engine);
 * - on each engine, every row a list answers equals the same row read as an entity (`indicator(id)`,
 *   `departmentSuggestions`), the path that does not go through the read layer.
 */
const PG_URL = process.env.TEST_DATABASE_URL && parseDatabaseUrl(process.env.TEST_DATABASE_URL).engine === 'postgresql' ? process.env.TEST_DATABASE_URL : null;

const DEPARTMENT = 'id code name nameEn aliases version';
const RESPONSIBILITY = (times: string) => `id version role note noteEn ${times} department { ${DEPARTMENT} }`;
const FIELDS = (times: string): Record<string, string> => ({
  indicators: `id version ${times} seq planCode name unit unitAsWritten targetText targetAsWritten targetValue targetKind annualGrowthPct attribute cumulative
    responsibilities { ${RESPONSIBILITY(times)} } specialTargets { id seq title assessmentMethods planCode }`,
  specialTargets: `id version ${times} seq planCode title content assessmentMethods othersInvolved
    responsibilities { ${RESPONSIBILITY(times)} } indicators { id seq name attribute cumulative planCode }`,
  rectifications: `id version ${times} seq planCode problem direction plan measures expectedOutcomes deadlineYear status overdue othersInvolved responsibilities { ${RESPONSIBILITY(times)} }`,
  innovationTopics: `id version ${times} seq planCode field title problem path sources responsibilities { ${RESPONSIBILITY(times)} }`,
  standards: `id version ${times} seq planCode name releaseYear responsibilities { ${RESPONSIBILITY(times)} }`,
});
const ONE: Record<string, string> = { indicators: 'indicator', specialTargets: 'specialTarget', rectifications: 'rectification', innovationTopics: 'innovationTopic', standards: 'standard' };
const SORTABLE: Record<string, string[]> = {
  indicators: ['seq', 'name', 'unit', 'targetText', 'targetValue', 'targetKind', 'annualGrowthPct', 'attribute', 'cumulative', 'version', 'id'],
  specialTargets: ['seq', 'title', 'othersInvolved', 'version', 'id'],
  rectifications: ['seq', 'deadlineYear', 'status', 'version', 'id'],
  innovationTopics: ['seq', 'field', 'title', 'version', 'id'],
  standards: ['seq', 'name', 'releaseYear', 'version', 'id'],
};
const COMMON_FILTERS = [
  '{}',
  '{ planCode: "binjiang-13th" }',
  '{ department: "住建" }',
  '{ department: "区发改局", role: LEAD }',
  '{ department: "housing", role: SUPPORT }',
  '{ role: LEAD }',
  '{ search: "住建" }',
  '{ search: "发展" }',
  '{ search: "%" }',
  '{ search: "HOUSING" }',
];
const TABLE_FILTERS: Record<string, string[]> = {
  indicators: ['{ attribute: BINDING }', '{ attribute: EXPECTED, cumulative: true }', '{ cumulative: false, targetKind: AT_LEAST }', '{ targetKind: EXACT, department: "环保" }'],
  specialTargets: ['{ assessmentMethod: REGULAR_BULLETIN }', '{ assessmentMethod: TARGET_ASSESSMENT, search: "就业" }'],
  rectifications: ['{ status: OPEN }', '{ deadlineYear: 2017 }'],
  innovationTopics: ['{ field: ECONOMY }', '{ field: SOCIETY, role: LEAD }'],
  standards: ['{ releaseYear: 2017 }', '{ releaseYear: 2016, search: "标准" }'],
};

/** Every query of the parity set, by name. Timestamps stay out: the two databases were seeded at different moments. */
function queries(): [string, string][] {
  const out: [string, string][] = [];
  const fields = FIELDS('');
  for (const [table, sel] of Object.entries(fields)) {
    for (const [i, filter] of [...COMMON_FILTERS, ...TABLE_FILTERS[table]].entries()) {
      out.push([`${table} filter ${i}`, `{ ${table}(filter: ${filter}) { totalCount items { ${sel} } } }`]);
    }
    for (const field of SORTABLE[table]) {
      for (const direction of ['ASC', 'DESC']) {
        out.push([`${table} by ${field} ${direction}`, `{ ${table}(orderBy: [{ field: "${field}", direction: ${direction} }, { field: "seq", direction: DESC }], limit: 7, offset: 2) { totalCount items { id seq } } }`]);
      }
    }
    for (const [limit, offset] of [[1, 0], [5, 5], [5, 20], [100, 0], [3, 1000]]) {
      out.push([`${table} page ${limit}@${offset}`, `{ ${table}(limit: ${limit}, offset: ${offset}) { totalCount items { id seq planCode } } }`]);
      out.push([`${table} items only ${limit}@${offset}`, `{ ${table}(limit: ${limit}, offset: ${offset}) { items { id } } }`]);
    }
    out.push([`${table} count only`, `{ ${table}(filter: { search: "区" }) { totalCount } }`]);
  }
  out.push(['cross-link', `{ department(name: "住建") { code name nameEn aliases
    indicators(attribute: BINDING, role: LEAD) { id seq name unit targetText targetKind targetValue responsibilities { id role note department { id name } } specialTargets { id seq title } }
    specialTargets { seq title } rectifications { seq problem } standards { seq name } innovationTopics { seq title } } }`]);
  out.push(['department by code, alias, full-width', `{ a: department(code: "market-regulation") { id code } b: department(name: "区市场监管局") { id } c: department(name: "区办公室（法制办）") { name } d: department(name: "不存在的局") { id } }`]);
  out.push(['departments with arguments', `{ departments { code name aliases
    indicators(planCode: "binjiang-13th", role: LEAD, attribute: BINDING) { seq planCode responsibilities { role department { code } } }
    all: indicators { seq } support: indicators(role: SUPPORT) { seq }
    specialTargets(planCode: "binjiang-13th", role: SUPPORT) { seq indicators { seq } }
    rectifications(planCode: "binjiang-13th") { seq status } innovationTopics(role: LEAD) { seq sources } standards(planCode: "binjiang-13th") { seq releaseYear } } }`]);
  out.push(['departments(search)', `{ a: departments(search: "住建") { code } b: departments(search: "housing") { code aliases } c: departments(search: "局") { code } }`]);
  out.push(['fragments, aliases and directives', `query($no: Boolean = false) { indicators(limit: 4) { totalCount ...page } }
    fragment page on IndicatorPage { items { ...row n: name r: responsibilities { role } r2: responsibilities @include(if: $no) { note } } }
    fragment row on Indicator { id seq planCode p: planCode }`]);
  out.push(['unknown plan in a field argument', `{ departments(search: "住建") { code indicators(planCode: "no-such-plan") { seq } standards { seq } } }`]);
  out.push(['unknown department in a filter', `{ indicators(filter: { department: "区外星局" }) { totalCount } }`]);
  out.push(['bad sort field and page size', `{ a: indicators(orderBy: [{ field: "nope" }]) { totalCount } }`]);
  out.push(['bad limit', `{ standards(limit: 0) { totalCount } }`]);
  out.push(['progress in a year outside the plan', `{ indicators(limit: 2) { items { seq progress(year: 2030) { status } } } }`]);
  out.push(['search too long (the filter rule)', `{ indicators(filter: { search: "${'长'.repeat(201)}" }) { totalCount } }`]);
  out.push(['order direction and a control character', `query($o: [OrderBy!]) { rectifications(orderBy: $o) { totalCount } standards(filter: { search: "a\\u0007b" }) { totalCount } }`]);
  return out;
}

/**
 * Department reads the compiled path (server/read/compiled.ts) answers: every field and relation it
 * serves, arguments as literals and as variables, fragments, aliases, directives and __typename.
 */
const ITEM = (t: string) => `id version seq planCode __typename responsibilities { id role note noteEn version department { id code name nameEn aliases } } ${t}`;
export const COMPILED_QUERIES: [string, string, Record<string, unknown>?][] = [
  ['cross-link', `query CrossLink($name: String!) { department(name: $name) { indicators(attribute: BINDING, role: LEAD) { id seq name unit targetText targetKind targetValue responsibilities { id role note department { id name } } specialTargets { id seq title } } } }`, { name: '住建' }],
  ['every field of every table under a department', `{ department(code: "housing") { __typename ${DEPARTMENT} nameEn
    indicators { ${ITEM('name unit unitAsWritten targetText targetAsWritten targetValue targetKind annualGrowthPct attribute cumulative specialTargets { id seq title assessmentMethods planCode othersInvolved indicators { seq name } }')} }
    specialTargets { ${ITEM('title content assessmentMethods othersInvolved indicators { id seq name targetValue annualGrowthPct planCode }')} }
    rectifications { ${ITEM('problem direction plan measures expectedOutcomes deadlineYear status othersInvolved')} }
    innovationTopics { ${ITEM('field title problem path sources')} }
    standards { ${ITEM('name releaseYear')} } } }`],
  ['department arguments as variables', `query($code: String, $name: String, $role: ResponsibilityRole, $plan: String, $attr: IndicatorAttribute) {
    a: department(code: $code) { code indicators(role: $role, planCode: $plan, attribute: $attr) { seq attribute } }
    b: department(name: $name) { code specialTargets(role: $role) { seq } standards(planCode: $plan) { seq } } }`, { code: 'housing', name: '区发改局', role: 'SUPPORT', plan: 'binjiang-13th', attr: null }],
  ['departments with their items', `{ departments { code name aliases indicators(planCode: "binjiang-13th", role: LEAD) { seq planCode targetValue responsibilities { role department { code indicators(role: SUPPORT) { seq } } } } support: indicators(role: SUPPORT) { seq } rectifications { seq status } innovationTopics(role: LEAD) { seq sources } } }`],
  ['departments(search)', `{ a: departments(search: "住建") { code } b: departments(search: "housing") { code aliases } c: departments(search: "局") { code __typename } d: departments(search: "%") { code } }`],
  ['fragments, aliases, directives', `query($yes: Boolean = true, $no: Boolean = false) { __typename d: department(name: "住建") { ...dep x: code y: code @include(if: $yes) z: name @skip(if: $yes) } e: department(name: "发改") { ...dep } }
    fragment dep on Department { id aliases ... on Department { i: indicators(attribute: EXPECTED) { ...ind } } indicators @include(if: $no) { seq } }
    fragment ind on Indicator { seq n: name cumulative specialTargets { ... on SpecialTarget { title } } }`],
  ['timestamps in a list and under a department', `{ rectifications(limit: 3) { items { seq createdAt updatedAt responsibilities { createdAt department { updatedAt } } } }
    department(name: "住建") { createdAt indicators { seq updatedAt } } }`],
  ['a grid page as the client asks it', `query($filter: IndicatorFilter, $orderBy: [OrderBy!], $limit: Int, $offset: Int) { indicators(filter: $filter, orderBy: $orderBy, limit: $limit, offset: $offset) {
    totalCount items { __typename id version seq planCode name unit targetText targetKind targetValue annualGrowthPct attribute cumulative updatedAt createdAt
      responsibilities { __typename id role note department { __typename id name aliases } } specialTargets { __typename id seq title } } } }`,
    { filter: { attribute: 'EXPECTED', search: '率' }, orderBy: [{ field: 'updatedAt', direction: 'DESC' }, { field: 'name', direction: 'ASC' }], limit: 50, offset: 1 }],
  ['the indicators grid with its status column (progress, batched beside the SQL)', `query($y: Int!) { indicators(limit: 30) { totalCount items { seq name targetMethod baseValue baseYear cumulative
    progress(year: $y) { __typename year status ratio actualValue targetValue provisional explanation } updatedAt
    p2018: progress(year: 2018) { status explanation } } } }`, { y: 2019 }],
  ['no such department, empty name', `{ a: department(name: "不存在的局") { id indicators { seq } } b: department(name: "  ") { id } c: department(code: "housing") { code } }`],
];

/** Compiled queries that read timestamps: compared with Apollo on each engine, not across engines. */
const TIMED = new Set(['timestamps in a list and under a department', 'a grid page as the client asks it', 'the indicators grid with its status column (progress, batched beside the SQL)']);

interface Hub {
  hub: PlanHub;
  drop: () => Promise<void>;
}

/** A seeded hub with the demo ledger (so progress has approved values to judge). */
async function start(engine: 'sqlite' | 'postgresql'): Promise<Hub> {
  const db = engine === 'sqlite' ? null : await freshPgDatabase(PG_URL!, 'planhub_parity');
  const hub = await createApp({ database: db ? { engine: 'postgresql', url: db.url } : { engine: 'sqlite', path: ':memory:' }, seedOnEmpty: true });
  await createServices(hub.orm.em.fork() as Em, cliActor('parity-demo', 'seed')).demo.load();
  return { hub, drop: db?.drop ?? (async () => {}) };
}

/** The whole answer as JSON text (data and errors), as an anonymous reader gets it. */
async function answer(hub: PlanHub, query: string, variables?: Record<string, unknown>): Promise<string> {
  const ctx = await createContext(hub.orm, { actor: ANONYMOUS });
  const res = await hub.apollo.executeOperation({ query, variables }, { contextValue: Object.assign(ctx, { anonymousRead: true }) });
  if (res.body.kind !== 'single') throw new Error('expected a single result');
  return JSON.stringify(res.body.singleResult);
}

describe('read layer: the same answers on both engines, and as entities', () => {
  const hubs: Partial<Record<'sqlite' | 'postgresql', Hub>> = {};
  beforeAll(async () => {
    hubs.sqlite = await start('sqlite');
    if (PG_URL) hubs.postgresql = await start('postgresql');
  }, 120_000);
  afterAll(async () => {
    for (const h of Object.values(hubs)) {
      await h.hub.close();
      await h.drop();
    }
  });

  it('answers every query of the set with data or a coded error', async () => {
    for (const [name, query] of queries()) {
      const json = JSON.parse(await answer(hubs.sqlite!.hub, query));
      if (json.errors) for (const e of json.errors) expect(e.extensions?.code, name).toMatch(/^[A-Z_]+$/);
      else expect(json.data, name).toBeTruthy();
    }
    const cross = JSON.parse(await answer(hubs.sqlite!.hub, queries().find(([n]) => n === 'cross-link')![1])).data.department;
    expect(cross.indicators.map((i: any) => i.seq)).toEqual([20, 21, 22, 23]);
    const withArgs = JSON.parse(await answer(hubs.sqlite!.hub, queries().find(([n]) => n === 'departments with arguments')![1])).data.departments;
    expect(withArgs.find((d: any) => d.code === 'housing').indicators.map((i: any) => i.seq)).toEqual([20, 21, 22, 23]);
    const bad = JSON.parse(await answer(hubs.sqlite!.hub, queries().find(([n]) => n === 'unknown plan in a field argument')![1]));
    expect(bad.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'planCode', known: ['binjiang-13th'] });
    expect(bad.errors[0].path).toEqual(['departments', 0, 'indicators']);
    const long = JSON.parse(await answer(hubs.sqlite!.hub, queries().find(([n]) => n.startsWith('search too long'))![1]));
    expect(long.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.search' });
    const control = JSON.parse(await answer(hubs.sqlite!.hub, queries().find(([n]) => n.startsWith('order direction'))![1]));
    expect(control.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    const year = JSON.parse(await answer(hubs.sqlite!.hub, queries().find(([n]) => n === 'progress in a year outside the plan')![1]));
    expect(year.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'year' });
  });

  it.each(['sqlite', 'postgresql'] as const)('on %s, compiled reads answer byte for byte as Apollo does, and Apollo the rest', async (engine) => {
    const h = hubs[engine];
    if (!h) return;
    const post = (query: string, variables?: Record<string, unknown>) =>
      h.hub.app.inject({ method: 'POST', url: '/graphql', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ query, variables }) });
    for (const [name, query, variables] of COMPILED_QUERIES) {
      const served = h.hub.compiledReads.served;
      const res = await post(query, variables);
      expect(h.hub.compiledReads.served, `${name}: compiled`).toBe(served + 1);
      expect(res.statusCode, name).toBe(200);
      expect(res.headers['content-type'], name).toBe('application/json; charset=utf-8');
      expect(res.body, name).toBe((await answer(h.hub, query, variables)) + '\n');
      expect(JSON.parse(res.body).errors, name).toBeUndefined();
    }
    // As Apollo Client 4 asks (its Accept header, its clientLibrary extension): compiled, with the media type Apollo would choose.
    for (const [name, query, variables] of COMPILED_QUERIES) {
      const served = h.hub.compiledReads.served;
      const res = await h.hub.app.inject({
        method: 'POST',
        url: '/graphql',
        headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json,application/json;q=0.9' },
        // An extra variable the operation does not declare (ignored) keeps the answer cache's earlier answer out.
        payload: JSON.stringify({ query, variables: { ...variables, notDeclared: 1 }, extensions: { clientLibrary: { name: '@apollo/client', version: '4.0.0' } } }),
      });
      expect(h.hub.compiledReads.served, `${name}: compiled for Apollo Client`).toBe(served + 1);
      expect(res.headers['content-type'], name).toBe('application/graphql-response+json; charset=utf-8');
      expect(res.body, name).toBe((await answer(h.hub, query, variables)) + '\n');
      const again = await h.hub.app.inject({ method: 'POST', url: '/graphql', headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json,application/json;q=0.9' }, payload: JSON.stringify({ query, variables: { ...variables, notDeclared: 1 } }) });
      expect([again.headers['x-plan-hub-cache'], again.headers['content-type']], `${name}: the cached answer, same type`).toEqual(['hit', 'application/graphql-response+json; charset=utf-8']);
    }
    // A persisted-query extension, or an Accept that Apollo alone handles, goes to Apollo.
    for (const [headers, extensions] of [[{ accept: 'multipart/mixed;deferSpec=20220824, application/json' }, undefined], [{}, { persistedQuery: { version: 1, sha256Hash: 'x' } }], [{ accept: 'text/html' }, undefined]] as const) {
      const served = h.hub.compiledReads.served;
      await h.hub.app.inject({ method: 'POST', url: '/graphql', headers: { 'content-type': 'application/json', ...headers }, payload: JSON.stringify({ query: COMPILED_QUERIES[0][1], variables: { ...COMPILED_QUERIES[0][2], other: JSON.stringify(headers) }, extensions }) });
      expect(h.hub.compiledReads.served, JSON.stringify({ headers, extensions })).toBe(served);
    }
    // The plan tables' lists (every filter, sort and page of the set) are compiled too, byte for byte;
    // what it does not serve (errors, the department page's bad arguments) Apollo answers as before.
    let lists = 0;
    for (const [name, query] of queries()) {
      const served = h.hub.compiledReads.served;
      const res = await post(query);
      const apolloText = await answer(h.hub, query);
      const apollo = JSON.parse(apolloText);
      expect(JSON.parse(res.body), name).toEqual(apollo);
      if (/^(indicators|specialTargets|rectifications|innovationTopics|standards) /.test(name) && !apollo.errors) {
        expect(h.hub.compiledReads.served, `${name}: compiled`).toBe(served + 1);
        expect(res.body, name).toBe(apolloText + '\n');
        lists++;
      }
      if (apollo.errors) expect(h.hub.compiledReads.served, `${name}: an error is Apollo's`).toBe(served);
    }
    expect(lists).toBeGreaterThan(150);
  }, 120_000);

  it.skipIf(!PG_URL)('SQLite and PostgreSQL answer byte for byte the same', async () => {
    let compared = 0;
    for (const [name, query] of queries()) {
      const [a, b] = [await answer(hubs.sqlite!.hub, query), await answer(hubs.postgresql!.hub, query)];
      expect(b, name).toBe(a);
      compared++;
    }
    for (const [name, query, variables] of COMPILED_QUERIES) {
      if (TIMED.has(name)) continue; // the two databases were seeded at different moments
      const post = (h: Hub) => h.hub.app.inject({ method: 'POST', url: '/graphql', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ query, variables }) }).then((r) => r.body);
      expect(await post(hubs.postgresql!), name).toBe(await post(hubs.sqlite!));
      compared++;
    }
    expect(compared).toBeGreaterThan(100);
  }, 120_000);

  it.each(['sqlite', 'postgresql'] as const)('on %s, every listed row equals the same row read as an entity', async (engine) => {
    const h = hubs[engine];
    if (!h) return;
    const fields = FIELDS('createdAt updatedAt');
    for (const [table, sel] of Object.entries(fields)) {
      const list = JSON.parse(await answer(h.hub, `{ ${table}(limit: 1000) { items { ${sel} } } }`)).data[table].items;
      expect(list.length, table).toBeGreaterThan(3);
      for (const row of list) {
        const one = JSON.parse(await answer(h.hub, `{ ${ONE[table]}(id: "${row.id}") { ${sel} } }`)).data[ONE[table]];
        expect(one, `${table} ${row.id}`).toEqual(row);
      }
    }
    const departments = JSON.parse(await answer(h.hub, `{ departments { ${DEPARTMENT} createdAt updatedAt } }`)).data.departments;
    for (const d of departments) {
      const [entity] = JSON.parse(await answer(h.hub, `{ departmentSuggestions(name: ${JSON.stringify(d.name)}, limit: 1) { ${DEPARTMENT} createdAt updatedAt } }`)).data.departmentSuggestions;
      expect(entity, d.code).toEqual(d);
    }
  }, 120_000);
});
