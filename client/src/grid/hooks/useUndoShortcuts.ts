import { useEffect, type RefObject } from 'react';
import type { GridApi } from 'ag-grid-community';
import { isTyping } from '../typing';

/** What the shortcuts drive: a grid's edit history on the server (EditController, YearTargetEdits, LedgerEdits). */
export interface UndoTarget {
  undo(): Promise<unknown>;
  redo(): Promise<unknown>;
}

/**
 * Ctrl+Z undoes the last saved change, Ctrl+Y and Ctrl+Shift+Z redo it (⌘ on a Mac), on the
 * server; not while the user types in an editor, a field or a dialog, which keep their own undo.
 */
export function useUndoShortcuts<T>(apiRef: RefObject<GridApi<T> | null>, controller: UndoTarget) {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || isTyping(e.target) || apiRef.current?.getEditingCells().length) return;
      const k = e.key.toLowerCase();
      if (k === 'z' && !e.shiftKey) {
        e.preventDefault();
        void controller.undo();
      } else if (k === 'y' || (k === 'z' && e.shiftKey)) {
        e.preventDefault();
        void controller.redo();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [controller, apiRef]);
}

/** Leaving while a save is on its way would lose it without a word: the browser asks first. */
export function usePendingSaveWarning(pending: boolean) {
  useEffect(() => {
    if (!pending) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [pending]);
}
