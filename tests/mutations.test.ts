import { describe, expect, it, afterAll, beforeAll } from 'vitest';
import { startHub, type TestHub } from './helpers';

const ROW = `id seq name unit targetText targetValue targetKind annualGrowthPct attribute cumulative version updatedAt
  responsibilities { role note department { code } } specialTargets { seq }`;

describe('mutations', () => {
  let hub: TestHub;
  let gdp: any;
  beforeAll(async () => {
    hub = await startHub();
    gdp = (await hub.gql(`{ indicators(limit: 1) { items { ${ROW} } } }`)).indicators.items[0];
  });
  afterAll(() => hub.close());

  const read = async (id: string) => (await hub.gql(`query($id: ID!) { indicator(id: $id) { ${ROW} } }`, { id })).indicator;

  it('update changes only the given fields, bumps version and updatedAt; a new targetText re-reads kind and value', async () => {
    const before = await read(gdp.id);
    const d = await hub.gql(`mutation($id: ID!, $v: Int) { updateIndicator(id: $id, patch: { targetText: "达到1600以上" }, expectedVersion: $v) { ${ROW} } }`, { id: gdp.id, v: before.version });
    expect(d.updateIndicator).toMatchObject({ targetText: '达到1600以上', targetKind: 'AT_LEAST', targetValue: 1600, name: '地区生产总值', unit: '亿元', version: before.version + 1 });
    expect(new Date(d.updateIndicator.updatedAt).getTime()).toBeGreaterThanOrEqual(new Date(before.updatedAt).getTime());
    expect(await read(gdp.id)).toEqual(d.updateIndicator);
  });

  it('a patch that changes nothing keeps the version', async () => {
    const before = await read(gdp.id);
    const d = await hub.gql(`mutation($id: ID!) { updateIndicator(id: $id, patch: { name: "地区生产总值", unit: "亿元" }) { version } }`, { id: gdp.id });
    expect(d.updateIndicator.version).toBe(before.version);
  });

  it('CONFLICT when expectedVersion is stale, and nothing is written', async () => {
    const before = await read(gdp.id);
    const [e] = await hub.gqlErrors(`mutation($id: ID!) { updateIndicator(id: $id, patch: { name: "改名" }, expectedVersion: 1) { version } }`, { id: gdp.id });
    expect(e.extensions.code).toBe('CONFLICT');
    expect(e.extensions.currentVersion).toBe(before.version);
    expect(await read(gdp.id)).toEqual(before);
  });

  it('BAD_USER_INPUT names the field: empty name, negative seq, unknown department, null for a required field', async () => {
    const before = await read(gdp.id);
    const cases: [string, string, string][] = [
      ['{ name: "" }', 'patch.name', 'name must not be empty'],
      ['{ name: "   " }', 'patch.name', 'name'],
      ['{ seq: -3 }', 'patch.seq', 'seq must be a positive integer'],
      ['{ responsibilities: [{ department: "住建部", role: LEAD }] }', 'patch.responsibilities[0].department', 'unknown department "住建部"'],
      ['{ responsibilities: [{ department: "住建", role: LEAD }, { department: "区住建局", role: SUPPORT }] }', 'patch.responsibilities[1].department', 'listed twice'],
      ['{ name: null }', 'patch.name', 'name cannot be null'],
      ['{ targetText: "大约很多" }', 'patch.targetText', 'cannot read the target'],
      ['{ specialTargetIds: ["99999"] }', 'patch.specialTargetIds[0]', 'does not exist'],
    ];
    for (const [patch, field, message] of cases) {
      const [e] = await hub.gqlErrors(`mutation($id: ID!) { updateIndicator(id: $id, patch: ${patch}) { version } }`, { id: gdp.id });
      expect(e.extensions.code, patch).toBe('BAD_USER_INPUT');
      expect(e.extensions.field, patch).toBe(field);
      expect(e.message, patch).toContain(message);
    }
    expect(await read(gdp.id)).toEqual(before);
  });

  it('NOT_FOUND for an unknown id, on update and delete', async () => {
    for (const m of ['updateIndicator(id: "424242", patch: { name: "x" }) { id }', 'deleteIndicator(id: "424242")', 'updateStandard(id: "424242", patch: { name: "x" }) { id }']) {
      const [e] = await hub.gqlErrors(`mutation { ${m} }`);
      expect(e.extensions.code, m).toBe('NOT_FOUND');
    }
  });

  it('responsibilities and special-target links are replaced as given and read back', async () => {
    const before = await read(gdp.id);
    const d = await hub.gql(
      `mutation($id: ID!, $v: Int) { updateIndicator(id: $id, expectedVersion: $v, patch: {
        responsibilities: [{ department: "发改", role: LEAD, note: "test" }, { department: "商务局", role: SUPPORT }],
        specialTargetIds: [] }) { ${ROW} } }`,
      { id: gdp.id, v: before.version },
    );
    expect(d.updateIndicator.responsibilities).toEqual([
      { role: 'LEAD', note: 'test', department: { code: 'development-reform' } },
      { role: 'SUPPORT', note: null, department: { code: 'commerce' } },
    ]);
    expect(d.updateIndicator.specialTargets).toEqual([]);
    expect(d.updateIndicator.version).toBe(before.version + 1);
    const st = await hub.gql(`{ specialTargets(filter: { search: "智慧经济产业规模" }) { items { id seq indicators { seq } } } }`);
    expect(st.specialTargets.items[0].indicators.map((i: any) => i.seq)).not.toContain(1);
    // and back from the special target's side
    const ids = [gdp.id];
    const back = await hub.gql(`mutation($id: ID!, $ids: [ID!]) { updateSpecialTarget(id: $id, patch: { indicatorIds: $ids }) { indicators { seq } } }`, { id: st.specialTargets.items[0].id, ids });
    expect(back.updateSpecialTarget.indicators).toEqual([{ seq: 1 }]);
    expect((await read(gdp.id)).specialTargets).toEqual([{ seq: 1 }]);
  });

  it('create, seq clash, and delete with its responsibilities', async () => {
    const input = `{ seq: 25, name: "新增指标", unit: "个", targetText: "10", targetKind: EXACT, targetValue: 10, attribute: BINDING,
      responsibilities: [{ department: "住建", role: LEAD }] }`;
    const created = (await hub.gql(`mutation { createIndicator(input: ${input}) { ${ROW} } }`)).createIndicator;
    expect(created).toMatchObject({ seq: 25, name: '新增指标', version: 1, cumulative: false, responsibilities: [{ role: 'LEAD', note: null, department: { code: 'housing' } }] });
    const lead = await hub.gql(`{ department(name: "住建") { indicators(role: LEAD, attribute: BINDING) { seq } } }`);
    expect(lead.department.indicators.map((i: any) => i.seq)).toContain(25);

    const [clash] = await hub.gqlErrors(`mutation { createIndicator(input: ${input}) { id } }`);
    expect(clash.extensions.code).toBe('CONFLICT');
    expect(clash.extensions.field).toBe('input.seq');
    expect((await hub.gql('{ indicators { totalCount } }')).indicators.totalCount).toBe(25);

    expect((await hub.gql(`mutation($id: ID!) { deleteIndicator(id: $id) }`, { id: created.id })).deleteIndicator).toBe(true);
    expect(await read(created.id)).toBeNull();
    const after = await hub.gql(`{ indicators { totalCount } department(name: "住建") { indicators { seq } } }`);
    expect(after.indicators.totalCount).toBe(24);
    expect(after.department.indicators.map((i: any) => i.seq)).not.toContain(25);
    const orphans = await hub.orm.em.fork().getConnection().execute('select count(*) as n from responsibility where indicator_id is null and special_target_id is null and rectification_id is null and innovation_topic_id is null and standard_id is null');
    expect(Number(orphans[0].n)).toBe(0);
  });

  it('create, update and delete on every other table', async () => {
    const st = await hub.gql(`mutation { createSpecialTarget(input: { seq: 11, title: "新目标,新标题", content: "内容", assessmentMethods: [TARGET_ASSESSMENT, ON_SITE_VERIFICATION],
      responsibilities: [{ department: "科技局", role: LEAD }] }) { id seq assessmentMethods othersInvolved responsibilities { department { code } } } }`);
    expect(st.createSpecialTarget).toMatchObject({ seq: 11, assessmentMethods: ['TARGET_ASSESSMENT', 'ON_SITE_VERIFICATION'], othersInvolved: false });
    const r = await hub.gql(`mutation { createRectification(input: { seq: 6, problem: "p", direction: "d", plan: "整改计划", measures: "m", expectedOutcomes: "o", deadlineYear: 2021 }) { id plan status deadlineYear } }`);
    expect(r.createRectification).toMatchObject({ plan: '整改计划', status: 'OPEN', deadlineYear: 2021 });
    const upd = await hub.gql(`mutation($id: ID!) { updateRectification(id: $id, patch: { status: OPEN, plan: "新计划" }, expectedVersion: 1) { status plan version } }`, { id: r.createRectification.id });
    // The status it has passes; another moves only through the rectification loop (tests/rectification-loop.test.ts).
    expect(upd.updateRectification).toEqual({ status: 'OPEN', plan: '新计划', version: 2 });
    const it2 = await hub.gql(`mutation { createInnovationTopic(input: { seq: 6, field: ECOLOGY, title: "t", problem: "p", path: "x", sources: ["a", "b"] }) { id field sources } }`);
    expect(it2.createInnovationTopic).toMatchObject({ field: 'ECOLOGY', sources: ['a', 'b'] });
    const s = await hub.gql(`mutation { createStandard(input: { seq: 10, name: "新标准", releaseYear: 2019, responsibilities: [{ department: "团区委", role: LEAD }] }) { id releaseYear } }`);
    const [badYear] = await hub.gqlErrors(`mutation($id: ID!) { updateStandard(id: $id, patch: { releaseYear: 20190 }) { id } }`, { id: s.createStandard.id });
    expect(badYear.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'patch.releaseYear' });
    for (const [m, id] of [['deleteSpecialTarget', st.createSpecialTarget.id], ['deleteRectification', r.createRectification.id], ['deleteInnovationTopic', it2.createInnovationTopic.id], ['deleteStandard', s.createStandard.id]]) {
      expect((await hub.gql(`mutation($id: ID!) { ${m}(id: $id) }`, { id }))[m]).toBe(true);
    }
    const counts = await hub.gql('{ specialTargets { totalCount } rectifications { totalCount } innovationTopics { totalCount } standards { totalCount } }');
    expect([counts.specialTargets.totalCount, counts.rectifications.totalCount, counts.innovationTopics.totalCount, counts.standards.totalCount]).toEqual([10, 5, 5, 9]);
  });

  it('departments: create with aliases, alias clash refused, delete refused while responsible', async () => {
    const d = await hub.gql(`mutation { createDepartment(input: { code: "statistics", name: "区统计局", nameEn: "District Statistics Bureau", aliases: ["统计局", "统计"] }) { id code aliases version } }`);
    expect(d.createDepartment).toMatchObject({ code: 'statistics', aliases: ['统计局', '统计'], version: 1 });
    expect((await hub.gql(`{ department(name: "统计") { code } }`)).department.code).toBe('statistics');
    const [clash] = await hub.gqlErrors(`mutation($id: ID!) { updateDepartment(id: $id, patch: { aliases: ["住建"] }) { id } }`, { id: d.createDepartment.id });
    expect(clash.extensions).toMatchObject({ code: 'CONFLICT', field: 'patch.aliases[0]' });
    const [badCode] = await hub.gqlErrors(`mutation { createDepartment(input: { code: "Bad Code", name: "x", nameEn: "x" }) { id } }`);
    expect(badCode.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.code' });
    const housing = await hub.gql(`{ department(code: "housing") { id } }`);
    const [held] = await hub.gqlErrors(`mutation($id: ID!) { deleteDepartment(id: $id) }`, { id: housing.department.id });
    expect(held.extensions.code).toBe('CONFLICT');
    expect((await hub.gql(`{ department(code: "housing") { name } }`)).department.name).toBe('区住建局');
    expect((await hub.gql(`mutation($id: ID!) { deleteDepartment(id: $id) }`, { id: d.createDepartment.id })).deleteDepartment).toBe(true);
  });
});
