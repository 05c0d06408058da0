import { useEffect, useReducer, useRef } from 'react';
import { fmt, useI18n } from '../../i18n';
import { importFile, readAsBase64, toRefusal, type TransferTable } from '../../api/transfer';
import { useSession } from '../../api/session';
import { refreshDepartments } from '../../api/departments';
import { notify } from '../../ui/notify';
import { importReducer, importView, initialImportState } from './importReducer';
import { AccessNote } from './AccessNote';
import { ImportControls } from './ImportControls';
import { Refusal } from './Refusal';
import { Applied, ProblemTable, Summary } from './ResultViews';
import { RowsPreview } from './RowsPreview';
import { ApplyBar, ConfirmImportDialog } from './ApplyBar';

/**
 * A file is checked on the server as soon as it is chosen (a dry run), and applied only when it
 * has no problems. The states and their transitions are importReducer's; this component sends
 * the requests and turns their answers into events.
 */
export function ImportSection({ planCode, initialTable }: { planCode: string; initialTable: TransferTable }) {
  const { t } = useI18n();
  const user = useSession();
  const [state, dispatch] = useReducer(importReducer, initialTable, initialImportState);
  const { phase, table, file, deleteMissing, result, refusal, confirming } = state;
  const inputRef = useRef<HTMLInputElement>(null);
  /** Request numbers: the reducer drops answers to any but the latest it accepted. */
  const runRef = useRef(0);
  const acceptedRun = useRef(state.run);
  acceptedRun.current = state.run;
  const who = user === undefined ? 'loading' : `${user?.username ?? ''}:${user?.role ?? ''}`;

  // A dry run whenever the file, the table, the plan, delete-missing or the signed-in user change.
  useEffect(() => {
    if (!file || who === 'loading') return;
    const run = ++runRef.current;
    dispatch({ type: 'checkStarted', run });
    importFile({ table, content: file.base64, filename: file.name, dryRun: true, deleteMissing, planCode })
      .then((r) => dispatch({ type: 'checked', run, result: r }))
      .catch((e) => dispatch({ type: 'checkRefused', run, refusal: toRefusal(e) }));
  }, [file, table, deleteMissing, planCode, who]);

  const choose = async (chosen: File | undefined | null) => {
    if (!chosen || phase === 'applying') return;
    const run = ++runRef.current;
    dispatch({ type: 'fileChosen', run });
    try {
      const base64 = await readAsBase64(chosen);
      dispatch({ type: 'fileRead', run, file: { name: chosen.name, size: chosen.size, base64 } });
    } catch (e) {
      dispatch({ type: 'readFailed', run });
      notify({ kind: 'error', title: t({ zh: '无法读取文件', en: 'Could not read the file' }), body: e instanceof Error ? e.message : String(e) });
    }
  };

  const { preview, changes, canApply, hint } = importView(state);

  const apply = async () => {
    if (!file || !canApply) return;
    const run = ++runRef.current;
    dispatch({ type: 'applyStarted', run });
    try {
      const r = await importFile({ table, content: file.base64, filename: file.name, dryRun: false, deleteMissing, planCode });
      // Nothing supersedes an import being applied (the reducer refuses it): this is its answer.
      if (run !== acceptedRun.current) return;
      dispatch({ type: 'applied', run, result: r });
      if (table === 'DEPARTMENTS' || table === 'ALL') void refreshDepartments();
      notify({
        kind: 'success',
        title: t({ zh: '导入完成', en: 'Import applied' }),
        body: fmt(t({ zh: '新增 {c} 行，更新 {u} 行，删除 {d} 行', en: '{c} created, {u} updated, {d} deleted' }), { c: r.created, u: r.updated, d: r.deleted }),
      });
    } catch (e) {
      dispatch({ type: 'applyRefused', run, refusal: toRefusal(e) });
    }
  };

  return (
    <section className="transfer-section" aria-labelledby="import-title" data-testid="import-section">
      <h2 id="import-title">{t({ zh: '导入', en: 'Import' })}</h2>
      <AccessNote user={user} />
      <ImportControls
        table={table}
        file={file}
        deleteMissing={deleteMissing}
        locked={phase === 'applying'}
        inputRef={inputRef}
        onTable={(next) => dispatch({ type: 'tableChosen', table: next })}
        onFile={(f) => void choose(f)}
        onDeleteMissing={(on) => dispatch({ type: 'deleteMissingSet', on })}
      />

      {phase === 'reading' && <p className="muted" role="status">{t({ zh: '正在读取文件…', en: 'Reading the file…' })}</p>}
      {phase === 'checking' && (
        <p className="muted" role="status" data-testid="import-checking">
          {t({ zh: '正在检查文件（试导入，不写入任何数据）…', en: 'Checking the file (a dry run: nothing is written)…' })}
        </p>
      )}
      {phase === 'applying' && (
        <p className="muted" role="status">
          {t({ zh: '正在导入…', en: 'Importing…' })}
        </p>
      )}

      {refusal && <Refusal refusal={refusal} />}

      {result && phase !== 'checking' && (
        <>
          {result.applied ? <Applied result={result} /> : null}
          <Summary result={result} />
          <ProblemTable problems={result.problems} total={result.problemCount} showTable={result.table === 'ALL'} />
          {result.tables.map((tr) => (
            <RowsPreview key={tr.table} result={tr} problems={result.problems} showTitle={result.tables.length > 1 || result.table === 'ALL'} />
          ))}
        </>
      )}

      {file && phase !== 'applied' && (
        <ApplyBar preview={preview} changes={changes} canApply={canApply} hint={hint} onApply={() => (preview && preview.deleted > 0 ? dispatch({ type: 'confirmAsked' }) : void apply())} />
      )}
      {phase === 'applied' && (
        <div className="apply-bar">
          <button type="button" onClick={() => inputRef.current?.click()}>
            {t({ zh: '导入另一个文件…', en: 'Import another file…' })}
          </button>
        </div>
      )}

      {confirming && preview && <ConfirmImportDialog preview={preview} onCancel={() => dispatch({ type: 'confirmCancelled' })} onConfirm={() => void apply()} />}
    </section>
  );
}
