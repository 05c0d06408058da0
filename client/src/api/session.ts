import { useSyncExternalStore } from 'react';
import { apollo, liveSocket } from './client';
import { graphql } from './generated';
import type { SessionUserFragment } from './generated/graphql';
import type { FieldSpec, Row, TableSpec } from '../tables/types';

/** Who is signed in. The session itself lives in the server's httpOnly cookie `planhub_session`. */
export type SessionUser = SessionUserFragment;

graphql(`fragment SessionUser on User { username role department { id name nameEn } }`);
const ME = graphql(`query Me { me { ...SessionUser } }`);
const LOGIN = graphql(`mutation Login($username: String!, $password: String!) { login(username: $username, password: $password) { expiresAt user { ...SessionUser } } }`);
const LOGOUT = graphql(`mutation Logout { logout }`);

/** undefined while the first `me` is on its way; null when nobody is signed in. */
let current: SessionUser | null | undefined;
const listeners = new Set<() => void>();
const emit = () => listeners.forEach((l) => l());
const subscribe = (l: () => void) => {
  listeners.add(l);
  return () => listeners.delete(l);
};

export const currentUser = () => current;
export const useSession = () => useSyncExternalStore(subscribe, currentUser);

function set(user: SessionUser | null) {
  const before = current;
  current = user;
  // Live subscriptions follow the tables as the socket's account reads them: a new account (signed in,
  // out, or as someone else) reconnects, and the subscriptions are made again with the new cookie.
  if (before !== undefined && (before?.username ?? null) !== (user?.username ?? null)) liveSocket.terminate();
  emit();
}

/** Asks the server who the cookie stands for (anonymous when there is none, or it expired). */
export async function loadSession(): Promise<SessionUser | null> {
  try {
    const res = await apollo.query({ query: ME, fetchPolicy: 'no-cache' });
    set(res.data?.me ?? null);
  } catch {
    set(null);
  }
  return current ?? null;
}

/** Signs in; the server sets the session cookie. Throws the server's refusal. */
export async function signIn(username: string, password: string): Promise<SessionUser> {
  const res = await apollo.mutate({ mutation: LOGIN, variables: { username, password }, fetchPolicy: 'no-cache' });
  const user = res.data!.login.user;
  set(user);
  return user;
}

export async function signOut(): Promise<void> {
  try {
    await apollo.mutate({ mutation: LOGOUT, fetchPolicy: 'no-cache' });
  } finally {
    set(null);
  }
}

// ---- asking for a sign-in ------------------------------------------------------------------------

/** Set while the sign-in dialog is open (e.g. after a write was refused as UNAUTHENTICATED). */
let prompt: { reason?: string } | null = null;
const promptListeners = new Set<() => void>();
export function requestSignIn(reason?: string) {
  prompt = { reason };
  promptListeners.forEach((l) => l());
}
export function closeSignIn() {
  prompt = null;
  promptListeners.forEach((l) => l());
}
export const useSignInPrompt = () =>
  useSyncExternalStore(
    (l) => {
      promptListeners.add(l);
      return () => promptListeners.delete(l);
    },
    () => prompt,
  );

// ---- what the user may change (a hint only: the server decides) -----------------------------------

/** Fields an EDITOR never changes: responsibilities and links. */
const STRUCTURAL = new Set(['responsibilities', 'links']);

/** Whether the row is editable for the user: signed-out readers and viewers read only (the grid offers no edit the server refuses). */
export function mayEditRow(user: SessionUser | null | undefined, spec: TableSpec, row: Row | undefined): boolean {
  if (!user) return false;
  if (user.role === 'ADMIN') return true;
  if (user.role === 'VIEWER') return false;
  if (spec.key === 'departments' || !row) return false;
  const list = (row.responsibilities ?? []) as { department: { id: string; name: string } }[];
  return list.some((r) => r.department.id === user.department?.id || r.department.name === user.department?.name);
}

export function mayEditCell(user: SessionUser | null | undefined, spec: TableSpec, row: Row | undefined, field: Pick<FieldSpec, 'kind' | 'office'>): boolean {
  if (user?.role === 'EDITOR' && (STRUCTURAL.has(field.kind) || field.office)) return false;
  return mayEditRow(user, spec, row);
}

/** A notice's "sign in" button for a write refused as UNAUTHENTICATED. */
export function signInActions(problem: { code: string }, lang: 'zh' | 'en'): { label: string; run(): void }[] {
  if (problem.code !== 'UNAUTHENTICATED') return [];
  return [{ label: lang === 'zh' ? '登录' : 'Sign in', run: () => requestSignIn() }];
}
