import { describe, expect, it } from 'vitest';
import { TargetKind, TargetMethod } from '../schema/indicators/indicator.enums';
import { ProgressStatus } from '../schema/progress/progress.enums';
import { computeProgress, knownAt, parsePeriod, reportingNote, type ProgressInput, type ProgressSubject } from '../server/progress/completion';
import { milestoneProgress } from '../server/progress/milestone-completion';
import { defaultMethod, deriveYearTargets, type TargetInputs } from '../server/year-targets/derive';

/** Issue 14: the year targets' methods and the completion rules, fed values directly (no database). Every expectation is worked out by hand in its comment. */

const YEARS = [2016, 2017, 2018, 2019, 2020];
const targetsOf = (values: (number | null)[]) => YEARS.map((year, i) => ({ year, targetValue: values[i] }));
const subject = (s: Partial<ProgressSubject> & Pick<ProgressSubject, 'name' | 'unit' | 'targetKind'>): ProgressSubject => ({
  cumulative: false,
  baseYear: 2015,
  baseValue: null,
  targetMethod: defaultMethod(s.targetKind, s.cumulative ?? false),
  ...s,
});
const run = (input: Omit<ProgressInput, 'year'> & { year?: number }) => computeProgress({ year: 2019, ...input });
const years = (inputs: TargetInputs) => [...deriveYearTargets(inputs).values()];

describe('year targets by method', () => {
  const gdp: TargetInputs = { targetKind: TargetKind.EXACT, targetValue: 1500, annualGrowthPct: 11, cumulative: false, baseValue: 790.4, baseYear: 2015, targetMethod: null };

  it('GEOMETRIC (the default for a number to reach): GDP 790.4 → 1500 at a constant rate', () => {
    // r = (1500 / 790.4)^(1/5) = 1.136710…; 790.4·r = 898.45, 790.4·r² = 1021.28, …, 790.4·r⁵ = 1500.
    const v = years(gdp);
    expect(v[0]).toBeCloseTo(898.45, 2);
    expect(v[0]).toBeCloseTo(898.5, 1);
    expect(v[1]).toBeCloseTo(1021.28, 2);
    expect(v[2]).toBeCloseTo(1160.9, 2);
    expect(v[3]).toBeCloseTo(1319.6, 2);
    expect(v[4]).toBe(1500);
  });

  it('GROWTH_RATE: base × (1 + g)^k', () => {
    // 790.4 × 1.11 = 877.344; × 1.11² = 973.85184; × 1.11⁵ (1.6850582) = 1331.87
    const v = years({ ...gdp, targetMethod: TargetMethod.GROWTH_RATE });
    expect(v[0]).toBeCloseTo(877.344, 4);
    expect(v[1]).toBeCloseTo(973.8518, 4);
    expect(v[4]).toBeCloseTo(1331.87, 2);
  });

  it('LINEAR: equal steps from the base to the 2020 value', () => {
    // (1500 − 790.4) / 5 = 141.92 a year.
    expect(years({ ...gdp, targetMethod: TargetMethod.LINEAR })).toEqual([932.32, 1074.24, 1216.16, 1358.08, 1500]);
  });

  it('EVEN_SPLIT (the default for a five-year total): a fifth a year', () => {
    expect(years({ targetKind: TargetKind.EXACT, targetValue: 12.5, cumulative: true, baseYear: 2015 })).toEqual([2.5, 2.5, 2.5, 2.5, 2.5]);
  });

  it('FINAL (the default for a bound): every year holds the 2020 value', () => {
    expect(years({ targetKind: TargetKind.AT_MOST, targetValue: 50, cumulative: false, baseYear: 2015 })).toEqual([50, 50, 50, 50, 50]);
  });

  it('MANUAL (与GDP同步, 市下达目标) and a method without its base give no value', () => {
    expect(years({ targetKind: TargetKind.ASSIGNED, cumulative: false, baseYear: 2015 })).toEqual([null, null, null, null, null]);
    expect(years({ targetKind: TargetKind.RELATIVE, cumulative: false, baseYear: 2015 })).toEqual([null, null, null, null, null]);
    expect(years({ ...gdp, baseValue: null })).toEqual([null, null, null, null, null]);
  });

  it('defaults follow the target kind', () => {
    expect(defaultMethod(TargetKind.EXACT, false)).toBe(TargetMethod.GEOMETRIC);
    expect(defaultMethod(TargetKind.APPROX, false)).toBe(TargetMethod.GEOMETRIC);
    expect(defaultMethod(TargetKind.EXACT, true)).toBe(TargetMethod.EVEN_SPLIT);
    expect(defaultMethod(TargetKind.AT_LEAST, false)).toBe(TargetMethod.FINAL);
    expect(defaultMethod(TargetKind.AT_MOST, false)).toBe(TargetMethod.FINAL);
    expect(defaultMethod(TargetKind.RELATIVE, false)).toBe(TargetMethod.MANUAL);
    expect(defaultMethod(TargetKind.ASSIGNED, false)).toBe(TargetMethod.MANUAL);
  });
});

