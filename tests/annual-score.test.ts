import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANONYMOUS, startHub, type TestHub } from './helpers';
import { Role } from '../schema/accounts/account.enums';
import type { Actor } from '../server/common/actor';
import ExcelJS from '../server/transfer/exceljs';

/**
 * The "3+1" annual score (issue 15), computed by hand for two departments set up through the public
 * surface: their indicators, approved ledger entries, entered scores and innovation bonuses; then
 * with other weights; rank ties; publishing freezes the year; permissions per role; statement counts
 * flat in the number of departments.
 */
const SCORES = `query($y: Int!) { annualScores(year: $y) { department { code name } year total rank published publishedAt
  parts { part score weight weighted inputs { kind label itemKey role attribute status value points weight note } } } }`;
const RATINGS = `mutation($y: Int!, $r: [DepartmentRatingInput!]!) { saveDepartmentRatings(year: $y, ratings: $r) { id version socialScore leadershipScore department { code } } }`;
const BONUS = `mutation($i: InnovationBonusInput!, $v: Int) { saveInnovationBonus(input: $i, expectedVersion: $v) { id version points innovationTopic { id title } department { code } } }`;
const RULE = `mutation($y: Int!, $i: ScoreRuleInput!, $v: Int) { saveScoreRule(year: $y, input: $i, expectedVersion: $v) { id year version stored leadShare supportShare bindingWeight targetWeight innovationCap } }`;
const PUBLISH = `mutation($y: Int!) { publishAnnualScores(year: $y) { department { code } total rank published } }`;

type Score = { department: { code: string }; total: number; rank: number; published: boolean; parts: { part: string; score: number; weight: number; weighted: number; inputs: any[] }[] };

