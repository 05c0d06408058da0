import { useCallback, useEffect, useMemo, useState } from 'react';
import { AgGridReact } from 'ag-grid-react';
import type { CellEditRequestEvent, ColDef, GetRowIdParams } from 'ag-grid-community';
import { AG_GRID_LOCALE_CN, AG_GRID_LOCALE_EN } from '@ag-grid-community/locale';
import { fmt, useI18n } from '../../i18n';
import { signInActions } from '../../api/session';
import { toProblem } from '../../api/errors';
import { isVersionConflict, reason } from '../../api/describe';
import type { ScoreRuleInput } from '../../api/generated/graphql';
import { gridTheme } from '../../grid/theme';
import { notify } from '../../ui/notify';
import { departmentName } from '../../tables/values';
import { deleteBonus, importRatings, saveBonus, saveRatings, saveRule, scoreOffice, type ScoreOffice } from './api';
import { RULE_LABEL, SCORE_TEXT } from './text';

interface RatingRow {
  id: string;
  department: ScoreOffice['departments'][number];
  socialScore: number | null;
  leadershipScore: number | null;
  version: number | null;
}

const getRowId = (p: GetRowIdParams<RatingRow>) => p.data.id;

/**
 * The office's inputs of a year: 社会评价 and 领导考评 in a grid (each edit saved at the row's
 * version) or from a CSV file (all rows in one all-or-nothing save), 创新创优 bonus points, and the
 * year's rules and weights.
 */
