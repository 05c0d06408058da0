import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from '../server/transfer/exceljs';
import { ADMIN_PASSWORD, ANONYMOUS, TEST_ENGINE, freshDatabase, startHub, type TestHub } from './helpers';
import { Role } from '../schema/accounts/account.enums';
import { LedgerState } from '../schema/ledger/ledger.enums';
import { initORM, type Em } from '../server/orm';
import { seedFromFile } from '../server/seed';
import { DEFAULT_SEED_FILE } from '../server/config';
import { createServices } from '../server/services';
import { cliActor } from '../server/common/actor';
import type { Actor } from '../server/common/actor';
import { overdueSubmissions, parseBulletinMonth, periodsSettling, monthEndInstant } from '../server/bulletins/bulletin.rules';
import { bulletinHtml, bulletinPdf, findChromium } from '../server/bulletins/bulletin.render';
import type { Bulletin } from '../schema/bulletins/bulletin.types';

/**
 * The monthly bulletin (issue 15): a small ledger of two departments of our own, loaded through the
 * ledger's mutations (saved, submitted, approved), and the bulletin's values, statuses, overdue lists
 * and changes worked out by hand in the comments; publishing freezes it; access; the files.
 */

const ITEM = 'itemKey kind name unit role leads status actualValue targetValue ratio provisional explanation previousStatus previousValue changed';
const CHANGE = 'field itemKey name department before after description';
const BULLETIN = `query($m: String!, $v: Int) { bulletin(month: $m, version: $v) { month year title periodEnd published publishedAt publishedBy version foreword comparedWith comparedVersion
  totals { total achieved onTrack atRisk offTrack missed noData completionRate }
  departments { code name counts { total atRisk offTrack noData } items { ${ITEM} } progressTexts { itemKey name text } overdueSubmissions { itemKey name state } overdueRectifications { id seq problem deadlineYear status role } }
  changes { ${CHANGE} } changedSincePublished { ${CHANGE} } } }`;
const PUBLISH = `mutation($m: String!, $f: String, $v: Int) { publishBulletin(month: $m, foreword: $f, expectedVersion: $v) { month published version foreword publishedBy publishedAt comparedWith changedSincePublished { field } departments { code items { itemKey status actualValue } } } }`;

