import { useEffect, useMemo, useState } from 'react';
import { useI18n, type Text } from '../../i18n';
import { Dialog } from '../../ui/Dialog';
import { useSession } from '../../api/session';
import { useDepartments } from '../../api/departments';
import { toProblem, type Problem } from '../../api/errors';
import { EVIDENCE_ACCEPT, getLedgerEntry, ledgerItems, periodOf, saveLedgerEntry, submitLedgerEntry, uploadEvidence, UploadProblem, type LedgerEntry, type LedgerInput, type LedgerItems, type PeriodKind } from '../../api/ledger';
import { departmentName } from '../../tables/values';
import { itemName, KIND_LABEL, LEDGER_TEXT, ledgerReason, periodLabel, unitOf } from './text';

const YEARS = [2016, 2017, 2018, 2019, 2020];
const sizeText = (n: number) => (n < 1024 * 1024 ? `${Math.max(1, Math.round(n / 1024))} KB` : `${(n / 1024 / 1024).toFixed(1)} MB`);

/** Today's month within the plan's years, as the form's first guess. */
function defaults() {
  const now = new Date();
  const year = Math.min(2020, Math.max(2016, now.getFullYear()));
  return { year, month: now.getMonth() + 1, quarter: Math.floor(now.getMonth() / 3) + 1 };
}

/**
 * Files or changes one ledger entry: the item (an indicator, a special target or one of its
 * milestones that the department answers for), the period, the actual value, the progress and
 * evidence files. Saving creates or changes the entry (with its version), then uploads the files,
 * then — for 保存并提交 — submits it; a refusal at any step keeps the dialog open and says why.
 */
