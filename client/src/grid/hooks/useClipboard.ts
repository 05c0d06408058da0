import { useCallback, type ClipboardEvent, type RefObject } from 'react';
import type { GridApi } from 'ag-grid-community';
import { useI18n, type Lang } from '../../i18n';
import { getDepartments } from '../../api/departments';
import type { SessionUser } from '../../api/session';
import { notify } from '../../ui/notify';
import type { Row, TableSpec } from '../../tables/types';
import { copyText, parseTsv, planPaste, PasteProblem } from '../clipboard';
import type { EditController } from '../controller';
import { gridAccess } from '../access';
import { isTyping } from '../typing';

/**
 * Copy and paste between the grid and a spreadsheet: Ctrl+C copies the selected cells as TSV,
 * Ctrl+V (or the toolbar's button) pastes a block from the focused cell and saves it as one batch,
 * all or nothing. Not while the user types in an editor or a field: those keep the browser's own.
 */
export function useClipboard(spec: TableSpec, apiRef: RefObject<GridApi<Row> | null>, controller: EditController, user: SessionUser | null | undefined, langRef: RefObject<Lang>) {
  const { lang, t } = useI18n();

  const pasteText = useCallback(
    (text: string) => {
      const a = apiRef.current;
      if (!a || !text) return;
      const block = parseTsv(text);
      if (!block.length) return;
      try {
        const { changes, skipped } = planPaste(a, spec, block, langRef.current, getDepartments());
        if (skipped.length) notify({ kind: 'info', title: t({ zh: '只读列未粘贴', en: 'Read-only columns skipped' }), body: skipped.join(lang === 'zh' ? '、' : ', ') });
        if (!changes.length) {
          notify({ kind: 'info', title: t({ zh: '没有变化', en: 'Nothing changed' }), body: t({ zh: '粘贴的内容与现有值相同。', en: 'The pasted values equal the current ones.' }) });
          return;
        }
        void controller.paste(changes);
      } catch (e) {
        if (!(e instanceof PasteProblem)) throw e;
        if (e.rowId && e.colId) controller.markFailed(e.rowId, e.colId, e.message);
        notify({
          kind: 'error',
          title: t({ zh: '粘贴未保存', en: 'Paste not saved' }),
          body: e.message + t({ zh: '。整块都没有保存，请改正后重新粘贴。', en: '. Nothing was saved; correct it and paste again.' }),
        });
      }
    },
    [spec, apiRef, langRef, controller, t, lang],
  );

  const onPaste = (e: ClipboardEvent<HTMLDivElement>) => {
    const a = apiRef.current;
    if (!a || a.getEditingCells().length || isTyping(e.target)) return;
    const text = e.clipboardData.getData('text/plain');
    if (!text) return;
    e.preventDefault();
    if (!gridAccess(user, spec).edit) return;
    pasteText(text);
  };

  const onCopy = (e: ClipboardEvent<HTMLDivElement>) => {
    const a = apiRef.current;
    if (!a || a.getEditingCells().length || isTyping(e.target) || window.getSelection()?.toString()) return;
    const text = copyText(a, spec, lang);
    if (text == null) return;
    e.clipboardData.setData('text/plain', text);
    e.preventDefault();
  };

  /** The toolbar's Paste: the browser may refuse a button the clipboard; Ctrl+V always works. */
  const pasteFromButton = async () => {
    try {
      pasteText(await navigator.clipboard.readText());
    } catch {
      notify({ kind: 'info', title: t({ zh: '请用 Ctrl+V 粘贴', en: 'Paste with Ctrl+V' }), body: t({ zh: '浏览器不允许按钮读取剪贴板：点选起始单元格后按 Ctrl+V。', en: 'The browser does not let the button read the clipboard: click the first cell, then press Ctrl+V.' }) });
    }
  };

  return { onPaste, onCopy, pasteFromButton };
}
