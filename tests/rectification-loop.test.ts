import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ANONYMOUS, startHub, type TestHub } from './helpers';
import { Role } from '../schema/accounts/account.enums';
import { createServices } from '../server/services';
import type { Actor } from '../server/common/actor';
import type { Em } from '../server/orm';
import { FeedbackSource } from '../schema/rectifications/rectification.enums';
import { cacheableTables } from '../server/cache/response-cache';
import { buildGraphQLSchema } from '../server/schema';

/**
 * The rectification loop (评价—整改—反馈, issue 15): who may take which step, what each refusal says,
 * that a refusal changes nothing, the steps and the audit trail each step leaves, the feedback under
 * a rectification and who may give it, the overdue flag at hand-computed moments, that the plain edit
 * and the import no longer move a status, and that the loop's relations cost a constant number of
 * statements whatever the page size.
 *
 * The seed's rectification 2 (public transport) is led by 区交通局 (transport) and supported by
 * 区住建局 (housing) and 区规划局; 区社发局 has no part in it. Its deadline is 2020.
 */

const ROW = 'id seq status version overdue steps { from to note by at department { name } } feedback { text source author department { name } }';
const ADVANCE = `mutation($id: ID!, $to: RectificationStatus!, $note: String!, $v: Int!) { advanceRectification(id: $id, to: $to, note: $note, expectedVersion: $v) { ${ROW} } }`;
const FEEDBACK = `mutation($id: ID!, $text: String!) { addRectificationFeedback(rectificationId: $id, text: $text) { text source author department { name } } }`;
const ONE = `query($id: ID!) { rectification(id: $id) { ${ROW} } }`;

type Status = 'OPEN' | 'IN_PROGRESS' | 'DONE' | 'VERIFIED';

