import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../schema/accounts/account.enums';
import type { Actor } from '../server/common/actor';
import { createServices } from '../server/services';
import type { Em } from '../server/orm';
import { parse } from 'graphql';
import { startHub, type TestHub } from './helpers';
import { buildGraphQLSchema } from '../server/schema';
import { tablesRead } from '../server/cache/tables';
import { cacheableTables } from '../server/cache/response-cache';
import { TRACKED_TABLES, UNTRACKED_TABLES } from '../schema/cache/data-generation.entity';

/**
 * The public page (公众监督, issue 15): what publicOverview shows, that it shows approved values only,
 * that it answers without signing in even where ANONYMOUS_READ is off, from the answer cache, and
 * that it keeps answering, correctly, while editors write.
 */
const YEARS = [2016, 2017, 2018, 2019, 2020];
const PROGRESS = 'year status actualValue targetValue ratio provisional explanation';
const OVERVIEW = `query PublicOverview { publicOverview {
  planCode planName planNameEn startYear endYear
  indicators { id seq name unit attribute targetText cumulative baseValue baseYear yearTargets { year targetValue }
    ${YEARS.map((y) => `p${y}: progress(year: ${y}) { ${PROGRESS} }`).join(' ')} }
  specialTargets { id seq title content milestones { id seq text value unit year cumulative ${YEARS.map((y) => `p${y}: progress(year: ${y}) { ${PROGRESS} }`).join(' ')} } }
  rectifications { id seq problem direction measures expectedOutcomes deadlineYear status latestFeedback { text at } }
} }`;

type Reply = { status: number; cache: string | null; body: string; json: any };

function poster(hub: TestHub) {
  return async (query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}): Promise<Reply> => {
    const res = await hub.app.inject({ method: 'POST', url: '/graphql', headers: { 'content-type': 'application/json', ...headers }, payload: { query, variables } });
    return { status: res.statusCode, cache: (res.headers['x-plan-hub-cache'] as string | undefined) ?? null, body: res.body, json: res.json() };
  };
}

