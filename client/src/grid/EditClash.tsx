import { useLayoutEffect, useRef, useState, type MouseEvent } from 'react';
import { createPortal } from 'react-dom';
import { useI18n, type Lang } from '../i18n';
import { formatValue } from '../tables/values';
import type { FieldSpec, Row } from '../tables/types';
import { quote } from './labels';
import type { EditClashState } from './hooks/useEditClash';

/** Up to this many changed fields are named with their new values; the rest only counted. */
const NAMED = 3;

const shown = (field: FieldSpec, row: Row, lang: Lang) => quote(formatValue(field, row[field.name], lang) || (lang === 'zh' ? '（空）' : '(empty)'), lang);

/**
 * The banner beside an open editor whose row changed elsewhere (hooks/useEditClash): what changed,
 * who changed it, and the choice. It never takes the focus: the buttons act on a click without
 * moving the focus out of the editor, and `ag-custom-component-popup` tells the grid that a click
 * here is not a click outside its editor (which would end the edit).
 */
export function EditClash({ state }: { state: EditClashState }) {
  const { lang, t } = useI18n();
  const { clash, copied } = state;
  const box = useRef<HTMLDivElement>(null);
  const [place, setPlace] = useState<{ left: number; top: number } | null>(null);

  useLayoutEffect(() => {
    if (!clash) return setPlace(null);
    // Under the cell (above it when there is no room), following the grid's scrolling.
    const position = () => {
      const cells = [...document.querySelectorAll<HTMLElement>(`.ag-row[row-id="${CSS.escape(clash.rowId)}"] .ag-cell[col-id="${CSS.escape(clash.field.name)}"]`)];
      const cell = cells.find((c) => c.offsetParent !== null);
      if (!cell) return;
      const r = cell.getBoundingClientRect();
      const height = box.current?.offsetHeight ?? 120;
      const width = box.current?.offsetWidth ?? 360;
      const popup = document.querySelector('.ag-popup-editor');
      const below = popup ? popup.getBoundingClientRect().bottom + 4 : r.bottom + 4;
      const top = below + height > window.innerHeight - 8 ? Math.max(8, r.top - height - 4) : below;
      const left = Math.max(8, Math.min(r.left, window.innerWidth - width - 8));
      setPlace((p) => (p && p.left === left && p.top === top ? p : { left, top }));
    };
    position();
    const frame = requestAnimationFrame(position);
    window.addEventListener('resize', position);
    document.addEventListener('scroll', position, true);
    return () => {
      cancelAnimationFrame(frame);
      window.removeEventListener('resize', position);
      document.removeEventListener('scroll', position, true);
    };
  }, [clash]);

  if (!clash) return null;
  const { field, fresh, held, others, cellChanged, who } = clash;
  // A click on the banner must leave the focus (and the typed text) in the editor.
  const keepFocus = (e: MouseEvent) => e.preventDefault();
  const sep = lang === 'zh' ? '、' : ', ';
  const label = (f: FieldSpec) => (lang === 'zh' ? `「${f.label.zh}」` : f.label.en);
  const named = others.slice(0, NAMED).map((f) => (lang === 'zh' ? `${label(f)}现为${shown(f, fresh!, lang)}` : `${label(f)} is now ${shown(f, fresh!, lang)}`));
  const more = others.length > NAMED ? t({ zh: `等 ${others.length} 项`, en: ` and ${others.length - NAMED} more` }) : '';

  let message: string;
  if (!fresh) {
    message = t({ zh: '此行刚被他人删除，您正在输入的内容无法再保存到这一行。', en: 'This row was just deleted elsewhere; what you are typing can no longer be saved to it.' });
  } else if (cellChanged) {
    message = t({ zh: `此行刚被他人修改：本格现为${shown(field, fresh, lang)}`, en: `This row was just changed elsewhere: this cell is now ${shown(field, fresh, lang)}` });
    if (others.length) message += t({ zh: `；另有${others.map(label).join(sep)}也已更新`, en: `; ${others.map(label).join(sep)} changed too` });
  } else {
    message = t({ zh: `此行刚被他人修改：${named.join('，')}${more}（本格未变）`, en: `This row was just changed elsewhere: ${named.join('; ')}${more} (this cell is unchanged)` });
  }

  return createPortal(
    <div
      ref={box}
      className="edit-clash ag-custom-component-popup"
      role="alert"
      data-testid="edit-clash"
      data-row={clash.rowId}
      data-kind={fresh ? 'changed' : 'deleted'}
      style={place ? { left: place.left, top: place.top } : { visibility: 'hidden' }}
      onMouseDown={keepFocus}
    >
      <div className="edit-clash-text">
        {message}
        {who && <span className="edit-clash-who">{fresh ? t({ zh: `（修改人：${who}）`, en: ` (by ${who})` }) : t({ zh: `（删除人：${who}）`, en: ` (by ${who})` })}</span>}
      </div>
      {fresh ? (
        <div className="edit-clash-hint">
          {cellChanged && t({ zh: `您开始编辑时本格为${shown(field, held, lang)}。`, en: `When you started, this cell was ${shown(field, held, lang)}. ` })}
          {t({ zh: '继续输入（Alt+K）：保存时以新版本为准；采用新值（Alt+N）：不保存，关闭编辑。', en: 'Keep typing (Alt+K): your save goes against the new version. Take the new value (Alt+N): nothing is saved, the editor closes.' })}
        </div>
      ) : (
        <div className="edit-clash-hint">
          {copied === false
            ? t({ zh: '浏览器不允许复制，请在编辑框中选中文字后按 Ctrl+C。', en: 'The browser refused to copy: select the text in the editor and press Ctrl+C.' })
            : t({ zh: '复制（Alt+K）；放弃并关闭（Alt+N）。按 Enter 或 Esc 关闭时，您输入的内容会留在消息里，直到您关闭它。', en: 'Copy (Alt+K); discard and close (Alt+N). Closed with Enter or Esc, what you typed stays in a message until you close it.' })}
        </div>
      )}
      <div className="edit-clash-actions">
        {fresh ? (
          <>
            <button type="button" tabIndex={-1} onMouseDown={keepFocus} onClick={state.keepTyping} aria-keyshortcuts="Alt+K" title="Alt+K" data-testid="edit-clash-keep">
              {t({ zh: '继续输入', en: 'Keep typing' })}
            </button>
            <button type="button" tabIndex={-1} onMouseDown={keepFocus} onClick={state.takeNew} aria-keyshortcuts="Alt+N" title="Alt+N" data-testid="edit-clash-take">
              {t({ zh: '采用新值', en: 'Take the new value' })}
            </button>
          </>
        ) : (
          <>
            <button type="button" tabIndex={-1} onMouseDown={keepFocus} onClick={() => void state.copyTyped()} aria-keyshortcuts="Alt+K" title="Alt+K" data-testid="edit-clash-copy">
              {copied ? t({ zh: '已复制', en: 'Copied' }) : t({ zh: '复制我输入的内容', en: 'Copy what I typed' })}
            </button>
            <button type="button" tabIndex={-1} onMouseDown={keepFocus} onClick={state.takeNew} aria-keyshortcuts="Alt+N" title="Alt+N" data-testid="edit-clash-close">
              {t({ zh: '放弃并关闭', en: 'Discard and close' })}
            </button>
          </>
        )}
      </div>
    </div>,
    document.body,
  );
}
