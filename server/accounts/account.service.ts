import { LockMode } from '@mikro-orm/core';
import { LRUCache } from 'lru-cache';
import type { Em } from '../orm';
import { User } from '../../schema/accounts/user.entity';
import { Credential, LoginAttempt } from '../../schema/accounts/credential.entity';
import { CredentialKind, Role } from '../../schema/accounts/account.enums';
import type { CreateApiTokenInput, CreateUserInput, UpdateUserInput } from '../../schema/accounts/account.inputs';
import type { DepartmentService } from '../departments/department.service';
import type { Permissions } from './permissions';
import type { AuditService } from '../audit/audit.service';
import { ANONYMOUS, type Actor } from '../common/actor';
import { AppError, ErrorCode, badInput, conflict, notFound } from '../errors';
import { parseId } from '../common/ids';
import { inTransaction } from '../common/transaction';
import { DUMMY_HASH, hashPassword, newSecret, secretHash, verifyPassword } from './password';
import { dateOf, preparedQuery, type PreparedQuery } from '../db/prepared';
import { engineOf } from '../db/engine';

export interface AuthSettings {
  sessionTtlHours: number;
  /** Failed sign-ins per username (and, ×5, per address) in the window before sign-in is refused. */
  maxFailedLogins: number;
  loginWindowMinutes: number;
}

export const DEFAULT_AUTH: AuthSettings = { sessionTtlHours: 12, maxFailedLogins: 10, loginWindowMinutes: 15 };

interface CredentialRow {
  id: number | string;
  kind: CredentialKind;
  name: string;
  expires_at: unknown;
  last_used_at: unknown;
  user_id: number | string;
  username: string;
  role: Role;
  department_id: number | string | null;
  disabled: boolean | number;
}

/** One statement per pool (the forks of one ORM share it), made on first use. */
const credentialQueries = new WeakMap<object, PreparedQuery<CredentialRow>>();
function credentialQuery(em: Em): PreparedQuery<CredentialRow> {
  const pool = em.getDriver();
  let q = credentialQueries.get(pool);
  if (!q) {
    q = preparedQuery<CredentialRow>(
      em,
      'select c.id, c.kind, c.name, c.expires_at, c.last_used_at, u.id as user_id, u.username, u.role, u.department_id, u.disabled ' +
        'from credential c join "user" u on u.id = c.user_id where c.secret_hash = ? and c.revoked_at is null',
    );
    credentialQueries.set(pool, q);
  }
  return q;
}

/**
 * Credential rows this process read recently, by secret hash, each with the data generations of the
 * credential and user tables read before it (server/cache/generation.ts). A row is used again only
 * while those generations are still the current ones, so a revocation, an expiry change, a disabled
 * or demoted user — any write to either table, by any process — sends the next request back to the
 * database, as if nothing were kept. Unknown secrets are never kept.
 */
export class VerifiedCredentials {
  private readonly rows = new LRUCache<string, { generations: string; row: CredentialRow }>({ max: 10_000 });

  get(hash: string, generations: string): CredentialRow | undefined {
    const found = this.rows.get(hash);
    return found && found.generations === generations ? found.row : undefined;
  }

  set(hash: string, generations: string, row: CredentialRow): void {
    this.rows.set(hash, { generations, row });
  }

  delete(hash: string): void {
    this.rows.delete(hash);
  }
}

/**
 * The actor a bearer token or session cookie stands for; anonymous when absent; UNAUTHENTICATED when
 * unknown, expired or revoked, or its user is disabled. Every request with a credential comes here
 * first, before the answer cache is looked at, so it costs one prepared statement on the secret's hash
 * (server/db/prepared.ts), past the ORM and without a service set (`em` only lends its connection
 * pool; any fork will do) — or nothing, when `known` holds the row and the credential and user
 * tables' generations, read for this request, show neither changed since it was read. Either way a
 * revocation or a disabled account stops the next request in every process.
 */
export async function verifyCredential(em: Em, secret: string | null | undefined, known?: { memo: VerifiedCredentials; generations: string }): Promise<Actor> {
  if (!secret) return ANONYMOUS;
  const hash = secretHash(secret);
  let row = known?.memo.get(hash, known.generations);
  if (!row) {
    [row] = await credentialQuery(em)([hash]);
    if (row && known) known.memo.set(hash, known.generations, row);
  }
  const now = new Date();
  const expiresAt = dateOf(row?.expires_at);
  if (!row || row.disabled === true || Number(row.disabled) === 1 || (expiresAt && expiresAt <= now)) {
    throw new AppError(ErrorCode.UNAUTHENTICATED, 'Your session has expired or was revoked: sign in again.');
  }
  // Note use at most once a minute, so reads do not turn into writes.
  const lastUsedAt = dateOf(row.last_used_at);
  if (!lastUsedAt || now.getTime() - lastUsedAt.getTime() > 60_000) {
    known?.memo.delete(hash);
    await em.fork().nativeUpdate(Credential, { id: Number(row.id) }, { lastUsedAt: now });
  }
  const apiToken = row.kind === CredentialKind.API_TOKEN;
  return {
    userId: Number(row.user_id),
    username: apiToken ? `token:${row.name}` : row.username,
    role: apiToken ? Role.VIEWER : row.role,
    departmentId: apiToken || row.department_id == null ? null : Number(row.department_id),
    readOnly: apiToken,
    source: 'graphql',
  };
}

