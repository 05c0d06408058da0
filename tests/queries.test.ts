import { describe, expect, it, afterAll, beforeAll } from 'vitest';
import { startHub, type TestHub } from './helpers';

const seqs = (page: { items: { seq: number }[] }) => page.items.map((i) => i.seq);

describe('queries', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startHub();
  });
  afterAll(() => hub.close());

  it('cross-links agree both ways: department(name: "住建") and indicators(filter: { department: "区住建局" })', async () => {
    const d = await hub.gql(`{
      department(name: "住建") { code name indicators(attribute: BINDING) { id seq } }
      indicators(filter: { attribute: BINDING, department: "区住建局" }) { totalCount items { id seq } }
    }`);
    expect(d.department.code).toBe('housing');
    expect(d.department.indicators.map((i: any) => i.seq)).toEqual([18, 20, 21, 22, 23, 24]);
    expect(d.indicators.items).toEqual(d.department.indicators);
    expect(d.indicators.totalCount).toBe(6);
  });

  it('role narrows both directions the same way: binding indicators the housing bureau leads', async () => {
    const d = await hub.gql(`{
      department(code: "housing") { indicators(attribute: BINDING, role: LEAD) { seq } }
      indicators(filter: { attribute: BINDING, department: "housing", role: LEAD }) { items { seq } }
    }`);
    expect(d.department.indicators.map((i: any) => i.seq)).toEqual([20, 21, 22, 23]);
    expect(seqs(d.indicators)).toEqual([20, 21, 22, 23]);
  });

  it('department look-up takes code, canonical name, alias, and folds full-width brackets', async () => {
    const d = await hub.gql(`{
      a: department(code: "market-regulation") { id }
      b: department(name: "区市场监督管理局") { id }
      c: department(name: "区市场监管局") { id }
      e: department(name: "区办公室（法制办）") { name }
      f: department(name: "不存在的局") { id }
    }`);
    expect(d.a.id).toBeTruthy();
    expect([d.b.id, d.c.id]).toEqual([d.a.id, d.a.id]);
    expect(d.e.name).toBe('区办公室');
    expect(d.f).toBeNull();
  });

  it('departments(search) matches names, English names and aliases', async () => {
    const d = await hub.gql(`{ byAlias: departments(search: "住建") { code } byEn: departments(search: "housing") { code } all: departments { code } }`);
    expect(d.byAlias.map((x: any) => x.code)).toEqual(['housing']);
    expect(d.byEn.map((x: any) => x.code)).toContain('housing');
    expect(d.all.length).toBeGreaterThanOrEqual(25);
  });

  it('the department page lists everything across all five tables, by role', async () => {
    const d = await hub.gql(`{ department(name: "区住建局") {
      specialTargets { seq } specialTargetsLead: specialTargets(role: LEAD) { seq }
      rectifications { seq } rectLead: rectifications(role: LEAD) { seq }
      innovationTopics { seq } standards { seq }
    } env: department(name: "环保") { standards { seq name } } }`);
    expect(d.department.specialTargets.map((x: any) => x.seq)).toEqual([4, 7]);
    expect(d.department.specialTargetsLead.map((x: any) => x.seq)).toEqual([4, 7]);
    expect(d.department.rectifications.map((x: any) => x.seq)).toEqual([2, 4, 5]);
    expect(d.department.rectLead.map((x: any) => x.seq)).toEqual([4]);
    expect(d.department.innovationTopics.map((x: any) => x.seq)).toEqual([5]);
    expect(d.department.standards).toEqual([]);
    expect(d.env.standards).toEqual([{ seq: 1, name: '“十三五”滨江区危险废物规范化管理考核工作计划' }]);
  });

  it('every indicator filter narrows as stated', async () => {
    const d = await hub.gql(`{
      expected: indicators(filter: { attribute: EXPECTED }) { totalCount }
      binding: indicators(filter: { attribute: BINDING }) { totalCount items { attribute } }
      cumulative: indicators(filter: { cumulative: true }) { items { seq } }
      assigned: indicators(filter: { targetKind: ASSIGNED }) { items { seq } }
      search: indicators(filter: { search: "gdp" }) { items { seq } }
      plan: indicators(filter: { planCode: "binjiang-13th" }) { totalCount }
      supporters: indicators(filter: { department: "环保", role: SUPPORT }) { items { seq } }
    }`);
    expect(d.expected.totalCount).toBe(15);
    expect(d.binding.totalCount).toBe(9);
    expect(d.binding.items.every((i: any) => i.attribute === 'BINDING')).toBe(true);
    expect(seqs(d.cumulative)).toEqual([8, 9, 12, 17]);
    expect(seqs(d.assigned)).toEqual([22, 23, 24]);
    expect(seqs(d.search)).toEqual([2, 3, 14]);
    expect(d.plan.totalCount).toBe(24);
    expect(seqs(d.supporters)).toEqual([20, 21, 22, 23]);
  });

  it('filters of the other tables', async () => {
    const d = await hub.gql(`{
      bulletin: specialTargets(filter: { assessmentMethod: REGULAR_BULLETIN }) { items { seq } }
      stDept: specialTargets(filter: { department: "区科技局", role: LEAD }) { items { seq } }
      stSearch: specialTargets(filter: { search: "五水共治" }) { items { seq } }
      open: rectifications(filter: { status: OPEN }) { totalCount }
      done: rectifications(filter: { status: DONE }) { totalCount }
      rDept: rectifications(filter: { department: "教育" }) { items { seq } }
      rSearch: rectifications(filter: { search: "地铁" }) { items { seq } }
      culture: innovationTopics(filter: { field: CULTURE }) { items { seq title } }
      iDept: innovationTopics(filter: { department: "区行政服务中心" }) { items { seq } }
      y2018: standards(filter: { releaseYear: 2018 }) { items { seq name } }
      sDept: standards(filter: { department: "政法委" }) { items { seq } }
      sSearch: standards(filter: { search: "平安" }) { items { seq } }
    }`);
    expect(seqs(d.bulletin)).toEqual([3, 4, 6, 7]);
    expect(seqs(d.stDept)).toEqual([1, 2, 4, 5]);
    expect(seqs(d.stSearch)).toEqual([7]);
    expect([d.open.totalCount, d.done.totalCount]).toEqual([5, 0]);
    expect(seqs(d.rDept)).toEqual([3]);
    expect(seqs(d.rSearch)).toEqual([2]);
    expect(d.culture.items).toEqual([{ seq: 4, title: '强化公共文化服务' }]);
    expect(seqs(d.iDept)).toEqual([3]);
    expect(d.y2018.items).toEqual([{ seq: 9, name: '社区志愿者服务标准' }]);
    expect(seqs(d.sDept)).toEqual([3, 4, 5]);
    expect(seqs(d.sSearch)).toEqual([3, 5]);
  });

  it('search treats % and _ literally', async () => {
    const d = await hub.gql(`{ pct: indicators(filter: { search: "%" }) { totalCount } us: indicators(filter: { search: "_" }) { totalCount } }`);
    expect(d.pct.totalCount).toBe(9); // units written as %
    expect(d.us.totalCount).toBe(0);
  });

  it('orders by any listed field and pages with a stable order and totalCount', async () => {
    const d = await hub.gql(`{
      desc: indicators(orderBy: [{ field: "seq", direction: DESC }], limit: 3) { totalCount items { seq } }
      page2: indicators(orderBy: [{ field: "seq" }], limit: 5, offset: 5) { totalCount items { seq } }
      beyond: indicators(offset: 100) { totalCount items { seq } }
      byAttr: indicators(orderBy: [{ field: "attribute", direction: DESC }, { field: "seq", direction: DESC }], limit: 2) { items { seq attribute } }
      byYear: standards(orderBy: [{ field: "releaseYear", direction: DESC }], limit: 1) { items { seq } }
    }`);
    expect(d.desc).toEqual({ totalCount: 24, items: [{ seq: 24 }, { seq: 23 }, { seq: 22 }] });
    expect(d.page2).toEqual({ totalCount: 24, items: [6, 7, 8, 9, 10].map((seq) => ({ seq })) });
    expect(d.beyond).toEqual({ totalCount: 24, items: [] });
    expect(d.byAttr.items).toEqual([{ seq: 15, attribute: 'EXPECTED' }, { seq: 14, attribute: 'EXPECTED' }]);
    expect(seqs(d.byYear)).toEqual([9]);
  });

  it('limit is capped and validated, offset and sort fields are checked, with codes naming the argument', async () => {
    for (const [q, field] of [
      ['{ indicators(limit: 1001) { totalCount } }', 'limit'],
      ['{ indicators(limit: 0) { totalCount } }', 'limit'],
      ['{ indicators(offset: -1) { totalCount } }', 'offset'],
      ['{ indicators(orderBy: [{ field: "password" }]) { totalCount } }', 'orderBy[0].field'],
      ['{ indicators(filter: { department: "不存在的局" }) { totalCount } }', 'filter.department'],
      ['{ indicators(filter: { planCode: "nope" }) { totalCount } }', 'filter.planCode'],
    ] as const) {
      const [e] = await hub.gqlErrors(q);
      expect(e.extensions.code, q).toBe('BAD_USER_INPUT');
      expect(e.extensions.field, q).toBe(field);
    }
    const [e] = await hub.gqlErrors('{ indicators(filter: { department: "住建部" }) { totalCount } }');
    expect(e.message).toContain('区住建局');
    expect(e.extensions.suggestions).toContain('区住建局');
  });

  it('orders text by code point on every engine, so SQLite and PostgreSQL agree', async () => {
    const d = await hub.gql(`{ asc: standards(orderBy: [{ field: "name" }]) { items { name } } desc: indicators(orderBy: [{ field: "unit", direction: DESC }, { field: "seq" }]) { items { seq unit } } }`);
    const names = d.asc.items.map((s: any) => s.name);
    expect(names).toEqual([...names].sort());
    expect(names[0]).toBe('“十三五”滨江区危险废物规范化管理考核工作计划'); // U+201C sorts before every CJK character
    const byCodePoint = [...d.desc.items].sort((a: any, b: any) => (a.unit === b.unit ? a.seq - b.seq : a.unit < b.unit ? 1 : -1));
    expect(d.desc.items).toEqual(byCodePoint);
    expect(d.desc.items[0]).toEqual({ seq: 16, unit: '张' });
  });

  it('lists the plan and reads rows by id', async () => {
    const d = await hub.gql(`{ plans { code startYear endYear name } indicators(limit: 1) { items { id planCode } } }`);
    expect(d.plans).toEqual([{ code: 'binjiang-13th', startYear: 2016, endYear: 2020, name: '杭州市高新区(滨江)“十三五”绩效管理规划' }]);
    const one = await hub.gql(`query($id: ID!) { indicator(id: $id) { seq planCode } }`, { id: d.indicators.items[0].id });
    expect(one.indicator).toEqual({ seq: 1, planCode: 'binjiang-13th' });
    expect((await hub.gql(`{ indicator(id: "99999") { seq } }`)).indicator).toBeNull();
  });
});
