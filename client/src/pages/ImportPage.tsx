import { useEffect, useMemo, useRef, useState, type DragEvent, type ReactNode } from 'react';
import { fmt, formatNumber, useI18n, type Lang } from '../i18n';
import { Link, useLocation } from '../router';
import {
  exportAndDownload,
  importFile,
  listPlans,
  problemReason,
  readAsBase64,
  refusalReason,
  tableLabel,
  toRefusal,
  TRANSFER_TABLES,
  transferTableOf,
  type ImportAction,
  type ImportProblem,
  type ImportRefusal,
  type ImportResult,
  type ImportRowPreview,
  type ImportTableResult,
  type PlanSummary,
  type TransferFormat,
  type TransferTable,
} from '../api/transfer';
import { toProblem } from '../api/errors';
import { reason } from '../api/describe';
import { requestSignIn, useSession, type SessionUser } from '../api/session';
import { refreshDepartments } from '../api/departments';
import { notify } from '../ui/notify';
import { Dialog } from '../ui/Dialog';
import { TABLE_BY_KEY } from '../tables/specs';
import type { TableKey } from '../tables/types';

const ACTION_LABEL: Record<ImportAction, { zh: string; en: string }> = {
  CREATE: { zh: '新增', en: 'Create' },
  UPDATE: { zh: '更新', en: 'Update' },
  UNCHANGED: { zh: '不变', en: 'Unchanged' },
  DELETE: { zh: '删除', en: 'Delete' },
  ERROR: { zh: '有问题', en: 'Error' },
};

const FORMATS: TransferFormat[] = ['XLSX', 'CSV', 'JSON'];
const FILE_TYPES = '.csv,.tsv,.txt,.xlsx,.json,text/csv,application/json,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

interface ChosenFile {
  name: string;
  size: number;
  base64: string;
}

