import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, ANONYMOUS, startHub, type TestHub } from './helpers';
import { Role } from '../schema/accounts/account.enums';
import { createServices } from '../server/services';
import { SYSTEM_ACTOR, type Actor } from '../server/common/actor';
import type { Em } from '../server/orm';
import { Milestone } from '../schema/milestones/milestone.entity';
import { Evidence, EvidenceFile } from '../schema/ledger/evidence.entity';
import { BulkRefusal } from '../server/errors';
import { LedgerItemKind } from '../schema/ledger/ledger.inputs';
import { buildGraphQLSchema } from '../server/schema';
import { tablesRead } from '../server/cache/tables';
import { TRACKED_TABLES, UNTRACKED_TABLES } from '../schema/cache/data-generation.entity';
import { getNamedType, isObjectType, parse, type GraphQLObjectType } from 'graphql';

/**
 * The departments' ledger (电子台账, issue 14): who may file, edit, submit, approve, return, reopen and
 * delete an entry, by role and department; what each refusal says; that a refusal changes nothing;
 * who sees which entries; the audit trail of every step.
 *
 * The seed's 环境空气质量优良率 (indicator seq 20) is led by 区住建局 (housing) and supported by
 * 区环保局 (environment); 区社发局 has nothing to do with it. Special target seq 7 is led by housing.
 */

const ENTRY = 'id period periodKind year actualValue progressText state returnReason version department { code } indicator { seq } specialTarget { seq } milestone { text }';
const SAVE = `mutation($input: LedgerEntryInput!, $v: Int) { saveLedgerEntry(input: $input, expectedVersion: $v) { ${ENTRY} } }`;
const SUBMIT = `mutation($id: ID!, $v: Int!) { submitLedgerEntry(id: $id, expectedVersion: $v) { ${ENTRY} } }`;
const APPROVE = `mutation($id: ID!, $v: Int!) { approveLedgerEntry(id: $id, expectedVersion: $v) { ${ENTRY} } }`;
const RETURN = `mutation($id: ID!, $reason: String!, $v: Int!) { returnLedgerEntry(id: $id, reason: $reason, expectedVersion: $v) { ${ENTRY} } }`;
const REOPEN = `mutation($id: ID!, $reason: String!, $v: Int!) { reopenLedgerEntry(id: $id, reason: $reason, expectedVersion: $v) { ${ENTRY} } }`;
const DELETE = `mutation($id: ID!, $v: Int!) { deleteLedgerEntry(id: $id, expectedVersion: $v) }`;
const LIST = `query($filter: LedgerEntryFilter, $orderBy: [OrderBy!], $limit: Int, $offset: Int) { ledgerEntries(filter: $filter, orderBy: $orderBy, limit: $limit, offset: $offset) { totalCount items { ${ENTRY} } } }`;
const ONE = `query($id: ID!) { ledgerEntry(id: $id) { ${ENTRY} } }`;

type Outcome = 'ok' | string;