export class AccountService {
  constructor(
    private readonly em: Em,
    private readonly permissions: Permissions,
    private readonly audit: AuditService,
    private readonly departments: DepartmentService,
    private readonly settings: AuthSettings = DEFAULT_AUTH,
  ) {}

  /** The actor a bearer token or session cookie stands for (see verifyCredential). */
  authenticate(secret: string | null | undefined): Promise<Actor> {
    return verifyCredential(this.em, secret);
  }

  async login(username: string, password: string, address: string): Promise<{ token: string; user: User; expiresAt: Date }> {
    const since = new Date(Date.now() - this.settings.loginWindowMinutes * 60_000);
    const userKey = `user:${username.toLowerCase()}`;
    const addressKey = `ip:${address}`;
    const failures = async (key: string) => this.em.count(LoginAttempt, { key, ok: false, at: { $gte: since } });
    if ((await failures(userKey)) >= this.settings.maxFailedLogins || (await failures(addressKey)) >= this.settings.maxFailedLogins * 5) {
      throw new AppError(ErrorCode.TOO_MANY_REQUESTS, `Too many failed sign-ins: wait ${this.settings.loginWindowMinutes} minutes and try again.`);
    }
    const user = await this.em.findOne(User, { username });
    const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
    const record = (success: boolean) => {
      for (const key of [userKey, addressKey]) this.em.persist(this.em.create(LoginAttempt, { key, ok: success, at: new Date() }));
    };
    if (!user || !ok) {
      record(false);
      await this.em.flush();
      throw new AppError(ErrorCode.UNAUTHENTICATED, 'Wrong username or password.');
    }
    if (user.disabled) {
      record(false);
      await this.em.flush();
      throw new AppError(ErrorCode.FORBIDDEN, `The account ${user.username} is disabled.`);
    }
    record(true);
    const token = newSecret('phs');
    const expiresAt = new Date(Date.now() + this.settings.sessionTtlHours * 3_600_000);
    this.em.persist(this.em.create(Credential, { secretHash: secretHash(token), kind: CredentialKind.SESSION, name: 'session', user, expiresAt, createdAt: new Date() }));
    await this.em.nativeDelete(LoginAttempt, { at: { $lt: new Date(Date.now() - 86_400_000) } });
    await this.em.flush();
    return { token, user, expiresAt };
  }

  /** Revokes the session the request was made with. */
  async logout(secret: string | null | undefined): Promise<boolean> {
    if (!secret) return false;
    const n = await this.em.nativeUpdate(Credential, { secretHash: secretHash(secret), kind: CredentialKind.SESSION, revokedAt: null }, { revokedAt: new Date() });
    return n > 0;
  }

  async me(actor: Actor): Promise<User | null> {
    return actor.userId != null ? this.em.findOne(User, actor.userId) : null;
  }

  users(): Promise<User[]> {
    this.permissions.assertAdmin('list users');
    return this.em.find(User, {}, { orderBy: { username: 'asc' } });
  }

  createUser(input: CreateUserInput): Promise<User> {
    return inTransaction(this.em, async () => {
      this.permissions.assertAdmin('create users');
      if (await this.em.findOne(User, { username: input.username })) throw conflict(`input.username: the username ${input.username} is taken`, { field: 'input.username' });
      const user = this.em.create(User, { username: input.username, passwordHash: await hashPassword(input.password), role: input.role, disabled: false } as User);
      await this.setDepartment(user, input.role, input.department, 'input.department');
      this.em.persist(user);
      await this.em.flush();
      this.audit.created('User', user.id, { username: user.username, role: user.role, department: user.department?.code ?? null });
      return user;
    });
  }