function formatBytes(n: number, lang: Lang): string {
  if (n < 1024) return `${formatNumber(n, lang)} B`;
  if (n < 1024 ** 2) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 ** 2).toFixed(1)} MB`;
}

/** Plans for the plan picker; shown only when the hub holds more than one. */
function usePlans(): PlanSummary[] {
  const [plans, setPlans] = useState<PlanSummary[]>([]);
  useEffect(() => {
    let live = true;
    listPlans()
      .then((p) => live && setPlans(p))
      .catch(() => {
        // the picker stays hidden; the server takes the newest plan
      });
    return () => {
      live = false;
    };
  }, []);
  return plans;
}

/**
 * 导入 / 导出: a file is checked on the server as soon as it is chosen (a dry run: every problem
 * with its row and column, every change with before → after), and applied only when it has no
 * problems, in one transaction. Any table, or the whole plan, downloads as XLSX, CSV or JSON.
 */
export function ImportPage() {
  const { lang, t } = useI18n();
  const { query } = useLocation();
  const plans = usePlans();
  const [planCode, setPlanCode] = useState('');
  const initialTable = TRANSFER_TABLES.find((x) => x.table === query.get('table'))?.table ?? 'INDICATORS';
  return (
    <div className="page transfer-page">
      <h1>{t({ zh: '导入与导出', en: 'Import and export' })}</h1>
      <p className="muted">
        {t({
          zh: '用 Excel（XLSX）、CSV 或 JSON 文件批量更新一张表或整个规划；导入前先检查，所有改动在一个事务中完成，有任何问题就什么都不写入。',
          en: 'Update a table or the whole plan from an Excel (XLSX), CSV or JSON file. Each file is checked first; the changes are applied in one transaction, and nothing is written if any row has a problem.',
        })}
      </p>
      {plans.length > 1 && (
        <label className="transfer-plan">
          <span className="form-label">{t({ zh: '规划', en: 'Plan' })}</span>
          <select value={planCode} onChange={(e) => setPlanCode(e.target.value)} data-testid="transfer-plan">
            <option value="">{t({ zh: '最新的规划', en: 'The newest plan' })}</option>
            {plans.map((p) => (
              <option key={p.code} value={p.code}>
                {lang === 'zh' ? p.name : p.nameEn || p.name} ({p.code})
              </option>
            ))}
          </select>
        </label>
      )}
      <ImportSection planCode={planCode} initialTable={initialTable} />
      <ExportSection planCode={planCode} />
    </div>
  );
}

// ---- import --------------------------------------------------------------------------------------

type Phase = 'idle' | 'reading' | 'checking' | 'checked' | 'applying' | 'applied';

function AccessNote({ user }: { user: SessionUser | null | undefined }) {
  const { t } = useI18n();
  if (user === undefined || user?.role === 'ADMIN') return null;
  if (user === null) {
    return (
      <div className="transfer-note warn" role="note" data-testid="import-access">
        <span>{t({ zh: '导入需要管理员（考评办）账号。您还没有登录：未登录只能浏览和导出。', en: 'Importing needs an administrator (evaluation office) account. You are not signed in: you can browse and export only.' })}</span>
        <button type="button" onClick={() => requestSignIn(t({ zh: '导入需要管理员（考评办）账号登录。', en: 'Importing needs an administrator (evaluation office) to sign in.' }))} data-testid="import-sign-in">
          {t({ zh: '登录', en: 'Sign in' })}
        </button>
      </div>
    );
  }
  if (user.role === 'VIEWER') {
    return (
      <div className="transfer-note warn" role="note" data-testid="import-access">
        {t({ zh: `导入需要管理员（考评办）权限。${user.username} 是查看者，只能浏览和导出。`, en: `Importing needs an administrator (evaluation office). ${user.username} is a viewer and can browse and export only.` })}
      </div>
    );
  }
  return (
    <div className="transfer-note" role="note" data-testid="import-access">
      {t({
        zh: '导入一般由管理员（考评办）进行：新增或删除行、修改责任单位和关联都需要管理员。编辑只能用导入更新本部门牵头或配合的行的内容，其他行会被列为问题。',
        en: 'Imports are for administrators (the evaluation office): creating or deleting rows and changing responsibilities or links need an administrator. An editor can only update the rows their department leads or supports; other rows are listed as problems.',
      })}
    </div>
  );
}

function ImportSection({ planCode, initialTable }: { planCode: string; initialTable: TransferTable }) {
  const { lang, t } = useI18n();
  const user = useSession();
  const [table, setTable] = useState<TransferTable>(initialTable);
  const [file, setFile] = useState<ChosenFile | null>(null);
  const [deleteMissing, setDeleteMissing] = useState(false);
  const [phase, setPhase] = useState<Phase>('idle');
  const [result, setResult] = useState<ImportResult | null>(null);
  const [refusal, setRefusal] = useState<(ImportRefusal & { stage: 'check' | 'apply' }) | null>(null);
  const [dragging, setDragging] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);
  /** Answers to older requests (the file or an option changed meanwhile) are dropped. */
  const runRef = useRef(0);
  const who = user === undefined ? 'loading' : `${user?.username ?? ''}:${user?.role ?? ''}`;

  // A dry run whenever the file, the table, the plan, delete-missing or the signed-in user change.
  useEffect(() => {
    if (!file || who === 'loading') return;
    const run = ++runRef.current;
    setPhase('checking');
    setRefusal(null);
    importFile({ table, content: file.base64, filename: file.name, dryRun: true, deleteMissing, planCode })
      .then((r) => {
        if (run !== runRef.current) return;
        setResult(r);
        setPhase('checked');
      })
      .catch((e) => {
        if (run !== runRef.current) return;
        setResult(null);
        setRefusal({ ...toRefusal(e), stage: 'check' });
        setPhase('checked');
      });
  }, [file, table, deleteMissing, planCode, who]);

  const choose = async (chosen: File | undefined | null) => {
    if (!chosen) return;
    const run = ++runRef.current;
    setPhase('reading');
    setResult(null);
    setRefusal(null);
    try {
      const base64 = await readAsBase64(chosen);
      if (run !== runRef.current) return;
      setFile({ name: chosen.name, size: chosen.size, base64 });
    } catch (e) {
      setPhase('idle');
      notify({ kind: 'error', title: t({ zh: '无法读取文件', en: 'Could not read the file' }), body: e instanceof Error ? e.message : String(e) });
    }
  };

  const onDrop = (e: DragEvent<HTMLDivElement>) => {
    e.preventDefault();
    setDragging(false);
    void choose(e.dataTransfer.files?.[0]);
  };

  const apply = async () => {
    if (!file || !result) return;
    setConfirming(false);
    const run = ++runRef.current;
    setPhase('applying');
    setRefusal(null);
    try {
      const r = await importFile({ table, content: file.base64, filename: file.name, dryRun: false, deleteMissing, planCode });
      if (run !== runRef.current) return;
      setResult(r);
      setPhase('applied');
      if (table === 'DEPARTMENTS' || table === 'ALL') void refreshDepartments();
      notify({
        kind: 'success',
        title: t({ zh: '导入完成', en: 'Import applied' }),
        body: fmt(t({ zh: '新增 {c} 行，更新 {u} 行，删除 {d} 行', en: '{c} created, {u} updated, {d} deleted' }), { c: r.created, u: r.updated, d: r.deleted }),
      });
    } catch (e) {
      if (run !== runRef.current) return;
      setRefusal({ ...toRefusal(e), stage: 'apply' });
      setPhase('checked');
    }
  };

  const busy = phase === 'reading' || phase === 'checking' || phase === 'applying';
  const preview = result && !result.applied ? result : null;
  const changes = preview ? preview.created + preview.updated + preview.deleted : 0;
  const canApply = !busy && !!preview && !refusal && preview.problemCount === 0 && changes > 0;
  let applyHint = '';
  if (phase === 'checking') applyHint = t({ zh: '正在检查文件…', en: 'Checking the file…' });
  else if (preview && preview.problemCount > 0)
    applyHint = fmt(t({ zh: '文件中有 {n} 个问题：请在文件中改正后重新选择文件。', en: 'The file has {n} problem(s): correct them in the file and choose it again.' }), { n: formatNumber(preview.problemCount, lang) });
  else if (preview && changes === 0) applyHint = t({ zh: '文件与数据库中的数据一致，没有需要导入的变化。', en: 'The file matches the data: there is nothing to import.' });

  return (
    <section className="transfer-section" aria-labelledby="import-title" data-testid="import-section">
      <h2 id="import-title">{t({ zh: '导入', en: 'Import' })}</h2>
      <AccessNote user={user} />
      <div className="transfer-controls">
        <label className="transfer-field">
          <span className="form-label">{t({ zh: '导入到', en: 'Import into' })}</span>
          <select value={table} onChange={(e) => setTable(e.target.value as TransferTable)} data-testid="import-table" disabled={phase === 'applying'}>
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
              void choose(e.target.files?.[0]);
              e.target.value = '';
            }}
          />
          <button type="button" onClick={() => inputRef.current?.click()} disabled={phase === 'applying'}>
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
          <input type="checkbox" checked={deleteMissing} onChange={(e) => setDeleteMissing(e.target.checked)} data-testid="import-delete-missing" disabled={phase === 'applying'} />
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
        <div className="apply-bar">
          <button type="button" className="primary" disabled={!canApply} onClick={() => (preview && preview.deleted > 0 ? setConfirming(true) : void apply())} data-testid="import-apply">
            {preview && changes > 0
              ? fmt(t({ zh: '导入（新增 {c}、更新 {u}、删除 {d}）', en: 'Apply (create {c}, update {u}, delete {d})' }), { c: preview.created, u: preview.updated, d: preview.deleted })
              : t({ zh: '导入', en: 'Apply' })}
          </button>
          {applyHint && (
            <span className="muted" data-testid="apply-hint">
              {applyHint}
            </span>
          )}
        </div>
      )}
      {phase === 'applied' && (
        <div className="apply-bar">
          <button type="button" onClick={() => inputRef.current?.click()}>
            {t({ zh: '导入另一个文件…', en: 'Import another file…' })}
          </button>
        </div>
      )}

      {confirming && preview && (
        <Dialog
          title={t({ zh: '确认导入并删除', en: 'Import and delete?' })}
          onClose={() => setConfirming(false)}
          footer={
            <>
              <button type="button" onClick={() => setConfirming(false)}>
                {t({ zh: '取消', en: 'Cancel' })}
              </button>
              <button type="button" className="danger primary" onClick={() => void apply()} data-testid="confirm-import">
                {fmt(t({ zh: '导入并删除 {n} 行', en: 'Import and delete {n} row(s)' }), { n: preview.deleted })}
              </button>
            </>
          }
        >
          <p>
            {fmt(
              t({
                zh: '文件中没有的 {n} 行将连同其责任单位和关联一起删除，不能撤销。其余变化：新增 {c} 行，更新 {u} 行。',
                en: 'The {n} row(s) the file does not have will be deleted with their responsibilities and links; this cannot be undone. Also: {c} created, {u} updated.',
              }),
              { n: preview.deleted, c: preview.created, u: preview.updated },
            )}
          </p>
        </Dialog>
      )}
    </section>
  );
}

function Refusal({ refusal }: { refusal: ImportRefusal & { stage: 'check' | 'apply' } }) {
  const { lang, t } = useI18n();
  const access = refusal.problem.code === 'UNAUTHENTICATED' || refusal.problem.code === 'FORBIDDEN';
  const listed = refusal.problems.length > 0 && !(refusal.problems.length === 1 && refusal.problems[0].row == null && refusal.problems[0].column == null);
  return (
    <div className="transfer-refusal" role="alert" data-testid="import-refusal" data-code={refusal.problem.code}>
      <strong>
        {refusal.stage === 'apply'
          ? t({ zh: '导入被拒绝，没有写入任何数据', en: 'The import was refused; nothing was written' })
          : access
            ? t({ zh: '没有导入权限', en: 'You may not import' })
            : t({ zh: '无法检查这个文件', en: 'The file could not be checked' })}
      </strong>
      <div data-testid="import-refusal-reason">{refusalReason(refusal, lang)}</div>
      {refusal.problem.code === 'UNAUTHENTICATED' && (
        <button type="button" onClick={() => requestSignIn(t({ zh: '导入需要管理员（考评办）账号登录。', en: 'Importing needs an administrator (evaluation office) to sign in.' }))}>
          {t({ zh: '登录', en: 'Sign in' })}
        </button>
      )}
      {/* The server's own words only where no table of problems says it better. */}
      {listed ? (
        <ProblemTable problems={refusal.problems} total={refusal.problemCount} showTable={refusal.problems.some((p) => p.table && p.table !== refusal.problems[0].table)} />
      ) : (
        !access && <div className="notice-detail">{refusal.problem.message}</div>
      )}
    </div>
  );
}

function Applied({ result }: { result: ImportResult }) {
  const { t } = useI18n();
  const key = TRANSFER_TABLES.find((x) => x.table === result.table)?.key;
  return (
    <div className="transfer-applied" role="status" data-testid="import-applied">
      <strong>{t({ zh: '导入完成', en: 'Import applied' })}</strong>{' '}
      {fmt(t({ zh: '新增 {c} 行，更新 {u} 行，删除 {d} 行，{n} 行不变。', en: '{c} created, {u} updated, {d} deleted, {n} unchanged.' }), {
        c: result.created,
        u: result.updated,
        d: result.deleted,
        n: result.unchanged,
      })}{' '}
      <span>
        {t({ zh: '导入编号', en: 'Import id' })} <code data-testid="import-id">{result.importId}</code>
        <span className="muted small">{t({ zh: '（即审计日志中的批次号）', en: ' (the batch id of its audit entries)' })}</span>
      </span>
      {key && (
        <>
          {' '}
          <Link to={TABLE_BY_KEY[key].path}>{t({ zh: '打开这张表', en: 'Open the table' })} →</Link>
        </>
      )}
    </div>
  );
}

function Summary({ result }: { result: ImportResult }) {
  const { lang, t } = useI18n();
  const errorRows = Math.max(0, result.rowCount - result.created - result.updated - result.unchanged);
  const chip = (key: string, label: string, n: number, cls: string) => (
    <span className={`summary-chip count-chip ${cls}${n ? '' : ' zero'}`} data-testid={`count-${key}`} data-count={n}>
      {label} <strong>{formatNumber(n, lang)}</strong>
    </span>
  );
  return (
    <div className="import-summary" data-testid="import-summary">
      <div className="dept-summary">
        {chip('create', t({ zh: '新增', en: 'Create' }), result.created, 'act-create')}
        {chip('update', t({ zh: '更新', en: 'Update' }), result.updated, 'act-update')}
        {chip('unchanged', t({ zh: '不变', en: 'Unchanged' }), result.unchanged, 'act-unchanged')}
        {chip('delete', t({ zh: '删除', en: 'Delete' }), result.deleted, 'act-delete')}
        {chip('errors', t({ zh: '问题', en: 'Problems' }), result.problemCount, 'act-error')}
      </div>
      <div className="muted small import-meta" data-testid="import-meta">
        {[
          `${t({ zh: '格式', en: 'Format' })} ${result.format}`,
          `${t({ zh: '编码', en: 'Encoding' })} ${result.encoding ?? t({ zh: '（XLSX 无需编码）', en: '(none for XLSX)' })}`,
          result.planCode ? `${t({ zh: '规划', en: 'Plan' })} ${result.planCode}` : '',
          fmt(t({ zh: '文件共 {n} 行', en: '{n} rows in the file' }), { n: formatNumber(result.rowCount, lang) }),
          errorRows ? fmt(t({ zh: '其中 {n} 行有问题', en: '{n} of them with problems' }), { n: formatNumber(errorRows, lang) }) : '',
          result.dryRun ? t({ zh: '试导入：尚未写入', en: 'dry run: nothing written yet' }) : '',
        ]
          .filter(Boolean)
          .join(' · ')}
      </div>
    </div>
  );
}

function Suggestions({ list }: { list: string[] | null }) {
  const { lang, t } = useI18n();
  if (!list?.length) return null;
  return (
    <span className="suggestions">
      {t({ zh: '您是不是要找：', en: 'Did you mean: ' })}
      {list.map((s, i) => (
        <span key={s}>
          {i > 0 ? (lang === 'zh' ? '、' : ', ') : ''}
          <strong>{s}</strong>
        </span>
      ))}
    </span>
  );
}

function ProblemTable({ problems, total, showTable }: { problems: ImportProblem[]; total: number; showTable: boolean }) {
  const { lang, t } = useI18n();
  if (!problems.length) return null;
  return (
    <div className="import-block">
      <h3>
        {t({ zh: '问题', en: 'Problems' })} <span className="count">{formatNumber(total, lang)}</span>
        {total > problems.length && <span className="muted small">{fmt(t({ zh: '（列出前 {n} 个）', en: ' (the first {n} listed)' }), { n: problems.length })}</span>}
      </h3>
      <div className="table-scroll">
        <table className="plain-table problem-table" data-testid="import-problems">
          <thead>
            <tr>
              {showTable && <th>{t({ zh: '表', en: 'Table' })}</th>}
              <th className="num">{t({ zh: '行', en: 'Row' })}</th>
              <th>{t({ zh: '列', en: 'Column' })}</th>
              <th>{t({ zh: '单元格内容', en: 'Value' })}</th>
              <th>{t({ zh: '原因', en: 'Reason' })}</th>
            </tr>
          </thead>
          <tbody>
            {problems.map((p, i) => (
              <tr key={i} data-testid="import-problem" data-row={p.row ?? ''} data-column={p.column ?? ''} data-code={p.code}>
                {showTable && <td>{tableLabel(p.table, lang)}</td>}
                <td className="num" data-testid="problem-row">
                  {p.row ?? '—'}
                </td>
                <td data-testid="problem-column">{p.column ?? t({ zh: '（整个文件）', en: '(the whole file)' })}</td>
                <td className="problem-value" data-testid="problem-value">
                  {p.value ?? ''}
                </td>
                <td data-testid="problem-reason" title={p.reason}>
                  {problemReason(p, lang)}
                  {p.suggestions?.length ? (
                    <div>
                      <Suggestions list={p.suggestions} />
                    </div>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

/** The cell that names the row best: its name, title or problem; the first text cell otherwise. */
function titleIndex(result: ImportTableResult): number {
  for (const f of ['name', 'title', 'problem']) {
    const i = result.columns.findIndex((c) => c.field === f);
    if (i >= 0) return i;
  }
  return result.columns.length > 1 ? 1 : 0;
}

function RowsPreview({ result, problems, showTitle }: { result: ImportTableResult; problems: ImportProblem[]; showTitle: boolean }) {
  const { lang, t } = useI18n();
  const [onlyChanges, setOnlyChanges] = useState(false);
  const headerOf = useMemo(() => new Map(result.columns.map((c) => [c.field, c.header])), [result.columns]);
  const keyHeader = result.columns.find((c) => c.field === 'seq' || c.field === 'code')?.header ?? t({ zh: '键', en: 'Key' });
  const title = titleIndex(result);
  const byRow = useMemo(() => {
    const m = new Map<number, ImportProblem[]>();
    for (const p of problems) if (p.row != null && (!p.table || p.table === result.table)) m.set(p.row, [...(m.get(p.row) ?? []), p]);
    return m;
  }, [problems, result.table]);
  const rows = onlyChanges ? result.rows.filter((r) => r.action !== 'UNCHANGED') : result.rows;
  const shown = result.rows.length;
  const total = result.rowCount + result.deleted;
  const fieldLabel = (field: string) => {
    const header = headerOf.get(field);
    if (header) return header;
    const key = TRANSFER_TABLES.find((x) => x.table === result.table)?.key;
    const spec = key ? TABLE_BY_KEY[key as TableKey] : undefined;
    return spec?.fields.find((f) => f.name === field || f.patchKey === field)?.label[lang] ?? field;
  };
  return (
    <div className="import-block" data-testid="import-preview" data-table={result.table}>
      <h3>
        {showTitle ? `${tableLabel(result.table, lang)} · ` : ''}
        {t({ zh: '逐行预览', en: 'Rows' })}
        {shown < total && <span className="muted small">{fmt(t({ zh: '（显示前 {n} 行，共 {all} 行）', en: ' (the first {n} of {all})' }), { n: formatNumber(shown, lang), all: formatNumber(total, lang) })}</span>}
        <label className="checkbox-line small only-changes">
          <input type="checkbox" checked={onlyChanges} onChange={(e) => setOnlyChanges(e.target.checked)} />
          {t({ zh: '只看有变化或有问题的行', en: 'Only rows that change or have problems' })}
        </label>
      </h3>
      <div className="table-scroll preview-scroll">
        <table className="plain-table preview-table">
          <thead>
            <tr>
              <th className="num">{t({ zh: '行', en: 'Row' })}</th>
              <th className="num">{keyHeader}</th>
              <th>{result.columns[title]?.header ?? ''}</th>
              <th>{t({ zh: '操作', en: 'Action' })}</th>
              <th>{t({ zh: '变化', en: 'Changes' })}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <PreviewRow key={`${r.row}:${r.key}:${r.action}`} row={r} title={r.cells[title] ?? ''} rowProblems={r.row != null ? byRow.get(r.row) : undefined} fieldLabel={fieldLabel} lang={lang} />
            ))}
            {!rows.length && (
              <tr>
                <td colSpan={5} className="muted">
                  {t({ zh: '没有需要显示的行', en: 'No rows to show' })}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </div>
  );
}

function PreviewRow({ row, title, rowProblems, fieldLabel, lang }: { row: ImportRowPreview; title: string; rowProblems?: ImportProblem[]; fieldLabel(field: string): string; lang: Lang }) {
  const empty = lang === 'zh' ? '（空）' : '(empty)';
  let detail: ReactNode = null;
  if (row.action === 'UPDATE')
    detail = row.changes.map((c) => (
      <div key={c.field} className="change" data-testid="change" data-field={c.field}>
        <span className="change-field">{fieldLabel(c.field)}{lang === 'zh' ? '：' : ':'}</span>
        <span className="history-before" data-testid="change-before">
          {c.before ?? empty}
        </span>
        <span aria-hidden="true">→</span>
        <span className="history-after" data-testid="change-after">
          {c.after ?? empty}
        </span>
      </div>
    ));
  else if (row.action === 'ERROR' && rowProblems?.length)
    detail = rowProblems.map((p, i) => (
      <div key={i} className="row-problem">
        {p.column ? <span className="change-field">{p.column}{lang === 'zh' ? '：' : ':'}</span> : null}
        {problemReason(p, lang)}
      </div>
    ));
  else if (row.action === 'DELETE') detail = <span className="muted">{lang === 'zh' ? '文件中没有这一行，将被删除' : 'not in the file: it will be deleted'}</span>;
  else if (row.action === 'CREATE') detail = <span className="muted">{lang === 'zh' ? '新的一行' : 'a new row'}</span>;
  return (
    <tr data-testid="preview-row" data-action={row.action} data-key={row.key} data-row={row.row ?? ''} className={`action-${row.action.toLowerCase()}`}>
      <td className="num">{row.row ?? '—'}</td>
      <td className="num">{row.key}</td>
      <td className="title-cell">{title}</td>
      <td>
        <span className={`action-badge act-${row.action.toLowerCase()}`} data-testid="action-badge">
          {ACTION_LABEL[row.action][lang]}
        </span>
      </td>
      <td className="changes-cell">{detail}</td>
    </tr>
  );
}

// ---- export --------------------------------------------------------------------------------------

function useExporter() {
  const { lang, t } = useI18n();
  const [busy, setBusy] = useState<string | null>(null);
  const run = async (table: TransferTable, format: TransferFormat, planCode?: string | null) => {
    const id = `${table}-${format}`;
    setBusy(id);
    try {
      const file = await exportAndDownload(table, format, planCode);
      notify({ kind: 'success', title: t({ zh: '已导出', en: 'Exported' }), body: `${file.filename} · ${fmt(t({ zh: '{n} 行', en: '{n} rows' }), { n: formatNumber(file.rowCount, lang) })}` });
    } catch (e) {
      notify({ kind: 'error', title: t({ zh: '导出失败', en: 'Export failed' }), body: reason(toProblem(e), lang) });
    } finally {
      setBusy(null);
    }
  };
  return { busy, run };
}

function ExportSection({ planCode }: { planCode: string }) {
  const { lang, t } = useI18n();
  const { busy, run } = useExporter();
  return (
    <section className="transfer-section" aria-labelledby="export-title" data-testid="export-section">
      <h2 id="export-title">{t({ zh: '导出', en: 'Export' })}</h2>
      <p className="muted">
        {t({
          zh: '从服务器导出整张表（不受表格中筛选的影响），中文表头；导出的文件可以修改后原样导入。整个规划导出为一个 JSON 文档。',
          en: 'Whole tables from the server (grid filters do not apply), with Chinese headers; an exported file loads back as it is. The whole plan exports as one JSON document.',
        })}
      </p>
      <table className="plain-table export-table">
        <tbody>
          {TRANSFER_TABLES.map((x) => (
            <tr key={x.table}>
              <th scope="row">{x.label[lang]}</th>
              <td className="export-buttons">
                {(x.table === 'ALL' ? (['JSON'] as TransferFormat[]) : FORMATS).map((f) => (
                  <button key={f} type="button" onClick={() => void run(x.table, f, planCode)} disabled={busy === `${x.table}-${f}`} data-testid={`export-${x.table}-${f}`}>
                    {busy === `${x.table}-${f}` ? t({ zh: '正在导出…', en: 'Exporting…' }) : f}
                  </button>
                ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** The grid toolbar's menu: the whole table from the server as XLSX, CSV or JSON. */
export function ServerExportMenu({ tableKey }: { tableKey: TableKey }) {
  const { t } = useI18n();
  const { busy, run } = useExporter();
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const close = (e: MouseEvent) => {
      if (!ref.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', close);
    return () => document.removeEventListener('mousedown', close);
  }, [open]);
  const table = transferTableOf(tableKey);
  return (
    <div className="menu" ref={ref}>
      <button
        type="button"
        aria-expanded={open}
        onClick={() => setOpen((o) => !o)}
        disabled={busy != null}
        title={t({ zh: '从服务器导出整张表（不受筛选影响），可修改后在“导入”页导入', en: 'The whole table from the server (filters do not apply); edit it and load it on the Import page' })}
        data-testid="server-export"
      >
        {busy ? t({ zh: '正在导出…', en: 'Exporting…' }) : t({ zh: '整表导出', en: 'Export table' })} ▾
      </button>
      {open && (
        <div className="menu-popup" role="menu">
          {FORMATS.map((f) => (
            <button
              key={f}
              type="button"
              role="menuitem"
              className="menu-item"
              data-testid={`server-export-${f}`}
              onClick={() => {
                setOpen(false);
                void run(table, f);
              }}
            >
              {fmt(t({ zh: '导出 {f}', en: 'Export {f}' }), { f })}
            </button>
          ))}
          <hr />
          <Link to={`/import?table=${table}`} className="menu-item" onClick={() => setOpen(false)}>
            {t({ zh: '从文件导入…', en: 'Import from a file…' })}
          </Link>
        </div>
      )}
    </div>
  );
}
