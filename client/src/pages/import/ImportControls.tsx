import { useState, type DragEvent, type RefObject } from 'react';
import { formatNumber, useI18n, type Lang } from '../../i18n';
import { TRANSFER_TABLES, type TransferTable } from '../../api/transfer';
import type { ChosenFile } from './importReducer';

const FILE_TYPES = '.csv,.tsv,.txt,.xlsx,.json,text/csv,application/json,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function formatBytes(n: number, lang: Lang): string {
  if (n < 1024) return `${formatNumber(n, lang)} B`;
  if (n < 1024 ** 2) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 ** 2).toFixed(1)} MB`;
}

interface Props {
  table: TransferTable;
  file: ChosenFile | null;
  deleteMissing: boolean;
  /** While an import is being applied nothing here changes. */
  locked: boolean;
  inputRef: RefObject<HTMLInputElement | null>;
  onTable(table: TransferTable): void;
  onFile(file: File | undefined | null): void;
  onDeleteMissing(on: boolean): void;
}

/** Which table, which file (chosen or dropped), and whether rows the file lacks are deleted. */
export function ImportControls({ table, file, deleteMissing, locked, inputRef, onTable, onFile, onDeleteMissing }: Props) {
  const { lang, t } = useI18n();
  const [dragging, setDragging] = useState(false);

  const onDrop = (e: DragEvent<HTMLDivElement>) => {
    e.preventDefault();
    setDragging(false);
    onFile(e.dataTransfer.files?.[0]);
  };

  return (
    <>
      <div className="transfer-controls">
        <label className="transfer-field">
          <span className="form-label">{t({ zh: '导入到', en: 'Import into' })}</span>
          <select value={table} onChange={(e) => onTable(e.target.value as TransferTable)} data-testid="import-table" disabled={locked}>
            {TRANSFER_TABLES.map((x) => (
              <option key={x.table} value={x.table}>
                {x.label[lang]}
              </option>
            ))}
          </select>
        </label>
        <div
          className={`drop-zone${dragging ? ' dragging' : ''}`}
          data-testid="import-drop"
          onDragOver={(e) => {
            e.preventDefault();
            e.dataTransfer.dropEffect = 'copy';
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={onDrop}
        >
          <input
            ref={inputRef}
            type="file"
            className="visually-hidden"
            accept={FILE_TYPES}
            aria-label={t({ zh: '选择要导入的文件', en: 'Choose a file to import' })}
            data-testid="import-file"
            onChange={(e) => {
              onFile(e.target.files?.[0]);
              e.target.value = '';
            }}
          />
          <button type="button" onClick={() => inputRef.current?.click()} disabled={locked}>
            {t({ zh: '选择文件…', en: 'Choose a file…' })}
          </button>
          <span className="muted">{t({ zh: '或把文件拖到这里（XLSX、CSV 或 JSON）', en: 'or drop it here (XLSX, CSV or JSON)' })}</span>
          {file && (
            <span className="chosen-file" data-testid="import-filename">
              {file.name} <span className="muted small">{formatBytes(file.size, lang)}</span>
            </span>
          )}
        </div>
      </div>
      <div className="transfer-options">
        <label className="checkbox-line">
          <input type="checkbox" checked={deleteMissing} onChange={(e) => onDeleteMissing(e.target.checked)} data-testid="import-delete-missing" disabled={locked} />
          {t({ zh: '同时删除文件中没有的行', en: 'Also delete rows the file does not have' })}
        </label>
        <span className={deleteMissing ? 'delete-warning on' : 'delete-warning'} data-testid="delete-warning">
          {deleteMissing
            ? t({
                zh: '⚠ 已勾选：本规划中文件里没有的行将连同其责任单位和关联一起删除，导入后不能撤销。请先看清下方预览中的“删除”行。',
                en: '⚠ On: rows of the plan that the file does not have will be deleted with their responsibilities and links; this cannot be undone. Check the rows marked Delete below first.',
              })
            : t({ zh: '默认不删除：文件中没有的行保持原样。', en: 'Off by default: rows the file does not have are left as they are.' })}
        </span>
      </div>
    </>
  );
}
