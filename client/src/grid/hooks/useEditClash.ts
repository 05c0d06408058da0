import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import type { CellEditingStoppedEvent, CellEditRequestEvent, GridApi } from 'ag-grid-community';
import { rowHistory } from '../../api/audit';
import { notify } from '../../ui/notify';
import type { Lang } from '../../i18n';
import { fieldOf } from '../../tables/specs';
import { formatValue, sameInput } from '../../tables/values';
import type { FieldSpec, Row, TableSpec } from '../../tables/types';
import type { EditController } from '../controller';
import { cellLabel, quote } from '../labels';
import type { EditedRowChange } from './useLiveRows';

/** A row changed (or deleted) elsewhere while this user has an editor open on one of its cells. */
export interface Clash {
  rowId: string;
  /** The edited cell. */
  field: FieldSpec;
  /** The row as the grid shows it (what the user saw when the change came). */
  held: Row;
  /** The row as the server has it now; null: deleted. */
  fresh: Row | null;
  /** Whether the edited cell itself changed. */
  cellChanged: boolean;
  /** The other fields that changed. */
  others: FieldSpec[];
  /** Who made the change (the row's newest audit entry), once known. */
  who?: string;
  settle(gone?: boolean): void;
}

/** Read-only fields that change with every save (version, updatedAt): not worth telling. */
const TOLD = (f: FieldSpec) => f.kind !== 'id' && f.kind !== 'datetime' && f.kind !== 'meta';

const zhen = (lang: Lang, zh: string, en: string) => (lang === 'zh' ? zh : en);

/**
 * Editing a row someone else just changed (issue 17). useLiveRows hands over the fresh row of a
 * row with an open editor; the editor then shows what changed (EditClash.tsx) and the user chooses:
 * - keep typing: the row takes the fresh values, the editor keeps the typed text, and the save is
 *   checked against the fresh version (another change asks again);
 * - take the new value: the editor closes without saving and the cell shows the fresh value.
 * Enter and Esc work as before: Enter without a choice saves against the version the user saw
 * (CONFLICT, with the newer row on offer); Esc drops the edit and the row takes the fresh values.
 * A row deleted under the editor stays until the editor closes; what was typed is offered to copy
 * and, if the editor closes without a save, kept in a message until dismissed.
 */
