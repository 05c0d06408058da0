import { describe, expect, it, afterAll, beforeAll } from 'vitest';
import { startHub, type TestHub } from './helpers';

const PAGE = `query($limit: Int) { indicators(limit: $limit, orderBy: [{ field: "seq" }]) { totalCount items {
  seq planCode
  responsibilities { role note department { code name aliases } }
  specialTargets { seq title responsibilities { role department { code } } indicators { seq } }
} } }`;

const DEPARTMENTS = `{ departments { code aliases
  indicators(attribute: BINDING) { seq responsibilities { department { code } } specialTargets { seq } }
  specialTargets { seq } rectifications { seq } innovationTopics { seq } standards { seq }
} }`;

describe('no N+1', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startHub();
  });
  afterAll(() => hub.close());

  async function count(query: string, variables?: Record<string, unknown>) {
    hub.statements.length = 0;
    const data = await hub.gql(query, variables);
    return { data, statements: hub.statements.length };
  }

  it('a page of indicators with responsibilities, departments and special targets costs the same statements at 3 and 24 rows', async () => {
    const small = await count(PAGE, { limit: 3 });
    const large = await count(PAGE, { limit: 24 });
    expect(small.data.indicators.items).toHaveLength(3);
    expect(large.data.indicators.items).toHaveLength(24);
    expect(large.data.indicators.items[19].responsibilities[0].department.code).toBe('housing');
    expect(small.statements).toBeGreaterThan(2);
    expect(large.statements).toBe(small.statements);
    expect(large.statements).toBeLessThanOrEqual(12);
  });

  it('every department with everything it answers for costs a fixed number of statements', async () => {
    const { data, statements } = await count(DEPARTMENTS);
    expect(data.departments.length).toBeGreaterThanOrEqual(25);
    expect(data.departments.find((d: any) => d.code === 'housing').indicators.map((i: any) => i.seq)).toEqual([18, 20, 21, 22, 23, 24]);
    expect(statements).toBeLessThanOrEqual(14);
  });

  // Field arguments (plan code, role, attribute) must not split a batch: the same statements for
  // one department as for all of them.
  const WITH_ARGS = `query($search: String, $plan: String) { departments(search: $search) { code
    indicators(planCode: $plan, role: LEAD, attribute: BINDING) { seq responsibilities { department { code } } }
    specialTargets(planCode: $plan, role: SUPPORT) { seq }
    rectifications(planCode: $plan) { seq }
    innovationTopics(planCode: $plan, role: LEAD) { seq }
    standards(planCode: $plan) { seq }
  } }`;

  it('departments with fields narrowed by plan code, role and attribute cost the same statements for one department and for all', async () => {
    const one = await count(WITH_ARGS, { search: '住建', plan: 'binjiang-13th' });
    const all = await count(WITH_ARGS, { plan: 'binjiang-13th' });
    expect(one.data.departments.map((d: any) => d.code)).toEqual(['housing']);
    expect(all.data.departments.length).toBeGreaterThanOrEqual(25);
    const housing = all.data.departments.find((d: any) => d.code === 'housing');
    expect(housing.indicators.map((i: any) => i.seq)).toEqual([20, 21, 22, 23]);
    expect(one.data.departments[0]).toEqual(housing);
    expect(all.statements).toBe(one.statements);
    // departments, aliases for the search, the plan, one per table, responsibilities of the indicators, their departments
    expect(all.statements).toBeLessThanOrEqual(10);
    const none = await count(WITH_ARGS, {});
    expect(none.statements).toBeLessThanOrEqual(all.statements);
  });

  // Over HTTP, as a BI tool asks: department reads are compiled into one statement per root field.
  async function countHttp(query: string, variables?: Record<string, unknown>) {
    hub.statements.length = 0;
    const served = hub.compiledReads.served;
    const res = await hub.app.inject({ method: 'POST', url: '/graphql', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ query, variables }) });
    const body = res.json();
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    expect(hub.compiledReads.served).toBe(served + 1);
    return { data: body.data, statements: hub.statements.length };
  }

  it('compiled department reads (server/read/compiled.ts) cost one statement per root field, for one department or all', async () => {
    const all = await countHttp(DEPARTMENTS);
    expect(all.statements).toBe(1);
    expect(all.data).toEqual((await count(DEPARTMENTS)).data);
    expect((await countHttp(WITH_ARGS, { plan: 'binjiang-13th' })).statements).toBe(1);
    expect((await countHttp(WITH_ARGS, { search: '住建', plan: 'binjiang-13th' })).statements).toBe(1);
    expect((await countHttp(`{ a: department(code: "housing") { code } b: departments(search: "局") { code } }`)).statements).toBe(2);
    const cross = await countHttp(`query($name: String!) { department(name: $name) { indicators(attribute: BINDING, role: LEAD) { seq responsibilities { role department { name } } specialTargets { seq } } } }`, { name: '住建' });
    expect(cross.data.department.indicators.map((i: any) => i.seq)).toEqual([20, 21, 22, 23]);
    expect(cross.statements).toBe(1);
  });

  it('an unknown plan code in a field argument is one coded error per field, at a fixed cost', async () => {
    hub.statements.length = 0;
    const errors = await hub.gqlErrors(WITH_ARGS, { plan: 'no-such-plan' });
    const statements = hub.statements.length;
    expect(errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(errors[0].extensions.field).toBe('planCode');
    expect(errors[0].extensions.known).toEqual(['binjiang-13th']);
    hub.statements.length = 0;
    await hub.gqlErrors(WITH_ARGS, { plan: 'no-such-plan', search: '住建' });
    expect(hub.statements.length).toBe(statements);
  });

  it.each([
    ['indicators', '{ attribute: BINDING, role: LEAD, department: "住建", planCode: "binjiang-13th" }'],
    ['specialTargets', '{ role: LEAD, department: "区发改局", planCode: "binjiang-13th" }'],
    ['rectifications', '{ role: LEAD, planCode: "binjiang-13th" }'],
    ['innovationTopics', '{ department: "区科技局", planCode: "binjiang-13th" }'],
    ['standards', '{ planCode: "binjiang-13th" }'],
  ])('%s filtered by %s costs the same statements at page sizes 1 and 20', async (table, filter) => {
    const q = `query($limit: Int) { ${table}(filter: ${filter}, limit: $limit) { totalCount items { seq responsibilities { role department { code aliases } } } } }`;
    const small = await count(q, { limit: 1 });
    const large = await count(q, { limit: 20 });
    expect(small.data[table].items).toHaveLength(1);
    expect(large.data[table].items.length).toBe(Math.min(20, large.data[table].totalCount));
    expect(large.data[table].totalCount).toBe(small.data[table].totalCount);
    expect(large.statements).toBe(small.statements);
  });
});