describe('completion', () => {
  const gdp = subject({ name: '地区生产总值', unit: '亿元', targetKind: TargetKind.EXACT, baseValue: 790.4 });

  it('GDP, the year approved: 1,180 against 1,163 is 101.5 %, achieved', () => {
    // 1180 / 1163 = 1.014617…
    const p = run({ indicator: gdp, yearTargets: targetsOf([898.45, 1021.28, 1160.9, 1163, 1500]), actuals: [{ period: '2019', value: 1180 }] });
    expect(p.status).toBe(ProgressStatus.ACHIEVED);
    expect(p.ratio).toBeCloseTo(1.014617, 5);
    expect(p.actualValue).toBe(1180);
    expect(p.targetValue).toBe(1163);
    expect(p.provisional).toBe(false);
    expect(p.explanation).toBe('2019年实际 1,180 亿元，年度目标 1,163 亿元，完成 101.5%');
    expect(p.explanationEn).toBe('2019: actual 1,180 亿元, year target 1,163 亿元, 101.5% complete');
  });

  it('GDP against its geometric year: 1,300 of 1,319.6 is missed', () => {
    const targets = targetsOf(years({ targetKind: TargetKind.EXACT, targetValue: 1500, cumulative: false, baseValue: 790.4, baseYear: 2015 }));
    const p = run({ indicator: gdp, yearTargets: targets, actuals: [{ period: '2019', value: 1300 }] });
    // 1300 / 1319.6003 = 0.98515
    expect(p.status).toBe(ProgressStatus.MISSED);
    expect(p.ratio).toBeCloseTo(0.98515, 4);
    expect(p.explanation).toBe('2019年实际 1,300 亿元，年度目标 1,319.6 亿元，完成 98.5%');
  });

  it('during the year: a flow’s year-to-date total against the pro-rated target', () => {
    const targets = targetsOf([null, null, null, 1200, null]);
    // June: 1200 × 6/12 = 600. 610 ahead; 590 is 98.3 % (within 5 %: at risk); 560 is 93.3 %.
    const at = (value: number, period = '2019-06') => run({ indicator: gdp, yearTargets: targets, actuals: [{ period, value }] });
    expect(at(610).status).toBe(ProgressStatus.ON_TRACK);
    expect(at(590).status).toBe(ProgressStatus.AT_RISK);
    expect(at(590).ratio).toBeCloseTo(0.98333, 4);
    expect(at(590).targetValue).toBe(600);
    expect(at(590).provisional).toBe(true);
    expect(at(560).status).toBe(ProgressStatus.OFF_TRACK);
    // Q3: 1200 × 3/4 = 900; the latest period counts (the month after the quarter is later still).
    expect(run({ indicator: gdp, yearTargets: targets, actuals: [{ period: '2019-Q3', value: 880 }] }).targetValue).toBe(900);
    expect(run({ indicator: gdp, yearTargets: targets, actuals: [{ period: '2019-Q3', value: 880 }, { period: '2019-10', value: 1000 }] }).targetValue).toBe(1000);
  });

  it('a cumulative indicator is judged on the running sum', () => {
    const talent = subject({ name: '新引进人才数', unit: '万人', targetKind: TargetKind.EXACT, cumulative: true });
    const targets = targetsOf([2.5, 2.5, 2.5, 2.5, 2.5]);
    const actuals = [
      { period: '2016', value: 2.4 },
      { period: '2017', value: 2.7 },
      { period: '2018', value: 2.3 },
    ];
    // 2017: 2.4 + 2.7 = 5.1 against 5.0: achieved although 2016 alone was short.
    const y2017 = run({ year: 2017, indicator: talent, yearTargets: targets, actuals });
    expect(y2017.status).toBe(ProgressStatus.ACHIEVED);
    expect(y2017.actualValue).toBeCloseTo(5.1, 10);
    expect(y2017.targetValue).toBe(5);
    expect(y2017.explanation).toBe('2016–2017年累计实际 5.1 万人，累计目标 5 万人，完成 102.0%');
    // 2018: 7.4 against 7.5: missed, 98.7 %.
    const y2018 = run({ year: 2018, indicator: talent, yearTargets: targets, actuals });
    expect(y2018.status).toBe(ProgressStatus.MISSED);
    expect(y2018.ratio).toBeCloseTo(7.4 / 7.5, 10);
    // A year before it without an approved value: no running sum.
    const gap = run({ year: 2018, indicator: talent, yearTargets: targets, actuals: actuals.filter((a) => a.period !== '2017') });
    expect(gap.status).toBe(ProgressStatus.NO_DATA);
    expect(gap.explanation).toContain('2017年无已审核的实际值');
  });

  it('PM2.5 at most 50: 45 is achieved, 60 missed; during the year a level is its own value', () => {
    const pm = subject({ name: '细颗粒物(PM2.5)年均浓度', unit: 'μg/m3', targetKind: TargetKind.AT_MOST });
    const targets = targetsOf([50, 50, 50, 50, 50]);
    const p45 = run({ indicator: pm, yearTargets: targets, actuals: [{ period: '2019', value: 45 }] });
    expect(p45.status).toBe(ProgressStatus.ACHIEVED);
    expect(p45.ratio).toBeCloseTo(50 / 45, 10);
    expect(p45.explanation).toBe('2019年实际 45 μg/m3，年度目标 ≤50 μg/m3，完成 111.1%');
    expect(p45.explanationEn).toBe('2019: actual 45 μg/m3, year target ≤ 50 μg/m3, 111.1% complete');
    expect(run({ indicator: pm, yearTargets: targets, actuals: [{ period: '2019', value: 50 }] }).status).toBe(ProgressStatus.ACHIEVED);
    const p60 = run({ indicator: pm, yearTargets: targets, actuals: [{ period: '2019', value: 60 }] });
    expect(p60.status).toBe(ProgressStatus.MISSED);
    expect(p60.ratio).toBeCloseTo(50 / 60, 10);
    // Q2 at 48: under the bound; 52 is 4 % over (at risk); 56 is 12 % over. The target is not pro-rated.
    const q2 = (value: number) => run({ indicator: pm, yearTargets: targets, actuals: [{ period: '2019-Q2', value }] });
    expect(q2(48).status).toBe(ProgressStatus.ON_TRACK);
    expect(q2(48).targetValue).toBe(50);
    expect(q2(52).status).toBe(ProgressStatus.AT_RISK);
    expect(q2(56).status).toBe(ProgressStatus.OFF_TRACK);
  });

  it('13左右 is achieved within its tolerance (5 %) either way', () => {
    const rd = subject({ name: 'R&D经费占生产总值比例', unit: '%', targetKind: TargetKind.APPROX });
    const targets = targetsOf([13, 13, 13, 13, 13]);
    const at = (value: number) => run({ indicator: rd, yearTargets: targets, actuals: [{ period: '2019', value }] }).status;
    // |12.5 − 13| / 13 = 3.8 %; |13.6 − 13| / 13 = 4.6 %: achieved. 12.0 (7.7 %) and 13.7 (5.4 %): missed.
    expect(at(12.5)).toBe(ProgressStatus.ACHIEVED);
    expect(at(13.6)).toBe(ProgressStatus.ACHIEVED);
    expect(at(12.0)).toBe(ProgressStatus.MISSED);
    expect(at(13.7)).toBe(ProgressStatus.MISSED);
  });

  it('达到68以上 is at least', () => {
    const air = subject({ name: '环境空气质量优良率', unit: '%', targetKind: TargetKind.AT_LEAST });
    const targets = targetsOf([68, 68, 68, 68, 68]);
    expect(run({ indicator: air, yearTargets: targets, actuals: [{ period: '2019', value: 70.1 }] }).status).toBe(ProgressStatus.ACHIEVED);
    expect(run({ indicator: air, yearTargets: targets, actuals: [{ period: '2019', value: 67.9 }] }).status).toBe(ProgressStatus.MISSED);
  });

  it('与GDP同步 is judged against GDP’s growth of the same year', () => {
    const income = subject({ name: '居民收入增长率', unit: '%', targetKind: TargetKind.RELATIVE });
    const reference = { name: '地区生产总值', baseValue: 790.4, baseYear: 2015, actuals: [{ period: '2018', value: 1100 }, { period: '2019', value: 1210 }, { period: '2016', value: 869.44 }] };
    const targets = targetsOf([null, null, null, null, null]);
    // GDP 2019: 1210 / 1100 − 1 = 10 %. Income 10.5 %: achieved (105 %); 9 %: missed (90 %).
    const ok = run({ indicator: income, yearTargets: targets, actuals: [{ period: '2019', value: 10.5 }], reference });
    expect(ok.status).toBe(ProgressStatus.ACHIEVED);
    expect(ok.targetValue).toBeCloseTo(10, 10);
    expect(ok.ratio).toBeCloseTo(1.05, 10);
    expect(run({ indicator: income, yearTargets: targets, actuals: [{ period: '2019', value: 9 }], reference }).status).toBe(ProgressStatus.MISSED);
    // 2016 grows from the base: 869.44 / 790.4 − 1 = 10 %.
    expect(run({ year: 2016, indicator: income, yearTargets: targets, actuals: [{ period: '2016', value: 9.9 }], reference }).ratio).toBeCloseTo(0.99, 10);
    // GDP's 2017 value missing: no growth for 2018, and the explanation says so.
    const none = run({ year: 2018, indicator: income, yearTargets: targets, actuals: [{ period: '2018', value: 9 }], reference });
    expect(none.status).toBe(ProgressStatus.NO_DATA);
    expect(none.explanation).toContain('2018年地区生产总值增速缺失');
    expect(none.explanation).toContain('2017年无已审核的实际值');
  });

  it('a city-assigned target missing → NO_DATA naming it; entered, it is judged at least', () => {
    const power = subject({ name: '单位生产总值电耗下降率', unit: '%', targetKind: TargetKind.ASSIGNED });
    const missing = run({ indicator: power, yearTargets: targetsOf([null, null, null, null, null]), actuals: [{ period: '2019', value: 3.8 }] });
    expect(missing.status).toBe(ProgressStatus.NO_DATA);
    expect(missing.explanation).toBe('2019年市下达目标未录入（单位生产总值电耗下降率）');
    const entered = run({ indicator: power, yearTargets: targetsOf([null, null, null, 3.5, null]), actuals: [{ period: '2019', value: 3.8 }] });
    expect(entered.status).toBe(ProgressStatus.ACHIEVED);
    expect(entered.ratio).toBeCloseTo(3.8 / 3.5, 10);
  });

  it('NO_DATA: nothing approved, or no base to derive the targets from', () => {
    const none = run({ indicator: gdp, yearTargets: targetsOf([1, 2, 3, 1319.6, 5]), actuals: [{ period: '2018', value: 1100 }] });
    expect(none.status).toBe(ProgressStatus.NO_DATA);
    expect(none.explanation).toBe('2019年无已审核的实际值（地区生产总值）');
    expect(none.targetValue).toBe(1319.6);
    const noBase = run({ indicator: { ...gdp, baseValue: null }, yearTargets: targetsOf([null, null, null, null, 1500]), actuals: [{ period: '2019', value: 1100 }] });
    expect(noBase.status).toBe(ProgressStatus.NO_DATA);
    expect(noBase.explanation).toContain('2015年基期值未录入');
  });
});

