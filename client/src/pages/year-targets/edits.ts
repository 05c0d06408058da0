import type { GridApi } from 'ag-grid-community';
import { CellStates, type CellState } from '../../grid/cellStates';
import { stepRunner } from '../../grid/undo';
import type { Lang } from '../../i18n';
import { explain, toProblem, type Problem } from '../../api/errors';
import { isVersionConflict, reason } from '../../api/describe';
import { signInActions } from '../../api/session';
import { loadYearTargetIndicator, updateTargetInputs, updateYearTarget, type YearTargetCell, type YearTargetIndicator } from '../../api/yearTargets';
import type { TargetMethod } from '../../api/generated/graphql';
import { notify, type NoticeAction } from '../../ui/notify';
import { enumLabel } from '../../tables/enums';

export const YEARS = [2016, 2017, 2018, 2019, 2020] as const;
export const yearCol = (year: number) => `y${year}`;
export const yearOfCol = (col: string) => (/^y(\d{4})$/.test(col) ? Number(col.slice(1)) : null);

/** The indicator fields the office edits here besides the years (the inputs the derived years follow). */
export type InputField = 'baseValue' | 'targetMethod';

/** A year's value as the user sees it: the target and whether it was entered by hand. */
export interface YearValue {
  targetValue: number | null;
  derived: boolean;
}

type Step =
  | { kind: 'year'; rowId: string; year: number; before: YearValue; after: YearValue }
  | { kind: 'input'; rowId: string; field: InputField; before: unknown; after: unknown };

type Mode = 'edit' | 'undo' | 'redo' | 'retry';
export type { CellState };

const zhen = (lang: Lang, zh: string, en: string) => (lang === 'zh' ? zh : en);

export const yearOf = (row: YearTargetIndicator | undefined, year: number): YearTargetCell | undefined => row?.yearTargets.find((y) => y.year === year);

export function formatTarget(v: number | null | undefined, lang: Lang): string {
  if (v == null) return '';
  return v.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-US', { maximumFractionDigits: 2 });
}

export const FIELD_LABEL: Record<InputField, { zh: string; en: string }> = {
  baseValue: { zh: '基期值', en: 'Base value' },
  targetMethod: { zh: '分解方法', en: 'Method' },
};

/** Kept while the app is open, like the other grids' undo stacks (switching pages keeps them). */
const done: Step[] = [];
const undone: Step[] = [];

/**
 * Every write of the year-target grid: a year typed by hand, a year put back to its derived value,
 * the base value or the method; undo and redo on the server. Saves run one at a time with the
 * version the last one left; a refusal puts the saved value back and says why, a conflict offers
 * the newer row — as the plan tables' grids do (grid/controller.ts).
 */
export class YearTargetEdits {
  private readonly cells: CellStates;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly steps = stepRunner(() => this.queue);
  pending = 0;

