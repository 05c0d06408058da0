import type { GridApi, IRowNode } from 'ag-grid-community';
import { batchUpdate, getRow, updateRow, type Edit } from '../api/rows';
import { toProblem, type Problem } from '../api/errors';
import { isVersionConflict, reason } from '../api/describe';
import { explain, parseFieldPath } from '../api/errors';
import { notify, type NoticeAction } from '../ui/notify';
import type { Lang } from '../i18n';
import { fieldOf } from '../tables/specs';
import { formatValue, sameInput, toInput } from '../tables/values';
import type { Row, TableSpec } from '../tables/types';
import { cellLabel, quote, rowLabel } from './labels';
import { historyOf, stepRunner, type Change, type History } from './undo';
import { refreshDepartments } from '../api/departments';
import { signInActions } from '../api/session';
import { RefusedValue } from './numberCells';

export type CellState = 'saving' | 'saved' | 'failed';

export interface GridHost {
  spec: TableSpec;
  api(): GridApi<Row> | null;
  lang(): Lang;
  /** Something the status bar shows changed (pending saves, undo availability). */
  changed(): void;
}

type Mode = 'edit' | 'paste' | 'undo' | 'redo' | 'retry';

const zhen = (lang: Lang, zh: string, en: string) => (lang === 'zh' ? zh : en);

/**
 * Everything that writes from a grid: a cell edit, a paste, undo and redo. Each write shows
 * its cells as saving, then saved or failed; a refusal puts the server's value back and says why.
 *
 * Saves run one at a time, so each carries the version of the row as the last save left it, and
 * a quick second edit of a row is not refused as a conflict with the first. The grid shows typed
 * values at once (an overlay over the last server row) while they wait their turn.
 */
export class EditController {
  readonly history: History;
  private states = new Map<string, { state: CellState; message?: string; token: number }>();
  private token = 0;
  /** The row as the server last confirmed it, for rows with edits in flight. */
  private confirmed = new Map<string, Row>();
  /** Typed values not yet confirmed, per row. */
  private overlay = new Map<string, Map<string, unknown>>();
  private queue: Promise<unknown> = Promise.resolve();
  private readonly steps = stepRunner(() => this.queue);
  pending = 0;

  constructor(private readonly host: GridHost) {
    this.history = historyOf(host.spec.key);
  }

  private get spec() {
    return this.host.spec;
  }
  private get lang() {
    return this.host.lang();
  }

  // ---- cell states -------------------------------------------------------------------------

  cellState(rowId: string | undefined, colId: string): CellState | undefined {
    return rowId ? this.states.get(`${rowId}\u0000${colId}`)?.state : undefined;
  }
  cellMessage(rowId: string | undefined, colId: string): string | undefined {
    return rowId ? this.states.get(`${rowId}\u0000${colId}`)?.message : undefined;
  }

  private setState(rowId: string, colIds: string[], state: CellState | null, message?: string) {
    const token = ++this.token;
    for (const col of colIds) {
      const key = `${rowId}\u0000${col}`;
      if (state) this.states.set(key, { state, message, token });
      else this.states.delete(key);
    }
    this.refreshCells(rowId, colIds);
    // "saved" is a short confirmation; "failed" stays long enough to be seen beside the message.
    const ttl = state === 'saved' ? 2500 : state === 'failed' ? 8000 : 0;
    if (ttl) {
      setTimeout(() => {
        const still = colIds.filter((c) => this.states.get(`${rowId}\u0000${c}`)?.token === token);
        still.forEach((c) => this.states.delete(`${rowId}\u0000${c}`));
        if (still.length) this.refreshCells(rowId, still);
      }, ttl);
    }
  }

  private refreshCells(rowId: string, colIds: string[]) {
    const api = this.host.api();
    const node = api?.getRowNode(rowId);
    if (api && node) api.refreshCells({ rowNodes: [node], columns: colIds, force: true });
  }

  // ---- rows --------------------------------------------------------------------------------

  node(rowId: string): IRowNode<Row> | undefined {
    return this.host.api()?.getRowNode(rowId) ?? undefined;
  }

  /** Puts a row into the grid: the server's row with any typed values still waiting on top. */
  private show(row: Row) {
    const api = this.host.api();
    if (!api) return;
    const overlay = this.overlay.get(row.id);
    const data = overlay?.size ? { ...row, ...Object.fromEntries(overlay) } : { ...row };
    // A row no longer in the grid (deleted meanwhile, here or elsewhere) is not put back by an update.
    if (this.spec.rowModel === 'clientSide') {
      if (api.getRowNode(row.id)) api.applyTransaction({ update: [data] });
    } else api.getRowNode(row.id)?.setData(data);
  }

