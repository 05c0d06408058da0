import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ADMIN_PASSWORD, startHub, TEST_ENGINE, type TestHub } from './helpers';
import { createApp } from '../server/app';
import { createServices } from '../server/services';
import { cliActor, type Actor } from '../server/common/actor';
import type { Em } from '../server/orm';
import { Role } from '../schema/accounts/account.enums';

const UPDATE = 'mutation($id: ID!, $input: UpdateUserInput!) { updateUser(id: $id, input: $input) { id role disabled } }';

describe('the last active admin stays', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startHub({ seed: false });
  });
  afterAll(() => hub.close());

  const users = async () =>
    Object.fromEntries(((await hub.gql('{ users { username role disabled } }')).users as { username: string; role: string; disabled: boolean }[]).map((u) => [u.username, `${u.role}${u.disabled ? ' disabled' : ''}`]));
  const signIn = (username: string) => hub.gql('mutation($u: String!, $p: String!) { login(username: $u, password: $p) { user { username } } }', { u: username, p: ADMIN_PASSWORD });

  it('an admin cannot disable or demote itself, even with other admins; nothing changes', async () => {
    const other = await hub.user('office2', Role.ADMIN);
    for (const input of [{ disabled: true }, { role: 'VIEWER' }, { role: 'EDITOR', department: 'x' }, { disabled: true, role: 'VIEWER' }]) {
      const [e] = await hub.gqlErrors(UPDATE, { id: String(hub.admin.userId), input });
      expect(e.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'SELF' });
      expect(e.message).toMatch(/cannot (disable|demote) their own account \(admin\): another admin must do it/);
    }
    expect(await users()).toEqual({ admin: 'ADMIN', office2: 'ADMIN' });
    // Another admin may, and the self rule does not stop harmless changes of one's own account.
    expect((await hub.gql(UPDATE, { id: String(hub.admin.userId), input: { disabled: true } }, other)).updateUser).toMatchObject({ disabled: true });
    expect((await hub.gql(UPDATE, { id: String(hub.admin.userId), input: { disabled: false } }, other)).updateUser).toMatchObject({ disabled: false });
    expect((await hub.gql(UPDATE, { id: String(other.userId), input: { disabled: false } }, other)).updateUser).toMatchObject({ disabled: false });
    await hub.gql(UPDATE, { id: String(other.userId), input: { role: 'VIEWER' } });
    expect(await users()).toEqual({ admin: 'ADMIN', office2: 'VIEWER' });
  });

  it('the last active admin cannot be disabled or demoted, by GraphQL or the CLI path; a disabled admin does not count', async () => {
    // office2 is a VIEWER now: admin is the only active admin. A second admin that is disabled does not help.
    const dormant = await hub.user('dormant', Role.ADMIN);
    await hub.gql(UPDATE, { id: String(dormant.userId), input: { disabled: true } });
    const cli = createServices(hub.orm.em.fork() as Em, cliActor()).accounts;
    for (const input of [{ disabled: true }, { role: Role.VIEWER }]) {
      const refusal = await cli.updateUser(String(hub.admin.userId), input).catch((e) => e);
      expect(refusal).toMatchObject({ code: 'CONFLICT', details: { reason: 'LAST_ADMIN' } });
      expect(refusal.message).toMatch(/admin is the last active admin: make another user an admin first/);
    }
    // The case: the only active admin disables itself over GraphQL.
    const [own] = await hub.gqlErrors(UPDATE, { id: String(hub.admin.userId), input: { disabled: true } });
    expect(own).toMatchObject({ message: expect.stringMatching(/^admin is the last active admin/), extensions: { code: 'CONFLICT', reason: 'LAST_ADMIN', field: 'input.disabled' } });
    expect(await users()).toEqual({ admin: 'ADMIN', dormant: 'ADMIN disabled', office2: 'VIEWER' });
    await signIn('admin');
    // A disabled admin may be demoted: it is not active.
    await hub.gql(UPDATE, { id: String(dormant.userId), input: { role: 'VIEWER' } });
    // With a second active admin, the CLI may disable the first; then the second is the last one.
    await hub.gql(UPDATE, { id: String(dormant.userId), input: { role: 'ADMIN', disabled: false } });
    await cli.updateUser(String(hub.admin.userId), { disabled: true });
    const refusal = await createServices(hub.orm.em.fork() as Em, cliActor()).accounts.updateUser(String(dormant.userId), { role: Role.EDITOR, department: 'nope' }).catch((e) => e);
    expect(refusal).toMatchObject({ code: 'CONFLICT', details: { reason: 'LAST_ADMIN' } });
    expect(await users()).toEqual({ admin: 'ADMIN disabled', dormant: 'ADMIN', office2: 'VIEWER' });
    await createServices(hub.orm.em.fork() as Em, cliActor()).accounts.updateUser(String(hub.admin.userId), { disabled: false });
  });

  it('two admins disabling each other at the same moment: one wins, one admin stays', async () => {
    const a = await hub.user('twin-a', Role.ADMIN);
    const b = await hub.user('twin-b', Role.ADMIN);
    const services = (actor: Actor) => createServices(hub.orm.em.fork() as Em, actor).accounts;
    // Only the twins stay active admins.
    for (const u of (await hub.gql('{ users { id username role disabled } }')).users) {
      if (u.role === 'ADMIN' && !u.disabled && !u.username.startsWith('twin')) await services(cliActor()).updateUser(u.id, { disabled: true });
    }
    const results = await Promise.allSettled([services(a).updateUser(String(b.userId), { disabled: true }), services(b).updateUser(String(a.userId), { disabled: true })]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect((results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason).toMatchObject({ code: 'CONFLICT', details: { reason: 'LAST_ADMIN' } });
    const active = Object.entries(await users()).filter(([, state]) => state === 'ADMIN');
    expect(active).toHaveLength(1);
  });
});

describe('npm run user -- disable', () => {
  it('refuses to disable the last admin and says why (exit 1)', async () => {
    if (TEST_ENGINE !== 'sqlite') return; // the CLI test needs a database file; the rule itself is tested above on both engines
    const dir = mkdtempSync(join(tmpdir(), 'planhub-cli-'));
    try {
      const path = join(dir, 'hub.db');
      const hub = await createApp({ database: { engine: 'sqlite', path }, firstAdmin: { username: 'office', password: ADMIN_PASSWORD } });
      await hub.close();
      const run = (...args: string[]) =>
        promisify(execFile)(process.execPath, ['--import', 'tsx', 'server/cli/user.ts', ...args], { env: { ...process.env, DATABASE_URL: `sqlite:${path}` } }).then(
          (r) => ({ code: 0, ...r }),
          (e) => ({ code: e.code as number, stdout: e.stdout as string, stderr: e.stderr as string }),
        );
      const refused = await run('disable', 'office');
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain('refused (CONFLICT): office is the last active admin');
      const again = await createApp({ database: { engine: 'sqlite', path } });
      try {
        expect(await again.orm.em.fork().getConnection().execute('select username, role, disabled from "user"')).toEqual([{ username: 'office', role: 'ADMIN', disabled: 0 }]);
      } finally {
        await again.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
