import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHub, type TestHub } from './helpers';
import type { Em } from '../server/orm';
import { LedgerEntry } from '../schema/ledger/ledger-entry.entity';
import { LedgerState, PeriodKind } from '../schema/ledger/ledger.enums';
import { Milestone } from '../schema/milestones/milestone.entity';

/**
 * The board's cost (issue 14: statement counts for the scorecard flat in the number of departments):
 * the same statements for the seed's 26 departments and 24 indicators as after 12 more departments,
 * 36 more indicators, milestones and approved entries for them, in the style of tests/batching.test.ts.
 */
const ALL = `{ scorecard(year: 2019) { department { code } total completionRate asLead { total } asSupporter { total } byAttribute { total }
  items { itemKey role leads { code } indicator { seq } milestone { text } progress { status explanation } } } }`;
const JUNE = ALL.replace('scorecard(year: 2019)', 'scorecard(year: 2019, period: "2019-06")');
const ONE = ALL.replace('scorecard(year: 2019)', 'scorecard(year: 2019, department: "区发改局")');
const SUMMARY = `{ progressSummary(year: 2019, period: "2019-Q2") { total byStatus { count } byAttribute { total }
  byDepartment { department { code } total items { itemKey } } items { itemKey leads { code } progress { status } } } }`;