describe('the 3+1 annual score', () => {
  let hub: TestHub;
  let editor: Actor;
  let viewer: Actor;
  const ids: Record<string, string> = {};
  let topics: { id: string; title: string }[];

  async function indicator(seq: number, attribute: 'BINDING' | 'EXPECTED', lead: string, support?: string) {
    const input = {
      seq, name: `评分指标${seq}`, unit: '亿元', targetText: '200', attribute, targetKind: 'EXACT', targetValue: 200, cumulative: false, baseValue: 100,
      responsibilities: [{ department: lead, role: 'LEAD' }, ...(support ? [{ department: support, role: 'SUPPORT' }] : [])],
    };
    return (await hub.gql(`mutation($i: IndicatorInput!) { createIndicator(input: $i) { id } }`, { i: input })).createIndicator.id as string;
  }

  async function approved(indicatorId: string, department: string, period: string, actualValue: number) {
    const e = (await hub.gql(`mutation($i: LedgerEntryInput!) { saveLedgerEntry(input: $i) { id version } }`, { i: { indicatorId, department, period, actualValue } })).saveLedgerEntry;
    const s = (await hub.gql(`mutation($id: ID!, $v: Int!) { submitLedgerEntry(id: $id, expectedVersion: $v) { version } }`, { id: e.id, v: e.version })).submitLedgerEntry;
    await hub.gql(`mutation($id: ID!, $v: Int!) { approveLedgerEntry(id: $id, expectedVersion: $v) { state } }`, { id: e.id, v: s.version });
  }

  const scores = async (year = 2019, as?: Actor) => (await hub.gql(SCORES, { y: year }, as)).annualScores as Score[];
  const of = (list: Score[], code: string) => list.find((s) => s.department.code === code)!;
  const part = (s: Score, name: string) => s.parts.find((p) => p.part === name)!;

  beforeAll(async () => {
    hub = await startHub();
    editor = await hub.user('housing', Role.EDITOR, '住建');
    viewer = await hub.user('viewer', Role.VIEWER);
    for (const [code, name] of [['score-a', '评分甲局'], ['score-b', '评分乙局']]) {
      await hub.gql(`mutation($i: DepartmentInput!) { createDepartment(input: $i) { id } }`, { i: { code, name, nameEn: code } });
    }
    // A leads I1 (binding) and I2 (expected) and supports I3; B leads I3 (expected) and I4 (binding) and supports I1.
    ids.i1 = await indicator(201, 'BINDING', 'score-a', 'score-b');
    ids.i2 = await indicator(202, 'EXPECTED', 'score-a');
    ids.i3 = await indicator(203, 'EXPECTED', 'score-b', 'score-a');
    ids.i4 = await indicator(204, 'BINDING', 'score-b');
    await approved(ids.i1, 'score-a', '2019', 1000); // far above the 2019 target: ACHIEVED
    await approved(ids.i2, 'score-a', '2019', 1); // far below: MISSED
    await approved(ids.i3, 'score-b', '2019-06', 1000); // June, year to date, far ahead: ON_TRACK
    // I4: nothing approved: NO_DATA. A supporter's own figure does not count (only the lead's):
    await approved(ids.i4, 'score-b', '2018', 150);
    topics = (await hub.gql('{ innovationTopics(limit: 2, orderBy: [{ field: "seq", direction: ASC }]) { items { id title } } }')).innovationTopics.items;
  });
  afterAll(() => hub?.close());

  it('computes both departments’ parts and totals as by hand (default rules)', async () => {
    await hub.gql(RATINGS, { y: 2019, r: [{ department: '评分甲局', socialScore: 85, leadershipScore: 90 }, { department: 'score-b', socialScore: 90, leadershipScore: 95 }] });
    await hub.gql(BONUS, { i: { department: 'score-a', year: 2019, innovationTopicId: topics[0].id, points: 3, note: '已评审' } });
    await hub.gql(BONUS, { i: { department: 'score-a', year: 2019, innovationTopicId: topics[1].id, points: 4 } });
    await hub.gql(BONUS, { i: { department: 'score-b', year: 2019, innovationTopicId: topics[0].id, points: 2 } });
    const rule = (await hub.gql('{ scoreRule(year: 2019) { stored version leadShare supportShare bindingWeight expectedWeight pointsOnTrack targetWeight socialWeight leadershipWeight innovationWeight innovationCap } }')).scoreRule;
    expect(rule).toEqual({ stored: false, version: 0, leadShare: 0.7, supportShare: 0.3, bindingWeight: 2, expectedWeight: 1, pointsOnTrack: 90, targetWeight: 0.6, socialWeight: 0.2, leadershipWeight: 0.2, innovationWeight: 1, innovationCap: 5 });

    const list = await scores();
    const a = of(list, 'score-a');
    const b = of(list, 'score-b');
    // The inputs a department checks: each item with its status, points and weight.
    const items = (s: Score) => part(s, 'TARGET').inputs.filter((i) => i.kind === 'ITEM').map((i) => [i.itemKey, i.role, i.attribute, i.status, i.points, i.weight]);
    expect(items(a)).toEqual([
      [`indicator:${ids.i1}`, 'LEAD', 'BINDING', 'ACHIEVED', 100, 2],
      [`indicator:${ids.i2}`, 'LEAD', 'EXPECTED', 'MISSED', 0, 1],
      [`indicator:${ids.i3}`, 'SUPPORT', 'EXPECTED', 'ON_TRACK', 90, 1],
    ]);
    expect(items(b)).toEqual([
      [`indicator:${ids.i3}`, 'LEAD', 'EXPECTED', 'ON_TRACK', 90, 1],
      [`indicator:${ids.i4}`, 'LEAD', 'BINDING', 'NO_DATA', 0, 2],
      [`indicator:${ids.i1}`, 'SUPPORT', 'BINDING', 'ACHIEVED', 100, 2],
    ]);
    // A: led (2×100 + 1×0) / 3 = 66.67; supported 90; 0.7 × 66.667 + 0.3 × 90 = 73.67.
    expect(part(a, 'TARGET').inputs.filter((i) => i.kind === 'ROLE').map((i) => [i.role, i.value, i.weight])).toEqual([['LEAD', 66.67, 0.7], ['SUPPORT', 90, 0.3]]);
    expect(part(a, 'TARGET')).toMatchObject({ score: 73.67, weight: 0.6, weighted: 44.2 });
    expect(part(a, 'SOCIAL')).toMatchObject({ score: 85, weight: 0.2, weighted: 17 });
    expect(part(a, 'LEADERSHIP')).toMatchObject({ score: 90, weight: 0.2, weighted: 18 });
    // 3 + 4 = 7 points granted, at most 5 count.
    expect(part(a, 'INNOVATION')).toMatchObject({ score: 5, weight: 1, weighted: 5 });
    expect(part(a, 'INNOVATION').inputs.map((i) => [i.kind, i.label, i.value])).toEqual([['BONUS', topics[0].title, 3], ['BONUS', topics[1].title, 4], ['CAP', '上限 Cap', 5]]);
    expect(a.total).toBe(84.2); // 44.2 + 17 + 18 + 5
    // B: led (1×90 + 2×0) / 3 = 30; supported 100; 0.7 × 30 + 0.3 × 100 = 51.
    expect(part(b, 'TARGET')).toMatchObject({ score: 51, weighted: 30.6 });
    expect(part(b, 'SOCIAL')).toMatchObject({ score: 90, weighted: 18 });
    expect(part(b, 'LEADERSHIP')).toMatchObject({ score: 95, weighted: 19 });
    expect(part(b, 'INNOVATION')).toMatchObject({ score: 2, weighted: 2 });
    expect(b.total).toBe(69.6); // 30.6 + 18 + 19 + 2
    expect([a.rank, b.rank]).toEqual([1, 2]);
    expect(list.slice(0, 2).map((s) => s.department.code)).toEqual(['score-a', 'score-b']);
    // The seed's departments hold items without approved data: they score 0, sharing rank 3.
    const zero = list.filter((s) => s.total === 0);
    expect(zero.length).toBeGreaterThan(10);
    expect(new Set(zero.map((s) => s.rank))).toEqual(new Set([3]));
  });

  it('equal totals share a rank and the next rank skips', async () => {
    // 区民政局 and 区科技局: no approved data (target 0); 0.2 × 50 + 0.2 × 50 = 20 = 0.2 × 60 + 0.2 × 40.
    await hub.gql(RATINGS, { y: 2019, r: [{ department: '区民政局', socialScore: 50, leadershipScore: 50 }, { department: '区科技局', socialScore: 60, leadershipScore: 40 }] });
    const list = await scores();
    expect([of(list, 'score-a').rank, of(list, 'score-b').rank]).toEqual([1, 2]);
    const tied = list.filter((s) => s.total === 20);
    expect(tied).toHaveLength(2);
    expect(tied.map((s) => s.rank)).toEqual([3, 3]);
    expect(new Set(list.filter((s) => s.total === 0).map((s) => s.rank))).toEqual(new Set([5]));
  });

  it('with other weights for the year, as by hand again', async () => {
    const saved = (await hub.gql(RULE, { y: 2019, i: { leadShare: 0.5, supportShare: 0.5, bindingWeight: 3, pointsOnTrack: 80, targetWeight: 0.5, socialWeight: 0.3, leadershipWeight: 0.2, innovationWeight: 0.5, innovationCap: null } })).saveScoreRule;
    expect(saved).toMatchObject({ stored: true, version: 1, leadShare: 0.5, bindingWeight: 3, innovationCap: null });
    // A second create is refused; a stale version too.
    expect((await hub.gqlErrors(RULE, { y: 2019, i: { leadShare: 0.6 } }))[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'DUPLICATE' });
    expect((await hub.gqlErrors(RULE, { y: 2019, i: { leadShare: 0.6 }, v: 7 }))[0].extensions).toMatchObject({ code: 'CONFLICT', currentVersion: 1 });
    expect((await hub.gqlErrors(RULE, { y: 2019, i: { leadShare: 101 }, v: 1 }))[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.leadShare' });
    expect((await hub.gqlErrors(RULE, { y: 2019, i: { leadShare: 0, supportShare: 0 }, v: 1 }))[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT' });

    const list = await scores();
    const a = of(list, 'score-a');
    const b = of(list, 'score-b');
    // A: led (3×100 + 1×0) / 4 = 75; supported 80; 0.5 × 75 + 0.5 × 80 = 77.5 → ×0.5 = 38.75;
    //    0.3 × 85 = 25.5; 0.2 × 90 = 18; 7 points uncapped × 0.5 = 3.5 → 85.75.
    expect(a.parts.map((p) => [p.part, p.score, p.weight, p.weighted])).toEqual([['TARGET', 77.5, 0.5, 38.75], ['SOCIAL', 85, 0.3, 25.5], ['LEADERSHIP', 90, 0.2, 18], ['INNOVATION', 7, 0.5, 3.5]]);
    expect(a.total).toBe(85.75);
    // B: led (1×80 + 3×0) / 4 = 20; supported 100; 0.5 × 20 + 0.5 × 100 = 60 → 30; 0.3 × 90 = 27; 0.2 × 95 = 19; 2 × 0.5 = 1 → 77.
    expect(b.parts.map((p) => [p.part, p.score, p.weighted])).toEqual([['TARGET', 60, 30], ['SOCIAL', 90, 27], ['LEADERSHIP', 95, 19], ['INNOVATION', 2, 1]]);
    expect(b.total).toBe(77);
    // The 2018 rules are still the defaults.
    expect((await hub.gql('{ scoreRule(year: 2018) { stored leadShare } }')).scoreRule).toEqual({ stored: false, leadShare: 0.7 });
  });

  it('the entered scores are saved all or nothing, a refusal naming its row', async () => {
    const before = (await hub.gql('{ departmentRatings(year: 2019) { socialScore department { code } version } }')).departmentRatings;
    const bad = [
      [{ department: 'score-a', socialScore: 10 }, { department: '没有这个局', socialScore: 10 }],
      [{ department: 'score-a', socialScore: 10 }, { department: 'score-b', socialScore: 120 }],
      [{ department: 'score-a', socialScore: 10 }, { department: '评分甲局', leadershipScore: 10 }],
      [{ department: 'score-a', socialScore: 10, expectedVersion: 9 }],
    ];
    const fields: string[] = [];
    for (const r of bad) fields.push(...(await hub.gqlErrors(RATINGS, { y: 2019, r })).map((e) => `${e.extensions.code}:${e.extensions.field ?? ''}`));
    expect(fields).toEqual(['BAD_USER_INPUT:ratings[1].department', 'BAD_USER_INPUT:input[1].socialScore', 'BAD_USER_INPUT:ratings[1].department', 'CONFLICT:']);
    expect((await hub.gql('{ departmentRatings(year: 2019) { socialScore department { code } version } }')).departmentRatings).toEqual(before);
    // The grid's edit at the row's version, and a file's row without one.
    const a = before.find((r: { department: { code: string } }) => r.department.code === 'score-a');
    const saved = (await hub.gql(RATINGS, { y: 2019, r: [{ department: 'score-a', socialScore: 86, expectedVersion: a.version }] })).saveDepartmentRatings;
    expect(saved[0]).toMatchObject({ socialScore: 86, leadershipScore: 90, version: a.version + 1 });
    const trail = (await hub.gql(`{ auditLog(entity: "DepartmentRating", entityId: "${saved[0].id}", field: "socialScore") { before after username } }`)).auditLog;
    expect(trail).toEqual([{ before: '85', after: '86', username: 'admin' }]);
    await hub.gql(RATINGS, { y: 2019, r: [{ department: 'score-a', socialScore: 85 }] });
    expect(of(await scores(), 'score-a').total).toBe(85.75);
  });

  it('permissions per role', async () => {
    const writes: [string, Record<string, unknown>][] = [
      [RATINGS, { y: 2019, r: [{ department: 'score-a', socialScore: 1 }] }],
      [BONUS, { i: { department: 'score-b', year: 2019, innovationTopicId: topics[1].id, points: 1 } }],
      [RULE, { y: 2019, i: { leadShare: 0.6 }, v: 1 }],
      [PUBLISH, { y: 2019 }],
    ];
    for (const [as, code] of [[editor, 'FORBIDDEN'], [viewer, 'FORBIDDEN'], [{ ...hub.admin, readOnly: true }, 'FORBIDDEN'], [ANONYMOUS, 'UNAUTHENTICATED']] as const) {
      for (const [q, v] of writes) expect((await hub.gqlErrors(q, v, as as Actor))[0].extensions.code, `${q.slice(9, 40)} as ${(as as Actor).username}`).toBe(code);
    }
    // Everyone signed in reads the unpublished scores (a department checks its own); the signed-out do not.
    expect(of(await scores(2019, editor), 'score-a').total).toBe(85.75);
    expect(of(await scores(2019, viewer), 'score-b').total).toBe(77);
    expect((await hub.gqlErrors(SCORES, { y: 2019 }, ANONYMOUS))[0].extensions.code).toBe('UNAUTHENTICATED');
    expect((await hub.gqlErrors('{ departmentRatings(year: 2019) { id } }', {}, ANONYMOUS))[0].extensions.code).toBe('UNAUTHENTICATED');
    expect((await hub.gqlErrors(SCORES, { y: 2031 }))[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'year' });
  });

  it('publishing freezes the year: later changes are refused, the answer stays as published', async () => {
    const before = await scores();
    const published = (await hub.gql(PUBLISH, { y: 2019 })).publishAnnualScores;
    expect(published.map((s: Score) => [s.department.code, s.total, s.rank])).toEqual(before.map((s) => [s.department.code, s.total, s.rank]));
    expect(published.every((s: Score) => s.published)).toBe(true);
    const frozen = [
      [RATINGS, { y: 2019, r: [{ department: 'score-a', socialScore: 1 }] }],
      [BONUS, { i: { department: 'score-b', year: 2019, innovationTopicId: topics[1].id, points: 1 } }],
      [RULE, { y: 2019, i: { leadShare: 0.6 }, v: 1 }],
      [PUBLISH, { y: 2019 }],
    ] as const;
    for (const [q, v] of frozen) expect((await hub.gqlErrors(q, v as Record<string, unknown>))[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'PUBLISHED' });
    const bonus = (await hub.gql('{ innovationBonuses(year: 2019) { id version department { code } } }')).innovationBonuses[0];
    expect((await hub.gqlErrors(`mutation { deleteInnovationBonus(id: "${bonus.id}", expectedVersion: ${bonus.version}) }`))[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'PUBLISHED' });
    // Completion moves (B's I4 now approved far above target) but the published answer does not.
    await approved(ids.i4, 'score-b', '2019', 1000);
    const after = await scores();
    expect(after.map(({ publishedAt: _, ...s }: any) => s)).toEqual(before.map((s) => ({ ...s, published: true })).map(({ publishedAt: _, ...s }: any) => s));
    expect(part(of(after, 'score-b'), 'TARGET').inputs.find((i) => i.itemKey === `indicator:${ids.i4}`).status).toBe('NO_DATA');
    // Signed out, a published year is shown; another year is open.
    expect(of(await scores(2019, ANONYMOUS), 'score-b').total).toBe(77);
    expect((await hub.gql(RATINGS, { y: 2018, r: [{ department: 'score-a', socialScore: 70 }] })).saveDepartmentRatings[0].socialScore).toBe(70);
    expect(of(await scores(2020), 'score-b').parts[0].inputs.find((i: any) => i.itemKey === `indicator:${ids.i4}`)).toBeTruthy();
  });

  it('annualScores costs the same statements with 12 more departments, items, ratings and bonuses', async () => {
    const q = `query { annualScores(year: 2020) { department { code name } total rank parts { part score weight weighted inputs { kind label itemKey status value points weight } } } }`;
    hub.statements.length = 0;
    const small = await hub.gql(q);
    const smallCount = hub.statements.length;
    for (let d = 0; d < 12; d++) {
      const code = `flat-${d}`;
      await hub.gql(`mutation($i: DepartmentInput!) { createDepartment(input: $i) { id } }`, { i: { code, name: `平测局${d}`, nameEn: code } });
      const id = await indicator(300 + d, d % 2 ? 'BINDING' : 'EXPECTED', code, d ? `flat-${d - 1}` : undefined);
      await approved(id, code, '2020', 100 + d);
      await hub.gql(RATINGS, { y: 2020, r: [{ department: code, socialScore: 50 + d, leadershipScore: 60 }] });
      await hub.gql(BONUS, { i: { department: code, year: 2020, innovationTopicId: topics[d % 2].id, points: 1 } });
    }
    hub.statements.length = 0;
    const large = await hub.gql(q);
    expect(large.annualScores.length).toBe(small.annualScores.length + 12);
    expect(hub.statements.length).toBe(smallCount);
  });

  it('imports 社会评价 and 领导考评 from CSV and XLSX, all or nothing, problems named by row', async () => {
    const IMPORT = `mutation($y: Int!, $f: String!, $c: String!, $e: ContentEncoding) { importDepartmentRatings(year: $y, file: { filename: $f, content: $c, encoding: $e }) { socialScore leadershipScore note department { code } } }`;
    const ratings = async () => Object.fromEntries(((await hub.gql('{ departmentRatings(year: 2017) { socialScore leadershipScore department { code } } }')).departmentRatings as any[]).map((r) => [r.department.code, [r.socialScore, r.leadershipScore]]));
    // CSV as Excel saves it (BOM), the department by any name, an empty cell left alone.
    const csv = '\uFEFF序号,部门名称,社会评价得分,领导考评得分,备注\n1,评分甲局,81.5,,按问卷\n2,score-b,,77\n';
    const saved = (await hub.gql(IMPORT, { y: 2017, f: '2017评分.csv', c: csv })).importDepartmentRatings;
    expect(saved.map((r: any) => [r.department.code, r.socialScore, r.leadershipScore, r.note])).toEqual([['score-a', 81.5, null, '按问卷'], ['score-b', null, 77, null]]);
    // XLSX (base64): the first sheet; numbers and a formula's result.
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('评分');
    ws.addRow(['部门', '社会评价', '领导考评']);
    ws.addRow(['score-a', null, 90]);
    ws.addRow(['评分乙局', { formula: '40*2', result: 80 }, null]);
    const xlsx = Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
    await hub.gql(IMPORT, { y: 2017, f: '2017评分.xlsx', c: xlsx, e: 'BASE64' });
    expect(await ratings()).toEqual({ 'score-a': [81.5, 90], 'score-b': [80, 77] });
    // Problems: every bad cell with its row; an unknown department with its row and suggestions; nothing saved.
    const bad = await hub.gqlErrors(IMPORT, { y: 2017, f: 'bad.csv', c: '部门,社会评价,领导考评\nscore-a,101,1\nscore-b,abc,2\n' });
    expect(bad[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'file' });
    expect(bad[0].extensions.problems.map((p: any) => [p.row, p.column, p.value])).toEqual([[2, '社会评价', '101'], [3, '社会评价', 'abc']]);
    const unknown = await hub.gqlErrors(IMPORT, { y: 2017, f: 'bad.csv', c: '部门,社会评价\nscore-a,1\n评分丙局,2\n' });
    expect(unknown[0].extensions.problems[0]).toMatchObject({ row: 3, column: '部门', value: '评分丙局' });
    expect((await hub.gqlErrors(IMPORT, { y: 2017, f: 'x.csv', c: '名称,分数\na,1\n' }))[0].message).toContain('department column');
    expect(await ratings()).toEqual({ 'score-a': [81.5, 90], 'score-b': [80, 77] });
    // Only the office imports; a published year refuses it.
    expect((await hub.gqlErrors(IMPORT, { y: 2017, f: 'a.csv', c: csv }, editor))[0].extensions.code).toBe('FORBIDDEN');
    expect((await hub.gqlErrors(IMPORT, { y: 2019, f: 'a.csv', c: csv }))[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'PUBLISHED' });
  });

  it('bonus points: a second grant is a duplicate, a change needs the version, a withdrawal is audited', async () => {
    const input = { department: 'score-a', year: 2017, innovationTopicId: topics[0].id, points: 2 };
    const b = (await hub.gql(BONUS, { i: input })).saveInnovationBonus;
    expect((await hub.gqlErrors(BONUS, { i: input }))[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'DUPLICATE', existingId: b.id });
    expect((await hub.gqlErrors(BONUS, { i: { ...input, points: 3 }, v: b.version + 1 }))[0].extensions).toMatchObject({ code: 'CONFLICT', currentVersion: b.version });
    expect((await hub.gqlErrors(BONUS, { i: { ...input, innovationTopicId: '99999' } }))[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.innovationTopicId' });
    const changed = (await hub.gql(BONUS, { i: { ...input, points: 3 }, v: b.version })).saveInnovationBonus;
    expect(changed).toMatchObject({ points: 3, version: b.version + 1 });
    expect((await hub.gqlErrors(`mutation { deleteInnovationBonus(id: "${b.id}", expectedVersion: ${b.version}) }`))[0].extensions).toMatchObject({ code: 'CONFLICT' });
    expect((await hub.gql(`mutation { deleteInnovationBonus(id: "${b.id}", expectedVersion: ${changed.version}) }`)).deleteInnovationBonus).toBe(true);
    expect((await hub.gql('{ innovationBonuses(year: 2017) { id } }')).innovationBonuses).toEqual([]);
    const trail = (await hub.gql(`{ auditLog(entity: "InnovationBonus", entityId: "${b.id}") { action field before after } }`)).auditLog;
    expect(trail.map((t: any) => `${t.action}:${t.field ?? ''}`).sort()).toEqual(['CREATE:', 'DELETE:', 'UPDATE:points']);
    expect(JSON.parse(trail.find((t: any) => t.action === 'DELETE').before)).toMatchObject({ department: 'score-a', year: 2017, points: 3 });
  });
});
