import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANONYMOUS, TEST_ENGINE, startHub, type TestHub } from './helpers';
import { createServices } from '../server/services';
import { cliActor } from '../server/common/actor';
import { queryRows } from '../server/db/sql';
import type { Em } from '../server/orm';
import { buildGraphQLSchema } from '../server/schema';
import { cacheableTables } from '../server/cache/response-cache';
import { LedgerEntry } from '../schema/ledger/ledger-entry.entity';
import { LedgerState, PeriodKind } from '../schema/ledger/ledger.enums';
import { Milestone } from '../schema/milestones/milestone.entity';
import { SpecialTarget } from '../schema/special-targets/special-target.entity';
import { DEMO_LABEL } from '../server/demo/demo';

/**
 * The demo data set (issue 14, `npm run seed -- --demo`): generated the same on every database,
 * loaded only when asked, labelled, idempotent, audited as one batch, and removed without touching
 * what the departments entered themselves.
 */

const INDICATOR_ENTRY_STATES = { APPROVED: 24 * 8 + 20, SUBMITTED: 3, RETURNED: 1, DRAFT: 3 };
const HUB_INFO = '{ hubInfo { demoData } }';

const em = (hub: TestHub) => hub.orm.em.fork() as Em;
const load = (hub: TestHub, batch = 'demo-test') => createServices(em(hub), cliActor(batch, 'seed')).demo.load();
const remove = (hub: TestHub, batch = 'demo-test-remove') => createServices(em(hub), cliActor(batch, 'seed')).demo.remove();
const sql = <R = any>(hub: TestHub, text: string, params: unknown[] = []) => queryRows<R>(em(hub), text, params);

/** Every ledger row as stored (dates as numbers), in id order. */
async function ledgerRows(hub: TestHub) {
  const rows = await sql(hub, 'select * from ledger_entry order by id');
  return rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v instanceof Date ? v.getTime() : v])));
}
const baseValues = async (hub: TestHub) => (await sql<{ seq: number; base_value: number | null }>(hub, 'select seq, base_value from indicator order by seq')).map((r) => [Number(r.seq), r.base_value == null ? null : Number(r.base_value)] as [number, number | null]);
const count = async (hub: TestHub, table: string) => Number((await sql(hub, `select count(*) as n from ${table}`))[0].n);
const indicatorBySeq = async (hub: TestHub, seq: number) =>
  (await hub.gql(`{ indicators(limit: 1000) { items { id seq baseValue version yearTargets { year targetValue } } } }`)).indicators.items.find((i: { seq: number }) => i.seq === seq);

/** What an HTTP reader gets, and whether the answer cache served it. */
async function hubInfoOverHttp(hub: TestHub) {
  const res = await hub.app.inject({ method: 'POST', url: '/graphql', headers: { 'content-type': 'application/json' }, payload: { query: HUB_INFO } });
  return { demoData: res.json().data.hubInfo.demoData as boolean, cache: res.headers['x-plan-hub-cache'] ?? null };
}

