import { describe, expect, it, afterAll, beforeAll } from 'vitest';
import { GraphQLError } from 'graphql';
import { formatError } from '../server/errors';
import { startHub, type TestHub } from './helpers';

describe('over HTTP', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startHub();
  });
  afterAll(() => hub.close());

  const post = (query: string, headers: Record<string, string> = {}) =>
    hub.app.inject({ method: 'POST', url: '/graphql', headers: { 'content-type': 'application/json', ...headers }, payload: { query } });

  it('answers the housing cross-link as JSON', async () => {
    const res = await post('{ department(name: "住建") { name indicators(attribute: BINDING, role: LEAD) { seq } } }');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ data: { department: { name: '区住建局', indicators: [20, 21, 22, 23].map((seq) => ({ seq })) } } });
  });

  it('errors carry a code and never a stack trace', async () => {
    const res = await post('mutation { updateIndicator(id: "1", patch: { name: "" }) { id } }');
    const body = res.json();
    expect(body.errors[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'patch.name' });
    expect(JSON.stringify(body)).not.toMatch(/stacktrace|at .*\.ts:\d+/);
    const invalid = (await post('{ indicators { nope } }')).json();
    expect(invalid.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('unknown errors are masked (and logged), known GraphQL errors pass through', () => {
    const original = console.error;
    const logged: unknown[] = [];
    console.error = (...args: unknown[]) => logged.push(args);
    try {
      const masked = formatError({ message: 'SQLITE_ERROR: secret table', extensions: { code: 'INTERNAL_SERVER_ERROR' } }, new Error('SQLITE_ERROR: secret table'));
      expect(masked).toEqual({ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' }, locations: undefined, path: undefined });
      expect(logged).toHaveLength(1);
    } finally {
      console.error = original;
    }
    const passed = formatError({ message: 'bad', extensions: { code: 'GRAPHQL_PARSE_FAILED' } }, new GraphQLError('bad'));
    expect(passed.extensions).toEqual({ code: 'GRAPHQL_PARSE_FAILED' });
  });

  it('keeps Apollo CSRF prevention: a simple GET query without a preflight header is refused', async () => {
    const res = await hub.app.inject({ method: 'GET', url: '/graphql?query=%7B__typename%7D' });
    expect(res.statusCode).toBe(400);
    const ok = await hub.app.inject({ method: 'GET', url: '/graphql?query=%7B__typename%7D', headers: { 'apollo-require-preflight': 'true' } });
    expect(ok.json()).toEqual({ data: { __typename: 'Query' } });
  });

  it('serves the start page and a health check', async () => {
    const page = await hub.app.inject({ method: 'GET', url: '/' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Plan Hub');
    expect((await hub.app.inject({ method: 'GET', url: '/health' })).json()).toEqual({ ok: true });
  });
});
