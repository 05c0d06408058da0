import { afterEach, beforeAll, expect } from 'vitest';

/**
 * Run before every test file (vitest's setupFiles: the workers keep their modules from one file to
 * the next, so a hook registered when tests/browser/support.ts is first imported would only be
 * registered in the first browser file of each worker).
 *
 * Every test fails on a console error, an uncaught exception or an AG Grid warning in any page it
 * left open or closed (support.ts collects them), and the next test starts clean: the problems are
 * reported once, by the test that caused them. Files that open no browser have nothing collected.
 */
export interface ConsoleProblems {
  /** Problems still held by the pages of open sessions (taken out when read). */
  open: Set<{ errors: string[] }>;
  /** Problems of pages closed during the test. */
  closed: string[];
}

const KEY = Symbol.for('planhub.browser.consoleProblems');

export function consoleProblems(): ConsoleProblems {
  const g = globalThis as unknown as Record<symbol, ConsoleProblems | undefined>;
  return (g[KEY] ??= { open: new Set(), closed: [] });
}

beforeAll(() => {
  // Whatever an earlier file of this worker left (its browser closing after its last test) is not this file's.
  const state = consoleProblems();
  state.open.clear();
  state.closed.splice(0);
});

afterEach(() => {
  const { open, closed } = consoleProblems();
  const found = [...closed.splice(0), ...[...open].flatMap((s) => s.errors.splice(0))];
  expect(found, 'console errors, uncaught exceptions or AG Grid warnings during this test').toEqual([]);
});
