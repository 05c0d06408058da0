import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANONYMOUS, startHub, type TestHub } from './helpers';
import { Role } from '../schema/accounts/account.enums';

/** Issue 14, yearly targets: derived per method from the seed (GDP's base 790.4), edited by hand, audited, restorable; progress says what is missing. */
describe('year targets', () => {
  let hub: TestHub;
  let gdpId: string;
  const YT = 'id year targetValue derived version';
  const indicator = async (id: string) =>
    (await hub.gql(`query($id: ID!) { indicator(id: $id) { id version baseValue baseYear targetMethod yearTargets { ${YT} } } }`, { id })).indicator;
  const bySeq = async (seq: number) => (await hub.gql(`{ indicators(limit: 1000) { items { id seq name targetMethod yearTargets { ${YT} } } } }`)).indicators.items.find((i: { seq: number }) => i.seq === seq);

  beforeAll(async () => {
    hub = await startHub();
    gdpId = (await bySeq(1)).id;
  });
  afterAll(() => hub?.close());

  it('GDP from its base 790.4 to 1500 at a constant rate: 2016 ≈ 898.5, 2020 = 1500', async () => {
    const gdp = await indicator(gdpId);
    expect(gdp).toMatchObject({ baseValue: 790.4, baseYear: 2015, targetMethod: 'GEOMETRIC' });
    expect(gdp.yearTargets.map((t: { year: number }) => t.year)).toEqual([2016, 2017, 2018, 2019, 2020]);
    // (1500 / 790.4)^(1/5) = 1.13671; 790.4 × 1.13671 = 898.45; × 1.13671⁴ = 1319.60.
    expect(gdp.yearTargets[0].targetValue).toBeCloseTo(898.45, 2);
    expect(gdp.yearTargets[3].targetValue).toBeCloseTo(1319.6, 2);
    expect(gdp.yearTargets[4].targetValue).toBe(1500);
    expect(gdp.yearTargets.every((t: { derived: boolean; version: number }) => t.derived && t.version === 1)).toBe(true);
  });

  it('each kind gets its default method: five-year totals split, bounds held, 与GDP同步 and 市下达目标 entered', async () => {
    const talent = await bySeq(8); // 新引进人才数 12.5*, cumulative
    expect(talent.targetMethod).toBe('EVEN_SPLIT');
    expect(talent.yearTargets.map((t: { targetValue: number }) => t.targetValue)).toEqual([2.5, 2.5, 2.5, 2.5, 2.5]);
    const pm = await bySeq(21); // 控制在50以内
    expect(pm.targetMethod).toBe('FINAL');
    expect(pm.yearTargets.map((t: { targetValue: number }) => t.targetValue)).toEqual([50, 50, 50, 50, 50]);
    for (const seq of [14, 22]) {
      const row = await bySeq(seq);
      expect(row.targetMethod, row.name).toBe('MANUAL');
      expect(row.yearTargets.map((t: { targetValue: number | null }) => t.targetValue), row.name).toEqual([null, null, null, null, null]);
    }
    // No base entered yet: a geometric indicator has no year values.
    const tertiary = await bySeq(2);
    expect(tertiary.targetMethod).toBe('GEOMETRIC');
    expect(tertiary.yearTargets.every((t: { targetValue: number | null }) => t.targetValue === null)).toBe(true);
  });

  it('a year edited by hand stays when the base changes; the derived years are recomputed', async () => {
    const before = await indicator(gdpId);
    const y2018 = before.yearTargets[2];
    const edited = (await hub.gql(`mutation($id: ID!, $v: Int) { updateYearTarget(id: $id, patch: { targetValue: 1200 }, expectedVersion: $v) { ${YT} } }`, { id: y2018.id, v: y2018.version })).updateYearTarget;
    expect(edited).toMatchObject({ id: y2018.id, year: 2018, targetValue: 1200, derived: false, version: y2018.version + 1 });

    await hub.gql(`mutation($id: ID!) { updateIndicator(id: $id, patch: { baseValue: 800 }) { version } }`, { id: gdpId });
    const after = await indicator(gdpId);
    // (1500 / 800)^(1/5) = 1.133967; 800 × 1.133967 = 907.17.
    expect(after.yearTargets[0].targetValue).toBeCloseTo(907.17, 2);
    expect(after.yearTargets[0].version).toBe(before.yearTargets[0].version + 1);
    expect(after.yearTargets[2]).toEqual(edited);
    expect(after.yearTargets[4]).toEqual(before.yearTargets[4]); // 1500 either way: not rewritten

    // Another method: linear from 800, (1500 − 800) / 5 = 140 a year; the edited year still stays.
    const linear = (await hub.gql(`mutation($id: ID!) { updateIndicator(id: $id, patch: { targetMethod: LINEAR }) { targetMethod yearTargets { year targetValue derived } } }`, { id: gdpId })).updateIndicator;
    expect(linear.targetMethod).toBe('LINEAR');
    expect(linear.yearTargets.map((t: { targetValue: number }) => t.targetValue)).toEqual([940, 1080, 1200, 1360, 1500]);
    expect(linear.yearTargets[2].derived).toBe(false);

    // Back to the kind's default, and the base back to the plan's.
    await hub.gql(`mutation($id: ID!) { updateIndicator(id: $id, patch: { targetMethod: null, baseValue: 790.4 }) { version } }`, { id: gdpId });
    const restored = await indicator(gdpId);
    expect(restored.targetMethod).toBe('GEOMETRIC');
    expect(restored.yearTargets[0].targetValue).toBeCloseTo(898.45, 2);
    expect(restored.yearTargets[2].targetValue).toBe(1200);
  });

  it('updateYearTarget: ADMIN only; refusals are coded and change nothing', async () => {
    const before = await indicator(gdpId);
    const row = before.yearTargets[1];
    const q = `mutation($id: ID!) { updateYearTarget(id: $id, patch: { targetValue: 1 }) { id } }`;
    // An EDITOR of the department that leads GDP still cannot set its year targets.
    const editor = await hub.user('fgj-editor', Role.EDITOR, '区发改局');
    expect((await hub.gqlErrors(q, { id: row.id }, editor))[0].extensions.code).toBe('FORBIDDEN');
    expect((await hub.gqlErrors(q, { id: row.id }, ANONYMOUS))[0].extensions.code).toBe('UNAUTHENTICATED');
    const viewer = await hub.user('viewer', Role.VIEWER);
    expect((await hub.gqlErrors(q, { id: row.id }, viewer))[0].extensions.code).toBe('FORBIDDEN');
    // Bad input names the field; an unknown row is NOT_FOUND.
    const [bad] = await hub.gqlErrors(`mutation($id: ID!) { updateYearTarget(id: $id, patch: { targetValue: 1e300 }) { id } }`, { id: row.id });
    expect(bad.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'patch.targetValue' });
    expect((await hub.gqlErrors(`mutation { updateYearTarget(id: "999999", patch: { targetValue: 1 }) { id } }`))[0].extensions.code).toBe('NOT_FOUND');
    // Nor its base or method, which decide every derived year; a change of its other fields still goes through.
    for (const patch of ['baseValue: 1', 'baseYear: 2016', 'targetMethod: LINEAR']) {
      const [e] = await hub.gqlErrors(`mutation($id: ID!) { updateIndicator(id: $id, patch: { ${patch} }) { id } }`, { id: gdpId }, editor);
      expect(e.extensions.code, patch).toBe('FORBIDDEN');
    }
    expect(await indicator(gdpId)).toEqual(before);
    await hub.gql(`mutation($id: ID!) { updateIndicator(id: $id, patch: { annualGrowthPct: 11 }) { id } }`, { id: gdpId }, editor);
  });

  it('CONFLICT on a stale version, and nothing is written', async () => {
    const before = await indicator(gdpId);
    const row = before.yearTargets[3];
    const [e] = await hub.gqlErrors(`mutation($id: ID!, $v: Int) { updateYearTarget(id: $id, patch: { targetValue: 1 }, expectedVersion: $v) { id } }`, { id: row.id, v: row.version - 1 + 5 });
    expect(e.extensions).toMatchObject({ code: 'CONFLICT', currentVersion: row.version });
    expect(await indicator(gdpId)).toEqual(before);
  });

  it('a hand edit is audited (value and derived) and undone by restoring its entries', async () => {
    const row = (await indicator(gdpId)).yearTargets[0];
    await hub.gql(`mutation($id: ID!) { updateYearTarget(id: $id, patch: { targetValue: 905.5 }) { id } }`, { id: row.id });
    const log = (await hub.gql(`query($id: ID!) { auditLog(entity: "YearTarget", entityId: $id) { id action field before after username source } }`, { id: row.id })).auditLog;
    const fields = Object.fromEntries(log.slice(0, 2).map((e: { field: string }) => [e.field, e]));
    expect(fields.targetValue).toMatchObject({ action: 'UPDATE', before: JSON.stringify(row.targetValue), after: '905.5', username: 'admin', source: 'graphql' });
    expect(fields.derived).toMatchObject({ before: 'true', after: 'false' });

    const undone = (await hub.gql(`mutation($ids: [ID!]!) { restoreAuditEntries(entryIds: $ids) { entity row { ... on YearTarget { ${YT} } } } }`, { ids: [fields.targetValue.id, fields.derived.id] })).restoreAuditEntries;
    expect(undone.entity).toBe('YearTarget');
    expect(undone.row).toMatchObject({ id: row.id, derived: true, targetValue: row.targetValue });
    // derived: true again, so it follows the inputs once more.
    await hub.gql(`mutation($id: ID!) { updateIndicator(id: $id, patch: { baseValue: 800 }) { version } }`, { id: gdpId });
    expect((await indicator(gdpId)).yearTargets[0].targetValue).toBeCloseTo(907.17, 2);
    await hub.gql(`mutation($id: ID!) { updateIndicator(id: $id, patch: { baseValue: 790.4 }) { version } }`, { id: gdpId });
  });

  it('progress says what is missing while no actual value is approved', async () => {
    const q = `{ indicators(limit: 1000) { items { seq progress(year: 2019) { year status ratio actualValue targetValue provisional explanation } } } }`;
    const items = (await hub.gql(q)).indicators.items as { seq: number; progress: Record<string, unknown> }[];
    const at = (seq: number) => items.find((i) => i.seq === seq)!.progress;
    expect(at(1)).toMatchObject({ year: 2019, status: 'NO_DATA', ratio: null, actualValue: null, provisional: false, explanation: '2019年无已审核的实际值（地区生产总值）：牵头单位区发改局未报送' });
    expect(at(1).targetValue).toBeCloseTo(1319.6, 2);
    expect(at(22)).toMatchObject({ status: 'NO_DATA', explanation: '2019年市下达目标未录入（单位生产总值电耗下降率）' });
    expect(at(2).explanation).toBe('2015年基期值未录入（第三产业增加值占GDP比重），无法分解2019年目标');
    expect(at(14).explanation).toContain('2019年地区生产总值增速缺失');
    expect(items.every((i) => i.progress.status === 'NO_DATA')).toBe(true);
    const [e] = await hub.gqlErrors(`{ indicators(limit: 1) { items { progress(year: 2030) { status } } } }`);
    expect(e.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'year' });
  });

  it('a new indicator gets its year targets; deleting it removes them', async () => {
    const created = (await hub.gql(`mutation { createIndicator(input: { seq: 900, name: "测试指标", unit: "亿元", targetText: "200", attribute: EXPECTED, targetKind: EXACT, targetValue: 200, baseValue: 100, targetMethod: LINEAR }) { id yearTargets { year targetValue derived } } }`)).createIndicator;
    expect(created.yearTargets.map((t: { targetValue: number }) => t.targetValue)).toEqual([120, 140, 160, 180, 200]);
    const ids = (await indicator(created.id)).yearTargets.map((t: { id: string }) => t.id);
    await hub.gql(`mutation($id: ID!) { deleteIndicator(id: $id) }`, { id: created.id });
    const [e] = await hub.gqlErrors(`mutation($id: ID!) { updateYearTarget(id: $id, patch: { targetValue: 1 }) { id } }`, { id: ids[0] });
    expect(e.extensions.code).toBe('NOT_FOUND');
  });

  it('yearTargets and progress cost the same statements for 24 indicators as for 74', async () => {
    const q = `{ indicators(limit: 1000) { items { id yearTargets { year targetValue } progress(year: 2019) { status } } } }`;
    const count = async () => {
      hub.statements.length = 0;
      const d = await hub.gql(q);
      return { rows: d.indicators.items.length, statements: hub.statements.length };
    };
    const small = await count();
    for (let i = 0; i < 50; i++) {
      await hub.gql(`mutation($seq: Int!) { createIndicator(input: { seq: $seq, name: "批量", unit: "%", targetText: "10", attribute: EXPECTED, targetKind: EXACT, targetValue: 10 }) { id } }`, { seq: 1000 + i });
    }
    const large = await count();
    expect(large.rows).toBe(small.rows + 50);
    expect(small.statements).toBeGreaterThan(0);
    expect(large.statements).toBe(small.statements);
  });

  it('files carry the base and the method; an import that sets a base recomputes the year targets', async () => {
    const file = (await hub.gql(`{ exportTable(table: INDICATORS, format: JSON) { contentBase64 } }`)).exportTable.contentBase64;
    const rows = JSON.parse(Buffer.from(file, 'base64').toString('utf8'));
    const list = rows.rows;
    const gdp = list.find((i: { seq: number }) => i.seq === 1);
    expect(gdp).toMatchObject({ baseValue: 790.4, baseYear: 2015 });
    // 第三产业增加值占GDP比重: base 45 (entered through an import), geometric to 52.
    const tertiary = list.find((i: { seq: number }) => i.seq === 2);
    const changed = list.map((i: { seq: number }) => (i.seq === 2 ? { ...tertiary, baseValue: 45 } : i));
    const content = JSON.stringify({ ...rows, rows: changed });
    const report = (await hub.gql(`mutation($c: String!) { importTable(input: { table: INDICATORS, format: JSON, content: $c, dryRun: false }) { applied updated } }`, { c: content })).importTable;
    expect(report).toMatchObject({ applied: true, updated: 1 });
    const after = await bySeq(2);
    // (52 / 45)^(1/5) = 1.029338; 45 × 1.029338 = 46.3202; the last year is 52.
    expect(after.yearTargets[0].targetValue).toBeCloseTo(46.3202, 3);
    expect(after.yearTargets[4].targetValue).toBe(52);
  });
});
