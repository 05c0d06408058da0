import { useState } from 'react';
import { createPortal } from 'react-dom';
import type { CustomCellRendererProps } from 'ag-grid-react';
import type { ColDef } from 'ag-grid-community';
import type { Lang } from '../../i18n';
import { enumLabel } from '../../tables/enums';
import type { Row } from '../../tables/types';
import type { GridContext } from '../../grid/context';
import { advanceRectification, type RectificationStatus } from '../../api/rectifications';
import { toProblem } from '../../api/errors';
import { reason } from '../../api/describe';
import { notify } from '../../ui/notify';
import { AdvanceDialog } from './AdvanceDialog';
import { LoopDialog } from './LoopDialog';
import { LOOP_TEXT, movesFor, type Move } from './loop';
import './rectifications.css';

/**
 * 整改进程: a rectification's status with an overdue badge, the loop's next steps the signed-in user
 * may take (each asks for a note), and its steps and feedback. Read only as a value: the status
 * changes through advanceRectification, never by editing the 状态 column. The colId starts with _ so
 * copy, paste, CSV and print, which carry the table's own fields, leave it out.
 */
export function loopColumn(lang: Lang): ColDef<Row> {
  return {
    colId: '_loop',
    headerName: LOOP_TEXT.column[lang],
    headerTooltip: lang === 'zh' ? '整改状态、是否逾期，以及牵头单位/考评办的下一步操作' : 'Status, overdue, and the next step for the lead department or the office',
    width: 300,
    editable: false,
    sortable: false,
    filter: false,
    cellDataType: false,
    valueGetter: (p) => (p.data ? `${p.data.status}${p.data.overdue ? ' overdue' : ''}` : null),
    cellRenderer: LoopCell,
    getQuickFilterText: () => '',
  };
}

function LoopCell(p: CustomCellRendererProps<Row, unknown, GridContext>) {
  const row = p.data;
  const { lang, user, controller, spec } = p.context;
  const [move, setMove] = useState<Move | null>(null);
  const [history, setHistory] = useState(false);
  if (!row) return null;
  const status = row.status as RectificationStatus;
  const moves = movesFor(user, status, row.responsibilities);
  const subject = `${row.seq} · ${String(row.problem ?? '').slice(0, 60)}`;
  return (
    <span className="loop-cell" data-testid="loop-cell">
      <span className={`loop-status loop-${status.toLowerCase()}`} data-testid="loop-status">
        {enumLabel('RectificationStatus', status, lang)}
      </span>
      {row.overdue && (
        <span className="loop-overdue" title={LOOP_TEXT.overdueHint[lang]} data-testid="loop-overdue">
          {LOOP_TEXT.overdue[lang]}
        </span>
      )}
      {moves.map((m) => (
        <button key={m.to} type="button" className="loop-move" data-testid={`loop-move-${m.to}`} onClick={() => setMove(m)}>
          {m.label[lang]}
        </button>
      ))}
      <button type="button" className="loop-move" data-testid="loop-history" onClick={() => setHistory(true)}>
        {LOOP_TEXT.history[lang]}
      </button>
      {move &&
        createPortal(
          <AdvanceDialog
            subject={subject}
            from={status}
            move={move}
            onClose={() => setMove(null)}
            onConfirm={async (note) => {
              try {
                controller.applyServerRow(await advanceRectification(spec, row, move.to, note));
                setMove(null);
                notify({ kind: 'success', title: `${move.label[lang]} · ${row.seq}` });
                return null;
              } catch (e) {
                const problem = toProblem(e);
                if (problem.code === 'CONFLICT') void controller.reload([row.id]);
                return reason(problem, lang);
              }
            }}
          />,
          document.body,
        )}
      {history && createPortal(<LoopDialog rowId={row.id} title={subject} onClose={() => setHistory(false)} />, document.body)}
    </span>
  );
}