describe('the ledger (电子台账)', () => {
  let hub: TestHub;
  const as: Record<string, Actor> = {};
  let indicator = ''; // seq 20: housing leads, environment supports
  let otherIndicator = ''; // seq 1: housing has no part in it
  let specialTarget = ''; // seq 7: housing leads
  let milestone = '';

  beforeAll(async () => {
    hub = await startHub();
    as.admin = hub.admin;
    as.viewer = await hub.user('viewer', Role.VIEWER);
    as.lead = await hub.user('housing-editor', Role.EDITOR, '住建');
    as.support = await hub.user('env-editor', Role.EDITOR, '环保');
    as.other = await hub.user('social-editor', Role.EDITOR, '社发局');
    const { token } = (await hub.gql(`mutation { createApiToken(input: { name: "BI" }) { token } }`)).createApiToken;
    as.token = await createServices(hub.orm.em.fork() as Em).accounts.authenticate(token);
    as.anonymous = ANONYMOUS;
    const rows = (await hub.gql('{ indicators(limit: 100) { items { id seq } } specialTargets(limit: 100) { items { id seq } } }')) as any;
    indicator = rows.indicators.items.find((r: any) => r.seq === 20).id;
    otherIndicator = rows.indicators.items.find((r: any) => r.seq === 1).id;
    specialTarget = rows.specialTargets.items.find((r: any) => r.seq === 7).id;
    // A milestone of special target 7 (the milestones' seed is another slice of the issue).
    const em = hub.orm.em.fork() as Em;
    const m = em.create(Milestone, { specialTarget: Number(specialTarget), seq: 1, text: '新增绿道50公里', name: '绿道', value: 50, unit: '公里', year: 2020 } as never);
    await em.persistAndFlush(m);
    milestone = String(m.id);
  });
  afterAll(() => hub?.close());

  const run = async (query: string, variables: Record<string, unknown>, actor: Actor) => {
    try {
      return { outcome: 'ok' as Outcome, data: await hub.gql(query, variables, actor), error: null as any };
    } catch (e) {
      const errors = JSON.parse(String((e as Error).message).replace(/^GraphQL errors: /, ''));
      return { outcome: errors[0].extensions.code as Outcome, data: null, error: errors[0] };
    }
  };
  /** The ledger and the audit trail as stored: a refusal must leave both as they were. */
  const stored = async () => {
    const conn = hub.orm.em.fork().getConnection();
    const entries = await conn.execute('select id, version, state, actual_value, progress_text, return_reason, submitted_at, decided_at from ledger_entry order by id');
    const audit = await conn.execute('select count(*) as n from audit_entry');
    return { entries: JSON.stringify(entries), audit: Number(audit[0].n) };
  };
  /** Runs a refused operation: its error, and nothing stored changed. */
  const refused = async (query: string, variables: Record<string, unknown>, actor: Actor, code: string) => {
    const before = await stored();
    const r = await run(query, variables, actor);
    expect(r.outcome, `${query} as ${actor.username ?? 'anonymous'}: ${JSON.stringify(r.error ?? r.data)}`).toBe(code);
    expect(await stored()).toEqual(before);
    return r.error as { message: string; extensions: Record<string, any> };
  };
  const save = (input: Record<string, unknown>, actor: Actor, v?: number) => hub.gql(SAVE, { input, v }, actor).then((d: any) => d.saveLedgerEntry);
  const audit = async (id: string) =>
    (await hub.gql(`query($id: ID!) { auditLog(entity: "LedgerEntry", entityId: $id, limit: 100) { action field before after username source } }`, { id })).auditLog.reverse();

  describe('filing a new entry', () => {
    const input = () => ({ indicatorId: indicator, period: '2017-06', actualValue: 88.5, progressText: '优良天数 160 天' });

    it('by role and department: the leading and the supporting department file as themselves; nobody else files', async () => {
      expect((await refused(SAVE, { input: input() }, as.anonymous, 'UNAUTHENTICATED')).message).toMatch(/Sign in/);
      expect((await refused(SAVE, { input: input() }, as.viewer, 'FORBIDDEN')).message).toMatch(/viewer/);
      expect((await refused(SAVE, { input: input() }, as.token, 'FORBIDDEN')).message).toMatch(/read-only/);
      const other = await refused(SAVE, { input: input() }, as.other, 'FORBIDDEN');
      expect(other.message).toMatch(/not one of your department’s items/);
      // An editor files only as their own department, even for an item that department answers for.
      expect((await refused(SAVE, { input: { ...input(), department: '住建' } }, as.support, 'FORBIDDEN')).message).toMatch(/own department/);
      // Housing has no part in indicator 1.
      await refused(SAVE, { input: { ...input(), indicatorId: otherIndicator } }, as.lead, 'FORBIDDEN');

      const lead = await save(input(), as.lead);
      expect(lead).toMatchObject({ period: '2017-06', periodKind: 'MONTH', year: 2017, actualValue: 88.5, progressText: '优良天数 160 天', state: 'DRAFT', returnReason: null, version: 1, department: { code: 'housing' }, indicator: { seq: 20 }, specialTarget: null, milestone: null });
      const support = await save({ ...input(), department: '区环保局' }, as.support);
      expect(support).toMatchObject({ state: 'DRAFT', department: { code: 'environment' }, indicator: { seq: 20 } });
    });

    it('the office files for any department that answers for the item, and must name it', async () => {
      const none = await refused(SAVE, { input: { indicatorId: indicator, period: '2017-07', actualValue: 1 } }, as.admin, 'BAD_USER_INPUT');
      expect(none.extensions.field).toBe('input.department');
      const unrelated = await refused(SAVE, { input: { indicatorId: indicator, department: '社发局', period: '2017-07', actualValue: 1 } }, as.admin, 'BAD_USER_INPUT');
      expect(unrelated.message).toMatch(/neither leads nor supports/);
      const row = await save({ indicatorId: indicator, department: 'housing', period: '2017', actualValue: 90 }, as.admin);
      expect(row).toMatchObject({ period: '2017', periodKind: 'YEAR', department: { code: 'housing' }, state: 'DRAFT' });
    });

    it('one entry per item, department and period: a second create is a CONFLICT naming the key', async () => {
      // ２０１７－０６ in full-width is the same period.
      const dup = await refused(SAVE, { input: { ...input(), period: '２０１７－０６', actualValue: 1 } }, as.lead, 'CONFLICT');
      expect(dup.extensions.reason).toBe('DUPLICATE');
      expect(dup.extensions.key).toEqual({ item: `indicator:${indicator}`, department: 'housing', period: '2017-06' });
      expect(dup.message).toMatch(/环境空气质量优良率, 区住建局, 2017-06/);
      expect(dup.extensions.existingId).toMatch(/^\d+$/);
      expect(dup.extensions.currentVersion).toBe(1);
      // The same item and period for another department is another entry (environment filed it above).
      const mine = await hub.gql(LIST, { filter: { period: '2017-06', indicatorIds: [indicator] } }, as.admin);
      expect(mine.ledgerEntries.items.map((e: any) => e.department.code).sort()).toEqual(['environment', 'housing']);
    });

    it('two creates of one key at the same moment: one is saved, the other is a CONFLICT naming the key', async () => {
      const one = { indicatorId: indicator, period: '2016-12', actualValue: 1 };
      const results = await Promise.all([run(SAVE, { input: one }, as.lead), run(SAVE, { input: { ...one, actualValue: 2 } }, as.lead)]);
      expect(results.map((r) => r.outcome).sort()).toEqual(['CONFLICT', 'ok']);
      const refusal = results.find((r) => r.outcome === 'CONFLICT')!.error;
      expect(refusal.extensions.reason).toBe('DUPLICATE');
      expect(refusal.extensions.key).toEqual({ item: `indicator:${indicator}`, department: 'housing', period: '2016-12' });
      const saved = results.find((r) => r.outcome === 'ok')!.data.saveLedgerEntry;
      expect((await hub.gql(LIST, { filter: { period: '2016-12' } }, as.admin)).ledgerEntries.items.map((e: any) => e.id)).toEqual([saved.id]);
      expect((await audit(saved.id)).map((a: any) => a.action)).toEqual(['CREATE']);
      expect((await hub.gql(DELETE, { id: saved.id, v: saved.version }, as.lead)).deleteLedgerEntry).toBe(true);
    });

    it('bad input is refused with the field named, and nothing is stored', async () => {
      const cases: [Record<string, unknown>, string, RegExp][] = [
        [{ ...input(), period: '2015' }, 'input.period', /baseValue/],
        [{ ...input(), period: '2021' }, 'input.period', /2016–2020/],
        [{ ...input(), period: '2019-13' }, 'input.period', /month 13/],
        [{ ...input(), period: '2019-Q5' }, 'input.period', /not a period/],
        [{ ...input(), period: '' }, 'input.period', /not a period/],
        [{ ...input(), actualValue: 1e16 }, 'input.actualValue', /between/],
        [{ ...input(), progressText: 'x'.repeat(5001) }, 'input.progressText', /at most 5000/],
        [{ ...input(), progressText: 'a\u0000b' }, 'input.progressText', /control/],
        [{ ...input(), indicatorId: undefined }, 'input.indicatorId', /exactly one/],
        [{ ...input(), specialTargetId: specialTarget }, 'input.specialTargetId', /exactly one/],
        [{ ...input(), indicatorId: '999999' }, 'input.indicatorId', /no indicator/],
        [{ ...input(), indicatorId: 'abc' }, 'input.indicatorId', /row id/],
        [{ ...input(), department: '住建委员会X', period: '2018' }, 'input.department', /unknown department/],
      ];
      for (const [bad, field, message] of cases) {
        const e = await refused(SAVE, { input: bad }, as.admin, 'BAD_USER_INPUT');
        expect(e.extensions.field, JSON.stringify(bad).slice(0, 80)).toBe(field);
        expect(e.message).toMatch(message);
      }
    });

    it('periods typed loosely are stored in their canonical form', async () => {
      const q = await save({ indicatorId: indicator, period: '２０１８－ｑ３', actualValue: 80 }, as.lead);
      expect(q).toMatchObject({ period: '2018-Q3', periodKind: 'QUARTER', year: 2018 });
      const m = await save({ indicatorId: indicator, period: '2018年6月', actualValue: 80 }, as.lead);
      expect(m).toMatchObject({ period: '2018-06', periodKind: 'MONTH', year: 2018 });
    });

    it('a milestone is filed by the departments of its special target', async () => {
      await refused(SAVE, { input: { milestoneId: milestone, period: '2019', actualValue: 30 } }, as.other, 'FORBIDDEN');
      await refused(SAVE, { input: { milestoneId: milestone, period: '2019', actualValue: 30 } }, as.support, 'FORBIDDEN');
      const m = await save({ milestoneId: milestone, period: '2019', actualValue: 30, progressText: '已建成绿道30公里' }, as.lead);
      expect(m).toMatchObject({ milestone: { text: '新增绿道50公里' }, indicator: null, specialTarget: null, department: { code: 'housing' } });
      const st = await save({ specialTargetId: specialTarget, period: '2019-Q1', progressText: '完成一季度任务' }, as.lead);
      expect(st).toMatchObject({ specialTarget: { seq: 7 }, actualValue: null, periodKind: 'QUARTER' });
    });
  });

  describe('the workflow', () => {
    let entry: any;
    const input = (more: Record<string, unknown> = {}) => ({ indicatorId: indicator, period: '2019-06', ...more });

    beforeAll(async () => {
      entry = await save(input({ actualValue: 85, progressText: '上半年优良率85%' }), as.lead);
    });

    it('a draft is edited by its department at its version; a stale version is a CONFLICT', async () => {
      const edited = await save(input({ actualValue: 86 }), as.lead, entry.version);
      expect(edited).toMatchObject({ id: entry.id, actualValue: 86, progressText: '上半年优良率85%', version: entry.version + 1 });
      const stale = await refused(SAVE, { input: input({ actualValue: 87 }), v: entry.version }, as.lead, 'CONFLICT');
      expect(stale.extensions.currentVersion).toBe(edited.version);
      entry = edited;
      // Nothing to change with a version for a key never stored.
      const missing = await refused(SAVE, { input: input({ period: '2019-05', actualValue: 1 }), v: 1 }, as.lead, 'CONFLICT');
      expect(missing.extensions.reason).toBe('NOT_STORED');
    });

    it('nobody else acts on the draft: it is hidden from other departments (NOT_FOUND) and refused to the rest', async () => {
      const v = { id: entry.id, v: entry.version };
      await refused(SUBMIT, v, as.anonymous, 'UNAUTHENTICATED');
      await refused(SUBMIT, v, as.viewer, 'FORBIDDEN');
      await refused(SUBMIT, v, as.token, 'FORBIDDEN');
      await refused(SUBMIT, v, as.support, 'NOT_FOUND');
      await refused(SUBMIT, v, as.other, 'NOT_FOUND');
      await refused(DELETE, v, as.support, 'NOT_FOUND');
      await refused(DELETE, v, as.viewer, 'FORBIDDEN');
      // Only submitted entries are decided.
      const approve = await refused(APPROVE, v, as.admin, 'CONFLICT');
      expect(approve.extensions).toMatchObject({ reason: 'INVALID_STATE', state: 'DRAFT' });
      await refused(RETURN, { ...v, reason: '数据不全' }, as.admin, 'CONFLICT');
      await refused(REOPEN, { ...v, reason: '重新核对' }, as.admin, 'CONFLICT');
      // Deciding is the office's.
      expect((await refused(APPROVE, v, as.lead, 'FORBIDDEN')).message).toMatch(/ADMIN/);
      await refused(APPROVE, v, as.anonymous, 'UNAUTHENTICATED');
    });

    it('submitted by its department: then it is locked for it, visible to others, and waits for the office', async () => {
      await refused(SUBMIT, { id: entry.id, v: entry.version - 1 }, as.lead, 'CONFLICT');
      const submitted = (await hub.gql(SUBMIT, { id: entry.id, v: entry.version }, as.lead)).submitLedgerEntry;
      expect(submitted).toMatchObject({ state: 'SUBMITTED', version: entry.version + 1 });
      entry = submitted;
      const v = { id: entry.id, v: entry.version };
      expect((await refused(SUBMIT, v, as.lead, 'CONFLICT')).message).toMatch(/submitted already/);
      const edit = await refused(SAVE, { input: input({ actualValue: 90 }), v: entry.version }, as.lead, 'CONFLICT');
      expect(edit.extensions).toMatchObject({ reason: 'INVALID_STATE', state: 'SUBMITTED' });
      expect((await refused(DELETE, v, as.lead, 'CONFLICT')).message).toMatch(/cannot be deleted/);
      // Visible now to other departments, and still theirs to keep their hands off.
      expect((await hub.gql(ONE, { id: entry.id }, as.other)).ledgerEntry).toMatchObject({ state: 'SUBMITTED' });
      expect((await refused(SUBMIT, v, as.support, 'FORBIDDEN')).message).toMatch(/not your department’s/);
      expect((await refused(DELETE, v, as.support, 'FORBIDDEN')).message).toMatch(/not your department’s/);
      await refused(APPROVE, v, as.support, 'FORBIDDEN');
      await refused(RETURN, { ...v, reason: '不对' }, as.lead, 'FORBIDDEN');
      await refused(RETURN, { ...v, reason: '不对' }, as.viewer, 'FORBIDDEN');
      await refused(RETURN, { ...v, reason: '不对' }, as.anonymous, 'UNAUTHENTICATED');
      // The office's queue.
      const queue = (await hub.gql(LIST, { filter: { state: 'SUBMITTED' } }, as.admin)).ledgerEntries;
      expect(queue.items.map((e: any) => e.id)).toContain(entry.id);
      expect(queue.items.every((e: any) => e.state === 'SUBMITTED')).toBe(true);
    });

    it('returned by the office with a reason; edited and submitted again', async () => {
      const v = { id: entry.id, v: entry.version };
      expect((await refused(RETURN, { ...v, reason: '   ' }, as.admin, 'BAD_USER_INPUT')).extensions.field).toBe('reason');
      await refused(RETURN, { ...v, v: entry.version - 1, reason: '数据有误' }, as.admin, 'CONFLICT');
      const returned = (await hub.gql(RETURN, { ...v, reason: ' 请附监测站月报 ' }, as.admin)).returnLedgerEntry;
      expect(returned).toMatchObject({ state: 'RETURNED', returnReason: '请附监测站月报', version: entry.version + 1 });
      entry = returned;
      // Returned: the department edits it (others still cannot) and submits it again.
      await refused(SAVE, { input: input({ department: '住建', actualValue: 1 }), v: entry.version }, as.support, 'FORBIDDEN');
      const edited = await save(input({ actualValue: 84.2 }), as.lead, entry.version);
      expect(edited).toMatchObject({ state: 'RETURNED', actualValue: 84.2, returnReason: '请附监测站月报' });
      entry = (await hub.gql(SUBMIT, { id: entry.id, v: edited.version }, as.lead)).submitLedgerEntry;
      expect(entry).toMatchObject({ state: 'SUBMITTED', actualValue: 84.2 });
    });

    it('approved by the office: locked; only the office reopens it, with a reason', async () => {
      await refused(APPROVE, { id: entry.id, v: entry.version + 5 }, as.admin, 'CONFLICT');
      entry = (await hub.gql(APPROVE, { id: entry.id, v: entry.version }, as.admin)).approveLedgerEntry;
      expect(entry).toMatchObject({ state: 'APPROVED', returnReason: null });
      const v = { id: entry.id, v: entry.version };
      for (const actor of [as.lead, as.admin]) {
        const locked = await refused(SAVE, { input: input({ actualValue: 99, department: 'housing' }), v: entry.version }, actor, 'CONFLICT');
        expect(locked.message).toMatch(/approved and locked: only the evaluation office \(ADMIN\) can reopen it/);
        expect(locked.extensions).toMatchObject({ reason: 'INVALID_STATE', state: 'APPROVED' });
      }
      await refused(DELETE, v, as.lead, 'CONFLICT');
      await refused(DELETE, v, as.admin, 'CONFLICT');
      await refused(SUBMIT, v, as.lead, 'CONFLICT');
      await refused(APPROVE, v, as.admin, 'CONFLICT');
      await refused(RETURN, { ...v, reason: '再看看' }, as.admin, 'CONFLICT');
      await refused(REOPEN, { ...v, reason: '数据更正' }, as.lead, 'FORBIDDEN');
      await refused(REOPEN, { ...v, reason: '数据更正' }, as.viewer, 'FORBIDDEN');
      await refused(REOPEN, { ...v, reason: '数据更正' }, as.token, 'FORBIDDEN');
      await refused(REOPEN, { ...v, reason: '数据更正' }, as.anonymous, 'UNAUTHENTICATED');
      expect((await refused(REOPEN, { ...v, reason: '' }, as.admin, 'BAD_USER_INPUT')).extensions.field).toBe('reason');
      await refused(REOPEN, { ...v, v: entry.version - 1, reason: '数据更正' }, as.admin, 'CONFLICT');
      const reopened = (await hub.gql(REOPEN, { ...v, reason: '统计局更正了6月数据' }, as.admin)).reopenLedgerEntry;
      expect(reopened).toMatchObject({ state: 'RETURNED', returnReason: '统计局更正了6月数据', version: entry.version + 1 });
      entry = await save(input({ actualValue: 84.0 }), as.lead, reopened.version);
      entry = (await hub.gql(SUBMIT, { id: entry.id, v: entry.version }, as.lead)).submitLedgerEntry;
      entry = (await hub.gql(APPROVE, { id: entry.id, v: entry.version }, as.admin)).approveLedgerEntry;
      expect(entry).toMatchObject({ state: 'APPROVED', actualValue: 84 });
    });

    it('every step is in the audit trail, with who and from where', async () => {
      const trail = await audit(entry.id);
      const steps = trail.map((a: any) => [a.action, a.field, a.before && JSON.parse(a.before), a.after && JSON.parse(a.after), a.username]);
      expect(steps[0][0]).toBe('CREATE');
      expect(steps[0][3]).toMatchObject({ indicatorId: indicator, department: 'housing', period: '2019-06', actualValue: 85, state: 'DRAFT' });
      expect(steps.slice(1)).toEqual([
        ['UPDATE', 'actualValue', 85, 86, 'housing-editor'],
        ['UPDATE', 'state', 'DRAFT', 'SUBMITTED', 'housing-editor'],
        ['UPDATE', 'state', 'SUBMITTED', 'RETURNED', 'admin'],
        ['UPDATE', 'returnReason', null, '请附监测站月报', 'admin'],
        ['UPDATE', 'actualValue', 86, 84.2, 'housing-editor'],
        ['UPDATE', 'state', 'RETURNED', 'SUBMITTED', 'housing-editor'],
        ['UPDATE', 'state', 'SUBMITTED', 'APPROVED', 'admin'],
        ['UPDATE', 'returnReason', '请附监测站月报', null, 'admin'],
        ['UPDATE', 'state', 'APPROVED', 'RETURNED', 'admin'],
        ['UPDATE', 'returnReason', null, '统计局更正了6月数据', 'admin'],
        ['UPDATE', 'actualValue', 84.2, 84, 'housing-editor'],
        ['UPDATE', 'state', 'RETURNED', 'SUBMITTED', 'housing-editor'],
        ['UPDATE', 'state', 'SUBMITTED', 'APPROVED', 'admin'],
        ['UPDATE', 'returnReason', '统计局更正了6月数据', null, 'admin'],
      ]);
      expect(trail.every((a: any) => a.source === 'graphql')).toBe(true);
    });
  });

  describe('deleting', () => {
    it('a draft or a returned entry, by its department or the office; never a submitted or approved one', async () => {
      const draft = await save({ indicatorId: indicator, period: '2016-03', actualValue: 70 }, as.lead);
      const v = { id: draft.id, v: draft.version };
      await refused(DELETE, v, as.anonymous, 'UNAUTHENTICATED');
      await refused(DELETE, v, as.token, 'FORBIDDEN');
      await refused(DELETE, v, as.other, 'NOT_FOUND');
      await refused(DELETE, { ...v, v: 9 }, as.lead, 'CONFLICT');
      expect((await hub.gql(DELETE, v, as.lead)).deleteLedgerEntry).toBe(true);
      expect((await hub.gql(ONE, { id: draft.id }, as.admin)).ledgerEntry).toBeNull();
      const trail = await audit(draft.id);
      expect(trail.map((a: any) => a.action)).toEqual(['CREATE', 'DELETE']);
      expect(JSON.parse(trail[1].before)).toMatchObject({ period: '2016-03', actualValue: 70, state: 'DRAFT', department: 'housing' });

      let returned = await save({ indicatorId: indicator, period: '2016-04', actualValue: 71 }, as.lead);
      returned = (await hub.gql(SUBMIT, { id: returned.id, v: returned.version }, as.lead)).submitLedgerEntry;
      await refused(DELETE, { id: returned.id, v: returned.version }, as.admin, 'CONFLICT');
      returned = (await hub.gql(RETURN, { id: returned.id, v: returned.version, reason: '重复填报' }, as.admin)).returnLedgerEntry;
      await refused(DELETE, { id: returned.id, v: returned.version }, as.support, 'FORBIDDEN');
      expect((await hub.gql(DELETE, { id: returned.id, v: returned.version }, as.admin)).deleteLedgerEntry).toBe(true);
      await refused(DELETE, { id: returned.id, v: returned.version }, as.admin, 'NOT_FOUND');
    });
  });

  describe('evidence and the workflow', () => {
    it('an entry with only an evidence file can be submitted; one with nothing cannot; deleting an entry takes its evidence rows along', async () => {
      const empty = await save({ indicatorId: indicator, period: '2016-10' }, as.lead);
      const refusal = await refused(SUBMIT, { id: empty.id, v: empty.version }, as.lead, 'BAD_USER_INPUT');
      expect(refusal.message).toMatch(/nothing to submit/);
      const em = hub.orm.em.fork() as Em;
      const sha = 'a'.repeat(64);
      em.persist(em.create(EvidenceFile, { sha256: sha, size: 3, bytes: Buffer.from('pdf') } as never));
      em.persist(em.create(Evidence, { ledgerEntry: Number(empty.id), file: sha, fileName: '月报.pdf', contentType: 'application/pdf', size: 3, sha256: sha } as never));
      await em.flush();
      const submitted = (await hub.gql(SUBMIT, { id: empty.id, v: empty.version }, as.lead)).submitLedgerEntry;
      expect(submitted.state).toBe('SUBMITTED');
      const returned = (await hub.gql(RETURN, { id: empty.id, v: submitted.version, reason: '请填写实际值' }, as.admin)).returnLedgerEntry;
      expect((await hub.gql(DELETE, { id: empty.id, v: returned.version }, as.lead)).deleteLedgerEntry).toBe(true);
      const left = await hub.orm.em.fork().getConnection().execute('select count(*) as n from evidence where ledger_entry_id = ?', [Number(empty.id)]);
      expect(Number(left[0].n)).toBe(0);
    });
  });

  describe('reading', () => {
    const all = async (actor: Actor, filter: Record<string, unknown> = {}) => (await hub.gql(LIST, { filter, limit: 1000 }, actor)).ledgerEntries;

    it('signed out: approved entries only; other departments: everything but drafts; the office and the department: their drafts too', async () => {
      const everything = await all(as.admin);
      expect(everything.totalCount).toBe(8);
      expect(new Set(everything.items.map((e: any) => e.state))).toEqual(new Set(['DRAFT', 'APPROVED']));
      const anonymous = await all(as.anonymous);
      expect(anonymous.totalCount).toBe(everything.items.filter((e: any) => e.state === 'APPROVED').length);
      expect(anonymous.items.every((e: any) => e.state === 'APPROVED')).toBe(true);
      const housingDrafts = everything.items.filter((e: any) => e.state === 'DRAFT' && e.department.code === 'housing');
      const envDrafts = everything.items.filter((e: any) => e.state === 'DRAFT' && e.department.code === 'environment');
      expect(housingDrafts.length).toBeGreaterThan(2);
      expect(envDrafts.length).toBe(1);
      for (const [actor, hidden] of [
        [as.support, housingDrafts],
        [as.other, [...housingDrafts, ...envDrafts]],
        [as.viewer, [...housingDrafts, ...envDrafts]],
        [as.token, [...housingDrafts, ...envDrafts]],
      ] as [Actor, any[]][]) {
        const seen = await all(actor);
        expect(seen.totalCount, actor.username!).toBe(everything.totalCount - hidden.length);
        expect(seen.items.map((e: any) => e.id)).not.toContain(hidden[0].id);
        expect((await hub.gql(ONE, { id: hidden[0].id }, actor)).ledgerEntry).toBeNull();
      }
      expect((await all(as.lead)).totalCount).toBe(everything.totalCount - envDrafts.length);
      expect((await hub.gql(ONE, { id: housingDrafts[0].id }, as.lead)).ledgerEntry).toMatchObject({ state: 'DRAFT' });
      expect((await hub.gql(ONE, { id: housingDrafts[0].id }, as.anonymous)).ledgerEntry).toBeNull();
      // The state filter cannot widen what a reader sees.
      expect((await all(as.anonymous, { state: 'DRAFT' })).totalCount).toBe(0);
    });

    it('filters, orders and pages', async () => {
      const ids = (page: any) => page.items.map((e: any) => e.id);
      const byDept = await all(as.admin, { department: '环保' });
      expect(byDept.items.map((e: any) => e.department.code)).toEqual(['environment']);
      expect((await all(as.admin, { itemKind: 'MILESTONE' })).items.map((e: any) => e.milestone.text)).toEqual(['新增绿道50公里']);
      expect((await all(as.admin, { itemKind: 'SPECIAL_TARGET' })).items.map((e: any) => e.period)).toEqual(['2019-Q1']);
      expect((await all(as.admin, { specialTargetIds: [specialTarget] })).totalCount).toBe(1);
      expect((await all(as.admin, { milestoneIds: [milestone] })).totalCount).toBe(1);
      expect((await all(as.admin, { periodKind: 'QUARTER' })).items.map((e: any) => e.period).sort()).toEqual(['2018-Q3', '2019-Q1']);
      expect((await all(as.admin, { period: '2018-q3' })).totalCount).toBe(1);
      expect((await all(as.admin, { year: 2017 })).items.map((e: any) => e.period).sort()).toEqual(['2017', '2017-06', '2017-06']);
      expect((await all(as.admin, { search: '绿道' })).totalCount).toBe(1); // the milestone's name and text, or a progress text
      expect((await all(as.admin, { search: '优良率' })).totalCount).toBeGreaterThan(5); // the indicator's name
      expect((await all(as.admin, { search: '住建', itemKind: 'INDICATOR' })).items.every((e: any) => e.department.code === 'housing')).toBe(true);
      expect((await all(as.admin, { search: '85%' })).totalCount).toBe(1); // % is literal
      expect((await all(as.admin, { search: '8_%' })).totalCount).toBe(0);
      const desc = (await hub.gql(LIST, { orderBy: [{ field: 'actualValue', direction: 'DESC' }], limit: 2 }, as.admin)).ledgerEntries;
      expect(desc.items.map((e: any) => e.actualValue)).toEqual([90, 88.5]);
      const first = (await hub.gql(LIST, { limit: 3, offset: 0 }, as.admin)).ledgerEntries;
      const second = (await hub.gql(LIST, { limit: 3, offset: 3 }, as.admin)).ledgerEntries;
      expect(new Set([...ids(first), ...ids(second)]).size).toBe(6);
      expect(first.totalCount).toBe(second.totalCount);
      const errors = await hub.gqlErrors(LIST, { orderBy: [{ field: 'secret' }] }, as.admin);
      expect(errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'orderBy[0].field' });
      expect((await hub.gqlErrors(LIST, { limit: 1001 }, as.admin))[0].extensions.field).toBe('limit');
      expect((await hub.gqlErrors(LIST, { filter: { year: 2015 } }, as.admin))[0].extensions.field).toBe('filter.year');
      expect((await hub.gqlErrors(LIST, { filter: { department: '没有这个局' } }, as.admin))[0].extensions.field).toBe('filter.department');
    });

    it('a page of entries with their department and item costs the same statements at 2 and at every row', async () => {
      const Q = `query($limit: Int, $filter: LedgerEntryFilter) { ledgerEntries(limit: $limit, filter: $filter) { totalCount items { id department { code aliases } indicator { seq name responsibilities { role department { code } } } specialTarget { seq } milestone { text } } } }`;
      const count = async (limit: number, filter?: Record<string, unknown>) => {
        hub.statements.length = 0;
        const data = await hub.gql(Q, { limit, filter }, as.admin);
        return { items: data.ledgerEntries.items, statements: hub.statements.length };
      };
      // 2019: one entry of each kind of item.
      const small = await count(3, { year: 2019 });
      const large = await count(1000);
      expect(small.items.map((e: any) => [!!e.indicator, !!e.specialTarget, !!e.milestone])).toEqual(expect.arrayContaining([[true, false, false], [false, true, false], [false, false, true]]));
      expect(large.items.length).toBe(8);
      expect(large.items.some((e: any) => e.milestone) && large.items.some((e: any) => e.specialTarget) && large.items.some((e: any) => e.indicator)).toBe(true);
      expect(large.statements).toBe(small.statements);
      // count, page, departments, aliases, indicators, their responsibilities and departments, special targets, milestones
      expect(large.statements).toBeLessThanOrEqual(10);
    });
  });

  describe('the answer cache', () => {
    it('keeps ledger reads per reader and drops them at any ledger write', async () => {
      const post = async (query: string, token?: string) => {
        const res = await hub.app.inject({ method: 'POST', url: '/graphql', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, payload: { query } });
        return { cache: res.headers['x-plan-hub-cache'], json: res.json() };
      };
      const login = await post(`mutation { login(username: "housing-editor", password: "${ADMIN_PASSWORD}") { token } }`);
      const token = login.json.data.login.token as string;
      const Q = '{ ledgerEntries(filter: { year: 2018 }) { totalCount items { id state actualValue department { code } indicator { seq } } } }';
      await post(Q);
      const anonymous = await post(Q);
      await post(Q, token);
      const lead = await post(Q, token);
      expect([anonymous.cache, lead.cache]).toEqual(['hit', 'hit']);
      // The department sees its drafts; signed out, nobody does.
      expect(anonymous.json.data.ledgerEntries.totalCount).toBe(0);
      expect(lead.json.data.ledgerEntries.totalCount).toBe(2);
      const row = lead.json.data.ledgerEntries.items[0];
      await hub.gql(SUBMIT, { id: row.id, v: (await hub.gql(ONE, { id: row.id }, as.lead)).ledgerEntry.version }, as.lead);
      const after = await post(Q, token);
      expect(after.cache).toBe('miss');
      expect(after.json.data.ledgerEntries.items.find((e: any) => e.id === row.id).state).toBe('SUBMITTED');
    });
  });

  it('what the cache says a ledger read reads covers the SQL it sends', async () => {
    const schema = await buildGraphQLSchema();
    const known = new Set<string>([...TRACKED_TABLES, ...UNTRACKED_TABLES]);
    const queries = [
      ...Object.keys((schema.getType('LedgerEntry') as GraphQLObjectType).getFields()).map((f) => {
        const named = getNamedType((schema.getType('LedgerEntry') as GraphQLObjectType).getFields()[f].type);
        return `{ ledgerEntries(limit: 20) { totalCount items { ${f}${isObjectType(named) ? ' { id }' : ''} } } }`;
      }),
      `{ ledgerEntries(filter: { department: "住建", search: "绿道", itemKind: MILESTONE, period: "2019", state: APPROVED }) { totalCount items { id } } }`,
      `{ ledgerEntries(filter: { search: "区" }, orderBy: [{ field: "period", direction: DESC }]) { totalCount items { id milestone { text } } } }`,
      `{ ledgerEntry(id: "1") { id department { code } indicator { seq } } }`,
    ];
    for (const q of queries) {
      const said = tablesRead(schema, parse(q), undefined);
      expect(said, q).not.toBeNull();
      hub.statements.length = 0;
      await hub.gql(q);
      const sent = new Set<string>();
      for (const st of hub.statements) for (const m of st.matchAll(/\b(?:from|join)\s+[`"]?(\w+)[`"]?/gi)) if (known.has(m[1])) sent.add(m[1]);
      expect([...sent].filter((t) => !said!.includes(t as never)), `${q}\nsays ${said}\nsent ${[...sent]}`).toEqual([]);
    }
  });

  describe('restoring from the audit trail', () => {
    it('puts a field of a draft back, checked and audited like an edit; the state is not restored', async () => {
      let row = await save({ indicatorId: indicator, period: '2016-09', actualValue: 60 }, as.lead);
      row = await save({ indicatorId: indicator, period: '2016-09', actualValue: 65 }, as.lead, row.version);
      const change = (await audit(row.id)).length;
      const entries = (await hub.gql(`query($id: ID!) { auditLog(entity: "LedgerEntry", entityId: $id, field: "actualValue") { id } }`, { id: row.id })).auditLog;
      const restored = (await hub.gql(`mutation($e: ID!, $v: Int) { restoreAuditEntry(entryId: $e, expectedVersion: $v) { entity row { ... on LedgerEntry { actualValue version } } } }`, { e: entries[0].id, v: row.version }, as.lead)).restoreAuditEntry;
      expect(restored).toEqual({ entity: 'LedgerEntry', row: { actualValue: 60, version: row.version + 1 } });
      expect((await audit(row.id)).length).toBe(change + 1);
      // Another department cannot restore it.
      const other = await hub.gqlErrors(`mutation($e: ID!) { restoreAuditEntry(entryId: $e) { entity } }`, { e: entries[0].id }, as.other);
      expect(other[0].extensions.code).toBe('NOT_FOUND');
      // A state change is a step of the workflow, not a field to put back.
      const sub = (await hub.gql(SUBMIT, { id: row.id, v: row.version + 1 }, as.lead)).submitLedgerEntry;
      const stateEntry = (await hub.gql(`query($id: ID!) { auditLog(entity: "LedgerEntry", entityId: $id, field: "state") { id } }`, { id: row.id })).auditLog[0];
      const refusal = await hub.gqlErrors(`mutation($e: ID!) { restoreAuditEntry(entryId: $e) { entity } }`, { e: stateEntry.id }, as.admin);
      expect(refusal[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'patch.state' });
      expect(sub.state).toBe('SUBMITTED');
    });
  });

  describe('saving many at once (a department’s spreadsheet)', () => {
    it('all or nothing, with the same rules per row; the refusal names its row', async () => {
      const services = () => createServices(hub.orm.em.fork() as Em, as.lead);
      const before = await stored();
      const rows = [
        { input: { indicatorId: indicator, period: '2020-01', actualValue: 81 }, submit: true },
        { input: { indicatorId: indicator, period: '2020-02', actualValue: 82 } },
        { input: { indicatorId: otherIndicator, period: '2020-02', actualValue: 1 } }, // housing has no part in it
      ];
      const refusal = await services().ledger.saveMany(rows).catch((e) => e);
      expect(refusal).toBeInstanceOf(BulkRefusal);
      expect(refusal.index).toBe(2);
      expect(refusal.error.code).toBe('FORBIDDEN');
      expect(await stored()).toEqual(before);

      const saved = await services().ledger.saveMany(rows.slice(0, 2));
      expect(saved.map((e) => [e.period, e.state, e.actualValue])).toEqual([
        ['2020-01', 'SUBMITTED', 81],
        ['2020-02', 'DRAFT', 82],
      ]);
      // Loading the same file again: a duplicate, unless it says upsert; an upsert changes what changed.
      const dup = await services().ledger.saveMany(rows.slice(1, 2)).catch((e) => e);
      expect(dup.error.details.reason).toBe('DUPLICATE');
      const again = await services().ledger.saveMany([{ input: { indicatorId: indicator, period: '2020-02', actualValue: 83 }, upsert: true }]);
      expect(again[0]).toMatchObject({ actualValue: 83, version: 2 });
      // The submitted one is not editable by a re-load.
      const locked = await services().ledger.saveMany([{ input: { indicatorId: indicator, period: '2020-01', actualValue: 1 }, upsert: true }]).catch((e) => e);
      expect(locked.error.details.reason).toBe('INVALID_STATE');
      // The same key twice in one file; and the first refused row is the one named, whatever kind of refusal.
      const twice = await services().ledger.saveMany([rows[1], { input: { indicatorId: indicator, period: '2020-4', actualValue: 1 } }, { input: { indicatorId: indicator, period: '2020-04', actualValue: 2 } }].slice(1)).catch((e) => e);
      expect([twice.index, twice.error.details.reason, twice.error.message]).toEqual([1, 'DUPLICATE', expect.stringMatching(/2020-04 is given twice: in rows 1 and 2/)]);
      const first = await services().ledger.saveMany([{ input: { indicatorId: indicator, period: '2020-09', actualValue: 1 } }, { input: { indicatorId: indicator, period: '2020-01', actualValue: 1 }, upsert: true }, { input: { indicatorId: indicator, period: '2030' } }]).catch((e) => e);
      expect([first.index, first.error.details.reason]).toEqual([1, 'INVALID_STATE']);
      expect(await services().ledger.saveMany([])).toEqual([]);
      // Rows about different kinds of item, with the other id columns blank, are not mistaken for one another.
      const mixed = await services().ledger.saveMany([
        { input: { indicatorId: '', specialTargetId: specialTarget, period: '2020-Q4', progressText: '完成' } },
        { input: { indicatorId: '', milestoneId: milestone, period: '2020-Q4', actualValue: 3 } },
      ]);
      expect(mixed.map((e) => e.itemKey)).toEqual([`specialTarget:${specialTarget}`, `milestone:${milestone}`]);
      // The operator (CLI, import as SYSTEM) must name the department like the office.
      const system = await createServices(hub.orm.em.fork() as Em, SYSTEM_ACTOR).ledger.saveMany([{ input: { indicatorId: indicator, period: '2020-03' } }]).catch((e) => e);
      expect(system.error.details.field).toBe('department');
    });
  });

  describe('items named as a spreadsheet names them', () => {
    it('by kind and the plan’s numbers, a milestone by its number within its special target; a wrong number is refused naming its column', async () => {
      const services = createServices(hub.orm.em.fork() as Em, as.lead);
      const refs = [
        { kind: LedgerItemKind.INDICATOR, seq: 20 },
        { kind: LedgerItemKind.SPECIAL_TARGET, seq: 7 },
        { kind: LedgerItemKind.MILESTONE, seq: 7, milestoneSeq: 1 },
        { kind: LedgerItemKind.INDICATOR, seq: 99 },
        { kind: LedgerItemKind.MILESTONE, seq: 7, milestoneSeq: 5 },
        { kind: LedgerItemKind.MILESTONE, seq: 7 },
        { kind: LedgerItemKind.SPECIAL_TARGET, seq: 7, milestoneSeq: 1 },
      ];
      const items = await services.ledger.itemsBySeq(null, refs);
      expect(items.slice(0, 3)).toEqual([{ indicatorId: indicator }, { specialTargetId: specialTarget }, { milestoneId: milestone }]);
      expect(items.slice(3).map((e: any) => [e.details.field, e.message])).toEqual([
        ['itemSeq', 'itemSeq: plan binjiang-13th has no indicator 99'],
        ['milestoneSeq', 'milestoneSeq: special target 7 has no milestone 5'],
        ['milestoneSeq', "milestoneSeq: give the milestone's number within special target 7"],
        ['milestoneSeq', 'milestoneSeq: a milestone number belongs to a row of kind MILESTONE (里程碑)'],
      ]);
      // Straight into saveMany.
      const saved = await services.ledger.saveMany([{ input: { ...(items[2] as object), period: '2020', actualValue: 48 } }]);
      expect(saved[0]).toMatchObject({ period: '2020', actualValue: 48, state: 'DRAFT' });
    });
  });

  describe('the supporting department and the office as filer', () => {
    it('the supporting department files, submits and deletes its own entries; the office submits a department’s draft', async () => {
      let own = await save({ indicatorId: indicator, period: '2020-05', actualValue: 77, progressText: '配合监测' }, as.support);
      // The leading department cannot touch it (hidden while a draft, refused once submitted).
      await refused(SUBMIT, { id: own.id, v: own.version }, as.lead, 'NOT_FOUND');
      own = (await hub.gql(SUBMIT, { id: own.id, v: own.version }, as.support)).submitLedgerEntry;
      expect(own).toMatchObject({ state: 'SUBMITTED', department: { code: 'environment' } });
      await refused(DELETE, { id: own.id, v: own.version }, as.lead, 'FORBIDDEN');
      own = (await hub.gql(RETURN, { id: own.id, v: own.version, reason: '与牵头单位数据不一致' }, as.admin)).returnLedgerEntry;
      expect((await hub.gql(DELETE, { id: own.id, v: own.version }, as.support)).deleteLedgerEntry).toBe(true);

      const draft = await save({ indicatorId: indicator, period: '2020-06', actualValue: 78 }, as.lead);
      const byOffice = (await hub.gql(SUBMIT, { id: draft.id, v: draft.version }, as.admin)).submitLedgerEntry;
      expect(byOffice.state).toBe('SUBMITTED');
      const trail = await audit(draft.id);
      expect(trail.at(-1)).toMatchObject({ action: 'UPDATE', field: 'state', username: 'admin' });
    });
  });
});
