import { useState } from 'react';
import { useI18n } from '../../i18n';
import { Dialog } from '../../ui/Dialog';
import { toProblem } from '../../api/errors';
import { reason } from '../../api/describe';
import type { EvaluationKind } from '../../api/generated/graphql';
import { saveEvaluation, type Evaluation } from './api';
import { EVAL_TEXT, KIND_LABEL } from './text';

const YEARS = [2016, 2017, 2018, 2019, 2020];

/** The office's form: a new evaluation or inspection, or an open one changed at its version. */
export function EvaluationDialog({ evaluation, onClose, onSaved }: { evaluation: Evaluation | null; onClose(): void; onSaved(e: Evaluation): void }) {
  const { lang, t } = useI18n();
  const [department, setDepartment] = useState(evaluation?.department.name ?? '');
  const [kind, setKind] = useState<EvaluationKind>(evaluation?.kind ?? 'QUARTERLY');
  const [year, setYear] = useState(evaluation?.year ?? 2019);
  const [quarter, setQuarter] = useState(evaluation?.quarter ?? 1);
  const [title, setTitle] = useState(evaluation?.title ?? '');
  const [date, setDate] = useState(evaluation?.inspectionDate ?? '');
  const [findings, setFindings] = useState(evaluation?.findings ?? '');
  const [measures, setMeasures] = useState(evaluation?.measures ?? '');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const save = async () => {
    const missing = [
      [!department.trim(), EVAL_TEXT.department],
      [kind === 'INSPECTION' && !title.trim(), EVAL_TEXT.inspectionTitle],
      [kind === 'INSPECTION' && !date, EVAL_TEXT.date],
      [!findings.trim(), EVAL_TEXT.findings],
      [!measures.trim(), EVAL_TEXT.measures],
    ].find(([m]) => m);
    if (missing) return setError(`${t(missing[1] as { zh: string; en: string })}${lang === 'zh' ? '：必填' : ': required'}`);
    setBusy(true);
    setError(null);
    try {
      const input = {
        ...(evaluation ? { id: evaluation.id } : {}),
        department: department.trim(),
        kind,
        findings,
        measures,
        ...(kind === 'QUARTERLY' ? { year, quarter } : { title: title.trim(), date }),
      };
      onSaved(await saveEvaluation(input, evaluation?.version ?? null));
    } catch (e) {
      setError(reason(toProblem(e), lang));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      title={t(evaluation ? EVAL_TEXT.editTitle : EVAL_TEXT.newEvaluation)}
      wide
      onClose={onClose}
      footer={
        <>
          <button type="button" onClick={onClose} disabled={busy}>
            {t(EVAL_TEXT.cancel)}
          </button>
          <button type="button" className="primary" data-testid="evaluation-save" onClick={() => void save()} disabled={busy}>
            {t(EVAL_TEXT.save)}
          </button>
        </>
      }
    >
      <div className="evaluation-form">
        <label>
          {t(EVAL_TEXT.department)}
          <input data-testid="evaluation-department" value={department} onChange={(e) => setDepartment(e.target.value)} placeholder="住建" />
        </label>
        <label>
          {t(EVAL_TEXT.kind)}
          <select data-testid="evaluation-kind" value={kind} onChange={(e) => setKind(e.target.value as EvaluationKind)}>
            {(['QUARTERLY', 'INSPECTION'] as const).map((k) => (
              <option key={k} value={k}>
                {t(KIND_LABEL[k])}
              </option>
            ))}
          </select>
        </label>
        {kind === 'QUARTERLY' ? (
          <>
            <label>
              {t(EVAL_TEXT.year)}
              <select data-testid="evaluation-year" value={year} onChange={(e) => setYear(Number(e.target.value))}>
                {YEARS.map((y) => (
                  <option key={y} value={y}>
                    {y}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t(EVAL_TEXT.quarter)}
              <select data-testid="evaluation-quarter" value={quarter} onChange={(e) => setQuarter(Number(e.target.value))}>
                {[1, 2, 3, 4].map((q) => (
                  <option key={q} value={q}>
                    {lang === 'zh' ? `第${q}季度` : `Q${q}`}
                  </option>
                ))}
              </select>
            </label>
          </>
        ) : (
          <>
            <label>
              {t(EVAL_TEXT.inspectionTitle)}
              <input data-testid="evaluation-title" value={title} maxLength={300} onChange={(e) => setTitle(e.target.value)} />
            </label>
            <label>
              {t(EVAL_TEXT.date)}
              <input type="date" data-testid="evaluation-date" value={date} onChange={(e) => setDate(e.target.value)} />
            </label>
          </>
        )}
        <label className="wide">
          {t(EVAL_TEXT.findings)}
          <textarea data-testid="evaluation-findings" rows={4} maxLength={5000} value={findings} onChange={(e) => setFindings(e.target.value)} />
        </label>
        <label className="wide">
          {t(EVAL_TEXT.measures)}
          <textarea data-testid="evaluation-measures" rows={4} maxLength={5000} value={measures} onChange={(e) => setMeasures(e.target.value)} />
        </label>
      </div>
      {error && (
        <p className="field-error" role="alert" data-testid="evaluation-error">
          {error}
        </p>
      )}
    </Dialog>
  );
}
