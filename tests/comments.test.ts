import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../schema/accounts/account.enums';
import type { Actor } from '../server/common/actor';
import { COMMENT_RATE } from '../server/comments/comment.service';
import { ADMIN_PASSWORD, ANONYMOUS, startHub, type TestHub } from './helpers';

/**
 * Citizen comments of the public page (公众监督, issue 15): posted without signing in over HTTP (the
 * rate limit counts the client address), moderated by the office, shown only when published, and the
 * contact never anywhere but the office's own list.
 */
const POST = `mutation($item: CommentItemInput!, $text: String!, $contact: String, $website: String) { postComment(item: $item, text: $text, contact: $contact, website: $website) }`;
const MODERATE = `mutation($id: ID!, $publish: Boolean!, $v: Int) { moderateComment(id: $id, publish: $publish, expectedVersion: $v) { id state version moderatedBy contact text itemKind itemId } }`;
const OFFICE = `query($filter: CommentFilter) { comments(filter: $filter) { id itemKind itemId text contact state version moderatedAt moderatedBy } }`;
const PUBLIC = `query($item: CommentItemInput!) { publicComments(item: $item) { id itemKind itemId text createdAt } }`;

type Reply = { status: number; cache: string | null; body: string; json: any };

describe('citizen comments', () => {
  let hub: TestHub;
  const as: Record<string, Actor> = {};
  let indicator = '';
  let rectification = '';
  let specialTarget = '';

  /** A request as a browser sends it, from `address`. */
  const http = async (query: string, variables: Record<string, unknown> = {}, address = '203.0.113.1', headers: Record<string, string> = {}): Promise<Reply> => {
    const res = await hub.app.inject({ method: 'POST', url: '/graphql', remoteAddress: address, headers: { 'content-type': 'application/json', ...headers }, payload: { query, variables } });
    return { status: res.statusCode, cache: (res.headers['x-plan-hub-cache'] as string | undefined) ?? null, body: res.body, json: res.json() };
  };
  const stored = async () => {
    const rows = await hub.orm.em.fork().getConnection().execute('select id, state, text, contact, version from citizen_comment order by id');
    return JSON.stringify(rows);
  };
  const count = async () => Number((await hub.orm.em.fork().getConnection().execute('select count(*) as n from citizen_comment'))[0].n);
  const office = async (filter: Record<string, unknown> = {}) => (await hub.gql(OFFICE, { filter })).comments as any[];

  beforeAll(async () => {
    hub = await startHub();
    as.admin = hub.admin;
    as.viewer = await hub.user('viewer', Role.VIEWER);
    as.editor = await hub.user('housing-editor', Role.EDITOR, '住建');
    as.anonymous = ANONYMOUS;
    const rows = await hub.gql('{ indicators(limit: 100) { items { id seq } } specialTargets(limit: 5) { items { id } } rectifications(limit: 5) { items { id seq } } }');
    indicator = rows.indicators.items.find((r: any) => r.seq === 20).id;
    specialTarget = rows.specialTargets.items[0].id;
    rectification = rows.rectifications.items[0].id;
  });
  afterAll(() => hub?.close());

  it('a posted comment waits for the office; published, it shows to everyone without its contact; rejected, it goes again', async () => {
    const item = { kind: 'INDICATOR', id: indicator };
    const posted = await http(POST, { item, text: '  空气质量这两年明显好转，希望继续保持。 ', contact: 'reader-one@example.test' });
    expect(posted.status).toBe(200);
    expect(posted.json).toEqual({ data: { postComment: true } });
    // Not public yet.
    expect((await http(PUBLIC, { item })).json.data.publicComments).toEqual([]);
    const [pending] = await office({ state: 'PENDING' });
    expect(pending).toMatchObject({ itemKind: 'INDICATOR', itemId: indicator, text: '空气质量这两年明显好转，希望继续保持。', contact: 'reader-one@example.test', state: 'PENDING', version: 1, moderatedAt: null, moderatedBy: null });

    const published = (await hub.gql(MODERATE, { id: pending.id, publish: true, v: 1 })).moderateComment;
    expect(published).toMatchObject({ id: pending.id, state: 'PUBLISHED', version: 2, moderatedBy: 'admin' });
    const shown = (await http(PUBLIC, { item })).json.data.publicComments;
    expect(shown).toEqual([{ id: pending.id, itemKind: 'INDICATOR', itemId: indicator, text: '空气质量这两年明显好转，希望继续保持。', createdAt: expect.any(String) }]);
    // Another item's comments are its own.
    expect((await http(PUBLIC, { item: { kind: 'RECTIFICATION', id: rectification } })).json.data.publicComments).toEqual([]);

    // Withdrawn: rejected, it is gone from the public list again.
    expect((await hub.gql(MODERATE, { id: pending.id, publish: false, v: 2 })).moderateComment).toMatchObject({ state: 'REJECTED', version: 3 });
    expect((await http(PUBLIC, { item })).json.data.publicComments).toEqual([]);
    expect((await office({ state: 'REJECTED' })).map((c) => c.id)).toEqual([pending.id]);
    expect((await office({ item })).map((c) => c.id)).toEqual([pending.id]);
    expect(await office({ item: { kind: 'SPECIAL_TARGET', id: specialTarget } })).toEqual([]);
  });

  it('only the office moderates and reads the list; a stale version is a CONFLICT; refusals change nothing', async () => {
    await http(POST, { item: { kind: 'SPECIAL_TARGET', id: specialTarget }, text: '请公开人才引进的年度数据', contact: '13800001111' }, '203.0.113.2');
    const [c] = await office({ state: 'PENDING' });
    const before = await stored();
    const refusal = async (query: string, variables: Record<string, unknown>, actor: Actor) => (await hub.gqlErrors(query, variables, actor))[0].extensions.code;
    expect(await refusal(MODERATE, { id: c.id, publish: true }, as.anonymous)).toBe('UNAUTHENTICATED');
    expect(await refusal(MODERATE, { id: c.id, publish: true }, as.editor)).toBe('FORBIDDEN');
    expect(await refusal(MODERATE, { id: c.id, publish: true }, as.viewer)).toBe('FORBIDDEN');
    expect(await refusal(OFFICE, {}, as.viewer)).toBe('FORBIDDEN');
    expect(await refusal(OFFICE, {}, as.editor)).toBe('FORBIDDEN');
    expect(await refusal(OFFICE, {}, as.anonymous)).toBe('UNAUTHENTICATED');
    const stale = (await hub.gqlErrors(MODERATE, { id: c.id, publish: true, v: 7 }))[0];
    expect(stale.extensions).toMatchObject({ code: 'CONFLICT', currentVersion: 1, expectedVersion: 7 });
    expect((await hub.gqlErrors(MODERATE, { id: '999999', publish: true }))[0].extensions.code).toBe('NOT_FOUND');
    expect(await stored()).toEqual(before);
    // Moderating over HTTP with a signed-in office session works as through the API.
    const login = await http('mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }', { u: 'admin', p: ADMIN_PASSWORD });
    const auth = { authorization: `Bearer ${login.json.data.login.token}` };
    const done = await http(MODERATE, { id: c.id, publish: true, v: 1 }, '198.51.100.9', auth);
    expect(done.json.data.moderateComment).toMatchObject({ state: 'PUBLISHED', version: 2 });
  });

  it('bad input is refused with a coded error naming the field, and nothing is stored', async () => {
    const item = { kind: 'RECTIFICATION', id: rectification };
    const before = await count();
    const error = async (variables: Record<string, unknown>) => (await http(POST, { item, ...variables }, '203.0.113.3')).json.errors[0];
    expect(await error({ text: '太短' })).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'text', reason: 'TOO_SHORT' } });
    expect(await error({ text: '    ' })).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'text' } });
    const long = await error({ text: '长'.repeat(501) });
    expect(long.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'text', reason: 'TOO_LONG', max: 500 });
    expect(long.message).toMatch(/at most 500 characters, this one has 501/);
    expect(await error({ text: '联系方式太长的评论', contact: 'x'.repeat(101) })).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'contact' } });
    expect(await error({ text: '换行\n不行的评论文本' })).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'text' } });
    expect((await http(POST, { item: { kind: 'RECTIFICATION', id: 'abc' }, text: '不存在的条目评论' }, '203.0.113.3')).json.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'item.id' });
    expect((await http(POST, { item: { kind: 'INDICATOR', id: '999999' }, text: '不存在的条目评论' }, '203.0.113.3')).json.errors[0].extensions).toMatchObject({ code: 'NOT_FOUND' });
    expect((await http(POST, { item: { kind: 'NOTHING', id: rectification }, text: '不存在的类型评论' }, '203.0.113.3')).status).toBe(400);
    expect(await count()).toBe(before);
    // The longest allowed text, counted in characters (not bytes or UTF-16 units).
    expect((await http(POST, { item, text: '𠀀'.repeat(500) }, '203.0.113.3')).json.data.postComment).toBe(true);
    expect(await count()).toBe(before + 1);
  });

  it('a filled honeypot is answered as a success and dropped: nothing stored, nothing counted', async () => {
    const before = await count();
    const item = { kind: 'INDICATOR', id: indicator };
    for (let i = 0; i < COMMENT_RATE.max + 2; i++) {
      const r = await http(POST, { item, text: `广告广告广告 ${i}`, contact: 'bot@spam.test', website: 'http://spam.test' }, '203.0.113.4');
      expect(r.json).toEqual({ data: { postComment: true } });
    }
    expect(await count()).toBe(before);
    // The same address may still post: the drops were not counted against it.
    expect((await http(POST, { item, text: '真正的评论内容', website: '' }, '203.0.113.4')).json.data.postComment).toBe(true);
    expect(await count()).toBe(before + 1);
  });

  it(`at most ${COMMENT_RATE.max} comments per address in ${COMMENT_RATE.windowMinutes} minutes, counted in the database; other addresses go on`, async () => {
    const item = { kind: 'RECTIFICATION', id: rectification };
    for (let i = 1; i <= COMMENT_RATE.max; i++) {
      expect((await http(POST, { item, text: `第${i}条评论内容` }, '192.0.2.50')).json.data.postComment).toBe(true);
    }
    const before = await count();
    const over = await http(POST, { item, text: '超出限制的评论' }, '192.0.2.50');
    expect(over.json.errors[0].extensions).toMatchObject({ code: 'TOO_MANY_REQUESTS', max: COMMENT_RATE.max, windowMinutes: COMMENT_RATE.windowMinutes });
    expect(over.json.errors[0].message).toMatch(/at most 5 in 10 minutes/);
    expect(await count()).toBe(before);
    expect((await http(POST, { item, text: '另一个地址的评论' }, '192.0.2.51')).json.data.postComment).toBe(true);
    // The count lives in the table (by a hash of the address, not the address): once the posts are
    // older than the window, the address may post again.
    const rows = await hub.orm.em.fork().getConnection().execute("select distinct client_key from citizen_comment where text like '第%条评论内容'");
    expect(rows).toHaveLength(1);
    expect(rows[0].client_key).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(await hub.orm.em.fork().getConnection().execute('select * from citizen_comment'))).not.toContain('192.0.2.50');
    const old = new Date(Date.now() - (COMMENT_RATE.windowMinutes + 1) * 60_000);
    await hub.orm.em.fork().getConnection().execute('update citizen_comment set created_at = ? where client_key = ?', [old, rows[0].client_key]);
    expect((await http(POST, { item, text: '窗口过后的评论' }, '192.0.2.50')).json.data.postComment).toBe(true);
  });

  it('a contact never appears in a public answer, an export or the audit log; only the office’s list has it', async () => {
    const contact = 'secret-contact-7391@example.test';
    const item = { kind: 'RECTIFICATION', id: rectification };
    await http(POST, { item, text: '整改进度请按月公开', contact }, '198.51.100.20');
    const c = (await office({ state: 'PENDING', item }))[0];
    expect(c.contact).toBe(contact);
    await hub.gql(MODERATE, { id: c.id, publish: true });

    // The public type has no contact field at all.
    const asked = await http(`query($item: CommentItemInput!) { publicComments(item: $item) { text contact } }`, { item });
    expect(asked.status).toBe(400);
    expect(asked.json.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');

    const answers: string[] = [];
    const overview = await http(`{ publicOverview { rectifications { id status latestFeedback { text at } } } }`);
    expect(overview.json.data.publicOverview.rectifications.find((r: any) => r.id === rectification).latestFeedback.text).toBe('整改进度请按月公开');
    answers.push(overview.body, (await http(PUBLIC, { item })).body);
    // The audit trail as every kind of reader sees it (the office included: it never holds a contact).
    const AUDIT = `{ auditLog(entity: "Comment", limit: 500) { entity entityId field before after } }`;
    for (const actor of [as.viewer, as.editor, as.admin]) {
      const log = (await hub.gql(AUDIT, {}, actor)).auditLog;
      expect(log.some((e: any) => e.entityId === c.id && e.after?.includes('整改进度请按月公开'))).toBe(true);
      answers.push(JSON.stringify(log));
    }
    // Every export, CSV and JSON, as the office exports it.
    for (const table of ['ALL', 'PLANS', 'DEPARTMENTS', 'INDICATORS', 'SPECIAL_TARGETS', 'RECTIFICATIONS', 'INNOVATION_TOPICS', 'STANDARDS']) {
      for (const format of table === 'ALL' ? ['JSON'] : ['CSV', 'JSON']) {
        const out = (await hub.gql(`query($t: TransferTable!, $f: TransferFormat!) { exportTable(table: $t, format: $f) { rowCount contentBase64 } }`, { t: table, f: format })).exportTable;
        expect(out.rowCount, `${table} ${format}`).toBeGreaterThan(0);
        answers.push(Buffer.from(out.contentBase64, 'base64').toString('utf8'));
      }
    }
    for (const [i, text] of answers.entries()) expect(text, `answer ${i}`).not.toContain(contact);
    // The same texts do carry the comment where they should (the check above could fail).
    expect(answers.filter((a) => a.includes('整改进度请按月公开')).length).toBeGreaterThanOrEqual(5);
  });

  it('a published comment on a rectification is its public feedback: staff see it under the rectification, the public page shows the newest public or office feedback', async () => {
    const FEEDBACK = `query($id: ID!) { rectification(id: $id) { feedback { text source author department { name } } } }`;
    const LATEST = `{ publicOverview { rectifications { id latestFeedback { text } } } }`;
    const latest = async () => (await http(LATEST, {}, '203.0.113.77')).json.data.publicOverview.rectifications.find((r: any) => r.id === rectification).latestFeedback;
    const item = { kind: 'RECTIFICATION', id: rectification };
    expect((await http(POST, { item, text: '小区周边的整改进度请及时公开。', contact: '13800000000' }, '198.51.100.9')).json.data.postComment).toBe(true);
    const [pending] = await office({ item, state: 'PENDING' });
    // Pending: not feedback yet, anywhere.
    const mine = (list: any[]) => list.filter((f) => f.text === '小区周边的整改进度请及时公开。');
    expect(mine((await hub.gql(FEEDBACK, { id: rectification })).rectification.feedback)).toEqual([]);
    await hub.gql(MODERATE, { id: pending.id, publish: true, v: pending.version });
    const staff = (await hub.gql(FEEDBACK, { id: rectification })).rectification.feedback;
    expect(mine(staff)).toEqual([{ text: '小区周边的整改进度请及时公开。', source: 'PUBLIC', author: null, department: null }]);
    expect(JSON.stringify(staff)).not.toContain('13800000000');
    expect(await latest()).toEqual({ text: '小区周边的整改进度请及时公开。' });
    // The office answers: its feedback is newer, and public.
    await hub.gql(`mutation($id: ID!) { addRectificationFeedback(rectificationId: $id, text: "已督促牵头单位每月公开进度。") { source } }`, { id: rectification });
    expect(await latest()).toEqual({ text: '已督促牵头单位每月公开进度。' });
    // Withdrawn: gone from the staff's feedback too (the comment stays the one record of it).
    const published = (await office({ item, state: 'PUBLISHED' }))[0];
    await hub.gql(MODERATE, { id: published.id, publish: false, v: published.version });
    const after = (await hub.gql(FEEDBACK, { id: rectification })).rectification.feedback;
    expect(mine(after)).toEqual([]);
    expect(after[after.length - 1]).toMatchObject({ text: '已督促牵头单位每月公开进度。', source: 'OFFICE', author: 'admin' });
  });
});