describe('the board costs a fixed number of statements', () => {
  let hub: TestHub;
  const em = () => hub.orm.em.fork() as Em;

  async function count(query: string) {
    hub.statements.length = 0;
    const data = await hub.gql(query);
    return { data, statements: hub.statements.length };
  }

  async function entry(departmentId: number, item: { indicator?: number; milestone?: number }, period: string, value: number) {
    const now = new Date();
    const quarter = period.includes('Q');
    await em().insert(LedgerEntry, {
      department: departmentId,
      indicator: item.indicator ?? null,
      milestone: item.milestone ?? null,
      itemKey: item.indicator ? `indicator:${item.indicator}` : `milestone:${item.milestone}`,
      period,
      periodKind: period.length === 4 ? PeriodKind.YEAR : quarter ? PeriodKind.QUARTER : PeriodKind.MONTH,
      year: Number(period.slice(0, 4)),
      actualValue: value,
      state: LedgerState.APPROVED,
      version: 1,
      createdAt: now,
      updatedAt: now,
    } as never);
  }

  beforeAll(async () => {
    hub = await startHub();
    // Some data in the small plan too: GDP's lead files 2019, a milestone with a value.
    const depts = new Map<string, number>(((await hub.gql('{ departments { id name } }')).departments as { id: string; name: string }[]).map((d) => [d.name, Number(d.id)]));
    const gdp = Number((await hub.gql('{ indicators(filter: { search: "地区生产总值" }) { items { id } } }')).indicators.items[0].id);
    await entry(depts.get('区发改局')!, { indicator: gdp }, '2019', 1210);
    const st = Number((await hub.gql('{ specialTargets(limit: 1) { items { id } } }')).specialTargets.items[0].id);
    // One milestone of its own (the seed's 46 are left out: the sizes compared are this suite's).
    await em().nativeDelete(Milestone, {});
    const now = new Date();
    const m = Number(await em().insert(Milestone, { specialTarget: st, seq: 1, text: '上市企业150家', name: '上市企业', value: 150, unit: '家', year: 2020, cumulative: false, version: 1, createdAt: now, updatedAt: now } as never));
    await entry(depts.get('区发改局')!, { milestone: m }, '2018', 100);
    await entry(depts.get('区发改局')!, { milestone: m }, '2019-06', 110);
  });
  afterAll(() => hub?.close());

  it('at 26 departments and 24 indicators as at 38 and 60, with milestones and entries', async () => {
    const small = { all: await count(ALL), june: await count(JUNE), one: await count(ONE), summary: await count(SUMMARY) };
    expect(small.all.data.scorecard).toHaveLength(26);
    expect(small.summary.data.progressSummary.total).toBe(25);

    // Grow: 12 departments, each leading three new indicators (one of them cumulative, one 与GDP同步) and supporting the next one's,
    // a milestone per department on a special target it leads, approved year, quarter and month entries for all of them.
    const sts = ((await hub.gql('{ specialTargets(limit: 10) { items { id seq } } }')).specialTargets.items as { id: string; seq: number }[]).map((s) => Number(s.id));
    for (let d = 0; d < 12; d++) {
      const code = `extra-${d}`;
      const dept = Number((await hub.gql(`mutation($i: DepartmentInput!) { createDepartment(input: $i) { id } }`, { i: { code, name: `测试局${d}`, nameEn: `Test bureau ${d}` } })).createDepartment.id);
      for (let k = 0; k < 3; k++) {
        const seq = 100 + d * 3 + k;
        const input = {
          seq,
          name: `测试指标${seq}`,
          unit: k === 0 ? '亿元' : '%',
          targetText: k === 2 ? '与GDP同步' : '200',
          attribute: k === 1 ? 'BINDING' : 'EXPECTED',
          targetKind: k === 2 ? 'RELATIVE' : 'EXACT',
          targetValue: k === 2 ? null : 200,
          cumulative: k === 1,
          baseValue: 100,
          responsibilities: [{ department: code, role: 'LEAD' }, ...(d > 0 ? [{ department: `extra-${d - 1}`, role: 'SUPPORT' }] : [])],
        };
        const id = Number((await hub.gql(`mutation($i: IndicatorInput!) { createIndicator(input: $i) { id } }`, { i: input })).createIndicator.id);
        await entry(dept, { indicator: id }, '2019-Q2', 60 + k);
        await entry(dept, { indicator: id }, '2019-06', 70 + k);
        await entry(dept, { indicator: id }, '2018', 150);
      }
      const st = sts[d % sts.length];
      await hub.gql(`mutation($id: ID!, $p: SpecialTargetPatch!) { updateSpecialTarget(id: $id, patch: $p) { id } }`, {
        id: String(st),
        p: { responsibilities: [...(await responsibilitiesOf(st)), { department: code, role: 'LEAD' }] },
      });
      const now = new Date();
      const m = Number(await em().insert(Milestone, { specialTarget: st, seq: 10 + d, text: `测试里程碑${d}`, name: `测试里程碑${d}`, value: 50, unit: '家', year: 2020, cumulative: d % 2 === 0, version: 1, createdAt: now, updatedAt: now } as never));
      await entry(dept, { milestone: m }, '2019-Q2', 20);
      await entry(dept, { milestone: m }, '2018', 10);
    }

    const large = { all: await count(ALL), june: await count(JUNE), one: await count(ONE), summary: await count(SUMMARY) };
    expect(large.all.data.scorecard).toHaveLength(38);
    expect(large.summary.data.progressSummary.total).toBe(25 + 36 + 12);
    const extra = large.all.data.scorecard.find((s: any) => s.department.code === 'extra-1');
    // Three indicators led and the two milestones of the special target it co-leads (its own and extra-11's: 12 departments
    // share 10 special targets); three supported (extra-0's).
    expect(extra.asLead.total).toBe(5);
    expect(extra.asSupporter.total).toBe(3);
    expect(large.summary.data.progressSummary.byStatus.reduce((n: number, s: { count: number }) => n + s.count, 0)).toBe(73);
    for (const k of ['all', 'june', 'one', 'summary'] as const) expect(large[k].statements, k).toBe(small[k].statements);
    // holdings, departments, indicators, milestones, year targets, GDP, approved values of each kind (+ the department's look-up)
    expect(large.all.statements).toBeLessThanOrEqual(9);
    expect(large.one.statements).toBeLessThanOrEqual(11);
  });

  async function responsibilitiesOf(st: number) {
    const row = (await hub.gql(`query($id: ID!) { specialTarget(id: $id) { responsibilities { role department { code } } } }`, { id: String(st) })).specialTarget;
    return row.responsibilities.map((r: { role: string; department: { code: string } }) => ({ department: r.department.code, role: r.role }));
  }
});