describe('judged at a period', () => {
  const sales = subject({ name: '社会消费品零售总额', unit: '亿元', targetKind: TargetKind.EXACT, baseValue: 100 });
  const actuals = [
    { period: '2018', value: 100 },
    { period: '2019-Q1', value: 28 },
    { period: '2019-04', value: 40 },
    { period: '2019-06', value: 62 },
    { period: '2019-Q3', value: 80 },
    { period: '2019', value: 118 },
  ];

  it('knownAt keeps earlier years and the months and quarters that end by then', () => {
    const at = (p: string | null) => knownAt(actuals, 2019, p ? parsePeriod(p) : null).map((a) => a.period);
    expect(at(null)).toEqual(actuals.map((a) => a.period));
    expect(at('2019')).toEqual(actuals.map((a) => a.period));
    expect(at('2019-05')).toEqual(['2018', '2019-Q1', '2019-04']);
    expect(at('2019-Q2')).toEqual(['2018', '2019-Q1', '2019-04', '2019-06']);
    expect(at('2019-08')).toEqual(['2018', '2019-Q1', '2019-04', '2019-06']); // Q3 ends in September
  });

  it('the year’s own value waits for the whole year; before it, the latest period known', () => {
    const targets = targetsOf([null, null, null, 120, null]);
    const at = (asOf: string | null) => run({ indicator: sales, yearTargets: targets, actuals, asOf });
    // The year: 118 of 120, 98.3 %: missed.
    expect(at(null)).toMatchObject({ status: ProgressStatus.MISSED, actualValue: 118, provisional: false });
    // May: April's 40 against 120 × 4/12 = 40: on track. Q2: June's 62 against 60.
    expect(at('2019-05')).toMatchObject({ status: ProgressStatus.ON_TRACK, actualValue: 40, targetValue: 40, provisional: true });
    expect(at('2019-Q2')).toMatchObject({ status: ProgressStatus.ON_TRACK, actualValue: 62, targetValue: 60 });
    // September: Q3's 80 against 90, short 11 %: off track.
    expect(at('2019-09')).toMatchObject({ status: ProgressStatus.OFF_TRACK, actualValue: 80, targetValue: 90 });
    // Nothing by February: NO_DATA says as of when.
    const feb = run({ indicator: sales, yearTargets: targets, actuals: actuals.slice(2), asOf: '2019-02' });
    expect(feb.explanation).toBe('截至2019年2月无已审核的实际值（社会消费品零售总额）');
    expect(feb.explanationEn).toBe('up to February 2019: no approved value (社会消费品零售总额)');
  });

  it('names who did not report', () => {
    const reporting = { leads: ['区发改局'], leadsEn: ['Development Bureau'], uncounted: [{ department: '区科技局', departmentEn: 'Science Bureau', period: '2019' }, { department: '区商务局', period: '2018-06' }] };
    expect(reportingNote(reporting, 2019)).toEqual({ zh: '：牵头单位区发改局未报送，配合单位区科技局的报送不计入', en: ': the lead (Development Bureau) has not reported; entries of the supporting Science Bureau do not count' });
    expect(reportingNote(reporting, 2017)).toEqual({ zh: '：牵头单位区发改局未报送', en: ': the lead (Development Bureau) has not reported' });
    expect(reportingNote({ leads: [], uncounted: [] }, 2019)).toEqual({ zh: '：没有牵头单位，无人报送', en: ': no lead department, nobody reports it' });
    expect(reportingNote(null, 2019)).toEqual({ zh: '', en: '' });
    const p = run({ indicator: sales, yearTargets: targetsOf([null, null, null, 120, null]), actuals: [], reporting });
    expect(p.explanation).toBe('2019年无已审核的实际值（社会消费品零售总额）：牵头单位区发改局未报送，配合单位区科技局的报送不计入');
  });
});