  /** Whether typed values of this row are still waiting to be saved (live changes leave such rows alone). */
  hasPendingEdits(rowId: string): boolean {
    return !!this.overlay.get(rowId)?.size;
  }

  /** Resolves when the saves queued so far have finished (each one saved or refused). */
  idle(): Promise<void> {
    return this.queue.then(() => undefined);
  }

  /** A row saved on the server: remember it and show it. */
  applyServerRow(row: Row) {
    if (this.overlay.get(row.id)?.size) this.confirmed.set(row.id, row);
    else this.confirmed.delete(row.id);
    this.show(row);
  }

  /** Loads rows again from the server, e.g. after a conflict. */
  async reload(rowIds: string[]) {
    for (const id of rowIds) {
      try {
        const row = await getRow(this.spec, id);
        if (row) {
          this.overlay.delete(id);
          this.confirmed.delete(id);
          this.show(row);
          const api = this.host.api();
          const node = api?.getRowNode(id);
          if (api && node) api.flashCells({ rowNodes: [node] });
        } else {
          notify({ kind: 'error', title: zhen(this.lang, '这一行已不存在', 'This row no longer exists'), body: zhen(this.lang, '可能已被他人删除。', 'Someone may have deleted it.') });
        }
      } catch (e) {
        this.reportLoadError(e);
      }
    }
  }

  reportLoadError(e: unknown) {
    const p = toProblem(e);
    notify({ kind: 'error', title: zhen(this.lang, '加载失败', 'Could not load'), body: explain(p, this.lang, reason(p, this.lang)) });
  }

  /** The last server value of a row (without typed values in flight). */
  private serverRow(rowId: string): Row | undefined {
    return this.confirmed.get(rowId) ?? this.node(rowId)?.data;
  }

  // ---- writes ------------------------------------------------------------------------------

  /** A cell edited in the grid (onCellEditRequest). */
  editCell(rowId: string, colId: string, value: unknown) {
    const field = fieldOf(this.spec, colId);
    const row = this.serverRow(rowId);
    if (!field || !row) return;
    if (value instanceof RefusedValue) {
      this.refuseTyped(row, field, value);
      return;
    }
    const before = this.overlay.get(rowId)?.has(colId) ? this.overlay.get(rowId)!.get(colId) : row[colId];
    if (sameInput(field, before, value)) return;
    void this.commit([{ rowId, field, before: row[colId], after: value }], 'edit');
  }

  /** A pasted block, already read into values: one batchUpdate, all or nothing. */
  paste(changes: Change[]) {
    return this.commit(changes, 'paste');
  }

  undo() {
    return this.steps(async () => {
      const step = this.history.peekUndo();
      if (!step) return void notify({ kind: 'info', title: zhen(this.lang, '没有可撤销的修改', 'Nothing to undo') });
      const ok = await this.commit(
        step.changes.map((c) => ({ ...c, before: c.after, after: c.before })),
        'undo',
      );
      if (ok) this.history.undoApplied();
      this.host.changed();
    });
  }

  redo() {
    return this.steps(async () => {
      const step = this.history.peekRedo();
      if (!step) return void notify({ kind: 'info', title: zhen(this.lang, '没有可重做的修改', 'Nothing to redo') });
      const ok = await this.commit(step.changes, 'redo');
      if (ok) this.history.redoApplied();
      this.host.changed();
    });
  }

  /**
   * Shows the new values at once, then saves them in turn. `before` is the server value the
   * user saw; for undo and redo it must still be the value on the server, or the step is refused.
   */
  private commit(changes: Change[], mode: Mode): Promise<boolean> {
    const rowIds = [...new Set(changes.map((c) => c.rowId))];
    for (const id of rowIds) {
      const node = this.node(id);
      if (node?.data && !this.confirmed.has(id)) this.confirmed.set(id, { ...node.data });
      const overlay = this.overlay.get(id) ?? new Map<string, unknown>();
      for (const c of changes.filter((x) => x.rowId === id)) overlay.set(c.field.name, c.after);
      this.overlay.set(id, overlay);
      const base = this.confirmed.get(id);
      if (base) this.show(base);
      this.setState(
        id,
        changes.filter((x) => x.rowId === id).map((c) => c.field.name),
        'saving',
      );
    }
    this.pending++;
    this.host.changed();
    const run = this.queue.then(() => this.save(changes, rowIds, mode));
    this.queue = run.catch(() => undefined);
    return run.finally(() => {
      this.pending--;
      this.host.changed();
    });
  }

