import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'graphql';
import { startHub, ANONYMOUS, type TestHub } from './helpers';
import type { Em } from '../server/orm';
import { LedgerEntry } from '../schema/ledger/ledger-entry.entity';
import { LedgerState, PeriodKind } from '../schema/ledger/ledger.enums';
import { Milestone } from '../schema/milestones/milestone.entity';
import { parsePeriod } from '../server/progress/completion';
import { buildGraphQLSchema } from '../server/schema';
import { tablesRead } from '../server/cache/tables';
import { TRACKED_TABLES } from '../schema/cache/data-generation.entity';

/**
 * Issue 14, completion from the ledger: approved entries of the lead department (牵头单位) through
 * GraphQL, against the seed's indicators and milestones made here; every expectation is worked out
 * by hand in its comment. Entries are written straight into the table (the ledger's workflow is
 * another service's and tested there); only their state matters here.
 */
describe('completion from the ledger', () => {
  let hub: TestHub;
  const dept = new Map<string, number>();
  const ind = new Map<number, number>();
  const entryIds = new Map<string, number>();
  let listed = 0; // 上市企业150家 (level, 2020), special target 3
  let talent = 0; // 引进人才12.5万 (five-year total), special target 2

  const em = () => hub.orm.em.fork() as Em;

  /** Files an entry for an indicator (by seq) or a milestone (by id) as a department (by name). */
  async function file(department: string, item: { seq?: number; milestone?: number }, period: string, value: number, state = LedgerState.APPROVED) {
    const p = parsePeriod(period)!;
    const kind = { year: PeriodKind.YEAR, quarter: PeriodKind.QUARTER, month: PeriodKind.MONTH }[p.kind];
    const indicator = item.seq != null ? ind.get(item.seq)! : null;
    const itemKey = indicator != null ? `indicator:${indicator}` : `milestone:${item.milestone}`;
    const now = new Date();
    const id = await em().insert(LedgerEntry, {
      department: dept.get(department)!,
      indicator,
      milestone: item.milestone ?? null,
      itemKey,
      period,
      periodKind: kind,
      year: p.year,
      actualValue: value,
      state,
      version: 1,
      createdAt: now,
      updatedAt: now,
    } as never);
    entryIds.set(`${department}|${itemKey}|${period}`, Number(id));
    return Number(id);
  }
  async function setState(department: string, item: { seq?: number; milestone?: number }, period: string, state: LedgerState, value?: number) {
    const itemKey = item.seq != null ? `indicator:${ind.get(item.seq)}` : `milestone:${item.milestone}`;
    const id = entryIds.get(`${department}|${itemKey}|${period}`)!;
    await em().nativeUpdate(LedgerEntry, { id }, { state, ...(value != null ? { actualValue: value } : {}), updatedAt: new Date() });
  }

  const PROGRESS = 'year status ratio actualValue targetValue provisional explanation explanationEn';
  async function progress(seq: number, year: number) {
    const q = `query($id: ID!, $year: Int!) { indicator(id: $id) { progress(year: $year) { ${PROGRESS} } } }`;
    return (await hub.gql(q, { id: String(ind.get(seq)), year })).indicator.progress;
  }
  async function milestoneProgress(id: number, year: number) {
    const items = (await hub.gql(`query($y: Int!) { progressSummary(year: 2019) { items { itemKey milestone { id progress(year: $y) { ${PROGRESS} } } } } }`, { y: year })).progressSummary.items;
    return items.find((i: { itemKey: string }) => i.itemKey === `milestone:${id}`).milestone.progress;
  }
  async function yearTargetId(seq: number, year: number): Promise<string> {
    const row = (await hub.gql(`query($id: ID!) { indicator(id: $id) { yearTargets { id year } } }`, { id: String(ind.get(seq)) })).indicator;
    return row.yearTargets.find((t: { year: number }) => t.year === year).id;
  }

  beforeAll(async () => {
    hub = await startHub();
    for (const d of (await hub.gql('{ departments { id name } }')).departments) dept.set(d.name, Number(d.id));
    for (const i of (await hub.gql('{ indicators(limit: 100) { items { id seq } } }')).indicators.items) ind.set(i.seq, Number(i.id));
    const st = new Map<number, number>();
    for (const s of (await hub.gql('{ specialTargets(limit: 100) { items { id seq } } }')).specialTargets.items) st.set(s.seq, Number(s.id));
    // This suite's milestones are its own two (the seed's 46 are left out so the counts stay hand-checkable).
    await em().nativeDelete(Milestone, {});
    const now = new Date();
    const m = { version: 1, createdAt: now, updatedAt: now };
    listed = Number(await em().insert(Milestone, { ...m, specialTarget: st.get(3)!, seq: 1, text: '上市企业150家', name: '上市企业', value: 150, unit: '家', year: 2020, cumulative: false } as never));
    talent = Number(await em().insert(Milestone, { ...m, specialTarget: st.get(2)!, seq: 1, text: '引进人才12.5万', name: '引进人才', value: 12.5, unit: '万人', year: 2020, cumulative: true } as never));
  });
  afterAll(() => hub?.close());

  it('GDP against its geometric year: 2016 approved at 900 against 898.45 (790.4 → 1500)', async () => {
    await file('区发改局', { seq: 1 }, '2016', 900);
    // 790.4 × (1500 / 790.4)^(1/5) = 898.4539; 900 / 898.4539 = 1.001721.
    const p = await progress(1, 2016);
    expect(p).toMatchObject({ year: 2016, status: 'ACHIEVED', actualValue: 900, provisional: false, explanation: '2016年实际 900 亿元，年度目标 898.45 亿元，完成 100.2%' });
    expect(p.targetValue).toBeCloseTo(898.4539, 4);
    expect(p.ratio).toBeCloseTo(1.001721, 6);
  });

  it('only approved entries count, and only the lead department’s', async () => {
    // 2017: the lead's entry submitted, the supporter's (区科技局) approved.
    await file('区发改局', { seq: 1 }, '2017', 1050, LedgerState.SUBMITTED);
    await file('区科技局', { seq: 1 }, '2017', 1000);
    let p = await progress(1, 2017);
    expect(p).toMatchObject({ status: 'NO_DATA', actualValue: null, explanation: '2017年无已审核的实际值（地区生产总值）：牵头单位区发改局未报送，配合单位区科技局的报送不计入' });
    // In English, with the departments' English names.
    expect(p.explanationEn).toBe('2017: no approved value (地区生产总值): the lead (District Development and Reform Bureau) has not reported; entries of the supporting District Science and Technology Bureau do not count');
    // Returned and draft entries count no more than submitted ones.
    await setState('区发改局', { seq: 1 }, '2017', LedgerState.RETURNED);
    expect((await progress(1, 2017)).status).toBe('NO_DATA');
    await setState('区发改局', { seq: 1 }, '2017', LedgerState.DRAFT);
    expect((await progress(1, 2017)).status).toBe('NO_DATA');
    // Approved: the lead’s 1,050 counts, not the supporter’s 1,000. 790.4 × (1500 / 790.4)^(2/5) = 1021.2796; 1050 / 1021.2796 = 1.028122.
    await setState('区发改局', { seq: 1 }, '2017', LedgerState.APPROVED);
    p = await progress(1, 2017);
    expect(p).toMatchObject({ status: 'ACHIEVED', actualValue: 1050 });
    expect(p.ratio).toBeCloseTo(1.028122, 6);
    // Anonymous readers see the same completion (it is built from approved entries only).
    expect((await hub.gql(`query($id: ID!) { indicator(id: $id) { progress(year: 2017) { status actualValue } } }`, { id: String(ind.get(1)) }, ANONYMOUS)).indicator.progress).toEqual({ status: 'ACHIEVED', actualValue: 1050 });
    // 2018, 2019: 1100, 1210 approved (used by 与GDP同步 below). 2019: 1210 / 1319.6003 = 0.91694: missed.
    await file('区发改局', { seq: 1 }, '2018', 1100);
    await file('区发改局', { seq: 1 }, '2019', 1210);
    p = await progress(1, 2019);
    expect(p).toMatchObject({ status: 'MISSED', explanation: '2019年实际 1,210 亿元，年度目标 1,319.6 亿元，完成 91.7%' });
  });

  it('a cumulative indicator is judged on the running sum, in the year too', async () => {
    // 新引进人才数 12.5万人 over five years: 2.5 a year. 2016–2018 approved: 2.4, 2.7, 2.3.
    await file('区委组织部', { seq: 8 }, '2016', 2.4);
    await file('区委组织部', { seq: 8 }, '2017', 2.7);
    await file('区委组织部', { seq: 8 }, '2018', 2.3);
    // 2017: 5.1 against 5: achieved though 2016 alone was short.
    expect(await progress(8, 2017)).toMatchObject({ status: 'ACHIEVED', targetValue: 5, explanation: '2016–2017年累计实际 5.1 万人，累计目标 5 万人，完成 102.0%' });
    // 2018: 7.4 against 7.5: missed, 98.7 %.
    const y2018 = await progress(8, 2018);
    expect(y2018.status).toBe('MISSED');
    expect(y2018.ratio).toBeCloseTo(7.4 / 7.5, 10);
    // June 2019, 1.0 so far this year: 8.4 against 7.5 + 2.5 × 6/12 = 8.75, 96 %: short by 4 %, at risk.
    await file('区委组织部', { seq: 8 }, '2019-06', 1.0);
    const june = await progress(8, 2019);
    expect(june).toMatchObject({ status: 'AT_RISK', provisional: true, targetValue: 8.75 });
    expect(june.actualValue).toBeCloseTo(8.4, 10);
    expect(june.ratio).toBeCloseTo(0.96, 10);
    expect(june.explanation).toBe('2016–2018年累计加2019年6月（年内累计）实际 8.4 万人，按进度目标 8.75 万人（年度目标 2.5 万人 的 50%），完成 96.0%，略低于进度（暂定）');
    expect(june.explanationEn).toBe('2016–2018 cumulative plus June 2019 (year to date): actual 8.4 万人, pro-rated target 8.75 万人 (50% of the year target 2.5 万人), 96.0% complete, slightly behind (provisional)');
  });

  it('PM2.5 at most 50: 45 achieved, 60 missed', async () => {
    await file('区住建局', { seq: 21 }, '2019', 45);
    await file('区住建局', { seq: 21 }, '2018', 60);
    const p45 = await progress(21, 2019);
    expect(p45).toMatchObject({ status: 'ACHIEVED', targetValue: 50, explanation: '2019年实际 45 μg/m3，年度目标 ≤50 μg/m3，完成 111.1%' });
    expect(p45.ratio).toBeCloseTo(50 / 45, 10);
    const p60 = await progress(21, 2018);
    expect(p60.status).toBe('MISSED');
    expect(p60.ratio).toBeCloseTo(50 / 60, 10);
  });

  it('13左右 is achieved within its tolerance (5 %)', async () => {
    // R&D has no base: held at 13 each year (FINAL). |12.5 − 13| / 13 = 3.8 %: achieved; |12 − 13| / 13 = 7.7 %: missed.
    await hub.gql(`mutation($id: ID!) { updateIndicator(id: $id, patch: { targetMethod: FINAL }) { version } }`, { id: String(ind.get(7)) });
    await file('区科技局', { seq: 7 }, '2019', 12.5);
    await file('区科技局', { seq: 7 }, '2018', 12);
    expect(await progress(7, 2019)).toMatchObject({ status: 'ACHIEVED', targetValue: 13, explanation: '2019年实际 12.5 %，年度目标 约13 %，完成 96.2%' });
    expect((await progress(7, 2018)).status).toBe('MISSED');
  });

  it('与GDP同步 is judged against GDP’s growth of the same year, and names GDP’s missing year', async () => {
    // GDP 2019 / 2018 = 1210 / 1100: 10 %. Income 10.5 %: 105 %, achieved.
    await file('区人社局', { seq: 14 }, '2019', 10.5);
    const p = await progress(14, 2019);
    expect(p).toMatchObject({ status: 'ACHIEVED', actualValue: 10.5, explanation: '2019年实际 10.5 %，目标（同期地区生产总值增速） 10 %，完成 105.0%' });
    expect(p.targetValue).toBeCloseTo(10, 10);
    expect(p.ratio).toBeCloseTo(1.05, 10);
    // 2020: GDP's 2020 value is not approved: no growth to judge against.
    await file('区人社局', { seq: 14 }, '2020', 9);
    expect(await progress(14, 2020)).toMatchObject({ status: 'NO_DATA', explanation: '2020年地区生产总值增速缺失（2020年无已审核的实际值），无法判断居民收入增长率是否与GDP同步' });
  });

  it('a city-assigned target missing is NO_DATA naming it; entered, the year is judged', async () => {
    await file('区住建局', { seq: 22 }, '2019', 3.8);
    expect(await progress(22, 2019)).toMatchObject({ status: 'NO_DATA', explanation: '2019年市下达目标未录入（单位生产总值电耗下降率）' });
    await hub.gql(`mutation($id: ID!) { updateYearTarget(id: $id, patch: { targetValue: 3.5 }) { version } }`, { id: await yearTargetId(22, 2019) });
    const p = await progress(22, 2019);
    expect(p).toMatchObject({ status: 'ACHIEVED', targetValue: 3.5 });
    expect(p.ratio).toBeCloseTo(3.8 / 3.5, 10);
  });

  it('a missing base is named', async () => {
    expect((await progress(2, 2019)).explanation).toBe('2015年基期值未录入（第三产业增加值占GDP比重），无法分解2019年目标');
  });

  it('during the year: year-to-date months and quarters against the pro-rated target, at the period asked', async () => {
    // 社会消费品零售总额, 2019 target entered as 120 亿元. June 62 (target 60: 103.3 %, on track),
    // July 67 (70: 95.7 %, short 4.3 %: at risk), Q3 80 (90: 88.9 %: off track).
    await hub.gql(`mutation($id: ID!) { updateYearTarget(id: $id, patch: { targetValue: 120 }) { version } }`, { id: await yearTargetId(5, 2019) });
    await file('区商务局', { seq: 5 }, '2019-06', 62);
    await file('区商务局', { seq: 5 }, '2019-07', 67);
    await file('区商务局', { seq: 5 }, '2019-Q3', 80);
    const q = `query($period: String) { scorecard(year: 2019, period: $period, department: "商务") { period items { itemKey progress { ${PROGRESS} } } } }`;
    const at = async (period: string | null) => {
      const [score] = (await hub.gql(q, { period })).scorecard;
      expect(score.period).toBe(period);
      return score.items.find((i: { itemKey: string }) => i.itemKey === `indicator:${ind.get(5)}`).progress;
    };
    const june = await at('2019-06');
    expect(june).toMatchObject({ status: 'ON_TRACK', provisional: true, actualValue: 62, targetValue: 60, explanation: '2019年6月（年内累计）实际 62 亿元，按进度目标 60 亿元（年度目标 120 亿元 的 50%），完成 103.3%，进度正常（暂定）' });
    expect(await at('2019-07')).toMatchObject({ status: 'AT_RISK', actualValue: 67, targetValue: 70 });
    expect(await at('2019-Q3')).toMatchObject({ status: 'OFF_TRACK', actualValue: 80, targetValue: 90 });
    expect(await at('2019-08')).toMatchObject({ status: 'AT_RISK', actualValue: 67 }); // Q3 ends in September
    expect(await at(null)).toMatchObject({ status: 'OFF_TRACK', actualValue: 80 }); // the latest approved period
    // Before anything was approved: nothing known by the end of May.
    expect(await at('2019-05')).toMatchObject({ status: 'NO_DATA', explanation: '截至2019年5月无已审核的实际值（社会消费品零售总额）：牵头单位区商务局未报送' });
  });

  it('a level milestone: at least its value by its year, before it a linear path from the first approved year', async () => {
    // 上市企业150家 by 2020. 2017 approved 80: no earlier year to start from, so 2017 is NO_DATA.
    await file('区商务局', { milestone: listed }, '2017', 80);
    expect(await milestoneProgress(listed, 2017)).toMatchObject({ status: 'NO_DATA', explanation: '2017年目标无法分解（上市企业）：只有2020年目标 150 家，尚无2017年以前的已审核年度实际值作为起点：牵头单位区商务局、区市场监督管理局未报送' });
    // 2019: 80 + (150 − 80) × 2/3 = 126.67; 130 approved: 102.6 %.
    await file('区商务局', { milestone: listed }, '2019', 130);
    const p = await milestoneProgress(listed, 2019);
    expect(p).toMatchObject({ status: 'ACHIEVED', actualValue: 130, explanation: '2019年实际 130 家，年度目标 126.67 家（由2017年实际 80 家 至2020年目标 150 家 按年线性推算），完成 102.6%' });
    expect(p.targetValue).toBeCloseTo(126.6667, 4);
    // 2020: the value itself, 148 of 150 missed. The co-lead's (区市场监督管理局) 151 does not replace the first lead's figure.
    await file('区商务局', { milestone: listed }, '2020', 148);
    await file('区市场监督管理局', { milestone: listed }, '2020', 151);
    expect(await milestoneProgress(listed, 2020)).toMatchObject({ status: 'MISSED', actualValue: 148, targetValue: 150, explanation: '2020年实际 148 家，年度目标 150 家，完成 98.7%' });
    // The first lead files nothing for a year: the co-lead's approved entry is the value.
    await file('区市场监督管理局', { milestone: listed }, '2018', 100);
    // 2018: 80 + 70 × 1/3 = 103.33 against 100: missed.
    expect(await milestoneProgress(listed, 2018)).toMatchObject({ status: 'MISSED', actualValue: 100 });
  });

  it('a cumulative milestone: an even fifth a year, judged on the running sum', async () => {
    // 引进人才12.5万 over 2016–2020: 2.5 a year. 2016 by 区发改局 2.6, 2017 by the co-lead 区科技局 2.5.
    await file('区发改局', { milestone: talent }, '2016', 2.6);
    await file('区科技局', { milestone: talent }, '2017', 2.5);
    const p = await milestoneProgress(talent, 2017);
    expect(p).toMatchObject({ status: 'ACHIEVED', targetValue: 5, explanation: '2016–2017年累计实际 5.1 万人，累计目标 5 万人，完成 102.0%' });
    expect(p.actualValue).toBeCloseTo(5.1, 10);
    expect(await milestoneProgress(talent, 2019)).toMatchObject({ status: 'NO_DATA', explanation: '2018年无已审核的实际值（引进人才为五年累计指标，按累计值考核）：牵头单位区发改局、区科技局未报送' });
  });

  it('a department’s scorecard: counts by status, by role and by attribute, and its items', async () => {
    // 区住建局 leads 20, 21, 22, 23 and supports 18, 24 (all BINDING). 2019:
    // 20 优良率 (at least 68): its Q3 67 is short 1.5 %: AT_RISK; 区环保局's (a supporter) 70 for the year does not count.
    await file('区住建局', { seq: 20 }, '2019-Q3', 67);
    await file('区环保局', { seq: 20 }, '2019', 70);
    // 21 PM2.5 45: ACHIEVED; 22 电耗 3.8 of 3.5: ACHIEVED; 23 市下达目标 missing: NO_DATA; 18 no base, 24 市下达目标 missing: NO_DATA.
    const q = `query($d: String) { scorecard(year: 2019, department: $d) {
      department { name } year period total achieved missed onTrack atRisk offTrack noData completionRate
      asLead { total achieved atRisk noData completionRate } asSupporter { total noData completionRate }
      byAttribute { attribute total achieved atRisk noData }
      items { itemKey kind name role attribute indicator { seq } leads { name } progress { status } } } }`;
    const [score] = (await hub.gql(q, { d: 'housing' })).scorecard;
    expect(score).toMatchObject({ department: { name: '区住建局' }, year: 2019, period: null, total: 6, achieved: 2, missed: 0, onTrack: 0, atRisk: 1, offTrack: 0, noData: 3 });
    expect(score.completionRate).toBeCloseTo(2 / 3, 10);
    expect(score.asLead).toMatchObject({ total: 4, achieved: 2, atRisk: 1, noData: 1 });
    expect(score.asLead.completionRate).toBeCloseTo(2 / 3, 10);
    expect(score.asSupporter).toEqual({ total: 2, noData: 2, completionRate: null });
    expect(score.byAttribute).toEqual([
      { attribute: 'BINDING', total: 6, achieved: 2, atRisk: 1, noData: 3 },
      { attribute: 'EXPECTED', total: 0, achieved: 0, atRisk: 0, noData: 0 },
    ]);
    expect(score.items.map((i: any) => [i.indicator.seq, i.role, i.progress.status])).toEqual([
      [20, 'LEAD', 'AT_RISK'],
      [21, 'LEAD', 'ACHIEVED'],
      [22, 'LEAD', 'ACHIEVED'],
      [23, 'LEAD', 'NO_DATA'],
      [18, 'SUPPORT', 'NO_DATA'],
      [24, 'SUPPORT', 'NO_DATA'],
    ]);
    expect(score.items[4]).toMatchObject({ kind: 'INDICATOR', name: '城市公共交通分担率', attribute: 'BINDING', leads: [{ name: '区交通局' }] });
    // Any spelling finds the department; all departments when none is named, by code.
    expect((await hub.gql(q, { d: '住建' })).scorecard).toEqual([score]);
    const all = (await hub.gql(q, { d: null })).scorecard;
    expect(all.length).toBe(26);
    expect(all.find((s: any) => s.department.name === '区住建局')).toEqual(score);
    // 区商务局 leads 5, 6, 11, 12 and the milestone 上市企业 (special target 3), supports 17: the milestone is on its card.
    const commerce = all.find((s: any) => s.department.name === '区商务局');
    expect(commerce.items.find((i: any) => i.kind === 'MILESTONE')).toMatchObject({ itemKey: `milestone:${listed}`, name: '上市企业150家', role: 'LEAD', attribute: null, indicator: null, leads: [{ name: '区商务局' }, { name: '区市场监督管理局' }], progress: { status: 'ACHIEVED' } });
  });

  it('the board: counts overall, by status and attribute, the items needing attention first', async () => {
    const q = `{ progressSummary(year: 2019) { year period total achieved missed onTrack atRisk offTrack noData completionRate
      byStatus { status count } byAttribute { attribute total achieved missed atRisk offTrack noData }
      byDepartment { department { name } total } items { itemKey name progress { status } } } }`;
    const s = (await hub.gql(q)).progressSummary;
    // 2019, 24 indicators and 2 milestones: ACHIEVED 7 R&D, 14 income, 21 PM2.5, 22 电耗, 上市企业 (5); MISSED 1 GDP;
    // OFF_TRACK 5 社消零 (Q3); AT_RISK 8 人才 (June), 20 优良率 (Q3); the other 17 NO_DATA.
    expect(s).toMatchObject({ year: 2019, period: null, total: 26, achieved: 5, missed: 1, onTrack: 0, atRisk: 2, offTrack: 1, noData: 17 });
    expect(s.completionRate).toBeCloseTo(5 / 9, 10);
    expect(s.byStatus).toEqual([
      { status: 'ACHIEVED', count: 5 },
      { status: 'MISSED', count: 1 },
      { status: 'ON_TRACK', count: 0 },
      { status: 'AT_RISK', count: 2 },
      { status: 'OFF_TRACK', count: 1 },
      { status: 'NO_DATA', count: 17 },
    ]);
    // BINDING (16–24): 20 at risk, 21 and 22 achieved, six without data. EXPECTED (1–15): 7 and 14 achieved, 1 missed, 5 off track, 8 at risk, ten without data.
    expect(s.byAttribute).toEqual([
      { attribute: 'BINDING', total: 9, achieved: 2, missed: 0, atRisk: 1, offTrack: 0, noData: 6 },
      { attribute: 'EXPECTED', total: 15, achieved: 2, missed: 1, atRisk: 1, offTrack: 1, noData: 10 },
    ]);
    expect(s.items.slice(0, 4).map((i: any) => [i.name, i.progress.status])).toEqual([
      ['地区生产总值', 'MISSED'],
      ['社会消费品零售总额', 'OFF_TRACK'],
      ['新引进人才数', 'AT_RISK'],
      ['环境空气质量优良率', 'AT_RISK'],
    ]);
    expect(s.items.at(-1).progress.status).toBe('ACHIEVED');
    expect(s.byDepartment.find((d: any) => d.department.name === '区住建局').total).toBe(6);
  });

  it('a bad period, year or department is a coded error naming it', async () => {
    const q = `query($y: Int!, $p: String, $d: String) { scorecard(year: $y, period: $p, department: $d) { total } }`;
    const err = async (v: Record<string, unknown>) => (await hub.gqlErrors(q, v))[0];
    expect((await err({ y: 2019, p: 'June' })).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'period' });
    expect((await err({ y: 2019, p: '2019-13' })).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'period' });
    const other = await err({ y: 2019, p: '2018-06' });
    expect(other.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'period' });
    expect(other.message).toBe('period: period 2018-06 is not in 2019');
    expect((await err({ y: 2030 })).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'year' });
    const unknown = await err({ y: 2019, d: '不存在的局' });
    expect(unknown.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'department' });
    expect(unknown.message).toContain('unknown department "不存在的局"');
    expect((await hub.gqlErrors('{ progressSummary(year: 2019, period: "Q2") { total } }'))[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'period' });
    // The year itself as the period is the whole year.
    expect((await hub.gql('{ progressSummary(year: 2019, period: "2019") { period total } }')).progressSummary).toEqual({ period: null, total: 26 });
  });

  it('the answer cache files the board under every table its SQL reads', async () => {
    const schema = await buildGraphQLSchema();
    const known = new Set<string>(TRACKED_TABLES);
    for (const query of [
      '{ scorecard(year: 2019, department: "住建") { department { id } total items { itemKey leads { id } indicator { id } milestone { id progress(year: 2018) { status } } progress { status } } } }',
      '{ scorecard(year: 2019, period: "2019-06") { total asLead { total } byAttribute { total } } }',
      '{ progressSummary(year: 2019) { total byStatus { count } byAttribute { total } byDepartment { total } items { itemKey progress { status } } } }',
      '{ indicators(limit: 30) { items { progress(year: 2019) { status } } } }',
    ]) {
      const said = tablesRead(schema, parse(query), undefined);
      expect(said, query).not.toBeNull();
      hub.statements.length = 0;
      await hub.gql(query);
      const sent = new Set<string>();
      for (const st of hub.statements) for (const m of st.matchAll(/\b(?:from|join)\s+[`"]?(\w+)[`"]?/gi)) if (known.has(m[1])) sent.add(m[1]);
      expect([...sent].filter((t) => !said!.includes(t as never)), query).toEqual([]);
      expect(sent.has('ledger_entry'), query).toBe(true);
    }
  });
});
