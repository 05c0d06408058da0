import { fmt, useI18n } from '../../i18n';
import { Dialog } from '../../ui/Dialog';
import { StatusChip, type ProgressStatus } from '../../ui/status';
import { enumLabel } from '../../tables/enums';
import { departmentName } from '../../tables/values';
import type { AnnualScore } from './api';
import { INPUT_KIND_LABEL, PART_LABEL, SCORE_TEXT } from './text';

const num = (n: number | null | undefined) => (n == null ? '' : String(Math.round(n * 10000) / 10000));

/** What one number of the ranking is made of: a part's inputs (items, statuses, points, weights), or every part for the total. */
export function InputsDialog({ score, part, onClose }: { score: AnnualScore; part: string | null; onClose(): void }) {
  const { lang, t } = useI18n();
  const parts = part ? score.parts.filter((p) => p.part === part) : score.parts;
  const title = fmt(t(SCORE_TEXT.inputsTitle), { dept: departmentName(score.department, lang), part: part ? t(PART_LABEL[part as keyof typeof PART_LABEL]) : t(SCORE_TEXT.total) });
  return (
    <Dialog title={title} wide onClose={onClose} footer={<button type="button" onClick={onClose}>{t(SCORE_TEXT.close)}</button>}>
      <div data-testid="score-inputs">
        {!part && (
          <p data-testid="inputs-total">
            {t(SCORE_TEXT.total)}: <strong>{num(score.total)}</strong> = {score.parts.map((p) => `${num(p.score)} × ${num(p.weight)}`).join(' + ')}
          </p>
        )}
        {parts.map((p) => (
          <section key={p.part} data-testid={`inputs-${p.part}`}>
            <h3>
              {t(PART_LABEL[p.part])}: {t(SCORE_TEXT.score)} <strong data-testid="part-score">{num(p.score)}</strong> × {t(SCORE_TEXT.weight)} {num(p.weight)} = {num(p.weighted)}
            </h3>
            <table className="score-inputs">
              <thead>
                <tr>
                  <th>{t(SCORE_TEXT.item)}</th>
                  <th>{t(SCORE_TEXT.role)}</th>
                  <th>{t(SCORE_TEXT.status)}</th>
                  <th>{t(SCORE_TEXT.value)}</th>
                  <th>{t(SCORE_TEXT.points)}</th>
                  <th>{t(SCORE_TEXT.weight)}</th>
                  <th>{t(SCORE_TEXT.note)}</th>
                </tr>
              </thead>
              <tbody>
                {p.inputs.map((i, k) => (
                  <tr key={k} data-kind={i.kind} data-item={i.itemKey ?? undefined}>
                    <td>
                      <span className="muted small">{t(INPUT_KIND_LABEL[i.kind])}</span> {i.label}
                      {i.attribute && <span className="muted small"> · {enumLabel('IndicatorAttribute', i.attribute, lang)}</span>}
                    </td>
                    <td>{i.role ? enumLabel('ResponsibilityRole', i.role, lang) : ''}</td>
                    <td>{i.status ? <StatusChip status={i.status as ProgressStatus} /> : ''}</td>
                    <td>{num(i.value)}</td>
                    <td>{num(i.points)}</td>
                    <td>{num(i.weight)}</td>
                    <td className="small">{i.note}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        ))}
      </div>
    </Dialog>
  );
}
