import { describe, expect, it } from 'vitest';
import { importReducer, importView, initialImportState, type ChosenFile, type ImportEvent, type ImportState } from '../../client/src/pages/import/importReducer';
import type { ImportRefusal, ImportResult } from '../../client/src/api/transfer';

/** The import page's state machine (client/src/pages/import/importReducer.ts), event by event. */

const FILE: ChosenFile = { name: 'indicators.csv', size: 1234, base64: 'c2VxLOWQjeensAo=' };

function result(over: Partial<ImportResult> = {}): ImportResult {
  return {
    importId: 'imp-1',
    table: 'INDICATORS',
    format: 'CSV',
    encoding: 'UTF-8',
    planCode: 'p1',
    dryRun: true,
    applied: false,
    rowCount: 3,
    created: 1,
    updated: 1,
    unchanged: 1,
    deleted: 0,
    problemCount: 0,
    problems: [],
    tables: [],
    ...over,
  };
}

const REFUSAL: ImportRefusal = {
  problem: { code: 'FORBIDDEN', message: 'Only the evaluation office (ADMIN) can import.' },
  problems: [],
  problemCount: 0,
  importId: null,
  tooLarge: false,
};

const run = (state: ImportState, ...events: ImportEvent[]) => events.reduce(importReducer, state);
const start = () => initialImportState('INDICATORS');
/** A file read and checked by run 2: a preview with one create and one update, no problems. */
const checkedState = (r: ImportResult = result()) => run(start(), { type: 'fileChosen', run: 1 }, { type: 'fileRead', run: 1, file: FILE }, { type: 'checkStarted', run: 2 }, { type: 'checked', run: 2, result: r });

describe('import state machine: the way through', () => {
  it('starts idle on the table it was opened with, nothing chosen', () => {
    expect(initialImportState('STANDARDS')).toEqual({ phase: 'idle', table: 'STANDARDS', file: null, deleteMissing: false, result: null, refusal: null, confirming: false, run: 0 });
  });

  it('idle → reading: a chosen file clears the last answer and refusal and takes the request number', () => {
    const before: ImportState = { ...checkedState(), refusal: { ...REFUSAL, stage: 'check' } };
    const s = importReducer(before, { type: 'fileChosen', run: 7 });
    expect(s.phase).toBe('reading');
    expect(s.result).toBeNull();
    expect(s.refusal).toBeNull();
    expect(s.run).toBe(7);
    expect(s.file).toEqual(FILE); // the previous file stays until the new one is read
  });

  it('reading: the read file is kept with its name, size and bytes; the phase waits for the dry run', () => {
    const s = run(start(), { type: 'fileChosen', run: 1 }, { type: 'fileRead', run: 1, file: FILE });
    expect(s.phase).toBe('reading');
    expect(s.file).toEqual({ name: 'indicators.csv', size: 1234, base64: 'c2VxLOWQjeensAo=' });
  });

  it('reading → idle when the file cannot be read', () => {
    const s = run(start(), { type: 'fileChosen', run: 1 }, { type: 'readFailed', run: 1 });
    expect(s.phase).toBe('idle');
    expect(s.file).toBeNull();
  });

  it('reading → checking: the dry run clears a refusal and takes its own request number', () => {
    const s = run(start(), { type: 'fileChosen', run: 1 }, { type: 'fileRead', run: 1, file: FILE }, { type: 'checkStarted', run: 2 });
    expect(s.phase).toBe('checking');
    expect(s.run).toBe(2);
    expect(importView(s)).toMatchObject({ busy: true, canApply: false, hint: 'checking' });
  });

  it('checking → checked with the preview: applicable when it has changes and no problems', () => {
    const r = result({ created: 2, updated: 3, deleted: 0 });
    const s = checkedState(r);
    expect(s.phase).toBe('checked');
    expect(s.result).toBe(r);
    expect(importView(s)).toEqual({ busy: false, preview: r, changes: 5, canApply: true, hint: null });
  });

  it('checking → checked with a refusal (stage check) and no preview', () => {
    const s = run(start(), { type: 'fileChosen', run: 1 }, { type: 'fileRead', run: 1, file: FILE }, { type: 'checkStarted', run: 2 }, { type: 'checkRefused', run: 2, refusal: REFUSAL });
    expect(s.phase).toBe('checked');
    expect(s.result).toBeNull();
    expect(s.refusal).toEqual({ ...REFUSAL, stage: 'check' });
    expect(importView(s).canApply).toBe(false);
  });

  it('checked → applying → applied: the answer replaces the preview', () => {
    const done = result({ dryRun: false, applied: true, importId: 'imp-2' });
    const applying = importReducer(checkedState(), { type: 'applyStarted', run: 3 });
    expect(applying.phase).toBe('applying');
    expect(applying.run).toBe(3);
    expect(importView(applying).busy).toBe(true);
    const s = importReducer(applying, { type: 'applied', run: 3, result: done });
    expect(s.phase).toBe('applied');
    expect(s.result).toBe(done);
    expect(importView(s).preview).toBeNull(); // an applied result is no preview: nothing to apply again
    expect(importView(s).canApply).toBe(false);
  });

  it('applying → checked when the import is refused (stage apply); the preview stays', () => {
    const preview = result();
    const s = run(checkedState(preview), { type: 'applyStarted', run: 3 }, { type: 'applyRefused', run: 3, refusal: REFUSAL });
    expect(s.phase).toBe('checked');
    expect(s.refusal).toEqual({ ...REFUSAL, stage: 'apply' });
    expect(s.result).toBe(preview);
    expect(importView(s).canApply).toBe(false); // not again until a new dry run clears the refusal
  });

  it('a deleting import asks first: confirmAsked opens, confirmCancelled closes, applyStarted closes it too', () => {
    const c = checkedState(result({ deleted: 2 }));
    const asking = importReducer(c, { type: 'confirmAsked' });
    expect(asking.confirming).toBe(true);
    expect(importReducer(asking, { type: 'confirmCancelled' }).confirming).toBe(false);
    const applying = importReducer(asking, { type: 'applyStarted', run: 3 });
    expect(applying).toMatchObject({ phase: 'applying', confirming: false });
  });

  it('after applied, a changed option starts a new dry run of the same file', () => {
    const applied = run(checkedState(), { type: 'applyStarted', run: 3 }, { type: 'applied', run: 3, result: result({ applied: true, dryRun: false }) });
    const s = run(applied, { type: 'deleteMissingSet', on: true }, { type: 'checkStarted', run: 4 });
    expect(s).toMatchObject({ phase: 'checking', deleteMissing: true, file: FILE, run: 4 });
  });

  it('table and delete-missing are chosen in any phase but applying', () => {
    for (const s of [start(), checkedState()]) {
      expect(importReducer(s, { type: 'tableChosen', table: 'STANDARDS' }).table).toBe('STANDARDS');
      expect(importReducer(s, { type: 'deleteMissingSet', on: true }).deleteMissing).toBe(true);
    }
  });
});