describe('milestones', () => {
  const listed = { name: '上市企业', value: 150, unit: '家', year: 2020, cumulative: false };
  const talent = { name: '引进人才', value: 12.5, unit: '万人', year: 2020, cumulative: true };

  it('a level: at least the value in its year and after', () => {
    expect(milestoneProgress(listed, 2020, [{ period: '2020', value: 151 }])).toMatchObject({ status: ProgressStatus.ACHIEVED, targetValue: 150, explanation: '2020年实际 151 家，年度目标 150 家，完成 100.7%' });
    expect(milestoneProgress(listed, 2020, [{ period: '2020', value: 149 }]).status).toBe(ProgressStatus.MISSED);
    expect(milestoneProgress({ ...listed, year: 2018 }, 2019, [{ period: '2019', value: 150 }]).targetValue).toBe(150);
  });

  it('a level before its year: a linear path from the first approved year value, or NO_DATA without one', () => {
    // Start 2016: 60. 2018: 60 + (150 − 60) × 2/4 = 105; 110 achieved (104.8 %).
    const actuals = [{ period: '2016', value: 60 }, { period: '2017', value: 90 }, { period: '2018', value: 110 }];
    const p = milestoneProgress(listed, 2018, actuals);
    expect(p).toMatchObject({ status: ProgressStatus.ACHIEVED, targetValue: 105, explanation: '2018年实际 110 家，年度目标 105 家（由2016年实际 60 家 至2020年目标 150 家 按年线性推算），完成 104.8%' });
    // 2017: 60 + 90 × 1/4 = 82.5 against 90.
    expect(milestoneProgress(listed, 2017, actuals).targetValue).toBe(82.5);
    // 2016 is its own start: nothing before it.
    const first = milestoneProgress(listed, 2016, actuals);
    expect(first.status).toBe(ProgressStatus.NO_DATA);
    expect(first.explanation).toBe('2016年目标无法分解（上市企业）：只有2020年目标 150 家，尚无2016年以前的已审核年度实际值作为起点');
    // A 2015 (base-year) entry is a start: 2016 = 50 + 100 / 5 = 70.
    expect(milestoneProgress(listed, 2016, [{ period: '2015', value: 50 }, ...actuals]).targetValue).toBe(70);
    // During the year, a count is its own value against the year's target: June 2018 at 100 of 105 is short 4.8 %: at risk.
    expect(milestoneProgress(listed, 2018, [actuals[0], { period: '2018-06', value: 100 }])).toMatchObject({ status: ProgressStatus.AT_RISK, targetValue: 105, provisional: true });
  });

  it('cumulative: an even fifth a year, judged on the running sum; after its year the total is held', () => {
    const actuals = [{ period: '2016', value: 2 }, { period: '2017', value: 3 }, { period: '2018', value: 2.4 }];
    // 2018: 7.4 against 7.5.
    expect(milestoneProgress(talent, 2018, actuals)).toMatchObject({ status: ProgressStatus.MISSED, targetValue: 7.5 });
    // June 2019, 1.5 so far: 8.9 against 7.5 + 2.5 / 2 = 8.75: on track.
    const june = milestoneProgress(talent, 2019, [...actuals, { period: '2019-06', value: 1.5 }]);
    expect(june).toMatchObject({ status: ProgressStatus.ON_TRACK, targetValue: 8.75 });
    expect(june.actualValue).toBeCloseTo(8.9, 10);
    // A three-year total (by 2018): a third a year; 2019 adds nothing, so 2016–2019 is held against the whole 9.
    const short = { ...talent, value: 9, year: 2018 };
    expect(milestoneProgress(short, 2017, actuals).targetValue).toBe(6);
    expect(milestoneProgress(short, 2019, [...actuals, { period: '2019', value: 2 }])).toMatchObject({ status: ProgressStatus.ACHIEVED, targetValue: 9 });
  });
});