  constructor(private readonly host: { api(): GridApi<YearTargetIndicator> | null; lang(): Lang; changed(): void }) {
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

  row(rowId: string): YearTargetIndicator | undefined {
    return this.host.api()?.getRowNode(rowId)?.data ?? undefined;
  }

  /** Puts a row as the server has it into the grid. */
  show(row: YearTargetIndicator) {
    this.host.api()?.applyTransaction({ update: [row] });
  }

  private label(row: YearTargetIndicator | undefined, col: string): string {
    const lang = this.host.lang();
    const year = yearOfCol(col);
    const what = year != null ? zhen(lang, `${year}年`, String(year)) : FIELD_LABEL[col as InputField][lang];
    return row ? zhen(lang, `序号 ${row.seq}「${what}」`, `No. ${row.seq}, ${what}`) : what;
  }

  // ---- edits ------------------------------------------------------------------------------

  /** A year typed into its cell: entered by hand from now on. */
  editYear(rowId: string, year: number, value: number) {
    const cell = yearOf(this.row(rowId), year);
    if (!cell || (cell.targetValue === value && !cell.derived)) return;
    void this.run({ kind: 'year', rowId, year, before: { targetValue: cell.targetValue ?? null, derived: cell.derived }, after: { targetValue: value, derived: false } }, 'edit');
  }

  /** A hand-entered year put back to the value derived from the indicator's inputs. */
  resetYear(rowId: string, year: number) {
    const cell = yearOf(this.row(rowId), year);
    if (!cell || cell.derived) return;
    void this.run({ kind: 'year', rowId, year, before: { targetValue: cell.targetValue ?? null, derived: false }, after: { targetValue: null, derived: true } }, 'edit');
  }

  editInput(rowId: string, field: InputField, value: unknown) {
    const row = this.row(rowId);
    if (!row || row[field] === value) return;
    void this.run({ kind: 'input', rowId, field, before: row[field] ?? null, after: value }, 'edit');
  }

  /** A typed value that is not a number: nothing is sent, the cell keeps its value. */
  refuse(rowId: string, col: string, typed: string) {
    const lang = this.host.lang();
    this.setState(rowId, col, 'failed');
    notify({
      kind: 'error',
      title: `${zhen(lang, '未保存', 'Not saved')}${zhen(lang, '：', ': ')}${this.label(this.row(rowId), col)}`,
      body: zhen(lang, `请输入数字。您输入的“${typed}”没有保存，单元格保留原值。`, `Enter a number. What you typed, "${typed}", was not saved; the cell keeps its value.`),
    });
  }

  undo() {
    return this.steps(async () => {
      const step = done[done.length - 1];
      const lang = this.host.lang();
      if (!step) return void notify({ kind: 'info', title: zhen(lang, '没有可撤销的修改', 'Nothing to undo') });
      if (await this.run(invert(step), 'undo')) undone.push(done.pop()!);
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
    const col = step.kind === 'year' ? yearCol(step.year) : step.field;
    this.setState(step.rowId, col, 'saving');
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
    const col = step.kind === 'year' ? yearCol(step.year) : step.field;
    if (!row) return false;
    // Undo and redo only apply while the cell still holds what the step left there.
    if (mode === 'undo' || mode === 'redo') {
      const now = step.kind === 'year' ? yearOf(row, step.year) : undefined;
      const moved = step.kind === 'year' ? !now || now.derived !== step.before.derived || (!now.derived && now.targetValue !== step.before.targetValue) : (row[step.field] ?? null) !== step.before;
      if (moved) {
        this.fail(step, mode, { code: 'CLIENT', message: zhen(lang, `${this.label(row, col)}在您修改后又被改动过，不能${mode === 'undo' ? '撤销' : '重做'}`, `${this.label(row, col)} was changed again after your edit, so it cannot be ${mode === 'undo' ? 'undone' : 'redone'}`) });
        return false;
      }
    }
    try {
      if (step.kind === 'year') {
        const cell = yearOf(row, step.year)!;
        const patch = step.after.derived ? { derived: true } : { targetValue: step.after.targetValue };
        const saved = await updateYearTarget(cell.id, patch, cell.version);
        const current = this.row(step.rowId) ?? row;
        this.show({ ...current, yearTargets: current.yearTargets.map((y) => (y.id === saved.id ? saved : y)) });
        if (mode === 'edit' || mode === 'retry') {
          done.push({ ...step, before: { targetValue: cell.targetValue ?? null, derived: cell.derived }, after: { targetValue: saved.targetValue ?? null, derived: saved.derived } });
          undone.length = 0;
        }
      } else {
        const saved = await updateTargetInputs(row.id, { [step.field]: step.after } as { baseValue?: number | null; targetMethod?: TargetMethod | null }, row.version);
        this.show(saved);
        // The derived years follow the new inputs: they flash.
        const node = this.host.api()?.getRowNode(row.id);
        if (node) this.host.api()?.flashCells({ rowNodes: [node], columns: YEARS.map(yearCol) });
        if (mode === 'edit' || mode === 'retry') {
          done.push({ ...step, before: row[step.field] ?? null });
          undone.length = 0;
        }
      }
    } catch (e) {
      this.fail(step, mode, toProblem(e));
      return false;
    }
    this.setState(step.rowId, col, 'saved');
    if (mode === 'undo' || mode === 'redo') {
      notify({ kind: 'success', title: mode === 'undo' ? zhen(lang, '已撤销', 'Undone') : zhen(lang, '已重做', 'Redone'), body: `${this.label(this.row(step.rowId), col)} → ${this.describe(step)}` });
    }
    return true;
  }

  private describe(step: Step): string {
    const lang = this.host.lang();
    if (step.kind === 'year') {
      const now = yearOf(this.row(step.rowId), step.year);
      const value = formatTarget(now?.targetValue, lang) || zhen(lang, '空', 'empty');
      return now?.derived ? zhen(lang, `${value}（推算值）`, `${value} (derived)`) : value;
    }
    if (step.field === 'targetMethod') return enumLabel('TargetMethod', step.after, lang);
    return step.after == null ? zhen(lang, '空', 'empty') : formatTarget(step.after as number, lang);
  }

  /** Loads a row again (after a conflict or a refusal). */
  async reload(rowId: string) {
    try {
      const row = await loadYearTargetIndicator(rowId);
      if (row) {
        this.show(row);
        const api = this.host.api();
        const node = api?.getRowNode(rowId);
        if (api && node) api.flashCells({ rowNodes: [node] });
      }
    } catch (e) {
      const p = toProblem(e);
      const lang = this.host.lang();
      notify({ kind: 'error', title: zhen(lang, '加载失败', 'Could not load'), body: explain(p, lang, reason(p, lang)) });
    }
  }

  private fail(step: Step, mode: Mode, problem: Problem) {
    const lang = this.host.lang();
    const col = step.kind === 'year' ? yearCol(step.year) : step.field;
    const row = this.row(step.rowId);
    this.setState(step.rowId, col, 'failed');
    const conflict = isVersionConflict(problem);
    const title =
      mode === 'undo' ? zhen(lang, '无法撤销', 'Cannot undo') : mode === 'redo' ? zhen(lang, '无法重做', 'Cannot redo') : conflict ? zhen(lang, '保存冲突', 'Edit conflict') : zhen(lang, '未保存', 'Not saved');
    const typed = mode === 'edit' && step.kind === 'year' && !step.after.derived ? formatTarget(step.after.targetValue, lang) : null;
    const lost = typed != null ? zhen(lang, `您输入的“${typed}”没有保存，单元格已恢复为原值。`, `What you typed, "${typed}", was not saved; the cell shows the saved value again.`) : '';
    const actions: NoticeAction[] = [...signInActions(problem, lang)];
    if (conflict || problem.code === 'NOT_FOUND') {
      actions.push({ label: zhen(lang, '加载最新数据', 'Load the newer row'), run: () => this.reload(step.rowId) });
      if (mode === 'edit' && conflict) {
        actions.push({
          label: zhen(lang, '用我的值覆盖', 'Save mine over it'),
          run: async () => {
            await this.reload(step.rowId);
            void this.run(step, 'retry');
          },
        });
      }
    }
    notify({
      kind: conflict ? 'conflict' : 'error',
      title: `${title}${zhen(lang, '：', ': ')}${this.label(row, col)}`,
      body: [explain(problem, lang, reason(problem, lang)), lost].filter(Boolean).join(lang === 'zh' ? '' : ' '),
      actions,
    });
  }
}

function invert(step: Step): Step {
  return step.kind === 'year' ? { ...step, before: step.after, after: step.before } : { ...step, before: step.after, after: step.before };
}