describe('the monthly bulletin', () => {
  let hub: TestHub;
  let editorA: Actor;
  const ids: Record<string, string> = {};

  const bulletin = async (m: string, as?: Actor, v?: number): Promise<Bulletin & Record<string, any>> => (await hub.gql(BULLETIN, { m, v }, as)).bulletin;
  const dept = (b: any, code: string) => b.departments.find((d: any) => d.code === code);
  const item = (b: any, code: string, key: string) => dept(b, code)?.items.find((i: any) => i.itemKey === key);

  /** Saves, and (per `to`) submits and approves an entry the way a department and the office do. */
  async function file(department: string, indicator: string, period: string, actualValue: number, progressText: string | null, to: LedgerState) {
    let e = (await hub.gql(`mutation($i: LedgerEntryInput!) { saveLedgerEntry(input: $i) { id version } }`, { i: { indicatorId: indicator, department, period, actualValue, progressText } })).saveLedgerEntry;
    if (to === LedgerState.DRAFT) return e;
    e = (await hub.gql(`mutation($id: ID!, $v: Int!) { submitLedgerEntry(id: $id, expectedVersion: $v) { id version } }`, { id: e.id, v: e.version })).submitLedgerEntry;
    if (to === LedgerState.SUBMITTED) return e;
    return (await hub.gql(`mutation($id: ID!, $v: Int!) { approveLedgerEntry(id: $id, expectedVersion: $v) { id version } }`, { id: e.id, v: e.version })).approveLedgerEntry;
  }

  async function indicator(seq: number, name: string, unit: string, target: number, yearTarget2019: number, responsibilities: { department: string; role: string }[]) {
    const input = { seq, name, unit, targetText: String(target), attribute: 'EXPECTED', targetKind: 'EXACT', targetValue: target, baseValue: 1, responsibilities };
    const row = (await hub.gql(`mutation($i: IndicatorInput!) { createIndicator(input: $i) { id yearTargets { id year version } } }`, { i: input })).createIndicator;
    const t = row.yearTargets.find((y: { year: number }) => y.year === 2019);
    await hub.gql(`mutation($id: ID!, $v: Int) { updateYearTarget(id: $id, patch: { targetValue: ${yearTarget2019} }, expectedVersion: $v) { id } }`, { id: t.id, v: t.version });
    return String(row.id);
  }

  beforeAll(async () => {
    hub = await startHub();
    for (const [code, name] of [['bt-a', '通报甲局'], ['bt-b', '通报乙局']]) await hub.gql(`mutation { createDepartment(input: { code: "${code}", name: "${name}", nameEn: "${code}" }) { id } }`);
    editorA = await hub.user('editor-a', Role.EDITOR, 'bt-a');
    const both = [{ department: 'bt-a', role: 'LEAD' }, { department: 'bt-b', role: 'SUPPORT' }];
    // I1: a flow (亿元), year target 2019 = 120; I2: a rate (%), 50; I3: a count (人), 10 — all led by 甲局, supported by 乙局 (I1, I2).
    ids.i1 = await indicator(901, '通报测试产值', '亿元', 150, 120, both);
    ids.i2 = await indicator(902, '通报测试比率', '%', 60, 50, both);
    ids.i3 = await indicator(903, '通报测试人数', '人', 12, 10, [{ department: 'bt-a', role: 'LEAD' }]);
    // Rectifications of 甲局: due by 2018 (overdue from 2019), due by 2020 (not overdue in the plan's months).
    const rect = (seq: number, deadline: number) =>
      hub.gql(`mutation($i: RectificationInput!) { createRectification(input: $i) { id } }`, {
        i: { seq, problem: `通报测试问题${seq}`, direction: 'd', plan: 'p', measures: 'm', expectedOutcomes: 'o', deadlineYear: deadline, responsibilities: [{ department: 'bt-a', role: 'LEAD' }, { department: 'bt-b', role: 'SUPPORT' }] },
      });
    ids.r1 = (await rect(901, 2018)).createRectification.id;
    ids.r2 = (await rect(902, 2020)).createRectification.id;

    // The ledger: May — 甲局 I1 40 (approved). June — 甲局 I1 58 (approved, with a text), I2 55 (submitted only),
    // I3 (a draft); 乙局 I1 5 (approved: its contribution, a text, not the item's figure).
    await file('bt-a', ids.i1, '2019-05', 40, '五月产值进展', LedgerState.APPROVED);
    await file('bt-a', ids.i1, '2019-06', 58, '六月产值进展', LedgerState.APPROVED);
    await file('bt-a', ids.i2, '2019-06', 55, '比率未审核', LedgerState.SUBMITTED);
    await file('bt-a', ids.i3, '2019-06', 9, null, LedgerState.DRAFT);
    await file('bt-b', ids.i1, '2019-06', 5, '乙局配合进展', LedgerState.APPROVED);
  }, 120_000);
  afterAll(() => hub?.close());

  it('the overdue rule: leads owe a handed-in entry of a period settling the month; co-leads share it; supporters owe nothing', () => {
    const june = parseBulletinMonth('2019-06');
    const may = parseBulletinMonth('2019年5月');
    expect(may.month).toBe('2019-05');
    expect(periodsSettling(june)).toEqual(['2019-06', '2019-Q2', '2019']);
    expect(periodsSettling(may)).toEqual(['2019-05', '2019']);
    const leads = [
      { departmentId: 1, itemKey: 'indicator:1' },
      { departmentId: 1, itemKey: 'indicator:2' },
      { departmentId: 1, itemKey: 'indicator:3' },
      { departmentId: 1, itemKey: 'milestone:4' },
      { departmentId: 2, itemKey: 'milestone:4' }, // co-lead
      { departmentId: 1, itemKey: 'indicator:5' },
    ];
    const entries = [
      { departmentId: 1, itemKey: 'indicator:1', period: '2019-Q2', state: LedgerState.APPROVED }, // the quarter ending in June settles June
      { departmentId: 1, itemKey: 'indicator:2', period: '2019-06', state: LedgerState.RETURNED }, // returned: not handed in
      { departmentId: 3, itemKey: 'indicator:3', period: '2019-06', state: LedgerState.APPROVED }, // a department that does not lead it
      { departmentId: 2, itemKey: 'milestone:4', period: '2019-06', state: LedgerState.SUBMITTED }, // one co-lead settles it for both
      { departmentId: 1, itemKey: 'indicator:5', period: '2019-05', state: LedgerState.APPROVED }, // last month's
    ];
    expect(overdueSubmissions(june, leads, entries)).toEqual([
      { departmentId: 1, itemKey: 'indicator:2', state: LedgerState.RETURNED },
      { departmentId: 1, itemKey: 'indicator:3', state: null },
      { departmentId: 1, itemKey: 'indicator:5', state: null },
    ]);
    // In May the quarter does not count (Q2 ends in June), the May entry does; a year value settles every month.
    expect(overdueSubmissions(may, leads, [...entries, { departmentId: 1, itemKey: 'indicator:3', period: '2019', state: LedgerState.APPROVED }]).map((o) => o.itemKey)).toEqual(['indicator:1', 'indicator:2', 'milestone:4', 'milestone:4']);
    // The month ends at midnight Beijing time.
    expect(monthEndInstant(june).toISOString()).toBe('2019-06-30T15:59:59.999Z');
  });

  it('a bad month is BAD_USER_INPUT naming it; a loosely written month is read', async () => {
    for (const m of ['2019-13', '2019-Q2', '2019', 'June', '2030-01']) {
      const [e] = await hub.gqlErrors(BULLETIN, { m });
      expect(e.extensions.code, m).toBe('BAD_USER_INPUT');
      expect(e.extensions.field).toBe('month');
      expect(e.message).toContain('month');
    }
    expect((await bulletin('2019年6月')).month).toBe('2019-06');
  });

  it('May, unpublished: values, statuses and overdue lists by hand; nothing to compare with', async () => {
    const b = await bulletin('2019-05');
    expect(b).toMatchObject({ month: '2019-05', year: 2019, title: '2019年5月经济责任制指标进度通报', periodEnd: '2019-05-31', published: false, version: null, comparedWith: null, changedSincePublished: null });
    // I1 at May: 40 against 120 × 5/12 = 50 → 80 % (short by 20 % > 5 %): OFF_TRACK, provisional.
    expect(item(b, 'bt-a', `indicator:${ids.i1}`)).toMatchObject({ role: 'LEAD', leads: ['通报甲局'], status: 'OFF_TRACK', actualValue: 40, targetValue: 50, ratio: 0.8, provisional: true, changed: false, previousStatus: null });
    expect(item(b, 'bt-b', `indicator:${ids.i1}`)).toMatchObject({ role: 'SUPPORT', status: 'OFF_TRACK', actualValue: 40 });
    // I2, I3: nothing approved → NO_DATA.
    expect(item(b, 'bt-a', `indicator:${ids.i2}`)).toMatchObject({ status: 'NO_DATA', actualValue: null });
    expect(dept(b, 'bt-a').counts).toEqual({ total: 3, atRisk: 0, offTrack: 1, noData: 2 });
    // Texts: May's approved one only. Overdue in May: I2 and I3 have no May entry (the June ones do not count).
    expect(dept(b, 'bt-a').progressTexts).toEqual([{ itemKey: `indicator:${ids.i1}`, name: '通报测试产值', text: '五月产值进展' }]);
    expect(dept(b, 'bt-a').overdueSubmissions).toEqual([
      { itemKey: `indicator:${ids.i2}`, name: '通报测试比率', state: null },
      { itemKey: `indicator:${ids.i3}`, name: '通报测试人数', state: null },
    ]);
    expect(dept(b, 'bt-b').overdueSubmissions).toEqual([]); // a supporter owes nothing
    // Rectification 901 (due 2018, OPEN) is overdue at the end of May 2019, for both its departments; 902 (2020) is not.
    expect(dept(b, 'bt-a').overdueRectifications).toEqual([{ id: ids.r1, seq: 901, problem: '通报测试问题901', deadlineYear: 2018, status: 'OPEN', role: 'LEAD' }]);
    expect(dept(b, 'bt-b').overdueRectifications.map((r: any) => [r.seq, r.role])).toEqual([[901, 'SUPPORT']]);
    // At the end of December 2018 it is due, not yet overdue.
    expect(dept(await bulletin('2018-12'), 'bt-a').overdueRectifications).toEqual([]);
    // The same data, the same bulletin; an edit elsewhere (a standard) changes nothing.
    const std = (await hub.gql('{ standards(limit: 1) { items { id version } } }')).standards.items[0];
    await hub.gql(`mutation($id: ID!, $v: Int) { updateStandard(id: $id, patch: { name: "通报测试标准" }, expectedVersion: $v) { id } }`, { id: std.id, v: std.version });
    expect(await bulletin('2019-05')).toEqual(b);
  });

  it('access: a draft for signed-in readers only; publishing is the office’s', async () => {
    const [anon] = await hub.gqlErrors(BULLETIN, { m: '2019-05' }, ANONYMOUS);
    expect(anon.extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'NOT_PUBLISHED', month: '2019-05' });
    expect((await bulletin('2019-05', editorA)).published).toBe(false);
    const [forbidden] = await hub.gqlErrors(PUBLISH, { m: '2019-05' }, editorA);
    expect(forbidden.extensions.code).toBe('FORBIDDEN');
    const [signedOut] = await hub.gqlErrors(PUBLISH, { m: '2019-05' }, ANONYMOUS);
    expect(signedOut.extensions.code).toBe('UNAUTHENTICATED');
    expect((await hub.gql('{ bulletinIssues { month } }')).bulletinIssues).toEqual([]);
  });

  it('publishing freezes May; June compares against it; later approvals show as changedSincePublished', async () => {
    const p = (await hub.gql(PUBLISH, { m: '2019-05', f: '  各单位：现将5月指标进度通报如下。  ' })).publishBulletin;
    expect(p).toMatchObject({ month: '2019-05', published: true, version: 1, foreword: '各单位：现将5月指标进度通报如下。', publishedBy: 'admin', changedSincePublished: [] });
    const audit = (await hub.gql(`{ auditLog(entity: "PublishedBulletin") { action entityId after username } }`)).auditLog;
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'CREATE', username: 'admin' });
    expect(JSON.parse(audit[0].after)).toMatchObject({ month: '2019-05', version: 1 });

    // Now public, as issued.
    const asPublic = await bulletin('2019-05', ANONYMOUS);
    expect(asPublic).toMatchObject({ published: true, version: 1, publishedBy: 'admin', changedSincePublished: [] });
    expect(item(asPublic, 'bt-a', `indicator:${ids.i1}`)).toMatchObject({ status: 'OFF_TRACK', actualValue: 40 });

    // June against May: I1 58 against 120 × 6/12 = 60 → 96.7 % (short 3.3 % ≤ 5 %): AT_RISK, was OFF_TRACK at 40.
    let june = await bulletin('2019-06');
    expect(june).toMatchObject({ comparedWith: '2019-05', comparedVersion: 1, published: false });
    expect(item(june, 'bt-a', `indicator:${ids.i1}`)).toMatchObject({ status: 'AT_RISK', actualValue: 58, targetValue: 60, previousStatus: 'OFF_TRACK', previousValue: 40, changed: true });
    expect(item(june, 'bt-a', `indicator:${ids.i1}`).ratio).toBeCloseTo(58 / 60, 10);
    expect(item(june, 'bt-a', `indicator:${ids.i2}`)).toMatchObject({ status: 'NO_DATA', previousStatus: 'NO_DATA', changed: false });
    expect(june.changes.map((c: any) => [c.field, c.itemKey, c.before, c.after])).toEqual([
      ['STATUS', `indicator:${ids.i1}`, '落后于进度', '略低于进度'],
      ['ACTUAL_VALUE', `indicator:${ids.i1}`, '40', '58'],
    ]);
    expect(june.changes[0]).toMatchObject({ department: '通报甲局', description: '通报测试产值（通报甲局）：状态 落后于进度 → 略低于进度' });
    // June's texts: 甲局's I1 (I2's is only submitted), 乙局's own. Overdue: only I3 (a draft); I2 is submitted.
    expect(dept(june, 'bt-a').progressTexts.map((t: any) => t.text)).toEqual(['六月产值进展']);
    expect(dept(june, 'bt-b').progressTexts.map((t: any) => t.text)).toEqual(['乙局配合进展']);
    expect(dept(june, 'bt-a').overdueSubmissions).toEqual([{ itemKey: `indicator:${ids.i3}`, name: '通报测试人数', state: 'DRAFT' }]);

    // After publication, May's I2 value comes in and is approved: the issued May does not change, and says what changed.
    await file('bt-a', ids.i2, '2019-05', 45, '五月比率', LedgerState.APPROVED);
    const may = await bulletin('2019-05');
    expect(item(may, 'bt-a', `indicator:${ids.i2}`)).toMatchObject({ status: 'NO_DATA', actualValue: null });
    expect(dept(may, 'bt-a').progressTexts).toHaveLength(1);
    // I2 at May now: 45 against 50 (a rate: the year target) → short 10 %: OFF_TRACK.
    expect(may.changedSincePublished!.map((c: any) => [c.field, c.itemKey, c.department, c.before, c.after])).toEqual([
      ['STATUS', `indicator:${ids.i2}`, '通报甲局', '无数据', '落后于进度'],
      ['ACTUAL_VALUE', `indicator:${ids.i2}`, '通报甲局', null, '45'],
      ['PROGRESS_TEXT', `indicator:${ids.i2}`, '通报甲局', null, '五月比率'],
      ['OVERDUE_SUBMISSION', `indicator:${ids.i2}`, '通报甲局', '逾期未报', null],
    ]);
    // June compares with May as issued (I2 NO_DATA then), not with May's data now: I2 is 45 at June (May's value, June's is only submitted).
    june = await bulletin('2019-06');
    expect(item(june, 'bt-a', `indicator:${ids.i2}`)).toMatchObject({ status: 'OFF_TRACK', actualValue: 45, previousStatus: 'NO_DATA', previousValue: null, changed: true });
  });

  it('re-publishing a month: refused without expectedVersion; with it, the next issue (earlier ones kept); June then compares with it', async () => {
    const [again] = await hub.gqlErrors(PUBLISH, { m: '2019-05' });
    expect(again.extensions).toMatchObject({ code: 'CONFLICT', reason: 'ALREADY_PUBLISHED', currentVersion: 1 });
    const [stale] = await hub.gqlErrors(PUBLISH, { m: '2019-05', v: 0 });
    expect(stale.extensions).toMatchObject({ code: 'CONFLICT', reason: 'STALE', currentVersion: 1 });
    expect((await hub.gql('{ bulletinIssues { month version } }')).bulletinIssues).toEqual([{ month: '2019-05', version: 1 }]);
    const v2 = (await hub.gql(PUBLISH, { m: '2019-05', f: '更正', v: 1 })).publishBulletin;
    expect(v2).toMatchObject({ version: 2, foreword: '更正' });
    expect(v2.departments.find((d: any) => d.code === 'bt-a').items.find((i: any) => i.itemKey === `indicator:${ids.i2}`)).toMatchObject({ status: 'OFF_TRACK', actualValue: 45 });
    // The first issue is kept as it was.
    const v1 = await bulletin('2019-05', undefined, 1);
    expect(v1).toMatchObject({ version: 1, foreword: '各单位：现将5月指标进度通报如下。' });
    expect(item(v1, 'bt-a', `indicator:${ids.i2}`).status).toBe('NO_DATA');
    const june = await bulletin('2019-06');
    expect(june).toMatchObject({ comparedWith: '2019-05', comparedVersion: 2 });
    expect(item(june, 'bt-a', `indicator:${ids.i2}`)).toMatchObject({ previousStatus: 'OFF_TRACK', changed: false });
    expect(june.changes.map((c: any) => c.itemKey)).not.toContain(`indicator:${ids.i2}`);
    const [missing] = await hub.gqlErrors(BULLETIN, { m: '2019-05', v: 3 });
    expect(missing.extensions.code).toBe('NOT_FOUND');
  });

  it('evaluations and inspections not closed at the month’s end are listed until closed; issues published before the field existed answer []', async () => {
    const SAVE = `mutation($i: EvaluationInput!) { saveEvaluation(input: $i) { id version } }`;
    const q1 = (await hub.gql(SAVE, { i: { department: 'bt-a', kind: 'QUARTERLY', year: 2019, quarter: 1, findings: '一季度产值进度偏慢', measures: '二季度每月报送产值进度' } })).saveEvaluation;
    await hub.gql(SAVE, { i: { department: 'bt-b', kind: 'INSPECTION', title: '配合事项专项督查', date: '2019-06-15', findings: '配合材料不全', measures: '补齐佐证材料' } });
    const EVALS = `query($m: String!) { bulletin(month: $m) { published departments { code openEvaluations { id kind subject measures status } } } }`;
    const evals = async (m: string) => Object.fromEntries(((await hub.gql(EVALS, { m })).bulletin.departments as any[]).map((d) => [d.code, d.openEvaluations]));
    // April (unpublished): the Q1 evaluation (its quarter ended in March); the inspection of 15 June not yet.
    const april = await evals('2019-04');
    expect(april['bt-a']).toEqual([{ id: q1.id, kind: 'QUARTERLY', subject: '2019-Q1', measures: '二季度每月报送产值进度', status: 'OPEN' }]);
    expect(april['bt-b']).toEqual([]);
    // July: both. The department answers now (2026): at the end of July 2019 it had not.
    await hub.gql(`mutation($id: ID!, $v: Int!) { respondToEvaluation(id: $id, response: "已按月报送", expectedVersion: $v) { version } }`, { id: q1.id, v: q1.version }, editorA);
    const july = await evals('2019-07');
    expect(july['bt-a'].map((e: any) => [e.subject, e.status])).toEqual([['2019-Q1', 'OPEN']]);
    expect(july['bt-b'].map((e: any) => [e.kind, e.subject])).toEqual([['INSPECTION', '配合事项专项督查（2019-06-15）']]);
    // The HTML and the XLSX carry the section too.
    const token = (await hub.gql(`mutation { login(username: "admin", password: "${ADMIN_PASSWORD}") { token } }`, undefined, ANONYMOUS)).login.token;
    const html = (await hub.app.inject({ method: 'GET', url: '/bulletins/2019-07.html', headers: { authorization: `Bearer ${token}` } })).body;
    expect(html).toContain('五、未办结的评估与督查');
    expect(html).toContain('补齐佐证材料');
    // An issue frozen before bulletins listed evaluations (no such key in its content) answers [] for them.
    await hub.orm.em.fork().getConnection().execute(`update published_bulletin set content = replace(content, '"openEvaluations":[]', '"x":0') where month = '2019-05'`);
    const may = (await hub.gql(EVALS, { m: '2019-05' })).bulletin;
    expect(may.published).toBe(true);
    expect(may.departments.every((d: any) => Array.isArray(d.openEvaluations) && d.openEvaluations.length === 0)).toBe(true);
  });

  describe('as files', () => {
    let token: string;
    const get = (url: string, auth = true) => hub.app.inject({ method: 'GET', url, headers: auth ? { authorization: `Bearer ${token}` } : {} });
    beforeAll(async () => {
      token = (await hub.gql(`mutation { login(username: "admin", password: "${ADMIN_PASSWORD}") { token } }`, undefined, ANONYMOUS)).login.token;
    });

    it('XLSX: the items sheet holds each department’s rows with their values and statuses', async () => {
      const res = await get('/bulletins/2019-06.xlsx');
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('spreadsheetml');
      expect(res.headers['content-disposition']).toContain('bulletin-2019-06-draft.xlsx');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as never);
      expect(wb.worksheets.map((w) => w.name)).toEqual(['进度', '工作进展', '逾期未报', '逾期整改', '评估督查', '变化']);
      const rows: unknown[][] = [];
      wb.getWorksheet('进度')!.eachRow((r) => rows.push((r.values as unknown[]).slice(1)));
      expect(rows[0][0]).toBe('2019年6月经济责任制指标进度通报');
      const i1 = rows.find((r) => r[0] === '通报甲局' && r[1] === '通报测试产值')!;
      expect(i1.slice(2, 12)).toEqual(['指标', '牵头', '亿元', 58, 60, 58 / 60, '略低于进度', '是', '落后于进度', '是']);
      expect(rows.filter((r) => r[1] === '通报测试产值').map((r) => r[0])).toEqual(['通报甲局', '通报乙局']);
      const overdue: unknown[][] = [];
      wb.getWorksheet('逾期未报')!.eachRow((r) => overdue.push((r.values as unknown[]).slice(1)));
      expect(overdue.filter((r) => r[0] === '通报甲局')).toEqual([['通报甲局', '通报测试人数', '草稿未提交']]);
    });

    it('HTML: the printable page; anonymous readers get published months only; a bad month is 400', async () => {
      const html = await get('/bulletins/2019-06.html');
      expect(html.statusCode).toBe(200);
      expect(html.body).toContain('<h1>2019年6月经济责任制指标进度通报</h1>');
      expect(html.body).toContain('@bottom-center');
      expect(html.body).toMatch(/data-item="indicator:\d+" data-department="bt-a"><td>通报测试产值<\/td>/);
      const anon = await get('/bulletins/2019-06.html', false);
      expect(anon.statusCode).toBe(401);
      expect(anon.json().errors[0].extensions.reason).toBe('NOT_PUBLISHED');
      const published = await get('/bulletins/2019-05.html', false);
      expect(published.statusCode).toBe(200);
      expect(published.body).toContain('已发布（第2期');
      expect((await get('/bulletins/2019-13.xlsx')).statusCode).toBe(400);
    });

    it.runIf(findChromium() != null)('PDF: printed by the machine’s Chromium', async () => {
      const res = await get('/bulletins/2019-05.pdf', false);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    }, 60_000);

    it('PDF without a browser: a coded refusal saying so', async () => {
      const b = await bulletin('2019-05');
      await expect(bulletinPdf(b, { PATH: '' })).rejects.toMatchObject({ code: 'SERVICE_UNAVAILABLE', details: { reason: 'PDF_UNAVAILABLE' } });
      await expect(bulletinPdf(b, { PATH: '' })).rejects.toThrow(/no Chromium/);
    });
  });
});