describe('the demo data set', () => {
  let hub: TestHub;
  let other: TestHub;
  beforeAll(async () => {
    [hub, other] = await Promise.all([startHub(), startHub()]);
  }, 120_000);
  afterAll(async () => {
    await hub?.close();
    await other?.close();
  });

  it('is never loaded by default: a first start has no ledger entries, only the plan’s own base, and says no demo data', async () => {
    expect(await count(hub, 'ledger_entry')).toBe(0);
    expect(await count(hub, 'demo_mark')).toBe(0);
    expect((await baseValues(hub)).filter(([, v]) => v != null)).toEqual([[1, 790.4]]);
    expect(await hub.gql(HUB_INFO)).toEqual({ hubInfo: { demoData: false } });
    expect(await hub.gql(HUB_INFO, undefined, ANONYMOUS)).toEqual({ hubInfo: { demoData: false } });
    // Cached like any read, filed under its one table.
    expect(cacheableTables(await buildGraphQLSchema(), HUB_INFO, undefined)).toEqual(['demo_mark']);
    await hubInfoOverHttp(hub);
    expect(await hubInfoOverHttp(hub)).toEqual({ demoData: false, cache: 'hit' });
  });

  it('loads in one batch: base values, approved years and months, a queue of submitted and one returned, some drafts', async () => {
    const auditBefore = await count(hub, 'audit_entry');
    const r = await load(hub, 'demo-batch-1');
    expect(r.baseValues).toEqual({ set: 23, cleared: 0 });
    const milestones = await count(hub, 'milestone'); // none until the plan's milestones are transcribed; see below for many
    expect(r.entries).toMatchObject({ updated: 0, deleted: 0, unchanged: 0, skippedForRealEntries: 0 });
    const rows = await ledgerRows(hub);
    const onIndicators = rows.filter((e) => e.indicator_id != null);
    const byState = (xs: typeof rows) => Object.fromEntries(Object.values(LedgerState).map((s) => [s, xs.filter((e) => e.state === s).length]));
    expect(byState(onIndicators)).toEqual(INDICATOR_ENTRY_STATES);
    expect(r.entries.created).toBe(rows.length);
    if (!milestones) expect(r.states).toEqual(INDICATOR_ENTRY_STATES);
    // Each indicator: its lead department, 2016–2018 as years, January–June 2019 as months (seven where July is a draft).
    const leads = await sql<{ indicator_id: number; department_id: number }>(hub, "select indicator_id, min(department_id) as department_id from responsibility where role = 'LEAD' and indicator_id is not null group by indicator_id");
    expect(leads).toHaveLength(24);
    for (const l of leads) {
      const mine = onIndicators.filter((e) => Number(e.indicator_id) === Number(l.indicator_id));
      expect(mine.map((e) => e.period).slice(0, 9)).toEqual(['2016', '2017', '2018', '2019-01', '2019-02', '2019-03', '2019-04', '2019-05', '2019-06']);
      expect(mine.every((e) => e.item_key === `indicator:${l.indicator_id}` && e.version === 1 && e.submitted_by_id == null)).toBe(true);
    }
    expect(onIndicators.filter((e) => e.state === LedgerState.DRAFT).every((e) => e.period === '2019-07' && e.submitted_at == null && e.decided_at == null)).toBe(true);
    expect(onIndicators.filter((e) => e.state !== LedgerState.APPROVED && e.state !== LedgerState.DRAFT).every((e) => e.period === '2019-06' && e.submitted_at != null)).toBe(true);
    // One batch by the operator, source seed: a CREATE per entry and an UPDATE per base value, nothing else.
    expect(await count(hub, 'audit_entry')).toBe(auditBefore + rows.length + 23);
    const audit = await sql(hub, "select action, entity, field, source, username, batch_id from audit_entry where batch_id = 'demo-batch-1'");
    expect(audit).toHaveLength(rows.length + 23);
    expect(new Set(audit.map((a) => `${a.source} ${a.batch_id} ${String(a.username).startsWith('cli:')}`))).toEqual(new Set(['seed demo-batch-1 true']));
    expect(audit.filter((a) => a.entity === 'Indicator').every((a) => a.action === 'UPDATE' && a.field === 'baseValue')).toBe(true);
    expect(audit.filter((a) => a.entity === 'LedgerEntry').every((a) => a.action === 'CREATE')).toBe(true);
  });

  it('labels every entry as demo data, and the hub says so to every reader while it is there (the cached answer is dropped)', async () => {
    const rows = await ledgerRows(hub);
    expect(rows.length).toBeGreaterThan(0);
    for (const e of rows) expect(String(e.progress_text).startsWith(DEMO_LABEL), String(e.progress_text)).toBe(true);
    const returned = rows.filter((e) => e.state === LedgerState.RETURNED);
    expect(returned).toHaveLength(1);
    expect(returned[0].return_reason).toMatch(/^【演示数据】.*佐证材料/);
    expect(rows.filter((e) => e.state !== LedgerState.RETURNED).every((e) => e.return_reason == null)).toBe(true);
    expect(await hubInfoOverHttp(hub)).toEqual({ demoData: true, cache: 'miss' });
    expect(await hub.gql(HUB_INFO, undefined, ANONYMOUS)).toEqual({ hubInfo: { demoData: true } });
  });

  it('gives plausible bases from each target and method, and a mix of outcomes (an at-most missed, a five-year total behind)', async () => {
    const base = new Map(await baseValues(hub));
    expect(base.get(1)).toBe(790.4); // the plan's own, kept
    expect(base.get(4)).toBe(109.8); // 地方一般公共预算收入 185 at 11 % a year: 185 / 1.11⁵ = 109.79
    expect(base.get(6)).toBe(49.67); // 出口总额 80 at 10 %: 80 / 1.1⁵ = 49.67
    expect(base.get(21)!).toBeGreaterThan(50 * 1.15 - 1e-9); // PM2.5: above its bound of 50 in 2015
    expect(base.get(20)!).toBeLessThan(68); // 优良率: a little short of 68
    expect(base.get(8)!).toBeLessThan(12.5 / 5); // 新引进人才 (five-year total 12.5): under a fifth in 2015
    for (const seq of [14, 22, 23, 24]) expect(base.get(seq)!, `seq ${seq}`).toBeGreaterThan(0); // rates entered yearly
    // Year targets follow the new bases: 第三产业占比 now has its geometric years up to 52.
    const tertiary = await indicatorBySeq(hub, 2);
    expect(tertiary.yearTargets.map((t: { targetValue: number }) => t.targetValue).every((v: number | null) => v != null && v <= 52)).toBe(true);
    expect(tertiary.yearTargets[4].targetValue).toBe(52);

    const value = async (seq: number, period: string) =>
      Number((await sql(hub, 'select e.actual_value from ledger_entry e join indicator i on i.id = e.indicator_id where i.seq = ? and e.period = ?', [seq, period]))[0].actual_value);
    // GDP: 2018 above its year target 1,160.9; January–June 2019 year-to-date near half of 1,319.6.
    const gdp = await indicatorBySeq(hub, 1);
    expect(await value(1, '2018')).toBeGreaterThanOrEqual(gdp.yearTargets[2].targetValue);
    expect((await value(1, '2019-06')) / (gdp.yearTargets[3].targetValue / 2)).toBeGreaterThan(0.9);
    // PM2.5 (控制在50以内): 2018 missed (above 50), June 2019 still above.
    expect(await value(21, '2018')).toBeGreaterThan(50);
    expect(await value(21, '2019-06')).toBeGreaterThan(50);
    // 新引进人才 (12.5 over five years, 2.5 a year): the running sum to June 2019 is below the pro-rated 3.5 × 2.5 by more than 5 %.
    const sum = (await value(8, '2016')) + (await value(8, '2017')) + (await value(8, '2018')) + (await value(8, '2019-06'));
    expect(sum / (3.5 * 2.5)).toBeLessThan(0.95);
    // Year-to-date months of a flow grow; most indicators achieved 2018.
    const ytd = await Promise.all([1, 2, 3, 4, 5, 6].map((m) => value(1, `2019-0${m}`)));
    expect(ytd).toEqual([...ytd].sort((a, b) => a - b));
    const achieved2018 = await sql(hub, `select count(*) as n from ledger_entry e join year_target t on t.indicator_id = e.indicator_id and t.year = 2018 join indicator i on i.id = e.indicator_id
      where e.period = '2018' and t.target_value is not null and ((i.target_kind = 'AT_MOST' and e.actual_value <= t.target_value) or (i.target_kind <> 'AT_MOST' and e.actual_value >= t.target_value))`);
    const judged2018 = await sql(hub, `select count(*) as n from ledger_entry e join year_target t on t.indicator_id = e.indicator_id and t.year = 2018 where e.period = '2018' and t.target_value is not null`);
    expect(Number(achieved2018[0].n) / Number(judged2018[0].n)).toBeGreaterThan(0.6);
    expect(Number(achieved2018[0].n)).toBeLessThan(Number(judged2018[0].n));
  });

  it('gives the board a mix: most on track in June 2019, some at risk, a few off track; most of 2018 achieved, some missed', async () => {
    const board = async (year: number, period: string | null) =>
      Object.fromEntries((await hub.gql('query($y: Int!, $p: String) { progressSummary(year: $y, period: $p) { byStatus { status count } } }', { y: year, p: period })).progressSummary.byStatus.map((s: { status: string; count: number }) => [s.status, s.count]));
    const june = await board(2019, '2019-06');
    expect(june.ON_TRACK).toBeGreaterThan(june.AT_RISK + june.OFF_TRACK);
    expect(june.AT_RISK).toBeGreaterThan(0);
    expect(june.OFF_TRACK).toBeGreaterThan(0);
    const y2018 = await board(2018, null);
    expect(y2018.ACHIEVED).toBeGreaterThan(2 * y2018.MISSED);
    expect(y2018.MISSED).toBeGreaterThan(0);
    // PM2.5 and the five-year total of new talent are among the ones behind.
    const status = async (seq: number) => (await hub.gql('{ indicators(limit: 100) { items { seq progress(year: 2019) { status } } } }')).indicators.items.find((i: { seq: number }) => i.seq === seq).progress.status;
    expect(await status(21)).toBe('OFF_TRACK');
    expect(await status(8)).toBe('OFF_TRACK');
  });

  it('is deterministic: a second fresh database gets the same rows', async () => {
    await load(other, 'demo-batch-other');
    expect(await ledgerRows(other)).toEqual(await ledgerRows(hub));
    expect(await baseValues(other)).toEqual(await baseValues(hub));
    expect(await sql(other, 'select indicator_id, year, target_value, derived from year_target order by indicator_id, year')).toEqual(
      await sql(hub, 'select indicator_id, year, target_value, derived from year_target order by indicator_id, year'),
    );
  });

  it('is idempotent: a second load changes nothing, not even the audit trail', async () => {
    const before = { rows: await ledgerRows(hub), base: await baseValues(hub), audit: await count(hub, 'audit_entry'), marks: await count(hub, 'demo_mark') };
    const r = await load(hub, 'demo-batch-2');
    expect(r.baseValues.set).toBe(0);
    expect(r.entries).toEqual({ created: 0, updated: 0, deleted: 0, unchanged: before.rows.length, skippedForRealEntries: 0 });
    expect({ rows: await ledgerRows(hub), base: await baseValues(hub), audit: await count(hub, 'audit_entry'), marks: await count(hub, 'demo_mark') }).toEqual(before);
  });

  it('works with the ledger as filed entries do: readers see the approved ones, the office approves from the queue; a reload puts the demo back', async () => {
    const page = (filter: string, as?: Parameters<TestHub['gql']>[2]) =>
      hub.gql(`{ ledgerEntries(filter: ${filter}, limit: 1000) { totalCount items { id version state progressText department { name } } } }`, undefined, as).then((d) => d.ledgerEntries);
    const queue = await page('{ state: SUBMITTED }');
    expect(queue.totalCount).toBe((await sql(hub, "select count(*) as n from ledger_entry where state = 'SUBMITTED'"))[0].n * 1);
    expect(queue.items.every((e: { progressText: string }) => e.progressText.startsWith(DEMO_LABEL))).toBe(true);
    expect((await page('{ state: DRAFT }', ANONYMOUS)).totalCount).toBe(0);
    expect((await page('{ state: APPROVED, year: 2019 }', ANONYMOUS)).totalCount).toBeGreaterThan(100);
    const [first] = queue.items;
    const approved = (await hub.gql('mutation($id: ID!, $v: Int!) { approveLedgerEntry(id: $id, expectedVersion: $v) { state version } }', { id: first.id, v: first.version })).approveLedgerEntry;
    expect(approved).toMatchObject({ state: 'APPROVED', version: first.version + 1 });
    const again = await load(hub, 'demo-batch-3');
    expect(again.entries).toMatchObject({ created: 0, updated: 1, deleted: 0 });
    expect((await page('{ state: SUBMITTED }')).totalCount).toBe(queue.totalCount);
  });

  it('only the operator loads or removes it', async () => {
    const admin = createServices(em(hub), hub.admin); // even the office's admin: it is not a GraphQL action
    await expect(admin.demo.load()).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(admin.demo.remove()).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('the demo data set next to real entries', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startHub();
  }, 60_000);
  afterAll(() => hub?.close());

  it('leaves the departments’ own entries and the office’s own base values alone, on load and on --remove', async () => {
    const fork = em(hub);
    const gdp = await indicatorBySeq(hub, 1);
    const lead = (await sql(hub, "select min(department_id) as d from responsibility where role = 'LEAD' and indicator_id = ?", [gdp.id]))[0].d;
    const real = (period: string, text: string) =>
      fork.create(LedgerEntry, { department: Number(lead), indicator: Number(gdp.id), itemKey: `indicator:${gdp.id}`, period, periodKind: period.length === 4 ? PeriodKind.YEAR : PeriodKind.MONTH, year: Number(period.slice(0, 4)), actualValue: 1, progressText: text, state: LedgerState.DRAFT } as never);
    fork.persist([real('2019-06', '区发改局自己填的六月'), real('2020', '区发改局自己填的2020年')]);
    await fork.flush();
    const mineBefore = await ledgerRows(hub);

    const r = await load(hub);
    expect(r.entries.skippedForRealEntries).toBe(1); // GDP's June 2019 is the department's
    const all = await ledgerRows(hub);
    expect(all.filter((e) => !String(e.progress_text).startsWith(DEMO_LABEL))).toEqual(mineBefore);
    expect(all.filter((e) => e.period === '2019-06' && Number(e.indicator_id) === Number(gdp.id))).toHaveLength(1);

    // The office enters its own base for 第三产业占比 after the demo gave one: that one is the office's now.
    const tertiary = await indicatorBySeq(hub, 2);
    await hub.gql('mutation($id: ID!, $v: Int) { updateIndicator(id: $id, patch: { baseValue: 47.5 }, expectedVersion: $v) { version } }', { id: tertiary.id, v: tertiary.version });

    const gone = await remove(hub);
    expect(gone.entries.deleted).toBe(all.length - 2);
    expect(gone.baseValues.cleared).toBe(22);
    expect(await ledgerRows(hub)).toEqual(mineBefore);
    expect(await count(hub, 'demo_mark')).toBe(0);
    expect((await baseValues(hub)).filter(([, v]) => v != null)).toEqual([[1, 790.4], [2, 47.5]]);
    // Year targets follow: a geometric indicator without a base has none again.
    expect((await indicatorBySeq(hub, 4)).yearTargets.every((t: { targetValue: number | null }) => t.targetValue === null)).toBe(true);
    expect(await hub.gql(HUB_INFO)).toEqual({ hubInfo: { demoData: false } });
    // Removal is audited as its batch: a DELETE per entry, an UPDATE per base cleared.
    const audit = await sql(hub, "select action, entity from audit_entry where batch_id = 'demo-test-remove'");
    expect(audit.filter((a) => a.action === 'DELETE' && a.entity === 'LedgerEntry')).toHaveLength(all.length - 2);
    expect(audit.filter((a) => a.action === 'UPDATE' && a.entity === 'Indicator')).toHaveLength(22);
    // A second removal finds nothing to do.
    expect((await remove(hub, 'again')).entries.deleted).toBe(0);
  });

  it('copes with milestones: approved years and two quarters of 2019 for each, one second quarter waiting', async () => {
    const fork = em(hub);
    const targets = await fork.find(SpecialTarget, {}, { orderBy: { id: 'asc' }, limit: 2 });
    const existing = await fork.count(Milestone, {});
    let seq = 100;
    for (const [k, st] of targets.entries()) {
      fork.persist(fork.create(Milestone, { specialTarget: st, seq: seq++, text: `演示里程碑${k}`, name: `里程碑${k}`, value: k ? 150 : 12.5, unit: k ? '家' : '万人', year: 2020, cumulative: !k } as never));
    }
    await fork.flush();
    // The lead is the special target's first LEAD (some have several). Per milestone with a lead department: its years up to 2018 that are not past its aim's year, and two quarters when the aim is 2019 or later.
    const ms = await sql(hub, "select m.id, m.year, m.unit, (select r.department_id from responsibility r where r.special_target_id = m.special_target_id and r.role = 'LEAD' order by r.id limit 1) as lead from milestone m");
    const withLead = ms.filter((m) => m.lead != null);
    const expected = withLead.reduce((n, m) => n + [2016, 2017, 2018].filter((y) => y <= Number(m.year)).length + (Number(m.year) >= 2019 ? 2 : 0), 0);
    const r = await load(hub, 'demo-ms');
    expect(await count(hub, 'milestone')).toBe(existing + 2);
    expect(withLead.length).toBeGreaterThanOrEqual(2); // the two added here: every special target has a lead
    const rows = (await ledgerRows(hub)).filter((e) => e.milestone_id != null);
    expect(rows).toHaveLength(expected);
    expect(rows.every((e) => String(e.progress_text).startsWith(DEMO_LABEL))).toBe(true);
    expect(rows.filter((e) => e.state === LedgerState.SUBMITTED)).toHaveLength(1);
    expect(rows.filter((e) => e.state === LedgerState.SUBMITTED)[0].period).toBe('2019-Q2');
    expect(r.states.SUBMITTED).toBe(INDICATOR_ENTRY_STATES.SUBMITTED + 1);
    for (const m of withLead) {
      const mine = rows.filter((e) => Number(e.milestone_id) === Number(m.id));
      expect(mine.every((e) => Number(e.department_id) === Number(m.lead) && e.item_key === `milestone:${m.id}`)).toBe(true);
      if (Number(m.year) === 2020) expect(mine.map((e) => `${e.period} ${e.period_kind}`)).toEqual(['2016 YEAR', '2017 YEAR', '2018 YEAR', '2019-Q1 QUARTER', '2019-Q2 QUARTER']);
      if (m.unit === '家') expect(mine.every((e) => Number.isInteger(Number(e.actual_value)))).toBe(true); // 150家 counted whole
    }
    await remove(hub, 'demo-ms-remove');
    expect(await count(hub, 'demo_mark')).toBe(0);
  });
});

describe.runIf(TEST_ENGINE === 'sqlite')('npm run seed -- --demo', () => {
  it('loads the plan and the demo into an empty database, then --remove takes the demo out', () => {
    const dir = mkdtempSync(join(tmpdir(), 'planhub-demo-'));
    try {
      const env = { ...process.env, DATABASE_URL: `sqlite:${join(dir, 'hub.db')}` };
      const run = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', 'server/cli/seed.ts', ...args], { env, encoding: 'utf8', timeout: 120_000 });
      const loaded = run('--demo');
      expect(loaded.status, loaded.stderr).toBe(0);
      expect(loaded.stdout).toMatch(/seeded binjiang-13th/);
      // 219 entries on the indicators; the milestones' come on top once the plan has them (one second quarter then waits).
      const created = Number(/demo data loaded: 23 base values set; ledger entries (\d+) created, 0 updated, 0 deleted, 0 unchanged/.exec(loaded.stdout)?.[1]);
      expect(created).toBeGreaterThanOrEqual(219);
      expect(loaded.stdout).toMatch(created === 219 ? /DRAFT 3, SUBMITTED 3, APPROVED 212, RETURNED 1/ : /DRAFT 3, SUBMITTED 4, APPROVED \d+, RETURNED 1/);
      const removed = run('--demo', '--remove');
      expect(removed.status, removed.stderr).toBe(0);
      expect(removed.stdout).toContain(`demo data removed: ${created} ledger entries deleted, 23 base values cleared`);
      const bad = run('--remove');
      expect(bad.status).toBe(2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 240_000);
});