export function useEditClash(spec: TableSpec, apiRef: RefObject<GridApi<Row> | null>, controller: EditController, langRef: RefObject<Lang>) {
  const [clash, setClash] = useState<Clash | null>(null);
  /** Whether what was typed into a deleted row went onto the clipboard (null: not tried). */
  const [copied, setCopied] = useState<boolean | null>(null);
  /** The clash the banner shows; cleared before the buttons close the editor, so the close is not taken for Esc. */
  const current = useRef<Clash | null>(null);
  const show = useCallback((c: Clash | null) => {
    if (current.current?.rowId !== c?.rowId || !c) setCopied(null);
    current.current = c;
    setClash(c);
  }, []);

  const onEditedRowChanged = useCallback(
    async (change: EditedRowChange) => {
      const { rowId, fresh } = change;
      if (controller.hasPendingEdits(rowId)) {
        // A typed value of this row is still being saved: the change may be that save itself.
        await controller.idle();
        const held = apiRef.current?.getRowNode(rowId)?.data;
        if (fresh && held && held.version != null && fresh.version != null && held.version >= fresh.version) return change.settle();
      }
      const api = apiRef.current;
      if (!api || api.isDestroyed()) return;
      const held = api.getRowNode(rowId)?.data;
      const editing = editingCellOf(api, rowId);
      const field = editing ? fieldOf(spec, editing) : undefined;
      if (!held) return;
      if (!field) {
        // The editor closed meanwhile: a save under way meets the version check as before.
        if (!fresh) {
          await controller.idle();
          change.settle(true);
        } else if (!controller.hasPendingEdits(rowId)) {
          controller.applyServerRow(fresh);
          change.settle();
        }
        return;
      }
      const cellChanged = !!fresh && !sameInput(field, held[field.name], fresh[field.name]);
      const others = fresh ? spec.fields.filter((f) => TOLD(f) && f.name !== field.name && JSON.stringify(held[f.name] ?? null) !== JSON.stringify(fresh[f.name] ?? null)) : [];
      if (fresh && !cellChanged && !others.length) {
        // Saved again with the same values: nothing to tell; the save goes against the new version.
        controller.applyServerRow(fresh);
        return change.settle();
      }
      const next: Clash = { rowId, field, held, fresh, cellChanged, others, settle: change.settle };
      show(next);
      // Who: the newest entry of the row's audit trail (best effort, after the banner is up).
      rowHistory(spec, rowId, 1)
        .then(([entry]) => {
          if (entry?.username && current.current === next) show({ ...next, who: entry.username });
        })
        .catch(() => undefined);
    },
    [spec, apiRef, controller, show],
  );

  /** The value in the open editor (what the user has typed so far). */
  const typed = useCallback((): unknown => {
    const c = current.current;
    const api = apiRef.current;
    const node = c && api?.getRowNode(c.rowId);
    if (!c || !api || !node) return undefined;
    return api.getCellEditorInstances({ rowNodes: [node], columns: [c.field.name] })[0]?.getValue?.();
  }, [apiRef]);

  const copyTyped = useCallback(async () => {
    const c = current.current;
    if (c) setCopied(await copyText(formatValue(c.field, typed(), langRef.current)));
  }, [typed, langRef]);

  const keepTyping = useCallback(() => {
    const c = current.current;
    if (!c) return;
    show(null);
    if (c.fresh) controller.applyServerRow(c.fresh);
    c.settle();
    if (c.others.length) flash(apiRef.current, c.rowId, c.others.map((f) => f.name));
  }, [apiRef, controller, show]);

  const takeNew = useCallback(() => {
    const c = current.current;
    const api = apiRef.current;
    if (!c || !api) return;
    show(null);
    api.stopEditing(true);
    if (c.fresh) {
      controller.applyServerRow(c.fresh);
      c.settle();
      flash(api, c.rowId);
      controller.point(c.rowId, c.field.name);
    } else c.settle(true);
  }, [apiRef, controller, show]);

  // The editor closing without a choice (Enter, Esc, a click elsewhere).
  useEffect(() => {
    const api = apiRef.current;
    if (!clash || !api || api.isDestroyed()) return;
    let last: unknown = typed();
    const onRequest = (e: CellEditRequestEvent) => {
      if (e.data?.id === clash.rowId) last = e.newValue;
    };
    const onStopped = (e: CellEditingStoppedEvent) => {
      if (e.node.id !== clash.rowId || current.current !== clash) return;
      show(null);
      const value = e.newValue !== undefined ? e.newValue : last;
      // After the grid has handed over the value (onCellEditRequest queues its save).
      setTimeout(() => void closed(clash, value));
    };
    const closed = async (c: Clash, value: unknown) => {
      const saving = controller.hasPendingEdits(c.rowId);
      if (c.fresh) {
        // A save under way meets the version check (CONFLICT, the newer row on offer); without one the row takes the fresh values.
        if (saving) return;
        controller.applyServerRow(c.fresh);
        c.settle();
        return;
      }
      if (saving) {
        // The save is refused (the row is gone) with a message that keeps what was typed.
        await controller.idle();
        c.settle(true);
        return;
      }
      c.settle(true);
      if (value === undefined || sameInput(c.field, c.held[c.field.name], value)) return;
      const lang = langRef.current;
      const text = formatValue(c.field, value, lang);
      notify({
        kind: 'error',
        title: zhen(lang, `未保存：${cellLabel(spec, c.held, c.field, lang)}`, `Not saved: ${cellLabel(spec, c.held, c.field, lang)}`),
        body: zhen(lang, `此行已被他人删除。您输入的${quote(text || '（空）', lang)}没有保存。`, `This row was deleted elsewhere. What you typed, ${quote(text, lang)}, was not saved.`),
        actions: [{ label: zhen(lang, '复制我输入的内容', 'Copy what I typed'), run: () => void copyText(text) }],
      });
    };
    // Kept up to date while the editor is open: the value is gone from the editor once it closes.
    const keep = () => {
      const v = typed();
      if (v !== undefined) last = v;
    };
    // The choice from the keyboard, the focus staying in the editor: Alt+K keep typing (or copy, for a deleted row), Alt+N take the new value (or discard).
    const onKey = (e: KeyboardEvent) => {
      if (!e.altKey || e.ctrlKey || e.metaKey || current.current !== clash) return;
      const run = e.code === 'KeyK' ? (clash.fresh ? keepTyping : copyTyped) : e.code === 'KeyN' ? takeNew : null;
      if (!run) return;
      e.preventDefault();
      e.stopPropagation();
      void run();
    };
    // A grid re-created (a language switch) or left takes its editor along.
    const gone = () => current.current === clash && show(null);
    api.addEventListener('cellEditRequest', onRequest);
    api.addEventListener('cellEditingStopped', onStopped);
    api.addEventListener('gridPreDestroyed', gone);
    document.addEventListener('input', keep, true);
    document.addEventListener('keydown', onKey, true);
    return () => {
      document.removeEventListener('input', keep, true);
      document.removeEventListener('keydown', onKey, true);
      if (api.isDestroyed()) return;
      api.removeEventListener('cellEditRequest', onRequest);
      api.removeEventListener('cellEditingStopped', onStopped);
      api.removeEventListener('gridPreDestroyed', gone);
    };
  }, [clash, apiRef, controller, spec, langRef, typed, show, keepTyping, takeNew, copyTyped]);

  // A grid that goes away (another table, a language switch) takes its editor and the banner with it.
  useEffect(() => () => void (current.current = null), []);

  return { clash, copied, onEditedRowChanged, keepTyping, takeNew, copyTyped };
}

export type EditClashState = ReturnType<typeof useEditClash>;

/** The column of the row's open editor, if any. */
function editingCellOf(api: GridApi<Row>, rowId: string): string | undefined {
  return api.getEditingCells().find((c) => api.getDisplayedRowAtIndex(c.rowIndex)?.id === rowId)?.column?.getColId();
}

function flash(api: GridApi<Row> | null, rowId: string, columns?: string[]) {
  const node = api?.getRowNode(rowId);
  if (api && node) api.flashCells({ rowNodes: [node], columns });
}

/** Puts text on the clipboard; false where the browser refuses. */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}