/** npm run bulletin, as a process, on a database of its own (a SQLite file, or a fresh PostgreSQL database). */
describe('npm run bulletin', () => {
  const dir = mkdtempSync(join(tmpdir(), 'plan-hub-bulletin-'));
  let url: string;
  let drop: () => Promise<void> = async () => {};
  let expected: Bulletin;
  const cli = (args: string[]) =>
    new Promise<{ status: number | null; stdout: Buffer; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'server/cli/bulletin.ts', ...args], { env: { ...process.env, DATABASE_URL: url }, stdio: ['ignore', 'pipe', 'pipe'] });
      const out: Buffer[] = [];
      let stderr = '';
      child.stdout.on('data', (d) => out.push(d));
      child.stderr.on('data', (d) => (stderr += d));
      child.on('close', (status) => resolve({ status, stdout: Buffer.concat(out), stderr }));
    });

  beforeAll(async () => {
    const fresh = TEST_ENGINE === 'sqlite' ? null : await freshDatabase();
    const database = fresh ? fresh.database : ({ engine: 'sqlite', path: join(dir, 'hub.db') } as const);
    url = database.engine === 'sqlite' ? `sqlite:${database.path}` : database.url;
    if (fresh) drop = fresh.drop;
    const orm = await initORM(database);
    try {
      await seedFromFile(orm, DEFAULT_SEED_FILE);
      // GDP (led by 区发改局): June 2019, approved through the ledger service.
      const s = () => createServices(orm.em.fork() as Em, cliActor(null, 'cli'));
      const gdp = (await s().indicators.list({ search: '地区生产总值' })).items[0];
      const saved = await s().ledger.save({ indicatorId: gdp.id, department: '区发改局', period: '2019-06', actualValue: 600, progressText: '上半年生产总值600亿元' });
      const submitted = await s().ledger.submit(saved.id, saved.version);
      await s().ledger.approve(submitted.id, submitted.version);
      expected = await s().bulletins.get('2019-06');
    } finally {
      await orm.close();
    }
  }, 120_000);
  afterAll(async () => {
    await drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes the same HTML as the service renders, and an XLSX with the approved value', async () => {
    const html = await cli(['2019-06', '--format', 'html']);
    expect(html.stderr).toBe('');
    expect(html.status).toBe(0);
    expect(html.stdout.toString()).toBe(bulletinHtml(expected));
    expect(html.stdout.toString()).toContain('上半年生产总值600亿元');

    const out = join(dir, 'june.xlsx');
    const xlsx = await cli(['2019年6月', '--out', out]);
    expect(xlsx.status).toBe(0);
    expect(xlsx.stderr).toContain('draft, unpublished');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const rows: unknown[][] = [];
    wb.getWorksheet('进度')!.eachRow((r) => rows.push((r.values as unknown[]).slice(1)));
    // The bulletin's cells: GDP's June value under its lead.
    const gdp = rows.find((r) => r[0] === '区发改局' && r[1] === '地区生产总值')!;
    expect(gdp[5]).toBe(600);
  }, 60_000);

  it('refuses a bad month and a missing format with a message and a non-zero status', async () => {
    const bad = await cli(['2019-13', '--format', 'html']);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('month');
    const noFormat = await cli(['2019-06']);
    expect(noFormat.status).toBe(2);
    expect(noFormat.stderr).toContain('--format');
  }, 60_000);
});
