import type { GridApi } from 'ag-grid-community';
import { CellStates, type CellState } from '../../grid/cellStates';
import { stepRunner } from '../../grid/undo';
import type { Lang } from '../../i18n';
import { toProblem, type Problem } from '../../api/errors';
import { isVersionConflict } from '../../api/describe';
import { signInActions } from '../../api/session';
import { getLedgerEntry, saveLedgerEntry, type LedgerEntry, type LedgerInput } from '../../api/ledger';
import { notify } from '../../ui/notify';
import { itemName, ledgerReason, periodLabel } from './text';

/** The fields of an entry typed in place in the ledger grid. */
export type LedgerField = 'actualValue' | 'progressText';

interface Step {
  rowId: string;
  field: LedgerField;
  before: number | string | null;
  after: number | string | null;
}
type Mode = 'edit' | 'undo' | 'redo';
export type { CellState };

const zhen = (lang: Lang, zh: string, en: string) => (lang === 'zh' ? zh : en);

export const FIELD_LABEL: Record<LedgerField, { zh: string; en: string }> = {
  actualValue: { zh: '实际值', en: 'Actual value' },
  progressText: { zh: '工作进展', en: 'Progress' },
};

/** Kept while the app is open, like the other grids' undo stacks. */
const done: Step[] = [];
const undone: Step[] = [];

/**
 * A typed value the grid could not read as a number: nothing is sent. Full-width digits, thousands
 * separators and spaces are read (１，２３４.５ is 1234.5); an empty cell clears the value.
 */
export class Unreadable {
  constructor(readonly typed: string) {}
}
export function parseActual(typed: unknown): number | null | Unreadable {
  const text = typed == null ? '' : String(typed).trim();
  if (text === '') return null;
  const ascii = text.replace(/[０-９．－]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/[,，\s]/g, '');
  const n = Number(ascii);
  return /^-?(\d+\.?\d*|\.\d+)(e-?\d+)?$/i.test(ascii) && Number.isFinite(n) ? n : new Unreadable(text);
}

/** The input that names an entry (its item, department and period) with the fields to change. */
function inputOf(e: LedgerEntry, patch: Partial<Record<LedgerField, number | string | null>>): LedgerInput {
  const item = e.milestone ? { milestoneId: e.milestone.id } : e.indicator ? { indicatorId: e.indicator.id } : { specialTargetId: e.specialTarget!.id };
  return { ...item, department: e.department.name, period: e.period, ...(patch as Pick<LedgerInput, LedgerField>) };
}

/**
 * Every in-place write of the ledger grid: an actual value or a progress text typed into a draft or
 * returned entry, saved with the entry's version (saveLedgerEntry changes only the fields given);
 * undo and redo on the server. Saves run one at a time; a refusal keeps the stored value and says
 * why, a conflict shows the newer entry — as the plan tables' grids do (grid/controller.ts).
 */
export class LedgerEdits {
  private readonly cells: CellStates;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly steps = stepRunner(() => this.queue);
  pending = 0;

  constructor(private readonly host: { api(): GridApi<LedgerEntry> | null; lang(): Lang; changed(): void; saved(entry: LedgerEntry): void }) {
    this.cells = new CellStates(() => host.api());
  }

  get canUndo() {
    return done.length > 0;
  }
  get canRedo() {
    return undone.length > 0;
  }

  cellState(rowId: string | undefined, col: string): CellState | undefined {
    return this.cells.get(rowId, col);
  }

  private setState(rowId: string, col: string, state: CellState | null) {
    this.cells.set(rowId, col, state);
  }

  private row(rowId: string): LedgerEntry | undefined {
    return this.host.api()?.getRowNode(rowId)?.data ?? undefined;
  }

  private show(entry: LedgerEntry) {
    this.host.api()?.applyTransaction({ update: [entry] });
    this.host.saved(entry);
  }

  private label(row: LedgerEntry | undefined, field: LedgerField): string {
    const lang = this.host.lang();
    return row ? `${itemName(row, lang)} · ${periodLabel(row.period, lang)}${zhen(lang, '「', ', ')}${FIELD_LABEL[field][lang]}${zhen(lang, '」', '')}` : FIELD_LABEL[field][lang];
  }