  private async save(changes: Change[], rowIds: string[], mode: Mode): Promise<boolean> {
    const lang = this.lang;
    // The rows as the server has them now (the last save may have moved their version on).
    const bases = new Map<string, Row>();
    for (const id of rowIds) {
      let base = this.confirmed.get(id) ?? this.node(id)?.data;
      if (!base) {
        try {
          base = (await getRow(this.spec, id)) ?? undefined;
        } catch (e) {
          this.fail(changes, rowIds, toProblem(e), mode);
          return false;
        }
      }
      if (!base) {
        this.fail(changes, rowIds, { code: 'NOT_FOUND', message: 'does not exist' }, mode);
        return false;
      }
      bases.set(id, base);
    }
    if (mode === 'undo' || mode === 'redo') {
      const moved = changes.find((c) => !sameInput(c.field, bases.get(c.rowId)![c.field.name], c.before));
      if (moved) {
        const base = bases.get(moved.rowId)!;
        this.fail(changes, rowIds, {
          code: 'CLIENT',
          message: zhen(
            lang,
            `${cellLabel(this.spec, base, moved.field, lang)}在您修改后又被改动过（现为${quote(formatValue(moved.field, base[moved.field.name], lang) || '空', lang)}），不能${mode === 'undo' ? '撤销' : '重做'}`,
            `${cellLabel(this.spec, base, moved.field, lang)} was changed again after your edit (it is now ${quote(formatValue(moved.field, base[moved.field.name], lang), lang)}), so it cannot be ${mode === 'undo' ? 'undone' : 'redone'}`,
          ),
        }, mode);
        return false;
      }
    }
    const edits: Edit[] = rowIds.map((id) => {
      const patch: Record<string, unknown> = {};
      for (const c of changes.filter((x) => x.rowId === id)) patch[c.field.patchKey ?? c.field.name] = toInput(c.field, c.after);
      return { id, expectedVersion: bases.get(id)!.version, patch };
    });
    let saved: Row[];
    try {
      // A paste is always one batch (one transaction); so is any step touching several rows.
      saved = mode === 'paste' || edits.length > 1 ? await batchUpdate(this.spec, edits) : [await updateRow(this.spec, edits[0].id, edits[0].patch, edits[0].expectedVersion)];
    } catch (e) {
      this.fail(changes, rowIds, toProblem(e), mode, edits);
      return false;
    }
    for (const row of saved) {
      const overlay = this.overlay.get(row.id);
      for (const c of changes.filter((x) => x.rowId === row.id)) {
        if (overlay && sameInput(c.field, overlay.get(c.field.name), c.after)) overlay.delete(c.field.name);
      }
      if (overlay && !overlay.size) this.overlay.delete(row.id);
      this.applyServerRow(row);
      this.setState(
        row.id,
        changes.filter((x) => x.rowId === row.id).map((c) => c.field.name),
        'saved',
      );
    }
    if (mode === 'edit' || mode === 'paste' || mode === 'retry') {
      this.history.record({
        kind: mode === 'paste' ? 'paste' : 'edit',
        changes: changes.map((c) => ({ ...c, before: bases.get(c.rowId)![c.field.name] })),
      });
    }
    if (mode === 'undo' || mode === 'redo') {
      notify({ kind: 'success', title: mode === 'undo' ? zhen(lang, '已撤销', 'Undone') : zhen(lang, '已重做', 'Redone'), body: this.describeChanges(changes, saved) });
    }
    if (this.spec.key === 'departments') void refreshDepartments();
    return true;
  }

  private describeChanges(changes: Change[], rows: Row[]): string {
    const lang = this.lang;
    if (changes.length === 1) {
      const c = changes[0];
      const row = rows.find((r) => r.id === c.rowId);
      return `${cellLabel(this.spec, row, c.field, lang)} → ${quote(formatValue(c.field, c.after, lang) || zhen(lang, '空', 'empty'), lang)}`;
    }
    return zhen(lang, `${changes.length} 个单元格`, `${changes.length} cells`);
  }

