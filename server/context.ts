import type { Em, Orm } from './orm';
import { createServices, type Services } from './services';
import { createLoaders, type Loaders } from './common/loaders';
import { ANONYMOUS, type Actor } from './common/actor';
import { verifyCredential, type AuthSettings, type VerifiedCredentials } from './accounts/account.service';
import { AppError } from './errors';

/** What a request brings beside the operation: its address and a way to set the session cookie. */
export interface HttpSide {
  address: string;
  setCookie(name: string, value: string, expires: Date): void;
}

export interface Context {
  em: Em;
  actor: Actor;
  /** The secret the request was authenticated with (for logout). */
  credential: string | null;
  /** Set when the request carried an expired, revoked or unknown credential. */
  authError: AppError | null;
  services: Services;
  loaders: Loaders;
  http?: HttpSide;
  /** Whether anonymous requests may read (the ANONYMOUS_READ setting). */
  anonymousRead?: boolean;
}

export interface ContextOptions {
  credential?: string | null;
  /** Skip the look-up: act as this actor (tests, CLI, or a request authenticated at the HTTP edge). */
  actor?: Actor;
  /** With actor: the credential was refused (the actor is then anonymous). */
  authError?: AppError | null;
  http?: HttpSide;
  auth?: AuthSettings;
}

/** One EntityManager fork per request, the actor its credential stands for, its services and batch loaders. */
export async function createContext(orm: Orm, options: ContextOptions = {}): Promise<Context> {
  const em = orm.em.fork() as Em;
  const { actor, authError } = options.actor
    ? { actor: options.actor, authError: options.authError ?? null }
    : await authenticate(em, options.credential ?? null);
  return { em, actor, credential: options.credential ?? null, authError, services: createServices(em, actor, options.auth), loaders: createLoaders(em), http: options.http };
}

/**
 * Who a credential stands for; a refused credential leaves the request anonymous, with the reason.
 * One prepared statement (accounts/account.service.ts verifyCredential), no service set: the HTTP edge
 * runs this for every request with a credential before it looks at the answer cache. `em` may be any
 * EntityManager of the ORM (only its connection pool is used); `known` lets a credential read for an
 * earlier request stand while the credential and user tables have not changed since.
 */
export async function authenticate(em: Em, credential: string | null, known?: { memo: VerifiedCredentials; generations: string }): Promise<{ actor: Actor; authError: AppError | null }> {
  if (!credential) return { actor: ANONYMOUS, authError: null };
  try {
    return { actor: await verifyCredential(em, credential, known), authError: null };
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return { actor: ANONYMOUS, authError: error };
  }
}