export function ScoreOfficePanel({ year, onChanged }: { year: number; onChanged(): void }) {
  const { lang, t } = useI18n();
  const [office, setOffice] = useState<ScoreOffice | null>(null);
  const [ruleDraft, setRuleDraft] = useState<Record<string, string>>({});
  const [bonus, setBonus] = useState({ department: '', topic: '', points: '', note: '' });

  const load = useCallback(() => {
    scoreOffice(year)
      .then((o) => {
        setOffice(o);
        const { id: _i, year: _y, version: _v, stored: _s, ...values } = o.scoreRule;
        setRuleDraft(Object.fromEntries(Object.entries(values).map(([k, v]) => [k, v == null ? '' : String(v)])));
      })
      .catch((e) => notify({ kind: 'error', title: t(SCORE_TEXT.office), body: reason(toProblem(e), lang) }));
  }, [year, lang, t]);
  useEffect(() => load(), [load]);

  const changed = () => {
    load();
    onChanged();
  };
  const refused = (e: unknown, what: string) => {
    const p = toProblem(e);
    const why = reason(p, lang);
    notify({ kind: isVersionConflict(p) ? 'conflict' : 'error', title: what, body: why, actions: signInActions(p, lang) });
    load();
    return why;
  };

  const rows = useMemo<RatingRow[]>(() => {
    if (!office) return [];
    const byDept = new Map(office.departmentRatings.map((r) => [r.department.id, r]));
    return office.departments.map((d) => {
      const r = byDept.get(d.id);
      return { id: d.id, department: d, socialScore: r?.socialScore ?? null, leadershipScore: r?.leadershipScore ?? null, version: r?.version ?? null };
    });
  }, [office]);

  const columnDefs = useMemo<ColDef<RatingRow>[]>(
    () => [
      { colId: 'department', headerName: t(SCORE_TEXT.department), valueGetter: (p) => (p.data ? departmentName(p.data.department, lang) : ''), flex: 1 },
      { colId: 'socialScore', field: 'socialScore', headerName: t({ zh: '社会评价', en: 'Social evaluation' }), editable: true, cellEditor: 'agNumberCellEditor', cellEditorParams: { min: 0, max: 100 }, width: 150 },
      { colId: 'leadershipScore', field: 'leadershipScore', headerName: t({ zh: '领导考评', en: 'Leadership evaluation' }), editable: true, cellEditor: 'agNumberCellEditor', cellEditorParams: { min: 0, max: 100 }, width: 150 },
    ],
    [lang, t],
  );

  const onEdit = async (e: CellEditRequestEvent<RatingRow>) => {
    const field = e.colDef.field as 'socialScore' | 'leadershipScore';
    const value = e.newValue === '' || e.newValue == null ? null : Number(e.newValue);
    if (value != null && (!Number.isFinite(value) || value < 0 || value > 100)) {
      notify({ kind: 'error', title: t(SCORE_TEXT.ratings), body: t({ zh: '分数须为 0–100 的数', en: 'a score is a number from 0 to 100' }) });
      return;
    }
    try {
      await saveRatings(year, [{ department: e.data.department.code, [field]: value, ...(e.data.version != null ? { expectedVersion: e.data.version } : {}) }]);
      changed();
    } catch (err) {
      refused(err, `${t(SCORE_TEXT.ratings)} · ${departmentName(e.data.department, lang)}`);
    }
  };

  const importFile = async (file: File) => {
    try {
      const n = await importRatings(year, file);
      notify({ kind: 'success', title: fmt(t(SCORE_TEXT.imported), { n }) });
      changed();
    } catch (err) {
      refused(err, `${t(SCORE_TEXT.importCsv)}: ${file.name}`);
    }
  };

  const addBonus = async () => {
    try {
      await saveBonus({ department: bonus.department.trim(), year, innovationTopicId: bonus.topic, points: Number(bonus.points), note: bonus.note.trim() || null });
      setBonus({ department: '', topic: '', points: '', note: '' });
      changed();
    } catch (err) {
      refused(err, t(SCORE_TEXT.bonuses));
    }
  };

  const saveRules = async () => {
    if (!office) return;
    const input: Record<string, number | null> = {};
    for (const [k, v] of Object.entries(ruleDraft)) {
      if (v.trim() === '') {
        if (k === 'innovationCap') input[k] = null;
        continue;
      }
      const n = Number(v);
      if (!Number.isFinite(n)) return notify({ kind: 'error', title: t(SCORE_TEXT.rules), body: `${t(RULE_LABEL[k])}: ${v}` });
      input[k] = n;
    }
    try {
      await saveRule(year, input as ScoreRuleInput, office.scoreRule.version);
      notify({ kind: 'success', title: t(SCORE_TEXT.saved), body: t(SCORE_TEXT.rules) });
      changed();
    } catch (err) {
      refused(err, t(SCORE_TEXT.rules));
    }
  };

  if (!office) return null;
  return (
    <div className="score-office" data-testid="score-office">
      <h2>{t(SCORE_TEXT.ratings)}</h2>
      <p className="muted small">
        {t(SCORE_TEXT.ratingsHint)}{' '}
        <label className="button">
          {t(SCORE_TEXT.importCsv)}
          <input
            type="file"
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            hidden
            data-testid="ratings-file"
            onChange={(e) => {
              const file = e.target.files?.[0];
              e.target.value = '';
              if (file) void importFile(file);
            }}
          />
        </label>
      </p>
      <div className="score-ratings">
        <AgGridReact<RatingRow>
          key={lang}
          theme={gridTheme}
          localeText={lang === 'zh' ? AG_GRID_LOCALE_CN : AG_GRID_LOCALE_EN}
          rowData={rows.map((r) => ({ ...r }))}
          columnDefs={columnDefs}
          getRowId={getRowId}
          readOnlyEdit
          suppressRowVirtualisation
          onCellEditRequest={(e) => void onEdit(e)}
        />
      </div>

      <h2>{t(SCORE_TEXT.bonuses)}</h2>
      <table className="score-inputs" data-testid="bonus-list">
        <tbody>
          {office.innovationBonuses.map((b) => (
            <tr key={b.id}>
              <td>{departmentName(b.department, lang)}</td>
              <td>
                {b.innovationTopic.seq}. {b.innovationTopic.title}
              </td>
              <td>{b.points}</td>
              <td className="small">{b.note}</td>
              <td>
                <button type="button" onClick={() => deleteBonus(b.id, b.version).then(changed, (e) => refused(e, t(SCORE_TEXT.bonuses)))}>
                  {t(SCORE_TEXT.remove)}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="score-bonus-form">
        <label>
          {t(SCORE_TEXT.department)}
          <input value={bonus.department} onChange={(e) => setBonus({ ...bonus, department: e.target.value })} list="score-departments" />
          <datalist id="score-departments">
            {office.departments.map((d) => (
              <option key={d.id} value={d.name} />
            ))}
          </datalist>
        </label>
        <label>
          {t(SCORE_TEXT.topic)}
          <select value={bonus.topic} onChange={(e) => setBonus({ ...bonus, topic: e.target.value })}>
            <option value="" />
            {office.innovationTopics.items.map((tp) => (
              <option key={tp.id} value={tp.id}>
                {tp.seq}. {tp.title}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t(SCORE_TEXT.points)}
          <input type="number" min={0} max={100} step="0.5" value={bonus.points} onChange={(e) => setBonus({ ...bonus, points: e.target.value })} />
        </label>
        <label>
          {t(SCORE_TEXT.note)}
          <input value={bonus.note} onChange={(e) => setBonus({ ...bonus, note: e.target.value })} />
        </label>
        <button type="button" className="primary" disabled={!bonus.department.trim() || !bonus.topic || bonus.points === ''} onClick={() => void addBonus()}>
          {t(SCORE_TEXT.add)}
        </button>
      </div>

      <h2>
        {t(SCORE_TEXT.rules)} {!office.scoreRule.stored && <span className="muted small">{t(SCORE_TEXT.rulesDefault)}</span>}
      </h2>
      <div className="score-rules">
        {Object.keys(RULE_LABEL).map((k) => (
          <label key={k}>
            {t(RULE_LABEL[k])}
            <input type="number" step="0.05" min={0} max={100} value={ruleDraft[k] ?? ''} data-testid={`rule-${k}`} onChange={(e) => setRuleDraft({ ...ruleDraft, [k]: e.target.value })} />
          </label>
        ))}
      </div>
      <p>
        <button type="button" className="primary" data-testid="rule-save" onClick={() => void saveRules()}>
          {t(SCORE_TEXT.save)}
        </button>
      </p>
    </div>
  );
}