  /** A value typed into a cell. */
  edit(rowId: string, field: LedgerField, value: unknown) {
    const row = this.row(rowId);
    if (!row) return;
    if (value instanceof Unreadable) return this.refuse(rowId, field, value.typed);
    const after = field === 'progressText' ? (typeof value === 'string' && value.trim() ? value : null) : (value as number | null);
    const before = row[field] ?? null;
    if (before === after) return;
    void this.run({ rowId, field, before, after }, 'edit');
  }

  private refuse(rowId: string, field: LedgerField, typed: string) {
    const lang = this.host.lang();
    this.setState(rowId, field, 'failed');
    notify({
      kind: 'error',
      title: `${zhen(lang, '未保存：', 'Not saved: ')}${this.label(this.row(rowId), field)}`,
      body: zhen(lang, `请输入数字（可带千位分隔符）。您输入的“${typed}”没有保存，单元格保留原值。`, `Enter a number (thousands separators allowed). What you typed, "${typed}", was not saved; the cell keeps its value.`),
    });
  }

  undo() {
    return this.steps(async () => {
      const step = done[done.length - 1];
      const lang = this.host.lang();
      if (!step) return void notify({ kind: 'info', title: zhen(lang, '没有可撤销的修改', 'Nothing to undo') });
      if (await this.run({ ...step, before: step.after, after: step.before }, 'undo')) undone.push(done.pop()!);
      this.host.changed();
    });
  }

  redo() {
    return this.steps(async () => {
      const step = undone[undone.length - 1];
      const lang = this.host.lang();
      if (!step) return void notify({ kind: 'info', title: zhen(lang, '没有可重做的修改', 'Nothing to redo') });
      if (await this.run(step, 'redo')) done.push(undone.pop()!);
      this.host.changed();
    });
  }

  private run(step: Step, mode: Mode): Promise<boolean> {
    this.setState(step.rowId, step.field, 'saving');
    this.pending++;
    this.host.changed();
    const job = this.queue.then(() => this.save(step, mode));
    this.queue = job.catch(() => undefined);
    return job.finally(() => {
      this.pending--;
      this.host.changed();
    });
  }

  private async save(step: Step, mode: Mode): Promise<boolean> {
    const lang = this.host.lang();
    const row = this.row(step.rowId);
    if (!row) return false;
    // Undo and redo apply only while the cell still holds what the step left there.
    if (mode !== 'edit' && (row[step.field] ?? null) !== step.before) {
      const verb = mode === 'undo' ? zhen(lang, '撤销', 'undone') : zhen(lang, '重做', 'redone');
      this.fail(step, { code: 'CLIENT', message: zhen(lang, `${this.label(row, step.field)}在您修改后又被改动过，不能${verb}`, `${this.label(row, step.field)} was changed again after your edit, so it cannot be ${verb}`) }, row);
      return false;
    }
    try {
      const saved = await saveLedgerEntry(inputOf(row, { [step.field]: step.after }), row.version);
      this.show(saved);
      this.setState(step.rowId, step.field, 'saved');
      if (mode === 'edit') {
        done.push(step);
        undone.length = 0;
      }
      return true;
    } catch (e) {
      const p = toProblem(e);
      this.fail(step, p, row);
      if (isVersionConflict(p) || p.code === 'CONFLICT') {
        // The entry moved on (saved elsewhere, submitted, approved): show it as the server has it.
        const fresh = await getLedgerEntry(step.rowId).catch(() => null);
        if (fresh) this.show(fresh);
      }
      return false;
    }
  }

  private fail(step: Step, p: Problem, row: LedgerEntry) {
    const lang = this.host.lang();
    this.setState(step.rowId, step.field, 'failed');
    notify({
      kind: isVersionConflict(p) ? 'conflict' : 'error',
      title: `${zhen(lang, '未保存：', 'Not saved: ')}${this.label(row, step.field)}`,
      body: ledgerReason(p, lang) + (isVersionConflict(p) ? zhen(lang, '。已显示服务器上的最新内容，请核对后再修改。', '. The newer entry is shown: check it and edit again.') : ''),
      actions: signInActions(p, lang),
    });
  }
}