  updateUser(id: string, input: UpdateUserInput): Promise<User> {
    return inTransaction(this.em, async () => {
      this.permissions.assertAdmin('change users');
      const user = await this.em.findOne(User, parseId(id, 'id'), { populate: ['department'] });
      if (!user) throw notFound('User', id);
      const before = { role: user.role, department: user.department?.code ?? null, disabled: user.disabled };
      const role = input.role ?? user.role;
      await this.assertAdminsRemain(user, role, input.disabled ?? user.disabled);
      user.role = role;
      if (input.disabled != null) user.disabled = input.disabled;
      await this.setDepartment(user, role, input.department === undefined ? (user.department?.code ?? null) : input.department, 'input.department');
      const changes: { field: string; before: unknown; after: unknown }[] = [];
      const after = { role: user.role, department: user.department?.code ?? null, disabled: user.disabled };
      for (const k of Object.keys(after) as (keyof typeof after)[]) if (before[k] !== after[k]) changes.push({ field: k, before: before[k], after: after[k] });
      if (input.password) {
        user.passwordHash = await hashPassword(input.password);
        changes.push({ field: 'password', before: '(hidden)', after: '(changed)' });
      }
      // Disabling, demoting or a new password ends the user's sessions.
      if (changes.length) await this.em.nativeUpdate(Credential, { user: user.id, kind: CredentialKind.SESSION, revokedAt: null }, { revokedAt: new Date() });
      this.audit.updated('User', user.id, changes);
      return user;
    });
  }

  /**
   * The office must never lock itself out: an active ADMIN that would stop being one (disabled or
   * demoted) must not be the last active ADMIN, nor the actor itself (another admin must do it). The
   * active admins are locked for the rest of the transaction on PostgreSQL, so two admins disabling
   * each other at once cannot both pass; SQLite runs one write transaction at a time anyway.
   */
  private async assertAdminsRemain(user: User, role: Role, disabled: boolean): Promise<void> {
    const wasActiveAdmin = user.role === Role.ADMIN && !user.disabled;
    if (!wasActiveAdmin || (role === Role.ADMIN && !disabled)) return;
    const what = disabled ? 'disable' : 'demote';
    const postgres = engineOf(this.em) === 'postgresql';
    const active = await this.em.find(User, { role: Role.ADMIN, disabled: false }, postgres ? { lockMode: LockMode.PESSIMISTIC_WRITE } : {});
    if (active.filter((u) => u.id !== user.id).length === 0) {
      throw conflict(`${user.username} is the last active admin: make another user an admin first, or the office is locked out of the hub.`, { field: disabled ? 'input.disabled' : 'input.role', reason: 'LAST_ADMIN' });
    }
    if (this.permissions.actor.userId === user.id) {
      throw new AppError(ErrorCode.FORBIDDEN, `An admin cannot ${what} their own account (${user.username}): another admin must do it.`, { field: disabled ? 'input.disabled' : 'input.role', reason: 'SELF' });
    }
  }

  private async setDepartment(user: User, role: Role, department: string | null | undefined, field: string) {
    if (role !== Role.EDITOR) {
      user.department = null;
      return;
    }
    if (!department) throw badInput(field, 'an EDITOR works for one department: give its code, name or alias');
    user.department = await this.departments.resolve(department, field);
  }

  apiTokens(): Promise<Credential[]> {
    this.permissions.assertAdmin('list API tokens');
    return this.em.find(Credential, { kind: CredentialKind.API_TOKEN }, { orderBy: { id: 'desc' } });
  }

  createApiToken(input: CreateApiTokenInput, actor: Actor): Promise<{ token: string; apiToken: Credential }> {
    return inTransaction(this.em, async () => {
      this.permissions.assertAdmin('create API tokens');
      const token = newSecret('phb');
      const apiToken = this.em.create(Credential, {
        secretHash: secretHash(token),
        kind: CredentialKind.API_TOKEN,
        name: input.name.trim(),
        user: actor.userId!,
        createdAt: new Date(),
        expiresAt: input.expiresInDays ? new Date(Date.now() + input.expiresInDays * 86_400_000) : null,
      } as never);
      this.em.persist(apiToken);
      await this.em.flush();
      this.audit.created('ApiToken', apiToken.id, { name: apiToken.name, expiresAt: apiToken.expiresAt?.toISOString() ?? null });
      return { token, apiToken };
    });
  }

  revokeApiToken(id: string): Promise<boolean> {
    return inTransaction(this.em, async () => {
      this.permissions.assertAdmin('revoke API tokens');
      const token = await this.em.findOne(Credential, { id: parseId(id, 'id'), kind: CredentialKind.API_TOKEN });
      if (!token) throw notFound('ApiToken', id);
      if (token.revokedAt) return false;
      token.revokedAt = new Date();
      this.audit.updated('ApiToken', token.id, [{ field: 'revokedAt', before: null, after: token.revokedAt.toISOString() }]);
      return true;
    });
  }

  /** The first admin of an empty database (ADMIN_USERNAME / ADMIN_PASSWORD, or the CLI). */
  async createFirstAdmin(username: string, password: string): Promise<User | null> {
    if ((await this.em.count(User, {})) > 0) return null;
    return this.createUser({ username, password, role: Role.ADMIN });
  }
}