describe('the rectification loop (评价—整改—反馈)', () => {
  let hub: TestHub;
  const as: Record<string, Actor> = {};
  let id = ''; // rectification 2: transport leads, housing supports
  let otherId = ''; // rectification 1: transport has no part in it

  beforeAll(async () => {
    hub = await startHub();
    as.admin = hub.admin;
    as.viewer = await hub.user('viewer', Role.VIEWER);
    as.lead = await hub.user('transport-editor', Role.EDITOR, '交通');
    as.support = await hub.user('housing-editor', Role.EDITOR, '住建');
    as.other = await hub.user('social-editor', Role.EDITOR, '社发局');
    as.anonymous = ANONYMOUS;
    const rows = (await hub.gql('{ rectifications { items { id seq responsibilities { role department { name } } } } }')).rectifications.items;
    const two = rows.find((r: any) => r.seq === 2);
    expect(two.responsibilities.map((r: any) => `${r.role} ${r.department.name}`)).toEqual(['LEAD 区交通局', 'SUPPORT 区住建局', 'SUPPORT 区规划局']);
    id = two.id;
    otherId = rows.find((r: any) => r.seq === 1).id;
  });
  afterAll(() => hub?.close());
  afterEach(() => vi.useRealTimers());

  const run = async (query: string, variables: Record<string, unknown>, actor: Actor) => {
    try {
      return { outcome: 'ok', data: await hub.gql(query, variables, actor), error: null as any };
    } catch (e) {
      const errors = JSON.parse(String((e as Error).message).replace(/^GraphQL errors: /, ''));
      return { outcome: errors[0].extensions.code as string, data: null, error: errors[0] };
    }
  };
  const sql = (text: string, params: unknown[] = []) => hub.orm.em.fork().getConnection().execute(text, params);
  /** The row, its steps and feedback and the audit trail as stored: a refusal must leave them as they were. */
  const stored = async () => ({
    row: JSON.stringify(await sql('select id, version, status, updated_at from rectification order by id')),
    steps: JSON.stringify(await sql('select * from rectification_step order by id')),
    feedback: JSON.stringify(await sql('select * from rectification_feedback order by id')),
    audit: Number((await sql('select count(*) as n from audit_entry'))[0].n),
  });
  /** Puts rectification 2 at a status by the office's own steps (each a real step), returning its version. */
  const bring = async (to: Status): Promise<number> => {
    const path: Record<Status, Status[]> = { OPEN: [], IN_PROGRESS: ['IN_PROGRESS'], DONE: ['IN_PROGRESS', 'DONE'], VERIFIED: ['IN_PROGRESS', 'DONE', 'VERIFIED'] };
    // Back to OPEN first: the loop has no way back there, so the fixture resets the column (and its steps) directly.
    await sql(`update rectification set status = 'OPEN' where id = ?`, [Number(id)]);
    let row = (await hub.gql(ONE, { id })).rectification;
    for (const step of path[to]) row = (await hub.gql(ADVANCE, { id, to: step, note: `到 ${step}`, v: row.version })).advanceRectification;
    return row.version;
  };

  const ALL: Status[] = ['OPEN', 'IN_PROGRESS', 'DONE', 'VERIFIED'];
  const VALID: Record<Status, Status[]> = { OPEN: ['IN_PROGRESS'], IN_PROGRESS: ['DONE'], DONE: ['VERIFIED', 'IN_PROGRESS'], VERIFIED: [] };
  const LEAD_STEPS = new Set(['OPEN>IN_PROGRESS', 'IN_PROGRESS>DONE']);
  /** The expected answer, by hand: who may take which step. */
  const expected = (who: string, from: Status, to: Status): string => {
    if (who === 'anonymous') return 'UNAUTHENTICATED';
    if (who === 'viewer' || who === 'other' || who === 'support') return 'FORBIDDEN';
    if (!VALID[from].includes(to)) return 'CONFLICT';
    if (who === 'admin') return 'ok';
    return LEAD_STEPS.has(`${from}>${to}`) ? 'ok' : 'FORBIDDEN';
  };

  for (const who of ['admin', 'lead', 'support', 'other', 'viewer', 'anonymous']) {
    it(`every step by ${who}: allowed ones move the status and leave a step and two audit entries; refused ones change nothing`, async () => {
      for (const from of ALL) {
        for (const to of ALL) {
          const version = await bring(from);
          const before = await stored();
          const want = expected(who, from, to);
          const note = `${who}: ${from} → ${to}，已完成道路施工`;
          const res = await run(ADVANCE, { id, to, note, v: version }, as[who]);
          expect(res.outcome, `${who} ${from} → ${to}: ${JSON.stringify(res.error)}`).toBe(want);
          if (want !== 'ok') {
            expect(await stored(), `${who} ${from} → ${to} changed something`).toEqual(before);
            if (want === 'CONFLICT') {
              expect(res.error.extensions.reason).toBe('INVALID_STATE');
              expect(res.error.extensions.state).toBe(from);
              expect(res.error.message).toContain(`cannot go from ${from} to ${to}`);
            }
            if (want === 'FORBIDDEN' && who === 'lead') expect(res.error.message).toMatch(/Only the evaluation office \(ADMIN\) can (verify|send)/);
            continue;
          }
          const row = res.data.advanceRectification;
          expect(row.status).toBe(to);
          expect(row.version).toBe(version + 1);
          const last = row.steps[row.steps.length - 1];
          expect(last).toMatchObject({ from, to, note, by: as[who].username, department: who === 'lead' ? { name: '区交通局' } : null });
          const audit = await sql(`select entity, field, before, after, username from audit_entry where id > (select max(id) - 2 from audit_entry) order by id`);
          expect(audit.map((a: any) => [a.entity, a.field, a.username])).toEqual([
            ['Rectification', 'status', as[who].username],
            ['RectificationStep', null, as[who].username],
          ]);
          expect([JSON.parse(audit[0].before), JSON.parse(audit[0].after)]).toEqual([from, to]);
          expect(JSON.parse(audit[1].after)).toMatchObject({ rectificationId: id, from, to, note });
        }
      }
    });
  }

  it('the whole loop by the lead department and the office, sent back once: every step kept in order with its note', async () => {
    await sql('delete from rectification_step where rectification_id = ?', [Number(id)]);
    let v = await bring('OPEN');
    const go = async (to: Status, note: string, who: Actor) => {
      const row = (await hub.gql(ADVANCE, { id, to, note, v }, who)).advanceRectification;
      v = row.version;
      return row;
    };
    await go('IN_PROGRESS', '已启动江南大道地下通道工程', as.lead);
    await go('DONE', '地下通道已通车', as.lead);
    await go('IN_PROGRESS', '缺少公交分担率数据，退回补充', as.admin);
    await go('DONE', '已补充公交分担率 35.2%', as.lead);
    const row = await go('VERIFIED', '验收通过', as.admin);
    expect(row.steps.map((s: any) => [s.from, s.to, s.note, s.by])).toEqual([
      ['OPEN', 'IN_PROGRESS', '已启动江南大道地下通道工程', 'transport-editor'],
      ['IN_PROGRESS', 'DONE', '地下通道已通车', 'transport-editor'],
      ['DONE', 'IN_PROGRESS', '缺少公交分担率数据，退回补充', 'admin'],
      ['IN_PROGRESS', 'DONE', '已补充公交分担率 35.2%', 'transport-editor'],
      ['DONE', 'VERIFIED', '验收通过', 'admin'],
    ]);
    expect(new Date(row.steps[4].at).getTime()).toBeGreaterThanOrEqual(new Date(row.steps[0].at).getTime());
    // Verified is the end of the loop: no step leads out of it, for anyone.
    const res = await run(ADVANCE, { id, to: 'IN_PROGRESS', note: '再次整改', v }, as.admin);
    expect(res.outcome).toBe('CONFLICT');
    expect(res.error.message).toContain('the end of the loop');
  });

  it('a note is required (blank or only spaces) and at most 5000 characters; the refusal names the field and changes nothing', async () => {
    const v = await bring('OPEN');
    const before = await stored();
    for (const note of ['', '   ']) {
      const res = await run(ADVANCE, { id, to: 'IN_PROGRESS', note, v }, as.lead);
      expect(res.outcome).toBe('BAD_USER_INPUT');
      expect(res.error.extensions.field).toBe('note');
    }
    const long = await run(ADVANCE, { id, to: 'IN_PROGRESS', note: '长'.repeat(5001), v }, as.admin);
    expect(long.outcome).toBe('BAD_USER_INPUT');
    expect(long.error.message).toContain('at most 5000');
    expect(await stored()).toEqual(before);
    // Trimmed as every text is.
    const ok = (await hub.gql(ADVANCE, { id, to: 'IN_PROGRESS', note: '  开工  ', v }, as.lead)).advanceRectification;
    expect(ok.steps.at(-1).note).toBe('开工');
  });

  it('a stale expectedVersion is a CONFLICT naming both versions, and changes nothing', async () => {
    const v = await bring('IN_PROGRESS');
    const before = await stored();
    const res = await run(ADVANCE, { id, to: 'DONE', note: '完成', v: v - 1 }, as.lead);
    expect(res.outcome).toBe('CONFLICT');
    expect(res.error.extensions).toMatchObject({ currentVersion: v, expectedVersion: v - 1 });
    expect(await stored()).toEqual(before);
    // An unknown rectification: NOT_FOUND.
    expect((await run(ADVANCE, { id: '99999', to: 'DONE', note: '完成', v }, as.admin)).outcome).toBe('NOT_FOUND');
  });

  it('the lead department of one rectification is nobody on another: FORBIDDEN there', async () => {
    const v = (await hub.gql(ONE, { id: otherId })).rectification.version;
    const res = await run(ADVANCE, { id: otherId, to: 'IN_PROGRESS', note: '开工', v }, as.lead);
    expect(res.outcome).toBe('FORBIDDEN');
    expect(res.error.message).toContain('not led by your department');
  });

  describe('the plain edit and the import no longer move a status', () => {
    const UPDATE = `mutation($id: ID!, $patch: RectificationPatch!, $v: Int) { updateRectification(id: $id, patch: $patch, expectedVersion: $v) { status version measures } }`;

    it('updateRectification with another status is refused for everyone (the office too), naming patch.status; the same status and other fields pass', async () => {
      const v = await bring('IN_PROGRESS');
      const before = await stored();
      for (const who of ['admin', 'lead']) {
        const res = await run(UPDATE, { id, patch: { status: 'DONE' }, v }, as[who]);
        expect(res.outcome).toBe('BAD_USER_INPUT');
        expect(res.error.extensions).toMatchObject({ field: 'patch.status', reason: 'LOOP_ONLY' });
        expect(res.error.message).toContain('advanceRectification');
      }
      // In a batch (the grid's paste): refused as a whole.
      const batch = await run(`mutation($i: BatchEditInput!) { batchUpdate(input: $i) { __typename } }`, { i: { rectifications: [{ id, expectedVersion: v, patch: { status: 'VERIFIED' } }] } }, as.admin);
      expect(batch.outcome).toBe('BAD_USER_INPUT');
      expect(await stored()).toEqual(before);
      const same = (await hub.gql(UPDATE, { id, patch: { status: 'IN_PROGRESS', measures: '新增公交线路 12 条' }, v }, as.lead)).updateRectification;
      expect(same).toMatchObject({ status: 'IN_PROGRESS', version: v + 1, measures: '新增公交线路 12 条' });
    });

    it('an import that changes a status is refused with the row and column; the same file with its statuses as stored loads', async () => {
      await bring('IN_PROGRESS');
      const exported = (await hub.gql(`{ exportTable(table: RECTIFICATIONS, format: JSON) { contentBase64 } }`)).exportTable;
      const doc = JSON.parse(Buffer.from(exported.contentBase64, 'base64').toString('utf8'));
      const rows: any[] = doc.rows;
      const index = rows.findIndex((r) => r.seq === 2);
      expect(rows[index].status).toMatch(/IN_PROGRESS|整改中/);
      const IMPORT = `mutation($c: String!, $dry: Boolean) { importTable(input: { table: RECTIFICATIONS, format: JSON, content: $c, dryRun: $dry }) { applied updated problems { row column reason code } } }`;
      rows[index].status = 'VERIFIED';
      const before = await stored();
      const dry = (await hub.gql(IMPORT, { c: JSON.stringify(doc), dry: true })).importTable;
      expect(dry.applied).toBe(false);
      expect(dry.problems).toHaveLength(1);
      expect(dry.problems[0]).toMatchObject({ row: index + 1, column: 'status', code: 'BAD_USER_INPUT' });
      expect(dry.problems[0].reason).toContain('rectification loop');
      const real = await run(IMPORT, { c: JSON.stringify(doc), dry: false }, as.admin);
      expect(real.outcome).toBe('BAD_USER_INPUT');
      expect(await stored()).toEqual(before);
      rows[index].status = 'IN_PROGRESS';
      rows[index].measures = `${rows[index].measures}（已更新）`;
      const ok = (await hub.gql(IMPORT, { c: JSON.stringify(doc), dry: false })).importTable;
      expect(ok).toMatchObject({ applied: true, updated: 1, problems: [] });
    });
  });

  describe('feedback (反馈)', () => {
    it('the office gives OFFICE feedback, the lead and supporting departments’ editors DEPARTMENT feedback; others are refused and nothing changes', async () => {
      await sql('delete from rectification_feedback');
      const cases: [string, string, Record<string, unknown> | null][] = [
        ['admin', 'ok', { source: 'OFFICE', author: 'admin', department: null }],
        ['lead', 'ok', { source: 'DEPARTMENT', author: 'transport-editor', department: { name: '区交通局' } }],
        ['support', 'ok', { source: 'DEPARTMENT', author: 'housing-editor', department: { name: '区住建局' } }],
        ['other', 'FORBIDDEN', null],
        ['viewer', 'FORBIDDEN', null],
        ['anonymous', 'UNAUTHENTICATED', null],
      ];
      for (const [who, want, shape] of cases) {
        const before = await stored();
        const text = `${who} 的反馈：公交站点覆盖率已提升`;
        const res = await run(FEEDBACK, { id, text }, as[who]);
        expect(res.outcome, `${who}: ${JSON.stringify(res.error)}`).toBe(want);
        if (want !== 'ok') {
          expect(await stored()).toEqual(before);
          continue;
        }
        expect(res.data.addRectificationFeedback).toEqual({ text, ...shape });
        const [audit] = await sql(`select entity, username, after from audit_entry order by id desc limit 1`);
        expect(audit).toMatchObject({ entity: 'RectificationFeedback', username: as[who].username });
        expect(JSON.parse(audit.after)).toMatchObject({ rectificationId: id, text, source: shape!.source });
      }
      const row = (await hub.gql(ONE, { id })).rectification;
      expect(row.feedback.map((f: any) => [f.source, f.author])).toEqual([
        ['OFFICE', 'admin'],
        ['DEPARTMENT', 'transport-editor'],
        ['DEPARTMENT', 'housing-editor'],
      ]);
      // A supporting department feeds back, but does not report the loop's steps.
      const v = row.version;
      expect((await run(ADVANCE, { id, to: row.status === 'OPEN' ? 'IN_PROGRESS' : 'DONE', note: '完成', v }, as.support)).outcome).toBe('FORBIDDEN');
    });

    it('feedback needs text; a public comment copied in by the moderating office has source PUBLIC and no author', async () => {
      const blank = await run(FEEDBACK, { id, text: '  ' }, as.admin);
      expect(blank.outcome).toBe('BAD_USER_INPUT');
      expect(blank.error.extensions.field).toBe('text');
      // The service method the public page's moderation calls (issue 15, 公众监督).
      const services = createServices(hub.orm.em.fork() as Em, as.admin);
      await services.rectificationLoop.addFeedback(Number(id), '公交车太挤了，希望增加班次', { source: FeedbackSource.PUBLIC });
      const row = (await hub.gql(ONE, { id })).rectification;
      expect(row.feedback.at(-1)).toEqual({ text: '公交车太挤了，希望增加班次', source: 'PUBLIC', author: null, department: null });
    });
  });

  describe('overdue (at hand-computed moments)', () => {
    const OVERDUE = `{ rectifications { items { seq status deadlineYear overdue } } department(name: "交通") { rectifications { seq overdue } } }`;
    /** Rectification 2's overdue flag in the list and on the lead department's page, at `iso`. */
    const at = async (iso: string) => {
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(new Date(iso));
      try {
        const data = await hub.gql(OVERDUE);
        const inList = data.rectifications.items.find((r: any) => r.seq === 2).overdue;
        const onPage = data.department.rectifications.find((r: any) => r.seq === 2).overdue;
        expect(onPage).toBe(inList);
        return inList as boolean;
      } finally {
        vi.useRealTimers();
      }
    };

    it('due at the end of 2020, Beijing time: not overdue at 23:59:59 on 31 December, overdue from 00:00 on 1 January 2021, while not DONE or VERIFIED', async () => {
      // 2020-12-31 23:59:59 in Beijing is 15:59:59 UTC; 2021-01-01 00:00 in Beijing is 16:00 UTC.
      await bring('IN_PROGRESS');
      expect(await at('2019-06-30T04:00:00Z')).toBe(false);
      expect(await at('2020-12-31T15:59:59Z')).toBe(false);
      expect(await at('2020-12-31T16:00:00Z')).toBe(true);
      expect(await at('2023-05-01T00:00:00Z')).toBe(true);
      await bring('OPEN');
      expect(await at('2020-12-31T16:00:00Z')).toBe(true);
      await bring('DONE');
      expect(await at('2021-03-01T00:00:00Z')).toBe(false);
      await bring('VERIFIED');
      expect(await at('2021-03-01T00:00:00Z')).toBe(false);
      // Sent back after the deadline: overdue again.
      const v = await bring('DONE');
      await hub.gql(ADVANCE, { id, to: 'IN_PROGRESS', note: '未达标，退回', v });
      expect(await at('2021-03-01T00:00:00Z')).toBe(true);
      // No deadline, never overdue.
      await sql('update rectification set deadline_year = null where id = ?', [Number(id)]);
      expect(await at('2030-01-01T00:00:00Z')).toBe(false);
      await sql('update rectification set deadline_year = 2020 where id = ?', [Number(id)]);
    });

    it('an answer with overdue is never kept by the answer cache (the clock moves it without a write); one without it still is', async () => {
      const schema = await buildGraphQLSchema();
      expect(cacheableTables(schema, '{ rectifications { items { seq overdue } } }', undefined)).toBeNull();
      expect(cacheableTables(schema, '{ rectifications { items { seq status steps { note } feedback { text } } } }', undefined)).toEqual(['citizen_comment', 'rectification', 'rectification_feedback', 'rectification_step']);
    });
  });

  it('steps, feedback (with their departments) and overdue cost the same number of statements for a page of 1 as for a page of 5', async () => {
    // Every rectification with a step and a feedback entry of a department, so each relation has rows to fetch.
    const all = (await hub.gql('{ rectifications { items { id version status responsibilities { role department { name } } } } }')).rectifications.items;
    for (const r of all) {
      if (r.status === 'OPEN') await hub.gql(ADVANCE, { id: r.id, to: 'IN_PROGRESS', note: '开工', v: r.version });
      await hub.gql(FEEDBACK, { id: r.id, text: '进展顺利' });
    }
    const q = `query($n: Int) { rectifications(limit: $n) { items { seq overdue steps { from to note department { name } } feedback { text source department { name } } } } }`;
    const count = async (n: number) => {
      hub.statements.length = 0;
      const data = await hub.gql(q, { n });
      expect(data.rectifications.items).toHaveLength(n);
      for (const r of data.rectifications.items) {
        expect(r.steps.length).toBeGreaterThan(0);
        expect(r.feedback.length).toBeGreaterThan(0);
      }
      return hub.statements.length;
    };
    // Rectification 2 (in both pages) has a step and feedback of a department, so both pages look departments up.
    await hub.gql(ADVANCE, { id, to: 'DONE', note: '完成', v: await bring('IN_PROGRESS') }, as.lead);
    await hub.gql(FEEDBACK, { id, text: '已完成' }, as.lead);
    const two = await count(2);
    const five = await count(5);
    expect(five).toBe(two);
    expect(two).toBeLessThanOrEqual(8);
    // The department page too.
    const page = async (name: string) => {
      hub.statements.length = 0;
      await hub.gql(`query($n: String!) { department(name: $n) { rectifications { seq overdue steps { note } feedback { text } } } }`, { n: name });
      return hub.statements.length;
    };
    expect(await page('住建')).toBe(await page('交通'));
  });
});
