import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHub, type TestHub } from './helpers';
import { readConfig } from '../server/config';

/** Bad requests over HTTP (Fastify inject through the whole app): coded 4xx answers, nothing run, nothing changed. */
describe('bad requests and amplification limits', () => {
  let hub: TestHub;
  let small: TestHub;
  let token: string;
  beforeAll(async () => {
    hub = await startHub();
    small = await startHub({ seed: false, security: { maxBodyBytes: 30_000, maxAliases: 1000, maxBatchOperations: 1 } });
    token = (await hub.app.inject({ method: 'POST', url: '/graphql', headers: { 'content-type': 'application/json' }, payload: { query: 'mutation { login(username: "admin", password: "correct horse battery staple") { token } }' } })).json().data.login.token;
  });
  afterAll(async () => {
    await hub.close();
    await small.close();
  });

  const post = (payload: unknown, options: { hub?: TestHub; type?: string; admin?: boolean } = {}) =>
    (options.hub ?? hub).app.inject({
      method: 'POST',
      url: '/graphql',
      headers: { 'content-type': options.type ?? 'application/json', ...(options.admin ? { authorization: `Bearer ${token}` } : {}) },
      payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
    });

  /** The one error of a refused request, after checking the general rules. */
  const refusal = (res: { statusCode: number; body: string }, status: number) => {
    expect(res.statusCode).toBe(status);
    expect(res.body).not.toMatch(/stacktrace|node_modules|\.ts:\d+|SQLITE|FST_ERR/);
    const body = JSON.parse(res.body);
    expect(body.errors).toHaveLength(1);
    return body.errors[0] as { message: string; extensions: Record<string, unknown> };
  };

  const version = async (id: string) => (await hub.gql(`{ indicator(id: "${id}") { name version } }`)).indicator;

  it('variables of the wrong JSON type are BAD_USER_INPUT with 400, before the cost plugin measures anything', async () => {
    const cases: [string, Record<string, unknown>][] = [
      ['query($s: String) { departments(search: $s) { code } }', { s: true }],
      ['query($n: Int) { indicators(limit: $n) { totalCount } }', { n: { a: 1 } }],
      ['query($f: IndicatorFilter) { indicators(filter: $f) { totalCount } }', { f: { search: 5 } }],
      ['query($id: ID!) { indicator(id: $id) { seq } }', {}],
      ['mutation($p: IndicatorPatch!) { updateIndicator(id: "1", patch: $p) { seq } }', { p: { seq: '1' } }],
    ];
    for (const [query, variables] of cases) {
      const e = refusal(await post({ query, variables }, { admin: true }), 400);
      expect(e.extensions.code).toBe('BAD_USER_INPUT');
      expect(e.message).toMatch(/^Variable "\$\w+"/);
    }
    expect((await version('1')).version).toBe(1);
  });

  it('an operationName the document does not hold is OPERATION_RESOLUTION_FAILURE with 400', async () => {
    for (const query of ['query A { plans { code } }', 'mutation A { logout }', 'query A { plans { code } } query B { __typename }']) {
      const e = refusal(await post({ query, operationName: 'Nope' }), 400);
      expect(e).toEqual({ message: 'Unknown operation named "Nope".', extensions: { code: 'OPERATION_RESOLUTION_FAILURE' } });
    }
  });

  it('control characters: single-line texts and every filter refuse them naming the field; nothing is written', async () => {
    const long = 'x'.repeat(5000);
    const cases: [string, Record<string, unknown>, string][] = [
      ['query($s: String) { departments(search: $s) { code } }', { s: 'a\u0000b' }, 'search'],
      ['query($s: String) { indicators(filter: { search: $s }) { totalCount } }', { s: `${long.slice(0, 100)}\u0000` }, 'filter.search'],
      ['query($s: String) { department(name: $s) { code } }', { s: '住建\u0085' }, 'name'],
      ['mutation($n: String) { updateIndicator(id: "1", patch: { name: $n }) { name } }', { n: 'GDP\u0000增速' }, 'patch.name'],
      ['mutation($n: String) { updateIndicator(id: "1", patch: { unit: $n }) { name } }', { n: '万\t元' }, 'patch.unit'],
      ['mutation($n: String, $t: String) { updateIndicator(id: "1", patch: { targetText: $t, name: $n }) { name } }', { n: 'GDP\n', t: long.slice(0, 150) }, 'patch.name'],
      ['mutation($u: String!) { login(username: $u, password: "0123456789") { token } }', { u: 'admin\u0000' }, 'username'],
      ['mutation($c: String) { batchUpdate(input: { indicators: [{ id: "1", patch: { name: "ok" } }, { id: "2", patch: { name: $c } }] }) { indicators { id } } }', { c: '\u001b[31m' }, 'input.indicators[1].patch.name'],
      ['mutation($c: String!) { updateRectification(id: "1", patch: { problem: $c }) { id } }', { c: `${long}\u0000${long}` }, 'patch.problem'],
      ['mutation($c: String) { updateIndicator(id: "1", patch: { responsibilities: [{ department: "住建", role: LEAD, note: $c }] }) { id } }', { c: 'ok\u0007' }, 'patch.responsibilities[0].note'],
    ];
    const before = await version('1');
    for (const [query, variables, field] of cases) {
      const res = await post({ query, variables }, { admin: true });
      expect(res.statusCode).toBe(200);
      const [e] = res.json().errors;
      expect(e.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
      expect(e.message).toMatch(new RegExp(`^${field.replace(/[[\].]/g, '\\$&')}: must not contain control characters.*\\(found (NUL|U\\+[0-9A-F]{4}) at position \\d+\\)$`));
    }
    expect(await version('1')).toEqual(before);
  });

  it('imports follow the same rule: a JSON file with NUL in a name is refused cell by cell, nothing written', async () => {
    const exported = await hub.gql('{ exportTable(format: JSON, table: STANDARDS) { contentBase64 } }');
    const text = Buffer.from(exported.exportTable.contentBase64, 'base64').toString('utf8');
    const content = text.replace(/"name": ?"([^"]+)"/, (_m, n) => `"name":"${n}\\u0000x"`);
    expect(content).toContain('\\u0000x');
    const before = await hub.gql('{ standards(limit: 1000) { items { name version } } }');
    const [e] = await hub.gqlErrors('mutation($c: String!) { importTable(input: { table: STANDARDS, format: JSON, content: $c, dryRun: false }) { __typename } }', { c: content });
    expect(e.extensions.code).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(e.extensions.problems)).toMatch(/must not contain control characters, line breaks or tabs \(found NUL/);
    expect(await hub.gql('{ standards(limit: 1000) { items { name version } } }')).toEqual(before);
  });

  it('free texts keep TAB, LF and CR exactly, and refuse NUL', async () => {
    const text = '第一行\r\n\t第二行\n第三行\t。';
    const saved = await hub.gql('mutation($c: String!) { updateRectification(id: "1", patch: { problem: $c }) { problem version } }', { c: text });
    expect(saved.updateRectification.problem).toBe(text);
    expect((await hub.gql('{ rectification(id: "1") { problem } }')).rectification.problem).toBe(text);
    const [e] = await hub.gqlErrors('mutation($c: String!) { updateRectification(id: "1", patch: { problem: $c }) { id } }', { c: 'a\u0000b' });
    expect(e.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'patch.problem' });
    expect(e.message).toContain('other than TAB, LF and CR (found NUL at position 2)');
    expect((await hub.gql('{ rectification(id: "1") { problem version } }')).rectification).toEqual(saved.updateRectification);
  });

  it('malformed bodies, other media types and methods get coded 4xx answers', async () => {
    expect(refusal(await post('{"query": '), 400)).toEqual({ message: 'The body is not valid JSON.', extensions: { code: 'BAD_REQUEST' } });
    expect(refusal(await post('', {}), 400).extensions.code).toBe('BAD_REQUEST');
    expect(refusal(await post('<q/>', { type: 'application/xml' }), 415).extensions.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(refusal(await post('x', { type: 'application/x-www-form-urlencoded' }), 415).extensions.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(refusal(await hub.app.inject({ method: 'DELETE', url: '/graphql' }), 405).extensions.code).toBe('METHOD_NOT_ALLOWED');
    // A persisted-query hash that does not match: Apollo's own 400 without a code.
    const apq = await hub.app.inject({ method: 'GET', url: `/graphql?query=%7B__typename%7D&extensions=${encodeURIComponent('{"persistedQuery":{"version":1,"sha256Hash":"x"}}')}`, headers: { 'apollo-require-preflight': 'true' } });
    expect(refusal(apq, 400)).toEqual({ message: 'provided sha does not match query', extensions: { code: 'BAD_REQUEST' } });
  });

  it('aliases are counted (30 by default, fragments included); refusals run nothing', async () => {
    const aliases = (n: number) => Array.from({ length: n }, (_, i) => `a${i}: plans { code }`).join(' ');
    expect(Object.keys((await post({ query: `{ ${aliases(30)} }` })).json().data)).toHaveLength(30);
    hub.statements.length = 0;
    const e = refusal(await post({ query: `{ ${aliases(31)} }` }), 400);
    expect(e.extensions).toEqual({ code: 'TOO_MANY_ALIASES', aliases: 31, maxAliases: 30 });
    // Through fragments, each spread counts: 4 spreads of a fragment with 10 aliases are 40.
    const viaFragments = refusal(await post({ query: `{ ...F ...G } fragment F on Query { ...H ...H } fragment G on Query { ...H ...H } fragment H on Query { ${aliases(10)} }` }), 400);
    expect(viaFragments.extensions).toMatchObject({ code: 'TOO_MANY_ALIASES', aliases: 40 });
    const indicators = refusal(await post({ query: `{ ${Array.from({ length: 500 }, (_, i) => `a${i}: indicators { totalCount }`).join(' ')} }` }), 400);
    expect(indicators.extensions).toMatchObject({ code: 'TOO_MANY_ALIASES', aliases: 500 });
    expect(hub.statements.filter((s) => /indicator|plan/.test(s))).toEqual([]);
  });

  it('every root field weighs in the cost: 500 aliases of indicators { totalCount } are too costly even where aliases are allowed', async () => {
    small.statements.length = 0;
    const e = refusal(await post({ query: `{ ${Array.from({ length: 500 }, (_, i) => `a${i}: indicators { totalCount }`).join(' ')} }` }, { hub: small }), 400);
    expect(e.extensions.code).toBe('QUERY_TOO_COSTLY');
    expect(e.extensions.cost).toBeGreaterThan(500 * 1000);
    expect(small.statements.filter((s) => /indicator/.test(s))).toEqual([]);
    // A few root fields stay cheap.
    expect((await post({ query: '{ a: indicators { totalCount } b: plans { code } }' }, { hub: small })).json().data.a.totalCount).toBe(0);
  });

  it('batches: up to MAX_BATCH_OPERATIONS (10) run, more are refused before any runs', async () => {
    const ok = await post([{ query: '{ plans { code } }' }, { query: 'query($s: String) { departments(search: $s) { code } }', variables: { s: '住建' } }]);
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toEqual([{ data: { plans: [{ code: expect.any(String) }] } }, { data: { departments: [{ code: expect.any(String) }] } }]);
    hub.statements.length = 0;
    const e = refusal(await post(Array.from({ length: 11 }, () => ({ query: '{ indicators { totalCount } }' }))), 400);
    expect(e.extensions).toEqual({ code: 'BATCH_TOO_LARGE', operations: 11, maxOperations: 10 });
    expect(hub.statements.filter((s) => /indicator/.test(s))).toEqual([]);
    expect(refusal(await post([]), 400).extensions.code).toBe('BAD_REQUEST');
    // MAX_BATCH_OPERATIONS=1 turns batching off.
    expect(refusal(await post([{ query: '{ __typename }' }, { query: '{ __typename }' }], { hub: small }), 400).extensions.code).toBe('BATCH_TOO_LARGE');
  });

  it('request bodies above MAX_BODY_BYTES are refused with 413 PAYLOAD_TOO_LARGE', async () => {
    const e = refusal(await post({ query: `{ __typename } # ${'x'.repeat(40_000)}` }, { hub: small }), 413);
    expect(e).toEqual({ message: 'The request body is larger than 30000 bytes (MAX_BODY_BYTES).', extensions: { code: 'PAYLOAD_TOO_LARGE', maxBytes: 30000 } });
    expect((await post({ query: '{ __typename }' }, { hub: small })).json()).toEqual({ data: { __typename: 'Query' } });
  });

  it('the settings are read from the environment', () => {
    const c = readConfig({ MAX_ALIASES: '5', MAX_BATCH_OPERATIONS: '2', MAX_BODY_BYTES: '2048' });
    expect(c.security).toMatchObject({ maxAliases: 5, maxBatchOperations: 2, maxBodyBytes: 2048 });
    expect(readConfig({}).security).toMatchObject({ maxAliases: 30, maxBatchOperations: 10, maxBodyBytes: undefined });
    expect(() => readConfig({ MAX_BODY_BYTES: 'lots' })).toThrow(/MAX_BODY_BYTES "lots" is not a positive number/);
  });
});