  /** Puts the server's values back, marks the refused cell and says why. */
  private fail(changes: Change[], rowIds: string[], problem: Problem, mode: Mode, edits?: Edit[]) {
    const lang = this.lang;
    for (const id of rowIds) {
      const overlay = this.overlay.get(id);
      for (const c of changes.filter((x) => x.rowId === id)) {
        if (overlay && sameInput(c.field, overlay.get(c.field.name), c.after)) overlay.delete(c.field.name);
      }
      if (overlay && !overlay.size) this.overlay.delete(id);
      const base = this.confirmed.get(id);
      if (base) {
        if (!this.overlay.has(id)) this.confirmed.delete(id);
        this.show(base);
      }
    }
    // Which cell the server refused: the edit's index (batch) or its field.
    const path = parseFieldPath(problem.field);
    const refusedRowId = problem.rowId ?? (path.index != null && edits ? edits[path.index]?.id : rowIds.length === 1 ? rowIds[0] : undefined);
    const refusedField = path.field ? fieldOf(this.spec, path.field) : undefined;
    // The refused cells are marked (one cell, or a whole row for a stale version); the others
    // of a block just go back to their saved values.
    const culprits = changes.filter((c) => (!refusedRowId || c.rowId === refusedRowId) && (!refusedField || c.field.name === refusedField.name));
    const culprit = culprits[0];
    for (const id of rowIds) {
      this.setState(
        id,
        changes.filter((x) => x.rowId === id && !culprits.includes(x)).map((c) => c.field.name),
        null,
      );
      const failed = culprits.filter((x) => x.rowId === id).map((c) => c.field.name);
      if (failed.length) this.setState(id, failed, 'failed', reason(problem, lang));
    }
    if (culprit) this.point(culprit.rowId, culprit.field.name);

    const row = culprit ? this.serverRow(culprit.rowId) : undefined;
    const where =
      culprits.length === 1 || (culprit && refusedField) ? cellLabel(this.spec, row, culprit.field, lang) : culprit && refusedRowId ? rowLabel(this.spec, row, lang) : rowIds.length === 1 ? rowLabel(this.spec, this.serverRow(rowIds[0]), lang) : '';
    const why = reason(problem, lang);
    const conflict = isVersionConflict(problem);
    const typed = mode === 'edit' && changes.length === 1 ? formatValue(changes[0].field, changes[0].after, lang) : null;
    const lost =
      typed != null
        ? zhen(lang, `您输入的${quote(typed || '（空）', lang)}没有保存，单元格已恢复为原值。`, `What you typed, ${quote(typed, lang)}, was not saved; the cell shows the saved value again.`)
        : mode === 'paste'
          ? zhen(lang, `整块粘贴（${changes.length} 个单元格）都没有保存，表格已恢复原值。`, `None of the ${changes.length} pasted cells were saved; the grid shows the saved values again.`)
          : '';
    const title =
      mode === 'paste'
        ? zhen(lang, '粘贴未保存', 'Paste not saved')
        : mode === 'undo'
          ? zhen(lang, '无法撤销', 'Cannot undo')
          : mode === 'redo'
            ? zhen(lang, '无法重做', 'Cannot redo')
            : conflict
              ? zhen(lang, '保存冲突', 'Edit conflict')
              : zhen(lang, '未保存', 'Not saved');
    const actions: NoticeAction[] = [...signInActions(problem, lang)];
    if (conflict || problem.code === 'NOT_FOUND') {
      actions.push({ label: zhen(lang, '加载最新数据', 'Load the newer row'), run: () => this.reload(rowIds) });
      if (mode === 'edit' && conflict) {
        actions.push({
          label: zhen(lang, '用我的值覆盖', 'Save mine over it'),
          run: async () => {
            await this.reload(rowIds);
            void this.commit(changes.map((c) => ({ ...c, before: this.serverRow(c.rowId)?.[c.field.name] })), 'retry');
          },
        });
      }
    }
    // The title names the cell; the body says why and what to do, in words (no codes, no field paths).
    const label = (name: string) => fieldOf(this.spec, name)?.label[lang];
    notify({
      kind: conflict ? 'conflict' : 'error',
      title: where ? `${title}${lang === 'zh' ? '：' : ': '}${where}` : title,
      body: [explain(problem, lang, why, label, !refusedField || !where), lost].filter(Boolean).join(lang === 'zh' ? '' : ' '),
      actions,
    });
  }

  /** A typed value the field's rules refuse (a word in a number cell): nothing is sent, the old value stays. */
  private refuseTyped(row: Row, field: NonNullable<ReturnType<typeof fieldOf>>, refused: RefusedValue) {
    const lang = this.lang;
    this.markFailed(row.id, field.name, refused.reason);
    notify({
      kind: 'error',
      title: `${zhen(lang, '未保存', 'Not saved')}${zhen(lang, '：', ': ')}${cellLabel(this.spec, row, field, lang)}`,
      body: zhen(
        lang,
        `${refused.reason}。您输入的${quote(refused.typed || '（空）', lang)}没有保存，单元格保留原值。`,
        `${refused.reason}. What you typed, ${quote(refused.typed, lang)}, was not saved; the cell keeps its value.`,
      ),
    });
  }

  /** A cell refused before anything was sent (e.g. a pasted word in a number column). */
  markFailed(rowId: string, colId: string, message: string) {
    this.setState(rowId, [colId], 'failed', message);
    this.point(rowId, colId);
  }

  /** Scrolls to a cell and focuses it, e.g. the refused cell of a paste. */
  point(rowId: string, colId: string) {
    const api = this.host.api();
    const node = api?.getRowNode(rowId);
    if (!api || !node || node.rowIndex == null) return;
    api.ensureIndexVisible(node.rowIndex);
    api.ensureColumnVisible(colId);
    api.setFocusedCell(node.rowIndex, colId);
  }
}