describe('the public page', () => {
  let hub: TestHub;
  let post: ReturnType<typeof poster>;
  let lead: Actor;
  let indicatorId = '';
  let milestoneId = '';

  beforeAll(async () => {
    hub = await startHub();
    post = poster(hub);
    lead = await hub.user('housing-editor', Role.EDITOR, '住建');
    const rows = await hub.gql('{ indicators(limit: 100) { items { id seq } } }');
    indicatorId = rows.indicators.items.find((r: any) => r.seq === 20).id; // 环境空气质量优良率: housing leads
    const ms = (await hub.gql('{ milestones { id specialTarget { id responsibilities { role department { name } } } } }')).milestones;
    milestoneId = ms.find((m: any) => m.specialTarget.responsibilities.some((r: any) => r.role === 'LEAD' && r.department.name.includes('住建'))).id;
  });
  afterAll(() => hub?.close());

  const ledger = (actor: Actor) => createServices(hub.orm.em.fork() as Em, actor).ledger;

  it('shows the plan’s indicators, special targets with milestones and rectifications, with the same completion as the hub', async () => {
    const r = await post(OVERVIEW);
    expect(r.status).toBe(200);
    const o = r.json.data.publicOverview;
    const counts = await hub.gql('{ indicators { totalCount } specialTargets { totalCount } rectifications { totalCount } milestones { id } plans { code } }');
    expect(o.planCode).toBe(counts.plans[0].code);
    expect(o.indicators).toHaveLength(counts.indicators.totalCount);
    expect(o.specialTargets).toHaveLength(counts.specialTargets.totalCount);
    expect(o.rectifications).toHaveLength(counts.rectifications.totalCount);
    expect(o.specialTargets.flatMap((s: any) => s.milestones)).toHaveLength(counts.milestones.length);
    expect(o.indicators.map((i: any) => i.seq)).toEqual([...o.indicators.map((i: any) => i.seq)].sort((a: number, b: number) => a - b));
    const one = o.indicators.find((i: any) => i.id === indicatorId);
    const hubView = (await hub.gql(`query($id: ID!) { indicator(id: $id) { name targetText yearTargets { year targetValue } ${YEARS.map((y) => `p${y}: progress(year: ${y}) { ${PROGRESS} }`).join(' ')} } }`, { id: indicatorId })).indicator;
    expect(one).toMatchObject(hubView);
    expect(o.rectifications[0]).toMatchObject({ status: 'OPEN', latestFeedback: null });
  });

  it('never shows a draft, submitted or returned ledger value or text; an approved one shows', async () => {
    // Distinctive values the public must never see, filed through the ledger service as the lead department.
    const draft = await ledger(lead).save({ indicatorId, period: '2018', actualValue: 4321.987, progressText: '内部草稿文字甲' });
    const submitted = await ledger(lead).save({ indicatorId, period: '2019', actualValue: 5432.876, progressText: '内部已报送文字乙' });
    await ledger(lead).submit(submitted.id, submitted.version);
    const returned = await ledger(lead).save({ indicatorId, period: '2016', actualValue: 6543.765, progressText: '内部退回文字丙' });
    const sent = await ledger(lead).submit(returned.id, returned.version);
    await ledger(hub.admin).returnEntry(sent.id, '内部退回理由丁', sent.version);
    const m = await ledger(lead).save({ milestoneId, period: '2019', actualValue: 7654.321, progressText: '里程碑草稿文字戊' });
    await ledger(lead).submit(m.id, m.version);
    // One approved value, which must show.
    const ok = await ledger(lead).save({ indicatorId, period: '2017', actualValue: 88.25, progressText: '已审核文字己' });
    const okSent = await ledger(lead).submit(ok.id, ok.version);
    await ledger(hub.admin).approve(okSent.id, okSent.version);
    expect(draft.state).toBe('DRAFT');

    const r = await post(OVERVIEW);
    expect(r.status).toBe(200);
    for (const hidden of ['4321.987', '5432.876', '6543.765', '7654.321', '内部草稿文字甲', '内部已报送文字乙', '内部退回文字丙', '内部退回理由丁', '里程碑草稿文字戊', '已审核文字己']) {
      expect(r.body, hidden).not.toContain(hidden);
    }
    const one = r.json.data.publicOverview.indicators.find((i: any) => i.id === indicatorId);
    expect(one.p2017).toMatchObject({ status: expect.stringMatching(/ACHIEVED|MISSED/), actualValue: 88.25, provisional: false });
    for (const y of [2016, 2018, 2019]) expect(one[`p${y}`]).toMatchObject({ status: 'NO_DATA', actualValue: null });
    const milestone = r.json.data.publicOverview.specialTargets.flatMap((s: any) => s.milestones).find((x: any) => x.id === milestoneId);
    expect(milestone.p2019.actualValue).toBeNull();
  });

  it('is served from the answer cache, and a change it shows (an approval, a published comment) is seen at once', async () => {
    await post(OVERVIEW);
    expect((await post(OVERVIEW)).cache).toBe('hit');
    const rect = (await post(OVERVIEW)).json.data.publicOverview.rectifications[1];
    await post('mutation($item: CommentItemInput!, $text: String!) { postComment(item: $item, text: $text) }', { item: { kind: 'RECTIFICATION', id: rect.id }, text: '希望整改结果公开' });
    // A pending comment moves the comments' table (the answer is recomputed) but shows nothing.
    const pending = await post(OVERVIEW);
    expect(pending.cache).toBe('miss');
    expect(pending.json.data.publicOverview.rectifications[1].latestFeedback).toBeNull();
    const [c] = (await hub.gql('{ comments(filter: { state: PENDING }) { id } }')).comments;
    await hub.gql('mutation($id: ID!) { moderateComment(id: $id, publish: true) { state } }', { id: c.id });
    const published = await post(OVERVIEW);
    expect(published.cache).toBe('miss');
    expect(published.json.data.publicOverview.rectifications[1].latestFeedback).toMatchObject({ text: '希望整改结果公开' });
    expect((await post(OVERVIEW)).cache).toBe('hit');
    // An approval moves the ledger: the next answer has the new value.
    const e = await ledger(lead).save({ indicatorId, period: '2020-06', actualValue: 91.5 });
    const s = await ledger(lead).submit(e.id, e.version);
    // A submitted value moves the ledger's table, so the answer is recomputed, and shows nothing new.
    const submittedOnly = await post(OVERVIEW);
    expect(submittedOnly.cache).toBe('miss');
    expect(submittedOnly.body).not.toContain('91.5');
    await ledger(hub.admin).approve(s.id, s.version);
    const after = await post(OVERVIEW);
    expect(after.cache).toBe('miss');
    expect(after.json.data.publicOverview.indicators.find((i: any) => i.id === indicatorId).p2020).toMatchObject({ actualValue: 91.5, provisional: true });
  });
  it('what the answer cache files its answers under covers every table their SQL reads', async () => {
    const schema = await buildGraphQLSchema();
    const known = new Set<string>([...TRACKED_TABLES, ...UNTRACKED_TABLES]);
    const rect = (await post(OVERVIEW)).json.data.publicOverview.rectifications[0].id;
    const reads: [string, Record<string, unknown>][] = [
      [OVERVIEW, {}],
      ['query($item: CommentItemInput!) { publicComments(item: $item) { id itemKind itemId text createdAt } }', { item: { kind: 'RECTIFICATION', id: rect } }],
      ['query($item: CommentItemInput!) { comments(filter: { state: PUBLISHED, item: $item }) { id itemId contact state moderatedBy } }', { item: { kind: 'RECTIFICATION', id: rect } }],
    ];
    for (const [query, variables] of reads) {
      const said = tablesRead(schema, parse(query), undefined);
      expect(cacheableTables(schema, query, undefined), query).toEqual(said);
      hub.statements.length = 0;
      await hub.gql(query, variables);
      const sent = new Set<string>();
      for (const st of hub.statements) for (const m of st.matchAll(/\b(?:from|join)\s+[`"]?(\w+)[`"]?/gi)) if (known.has(m[1])) sent.add(m[1]);
      expect(sent.size, query).toBeGreaterThan(0);
      expect([...sent].filter((t) => !said!.includes(t as never)), `${query}: says ${said}, sent ${[...sent]}`).toEqual([]);
    }
  });
});

describe('the public page where anonymous reading is off', () => {
  let hub: TestHub;
  let post: ReturnType<typeof poster>;
  beforeAll(async () => {
    hub = await startHub({ security: { anonymousRead: false } });
    post = poster(hub);
  });
  afterAll(() => hub?.close());

  it('answers its own root fields to anyone, from the cache, and nothing else', async () => {
    const first = await post(OVERVIEW);
    expect(first.status).toBe(200);
    expect(first.json.data.publicOverview.indicators.length).toBeGreaterThan(10);
    expect((await post(OVERVIEW)).cache).toBe('hit');
    const rect = first.json.data.publicOverview.rectifications[0].id;
    const comments = await post('query($item: CommentItemInput!) { publicComments(item: $item) { text } }', { item: { kind: 'RECTIFICATION', id: rect } });
    expect(comments.json).toEqual({ data: { publicComments: [] } });
    const posted = await post('mutation($item: CommentItemInput!, $text: String!) { postComment(item: $item, text: $text) }', { item: { kind: 'RECTIFICATION', id: rect }, text: '匿名关闭时也能留言' });
    expect(posted.json).toEqual({ data: { postComment: true } });
    // Everything else still needs a sign-in, alone or beside a public field.
    for (const q of ['{ indicators { totalCount } }', '{ publicOverview { planCode } indicators { totalCount } }', '{ comments { id contact } }', '{ auditLog(limit: 1) { id } }']) {
      const r = await post(q);
      expect(r.status, q).toBe(401);
      expect(r.json.errors[0].extensions.code, q).toBe('UNAUTHENTICATED');
      expect(r.body, q).not.toContain('匿名关闭时也能留言');
    }
  });
});

describe('the public page under load', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startHub();
    await hub.app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(() => hub?.close());

  it('answers the public query, correctly, while editors write through GraphQL', async () => {
    const port = (hub.app.server.address() as { port: number }).port;
    const url = `http://127.0.0.1:${port}/graphql`;
    const login = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: 'mutation { login(username: "admin", password: "correct horse battery staple") { token } }' }) });
    const auth = { authorization: `Bearer ${(await login.json()).data.login.token}` };
    const gql = async (query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}) => {
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }) });
      return { status: res.status, cache: res.headers.get('x-plan-hub-cache'), json: (await res.json()) as any };
    };
    const { indicators, standards } = (await gql('{ indicators(limit: 3) { items { id version name } } standards(limit: 1) { items { id version } } }', {}, auth)).json.data;
    const total = (await gql('{ publicOverview { indicators { id } } }')).json.data.publicOverview.indicators.length;
    const target = indicators.items[0];

    // Editors: one renames an indicator the public shows (n = 1, 2, …, a few times a second); others
    // edit a standard as fast as they can, which the public page does not read (its answer stays cached).
    let written = 0;
    let edits = 0;
    let stop = false;
    const renamer = async () => {
      let v = target.version;
      for (let n = 1; !stop; n++) {
        const a = await gql('mutation($id: ID!, $v: Int!, $name: String!) { updateIndicator(id: $id, patch: { name: $name }, expectedVersion: $v) { version } }', { id: target.id, v, name: `负载改名-${n}` }, auth);
        expect(a.json.errors, JSON.stringify(a.json.errors)).toBeUndefined();
        v = a.json.data.updateIndicator.version;
        written = n;
        edits++;
        await new Promise((resolve) => setTimeout(resolve, 150));
      }
    };
    const standardEditor = async () => {
      for (let n = 1; !stop; n++) {
        const current = (await gql('query($id: ID!) { standard(id: $id) { version } }', { id: standards.items[0].id }, auth)).json.data.standard.version;
        const b = await gql('mutation($id: ID!, $v: Int!, $name: String!) { updateStandard(id: $id, patch: { name: $name }, expectedVersion: $v) { version } }', { id: standards.items[0].id, v: current, name: `标准-${Math.random()}` }, auth);
        if (!b.json.errors) edits++;
        else expect(b.json.errors[0].extensions.code).toBe('CONFLICT'); // the other standard editor saved first
      }
    };
    // Readers: the public query, over and over; each answer complete, and the name never older than the last written before it was asked.
    const Q = `{ publicOverview { indicators { id name p2019: progress(year: 2019) { status } } rectifications { id status } } }`;
    let answers = 0;
    let hits = 0;
    const reader = async () => {
      let seen = 0;
      while (!stop) {
        const before = written;
        const r = await gql(Q);
        expect(r.status).toBe(200);
        expect(r.json.errors).toBeUndefined();
        const list = r.json.data.publicOverview.indicators;
        expect(list).toHaveLength(total);
        const name: string = list.find((i: any) => i.id === target.id).name;
        const n = name.startsWith('负载改名-') ? Number(name.slice('负载改名-'.length)) : 0;
        expect(n).toBeGreaterThanOrEqual(before);
        expect(n).toBeGreaterThanOrEqual(seen);
        seen = n;
        answers++;
        if (r.cache === 'hit') hits++;
      }
    };
    const started = Date.now();
    const running = Promise.all([renamer(), standardEditor(), standardEditor(), ...Array.from({ length: 6 }, reader)]);
    await new Promise((resolve) => setTimeout(resolve, 4000));
    stop = true;
    await running;
    const final = (await gql(Q)).json.data.publicOverview.indicators.find((i: any) => i.id === target.id).name;
    expect(final).toBe(`负载改名-${written}`);
    expect(written).toBeGreaterThan(5);
    expect(edits).toBeGreaterThan(written);
    expect(answers).toBeGreaterThan(50);
    expect(hits).toBeGreaterThan(0);
    console.log(`public page under load: ${answers} answers (${hits} from the cache) beside ${edits} edits (${written} of them renames of a shown indicator) in ${Date.now() - started} ms`);
  }, 20_000);
});
