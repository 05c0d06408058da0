import type { ImportRefusal, ImportResult, TransferTable } from '../../api/transfer';

/**
 * The import section as a state machine, pure: what the user chose (table, file, delete-missing)
 * and where the file is on its way.
 *
 *   idle ──fileChosen──▶ reading ──fileRead──▶ (reading) ──checkStarted──▶ checking
 *   checking ──checked / checkRefused──▶ checked ──applyStarted──▶ applying
 *   applying ──applied──▶ applied          applying ──applyRefused──▶ checked
 *
 * A new file, table, plan, delete-missing or user starts a fresh dry run (checkStarted) from any
 * phase but applying. Every request carries a run number; an answer whose run is not the latest
 * request's is dropped (the file or an option changed meanwhile). Nothing changes while an import
 * is being applied except its own answer.
 */
export type Phase = 'idle' | 'reading' | 'checking' | 'checked' | 'applying' | 'applied';

export interface ChosenFile {
  name: string;
  size: number;
  /** The file's bytes as base64 (what importTable takes). */
  base64: string;
}

export type StagedRefusal = ImportRefusal & { stage: 'check' | 'apply' };

export interface ImportState {
  phase: Phase;
  table: TransferTable;
  file: ChosenFile | null;
  deleteMissing: boolean;
  /** The last answer: a dry run's preview, or what an applied import did. */
  result: ImportResult | null;
  /** The server refused the dry run or the import as a whole. */
  refusal: StagedRefusal | null;
  /** The confirmation before an import that deletes rows is open. */
  confirming: boolean;
  /** The latest request's number: answers to any other are dropped. */
  run: number;
}

export type ImportEvent =
  | { type: 'tableChosen'; table: TransferTable }
  | { type: 'deleteMissingSet'; on: boolean }
  | { type: 'fileChosen'; run: number }
  | { type: 'fileRead'; run: number; file: ChosenFile }
  | { type: 'readFailed'; run: number }
  | { type: 'checkStarted'; run: number }
  | { type: 'checked'; run: number; result: ImportResult }
  | { type: 'checkRefused'; run: number; refusal: ImportRefusal }
  | { type: 'confirmAsked' }
  | { type: 'confirmCancelled' }
  | { type: 'applyStarted'; run: number }
  | { type: 'applied'; run: number; result: ImportResult }
  | { type: 'applyRefused'; run: number; refusal: ImportRefusal };

export function initialImportState(table: TransferTable): ImportState {
  return { phase: 'idle', table, file: null, deleteMissing: false, result: null, refusal: null, confirming: false, run: 0 };
}

/** The next state; the same object when the event is refused in this state (React then skips the render). */
export function importReducer(state: ImportState, event: ImportEvent): ImportState {
  const applying = state.phase === 'applying';
  switch (event.type) {
    case 'tableChosen':
      if (applying || event.table === state.table) return state;
      return { ...state, table: event.table };
    case 'deleteMissingSet':
      if (applying || event.on === state.deleteMissing) return state;
      return { ...state, deleteMissing: event.on };
    case 'fileChosen':
      if (applying) return state;
      return { ...state, phase: 'reading', result: null, refusal: null, confirming: false, run: event.run };
    case 'fileRead':
      if (event.run !== state.run || state.phase !== 'reading') return state;
      return { ...state, file: event.file };
    case 'readFailed':
      if (event.run !== state.run || state.phase !== 'reading') return state;
      return { ...state, phase: 'idle' };
    case 'checkStarted':
      if (applying || !state.file) return state;
      return { ...state, phase: 'checking', refusal: null, confirming: false, run: event.run };
    case 'checked':
      if (event.run !== state.run || state.phase !== 'checking') return state;
      return { ...state, phase: 'checked', result: event.result };
    case 'checkRefused':
      if (event.run !== state.run || state.phase !== 'checking') return state;
      return { ...state, phase: 'checked', result: null, refusal: { ...event.refusal, stage: 'check' } };
    case 'confirmAsked': {
      const v = importView(state);
      if (!v.canApply || !v.preview || v.preview.deleted === 0) return state;
      return { ...state, confirming: true };
    }
    case 'confirmCancelled':
      return state.confirming ? { ...state, confirming: false } : state;
    case 'applyStarted':
      if (!importView(state).canApply) return state;
      return { ...state, phase: 'applying', refusal: null, confirming: false, run: event.run };
    case 'applied':
      if (event.run !== state.run || !applying) return state;
      return { ...state, phase: 'applied', result: event.result };
    case 'applyRefused':
      // The preview stays: it shows what the refused import would have done.
      if (event.run !== state.run || !applying) return state;
      return { ...state, phase: 'checked', refusal: { ...event.refusal, stage: 'apply' } };
  }
}

export type ApplyHint = 'checking' | 'problems' | 'nothing' | null;

/** What the page shows for a state: whether it is busy, the dry run's preview, and whether it may be applied. */
export function importView(state: ImportState) {
  const busy = state.phase === 'reading' || state.phase === 'checking' || state.phase === 'applying';
  const preview = state.result && !state.result.applied ? state.result : null;
  const changes = preview ? preview.created + preview.updated + preview.deleted : 0;
  const canApply = !busy && !!state.file && !!preview && !state.refusal && preview.problemCount === 0 && changes > 0;
  let hint: ApplyHint = null;
  if (state.phase === 'checking') hint = 'checking';
  else if (preview && preview.problemCount > 0) hint = 'problems';
  else if (preview && changes === 0) hint = 'nothing';
  return { busy, preview, changes, canApply, hint };
}
