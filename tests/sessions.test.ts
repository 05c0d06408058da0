import { describe, expect, it, afterAll, beforeAll } from 'vitest';
import { startHub, ADMIN_PASSWORD, type TestHub } from './helpers';
import { Role } from '../schema/accounts/account.enums';

describe('signing in, sessions and tokens over HTTP', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startHub();
    await hub.user('editor', Role.EDITOR, '住建');
  });
  afterAll(() => hub.close());

  const post = (query: string, variables: object = {}, headers: Record<string, string> = {}) =>
    hub.app.inject({ method: 'POST', url: '/graphql', headers: { 'content-type': 'application/json', ...headers }, payload: { query, variables } });
  const login = async (username: string, password = ADMIN_PASSWORD, address = '10.0.0.1') => {
    const res = await hub.app.inject({
      method: 'POST', url: '/graphql', remoteAddress: address, headers: { 'content-type': 'application/json' },
      payload: { query: 'mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token expiresAt user { username role } } }', variables: { u: username, p: password } },
    });
    return { res, body: res.json() };
  };
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

  it('login returns a token that works as a bearer token and as an httpOnly SameSite cookie', async () => {
    const { res, body } = await login('admin');
    expect(body.data.login.user).toEqual({ username: 'admin', role: 'ADMIN' });
    const token = body.data.login.token;
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/planhub_session=phs_/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect((await post('{ me { username } }', {}, bearer(token))).json().data.me).toEqual({ username: 'admin' });
    expect((await post('{ me { username } }', {}, { cookie: `planhub_session=${token}` })).json().data.me).toEqual({ username: 'admin' });
  });

  it('a wrong password or unknown user is UNAUTHENTICATED with one message, and the session cannot write after logout', async () => {
    expect((await login('admin', 'wrong password')).body.errors[0]).toMatchObject({ message: 'Wrong username or password.', extensions: { code: 'UNAUTHENTICATED' } });
    expect((await login('nobody', 'wrong password')).body.errors[0]).toMatchObject({ message: 'Wrong username or password.', extensions: { code: 'UNAUTHENTICATED' } });
    const token = (await login('editor')).body.data.login.token;
    expect((await post('mutation { logout }', {}, bearer(token))).json().data.logout).toBe(true);
    const after = (await post('mutation { updateIndicator(id: "20", patch: { name: "x" }) { id } }', {}, bearer(token))).json();
    expect(after.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect((await post('{ indicators { totalCount } }', {}, bearer(token))).json().errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('an expired session stops working', async () => {
    const token = (await login('editor')).body.data.login.token;
    await hub.orm.em.fork().getConnection().execute(`update credential set expires_at = ? where kind = 'SESSION'`, [new Date(Date.now() - 1000)]);
    const res = (await post('{ me { username } indicators { totalCount } }', {}, bearer(token))).json();
    expect(res.errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('BI tokens read but never write, and stop working when revoked', async () => {
    const admin = (await login('admin')).body.data.login.token;
    const made = (await post('mutation { createApiToken(input: { name: "Power BI", expiresInDays: 30 }) { token apiToken { id name expiresAt revokedAt } } }', {}, bearer(admin))).json().data.createApiToken;
    expect(made.token).toMatch(/^phb_/);
    expect(made.apiToken).toMatchObject({ name: 'Power BI', revokedAt: null });
    const list = (await post('{ apiTokens { id name } }', {}, bearer(admin))).json().data.apiTokens;
    expect(JSON.stringify(list)).not.toContain(made.token);
    const read = (await post('{ department(name: "住建") { indicators(attribute: BINDING) { seq } } }', {}, bearer(made.token))).json();
    expect(read.data.department.indicators.length).toBe(6);
    const write = (await post('mutation { updateIndicator(id: "20", patch: { name: "x" }) { id } }', {}, bearer(made.token))).json();
    expect(write.errors[0].extensions.code).toBe('FORBIDDEN');
    expect((await post(`mutation { revokeApiToken(id: "${made.apiToken.id}") }`, {}, bearer(admin))).json().data.revokeApiToken).toBe(true);
    expect((await post('{ indicators { totalCount } }', {}, bearer(made.token))).json().errors[0].extensions.code).toBe('UNAUTHENTICATED');
    const expired = (await post('mutation { createApiToken(input: { name: "old", expiresInDays: 1 }) { token } }', {}, bearer(admin))).json().data.createApiToken.token;
    await hub.orm.em.fork().getConnection().execute(`update credential set expires_at = ? where name = 'old'`, [new Date(Date.now() - 1000)]);
    expect((await post('{ indicators { totalCount } }', {}, bearer(expired))).json().errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('a credential kept in memory for cached reads stops at once when revoked, expired or its user disabled by plain SQL', async () => {
    // Cached reads verify a credential once and keep it while the credential and user tables are
    // unchanged (their data generations): any write to either, here by SQL past the hub, ends that.
    const q = '{ standards(limit: 2) { items { seq } } }';
    const sql = (statement: string, params: unknown[] = []) => hub.orm.em.fork().getConnection().execute(statement, params);
    const reads = async (headers: Record<string, string>) => {
      const a = await post(q, {}, headers);
      const b = await post(q, {}, headers);
      return [a.statusCode, a.headers['x-plan-hub-cache'], b.statusCode, b.headers['x-plan-hub-cache']];
    };
    const admin = (await login('admin')).body.data.login.token;
    const token = (await post('mutation { createApiToken(input: { name: "memo", expiresInDays: 30 }) { token } }', {}, bearer(admin))).json().data.createApiToken.token;
    expect(await reads(bearer(token))).toEqual([200, expect.any(String), 200, 'hit']);
    await sql(`update credential set revoked_at = ? where name = 'memo'`, [new Date()]);
    const revoked = await post(q, {}, bearer(token));
    expect([revoked.statusCode, revoked.json().errors[0].extensions.code]).toEqual([401, 'UNAUTHENTICATED']);

    const session = (await login('editor')).body.data.login.token;
    expect(await reads(bearer(session))).toEqual([200, expect.any(String), 200, 'hit']);
    await sql(`update "user" set disabled = ? where username = 'editor'`, [true]);
    expect((await post(q, {}, bearer(session))).json().errors[0].extensions.code).toBe('UNAUTHENTICATED');
    await sql(`update "user" set disabled = ? where username = 'editor'`, [false]);
    expect((await post(q, {}, bearer(session))).statusCode).toBe(200);
    await sql(`update credential set expires_at = ? where kind = 'SESSION'`, [new Date(Date.now() - 1000)]);
    expect((await post(q, {}, bearer(session))).json().errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('sign-in is rate limited per user, in the database (shared by every process)', async () => {
    await hub.user('target', Role.VIEWER);
    for (let i = 0; i < 10; i++) expect((await login('target', 'wrong password', '10.0.0.9')).body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    const blocked = (await login('target', ADMIN_PASSWORD, '10.0.0.9')).body.errors[0];
    expect(blocked.extensions.code).toBe('TOO_MANY_REQUESTS');
    expect(Number((await hub.orm.em.fork().getConnection().execute(`select count(*) as n from login_attempt where key = 'user:target' and ok = ?`, [false]))[0].n)).toBe(10);
  });

  it('query depth and cost limits refuse with clear codes; the UI-sized page passes', async () => {
    const deep = (await post('{ indicator(id: "1") { ' + 'specialTargets { indicators { '.repeat(6) + 'seq' + ' } }'.repeat(6) + ' } }')).json();
    expect(deep.errors[0].extensions).toMatchObject({ code: 'QUERY_TOO_DEEP', depth: 14, maxDepth: 12 });
    const costly = (await post('{ indicators(limit: 1000) { items { specialTargets { indicators { specialTargets { indicators { seq } } } } } } }')).json();
    expect(costly.errors[0].extensions.code).toBe('QUERY_TOO_COSTLY');
    expect(costly.errors[0].message).toMatch(/limit is 250000/);
    const ui = (await post('{ indicators(limit: 1000) { totalCount items { id seq name unit targetText targetValue targetKind annualGrowthPct attribute cumulative version updatedAt responsibilities { role note department { id code name aliases } } specialTargets { id seq title } } } }')).json();
    expect(ui.errors).toBeUndefined();
    expect(ui.data.indicators.items).toHaveLength(24);
  });

  it('sends security headers and keeps CSRF prevention', async () => {
    const res = await post('{ plans { code } }');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(String(res.headers['content-security-policy'])).toContain("default-src 'self'");
    const page = await hub.app.inject({ method: 'GET', url: '/' });
    expect(String(page.headers['content-security-policy'])).toContain("default-src 'self'");
  });
});

describe('settings: anonymous reading off, introspection off, first admin from the environment', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startHub({ security: { anonymousRead: false, introspection: false } });
  });
  afterAll(() => hub.close());

  const post = (query: string, headers: Record<string, string> = {}) =>
    hub.app.inject({ method: 'POST', url: '/graphql', headers: { 'content-type': 'application/json', ...headers }, payload: { query } });

  it('anonymous requests are refused except to sign in; a session reads', async () => {
    expect((await post('{ indicators { totalCount } }')).json().errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect((await post('{ me { username } }')).json().data.me).toBeNull();
    const token = (await post(`mutation { login(username: "admin", password: "${ADMIN_PASSWORD}") { token } }`)).json().data.login.token;
    expect((await post('{ indicators { totalCount } }', { authorization: `Bearer ${token}` })).json().data.indicators.totalCount).toBe(24);
  });

  it('introspection can be turned off', async () => {
    const res = (await post('{ __schema { queryType { name } } }')).json();
    expect(res.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });
});