export function EntryDialog({ entry, onClose, onSaved }: { entry: LedgerEntry | null; onClose(): void; onSaved(e: LedgerEntry): void }) {
  const { lang, t } = useI18n();
  const user = useSession();
  const departments = useDepartments();
  const office = user?.role === 'ADMIN';
  const d = defaults();
  const [department, setDepartment] = useState(entry?.department.name ?? user?.department?.name ?? '');
  const [items, setItems] = useState<LedgerItems | null>(null);
  const [item, setItem] = useState('');
  const [kind, setKind] = useState<PeriodKind>('MONTH');
  const [year, setYear] = useState(d.year);
  const [part, setPart] = useState(d.month);
  const [value, setValue] = useState(entry?.actualValue != null ? String(entry.actualValue) : '');
  const [text, setText] = useState(entry?.progressText ?? '');
  const [files, setFiles] = useState<File[]>([]);
  const [saved, setSaved] = useState<LedgerEntry | null>(entry);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ field?: string; message: string } | null>(null);

  useEffect(() => {
    if (entry || !department) return;
    let live = true;
    setItems(null);
    ledgerItems(department)
      .then((r) => live && setItems(r))
      .catch((e) => live && setError({ message: ledgerReason(toProblem(e), lang) }));
    return () => {
      live = false;
    };
  }, [department, entry, lang]);

  const options = useMemo(() => {
    if (!items) return [];
    const ind = items.indicators.map((i) => ({ key: `indicator:${i.id}`, label: `${i.seq} ${i.name}（${i.unit}）`, group: 'indicator' }));
    const st = items.specialTargets.flatMap((s) => [
      { key: `specialTarget:${s.id}`, label: `${s.seq} ${s.title}`, group: 'specialTarget' },
      ...(s.milestones ?? []).map((m) => ({ key: `milestone:${m.id}`, label: `${s.seq}.${m.seq} ${m.text}`, group: 'milestone' })),
    ]);
    return [...ind, ...st];
  }, [items]);
  useEffect(() => {
    if (!entry && options.length && !options.some((o) => o.key === item)) setItem(options[0].key);
  }, [options, item, entry]);

  const unit = entry ? unitOf(entry) : (items?.indicators.find((i) => `indicator:${i.id}` === item)?.unit ?? items?.specialTargets.flatMap((s) => s.milestones ?? []).find((m) => `milestone:${m.id}` === item)?.unit ?? '');
  const period = entry?.period ?? periodOf(kind, year, part);

  const run = async (submit: boolean) => {
    setError(null);
    const trimmed = value.trim().replace(/[,，\s]/g, '');
    const actual = trimmed === '' ? null : Number(trimmed);
    if (actual != null && !Number.isFinite(actual)) return setError({ field: 'actualValue', message: t({ zh: '实际值应为数字', en: 'The actual value must be a number' }) });
    if (!entry && !item) return setError({ field: 'item', message: t({ zh: '请选择事项', en: 'Choose an item' }) });
    setBusy(true);
    try {
      let current = saved;
      // The entry first (created, or changed at the version shown), unless only files are new on a saved one.
      const input: LedgerInput = entry
        ? { [entry.indicator ? 'indicatorId' : entry.milestone ? 'milestoneId' : 'specialTargetId']: (entry.indicator ?? entry.milestone ?? entry.specialTarget)!.id, department: entry.department.name, period: entry.period, actualValue: actual, progressText: text.trim() || null }
        : { [`${item.split(':')[0]}Id`]: item.split(':')[1], department, period, actualValue: actual, progressText: text.trim() || null };
      current = await saveLedgerEntry(input, current?.version ?? null);
      setSaved(current);
      if (files.length) {
        const evidence = await uploadEvidence(current.id, files);
        setFiles([]);
        // The entry as the server keeps it now (its files, and its version should the upload move it on).
        current = (await getLedgerEntry(current.id)) ?? { ...current, evidence: mergeEvidence(current.evidence, evidence) };
        setSaved(current);
      }
      if (submit) current = await submitLedgerEntry(current);
      onSaved(current);
    } catch (e) {
      const p: Problem & { reason?: string } = e instanceof UploadProblem ? e.problem : toProblem(e);
      setError({ field: e instanceof UploadProblem ? 'files' : p.field, message: ledgerReason(p, lang) });
    } finally {
      setBusy(false);
    }
  };

  const label = (x: Text) => t(x);
  const title = entry ? `${label(LEDGER_TEXT.edit)}：${itemName(entry, lang)} · ${periodLabel(entry.period, lang)}` : label(LEDGER_TEXT.newEntry);

  return (
    <Dialog
      title={title}
      onClose={onClose}
      wide
      footer={
        <>
          <button type="button" onClick={onClose} disabled={busy}>
            {label(LEDGER_TEXT.cancel)}
          </button>
          <button type="button" data-testid="entry-save" onClick={() => void run(false)} disabled={busy}>
            {label(LEDGER_TEXT.saveDraft)}
          </button>
          <button type="button" className="primary" data-testid="entry-submit" onClick={() => void run(true)} disabled={busy}>
            {label(LEDGER_TEXT.saveSubmit)}
          </button>
        </>
      }
    >
      <form className="form-grid ledger-form" data-testid="entry-form" onSubmit={(e) => e.preventDefault()}>
        {entry ? (
          <div className="form-row form-row-wide">
            <span className="form-label">{label(LEDGER_TEXT.item)}</span>
            <span>
              {itemName(entry, lang)} · {departmentName(entry.department, lang)} · {periodLabel(entry.period, lang)}
            </span>
            {entry.returnReason && entry.state === 'RETURNED' && (
              <p className="ledger-returned" data-testid="entry-return-reason">
                <strong>{label(LEDGER_TEXT.returnReason)}：</strong>
                {entry.returnReason}
              </p>
            )}
          </div>
        ) : (
          <>
            <div className="form-row">
              <label className="form-label" htmlFor="ledger-department">
                {label(LEDGER_TEXT.department)}
              </label>
              {office ? (
                <select id="ledger-department" value={department} onChange={(e) => setDepartment(e.target.value)}>
                  <option value="">—</option>
                  {departments.map((x) => (
                    <option key={x.id} value={x.name}>
                      {departmentName(x, lang)}
                    </option>
                  ))}
                </select>
              ) : (
                <input id="ledger-department" value={user?.department ? departmentName(user.department, lang) : ''} readOnly />
              )}
            </div>
            <div className="form-row">
              <label className="form-label" htmlFor="ledger-item">
                {label(LEDGER_TEXT.item)}
              </label>
              <select id="ledger-item" value={item} onChange={(e) => setItem(e.target.value)} aria-invalid={error?.field === 'item' || undefined}>
                {(['indicator', 'specialTarget', 'milestone'] as const).map((g) => {
                  const list = options.filter((o) => o.group === g);
                  if (!list.length) return null;
                  const name = g === 'indicator' ? t({ zh: '指标', en: 'Indicators' }) : g === 'specialTarget' ? t({ zh: '专项目标', en: 'Special targets' }) : t({ zh: '里程碑', en: 'Milestones' });
                  return (
                    <optgroup key={g} label={name}>
                      {list.map((o) => (
                        <option key={o.key} value={o.key}>
                          {o.label}
                        </option>
                      ))}
                    </optgroup>
                  );
                })}
              </select>
            </div>
            <div className="form-row">
              <label className="form-label" htmlFor="ledger-kind">
                {label(LEDGER_TEXT.periodKind)}
              </label>
              <select
                id="ledger-kind"
                value={kind}
                onChange={(e) => {
                  const k = e.target.value as PeriodKind;
                  setKind(k);
                  setPart(k === 'QUARTER' ? d.quarter : d.month);
                }}
              >
                {(['MONTH', 'QUARTER', 'YEAR'] as const).map((k) => (
                  <option key={k} value={k}>
                    {t(KIND_LABEL[k])}
                  </option>
                ))}
              </select>
            </div>
            <div className="form-row ledger-period">
              <span className="form-label" id="ledger-period-label">
                {label(LEDGER_TEXT.period)}
              </span>
              <span className="ledger-period-fields" role="group" aria-labelledby="ledger-period-label">
                <select aria-label={t(LEDGER_TEXT.year)} data-testid="entry-year" value={year} onChange={(e) => setYear(Number(e.target.value))}>
                  {YEARS.map((y) => (
                    <option key={y} value={y}>
                      {lang === 'zh' ? `${y}年` : y}
                    </option>
                  ))}
                </select>
                {kind !== 'YEAR' && (
                  <select aria-label={t(kind === 'MONTH' ? LEDGER_TEXT.month : LEDGER_TEXT.quarter)} data-testid="entry-part" value={part} onChange={(e) => setPart(Number(e.target.value))}>
                    {Array.from({ length: kind === 'MONTH' ? 12 : 4 }, (_, i) => i + 1).map((n) => (
                      <option key={n} value={n}>
                        {kind === 'MONTH' ? (lang === 'zh' ? `${n}月` : String(n).padStart(2, '0')) : lang === 'zh' ? `第${n}季度` : `Q${n}`}
                      </option>
                    ))}
                  </select>
                )}
                <span className="muted small" data-testid="entry-period">
                  {period}
                </span>
              </span>
            </div>
          </>
        )}
        <div className="form-row">
          <label className="form-label" htmlFor="ledger-actual">
            {label(LEDGER_TEXT.actual)}
            {unit ? `（${unit}）` : ''}
          </label>
          <input id="ledger-actual" inputMode="decimal" value={value} onChange={(e) => setValue(e.target.value)} aria-invalid={error?.field === 'actualValue' || /actualValue/.test(error?.field ?? '') || undefined} />
          {kind !== 'YEAR' && !entry && <span className="muted small">{t({ zh: '总量指标的月度、季度值填年初至今累计数', en: 'For flow indicators, months and quarters are year-to-date totals' })}</span>}
        </div>
        <div className="form-row form-row-wide">
          <label className="form-label" htmlFor="ledger-progress">
            {label(LEDGER_TEXT.progress)}
          </label>
          <textarea id="ledger-progress" rows={4} maxLength={5000} value={text} onChange={(e) => setText(e.target.value)} />
        </div>
        <div className="form-row form-row-wide">
          <label className="form-label" htmlFor="ledger-files">
            {label(LEDGER_TEXT.addFiles)}
          </label>
          {saved?.evidence.length ? (
            <ul className="plain ledger-files" aria-label={t(LEDGER_TEXT.evidence)}>
              {saved.evidence.map((f) => (
                <li key={f.id}>
                  <a href={f.downloadUrl} download>
                    {f.fileName}
                  </a>{' '}
                  <span className="muted small">{sizeText(f.size)}</span>
                </li>
              ))}
            </ul>
          ) : null}
          <input id="ledger-files" type="file" multiple accept={EVIDENCE_ACCEPT} data-testid="entry-files" onChange={(e) => setFiles([...(e.target.files ?? [])])} aria-invalid={error?.field === 'files' || undefined} />
          {files.length > 0 && (
            <span className="muted small">
              {files.map((f) => `${f.name}（${sizeText(f.size)}）`).join('、')}
            </span>
          )}
        </div>
        {error && (
          <p className="field-error form-row-wide" role="alert" data-testid="entry-error">
            {error.message}
          </p>
        )}
      </form>
    </Dialog>
  );
}

function mergeEvidence<T extends { id: string }>(a: T[], b: T[]): T[] {
  const seen = new Set(a.map((x) => x.id));
  return [...a, ...b.filter((x) => !seen.has(x.id))];
}
