import type { FieldSpec } from '../tables/types';

/** One saved change of one cell: the value before and after. */
export interface Change {
  rowId: string;
  field: FieldSpec;
  before: unknown;
  after: unknown;
}

/** A step the user can undo: one cell edit, or a whole paste. */
export interface Step {
  kind: 'edit' | 'paste';
  changes: Change[];
}

const LIMIT = 100;

/** Undo and redo stacks of one table, kept while the app is open (switching tables keeps them). */
export class History {
  private done: Step[] = [];
  private undone: Step[] = [];

  record(step: Step) {
    this.done.push(step);
    if (this.done.length > LIMIT) this.done.shift();
    this.undone = [];
  }
  peekUndo = () => this.done[this.done.length - 1];
  peekRedo = () => this.undone[this.undone.length - 1];
  /** Moves the top step once the server has applied it. */
  undoApplied() {
    const s = this.done.pop();
    if (s) this.undone.push(s);
  }
  redoApplied() {
    const s = this.undone.pop();
    if (s) this.done.push(s);
  }
  get canUndo() {
    return this.done.length > 0;
  }
  get canRedo() {
    return this.undone.length > 0;
  }
}

const histories = new Map<string, History>();
export function historyOf(table: string): History {
  let h = histories.get(table);
  if (!h) histories.set(table, (h = new History()));
  return h;
}

/**
 * Runs undo and redo one after another, each once the saves queued before it have settled, so each
 * takes its step from the stacks as the server's answers left them: Ctrl+Z then Ctrl+Y pressed
 * quickly redoes what was undone, and two quick Ctrl+Z undo two steps, not one step twice.
 * `saves` returns the grid's current save queue.
 */
export function stepRunner(saves: () => Promise<unknown>) {
  let chain: Promise<unknown> = Promise.resolve();
  return (step: () => Promise<void>): Promise<void> => {
    const run = chain.then(async () => {
      let settled: Promise<unknown>;
      do {
        settled = saves();
        await settled;
      } while (settled !== saves());
      await step();
    });
    chain = run.catch(() => undefined);
    return run;
  };
}