describe('import state machine: refused transitions leave the state as it was', () => {
  const refused = (state: ImportState, event: ImportEvent) => expect(importReducer(state, event)).toBe(state);
  const applying = () => importReducer(checkedState(), { type: 'applyStarted', run: 3 });

  it('an answer to an older request is dropped (the file or an option changed meanwhile)', () => {
    const newer = importReducer(checkedState(), { type: 'checkStarted', run: 5 });
    refused(newer, { type: 'checked', run: 2, result: result({ created: 9 }) });
    refused(newer, { type: 'checkRefused', run: 2, refusal: REFUSAL });
    const reading = run(start(), { type: 'fileChosen', run: 1 }, { type: 'fileChosen', run: 2 });
    refused(reading, { type: 'fileRead', run: 1, file: FILE });
    refused(reading, { type: 'readFailed', run: 1 });
    refused(applying(), { type: 'applied', run: 2, result: result({ applied: true }) });
    refused(applying(), { type: 'applyRefused', run: 2, refusal: REFUSAL });
  });

  it('while applying: no new file, table, delete-missing or dry run', () => {
    const s = applying();
    refused(s, { type: 'fileChosen', run: 9 });
    refused(s, { type: 'tableChosen', table: 'STANDARDS' });
    refused(s, { type: 'deleteMissingSet', on: true });
    refused(s, { type: 'checkStarted', run: 9 });
    refused(s, { type: 'applyStarted', run: 9 });
  });

  it('no dry run without a file', () => {
    refused(start(), { type: 'checkStarted', run: 1 });
  });

  it('no apply before a dry run, with problems, with nothing to change, after a refusal, or of an applied result', () => {
    refused(start(), { type: 'applyStarted', run: 1 });
    const reading = run(start(), { type: 'fileChosen', run: 1 }, { type: 'fileRead', run: 1, file: FILE });
    refused(reading, { type: 'applyStarted', run: 2 });
    const problems = checkedState(result({ problemCount: 2 }));
    expect(importView(problems).hint).toBe('problems');
    refused(problems, { type: 'applyStarted', run: 3 });
    const nothing = checkedState(result({ created: 0, updated: 0, deleted: 0, unchanged: 3 }));
    expect(importView(nothing).hint).toBe('nothing');
    refused(nothing, { type: 'applyStarted', run: 3 });
    const afterRefusal = run(checkedState(), { type: 'applyStarted', run: 3 }, { type: 'applyRefused', run: 3, refusal: REFUSAL });
    refused(afterRefusal, { type: 'applyStarted', run: 4 });
    const applied = run(checkedState(), { type: 'applyStarted', run: 3 }, { type: 'applied', run: 3, result: result({ applied: true, dryRun: false }) });
    refused(applied, { type: 'applyStarted', run: 4 });
  });

  it('no confirmation for an import that deletes nothing, or that cannot be applied', () => {
    refused(checkedState(), { type: 'confirmAsked' });
    refused(checkedState(result({ deleted: 1, problemCount: 1 })), { type: 'confirmAsked' });
    refused(checkedState(), { type: 'confirmCancelled' });
  });

  it('answers out of their phase are dropped even with the right number', () => {
    const c = checkedState();
    refused(c, { type: 'checked', run: c.run, result: result() });
    refused(c, { type: 'applied', run: c.run, result: result() });
    refused(c, { type: 'fileRead', run: c.run, file: FILE });
    refused(c, { type: 'readFailed', run: c.run });
  });

  it('choosing the same table or the same delete-missing again changes nothing', () => {
    const s = start();
    refused(s, { type: 'tableChosen', table: 'INDICATORS' });
    refused(s, { type: 'deleteMissingSet', on: false });
  });
});
