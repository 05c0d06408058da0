import { useEffect, useMemo, useState } from 'react';
import { useQuery } from '@apollo/client/react';
import { useLiveRefresh } from '../api/live';
import { fmt, useI18n, type Lang } from '../i18n';
import { Link, navigate, useLocation } from '../router';
import { searchDepartments, useDepartments } from '../api/departments';
import { toProblem } from '../api/errors';
import { reason } from '../api/describe';
import { graphql } from '../api/generated';
import type { DepartmentUnitsFragment, IndicatorAttribute, ResponsibilityRole } from '../api/generated/graphql';
import { enumLabel } from '../tables/enums';
import { departmentName } from '../tables/values';
import { TABLE_BY_KEY } from '../tables/specs';
import type { TableKey } from '../tables/types';
import { PrintHeading, printDate } from '../grid/print';
import { STATUS_LABEL, STATUSES, StatusChip, useShownStatusYear, type ProgressStatus } from '../ui/status';
import { StatusYearPicker } from '../ui/StatusYearPicker';
import { OverdueBadge } from './rectifications/OverdueBadge';
import { DepartmentEvaluations } from './evaluations/DepartmentEvaluations';

graphql(`fragment ScoreCounts on StatusCounts { total achieved onTrack atRisk offTrack missed noData completionRate }`);
graphql(`fragment DepartmentUnits on Responsibility { id role note noteEn department { id name nameEn } }`);

const DEPARTMENT_PAGE = graphql(`
  query DepartmentPage($name: String!, $attribute: IndicatorAttribute, $role: ResponsibilityRole, $year: Int!) {
    department(name: $name) {
      id
      code
      name
      nameEn
      aliases
      indicators(attribute: $attribute, role: $role) { id seq name unit targetText attribute responsibilities { ...DepartmentUnits } specialTargets { id seq title } progress(year: $year) { year status explanation explanationEn } }
      specialTargets(role: $role) { id seq title assessmentMethods responsibilities { ...DepartmentUnits } indicators { id seq name } }
      rectifications(role: $role) { id seq problem deadlineYear status overdue responsibilities { ...DepartmentUnits } }
      innovationTopics(role: $role) { id seq field title responsibilities { ...DepartmentUnits } }
      standards(role: $role) { id seq name releaseYear responsibilities { ...DepartmentUnits } }
    }
    departmentSuggestions(name: $name) { id name nameEn aliases }
  }
`);

/** The department's scorecard: asked once the department is found (scorecard refuses an unknown name). */
const DEPARTMENT_SCORE = graphql(`
  query DepartmentScore($name: String!, $year: Int!) {
    scorecard(year: $year, department: $name) {
      year total completionRate achieved onTrack atRisk offTrack missed noData
      asLead { ...ScoreCounts }
      asSupporter { ...ScoreCounts }
    }
  }
`);

type Unit = DepartmentUnitsFragment;
/** A row of any of the five sections, read by the section's own field names. */
interface Item {
  id: string;
  seq: number;
  responsibilities: Unit[];
  [key: string]: any;
}

const SECTIONS: { key: Exclude<TableKey, 'departments'>; title: string; details(item: Item, lang: Lang): string }[] = [
  { key: 'indicators', title: 'name', details: (i, l) => [`${i.targetText}${i.unit && !/^\D/.test(i.targetText) ? ` ${i.unit}` : ''}`, enumLabel('IndicatorAttribute', i.attribute, l)].join(' · ') },
  { key: 'specialTargets', title: 'title', details: (i, l) => (i.assessmentMethods as string[]).map((m) => enumLabel('AssessmentMethod', m, l)).join('、') },
  { key: 'rectifications', title: 'problem', details: (i, l) => [enumLabel('RectificationStatus', i.status, l), i.deadlineYear ? (l === 'zh' ? `${i.deadlineYear}年前` : `by ${i.deadlineYear}`) : ''].filter(Boolean).join(' · ') },
  { key: 'innovationTopics', title: 'title', details: (i, l) => enumLabel('InnovationField', i.field, l) },
  { key: 'standards', title: 'name', details: (i, l) => (l === 'zh' ? `${i.releaseYear}年出台` : `released ${i.releaseYear}`) },
];

/**
 * Everything one department leads or supports across the five plan tables. Any spelling finds it
 * (住建 → 区住建局); role and attribute narrow it; each row links to its table.
 */
export function DepartmentPage() {
  const { lang, t } = useI18n();
  const { query } = useLocation();
  const name = query.get('name') ?? '';
  const role = query.get('role') ?? '';
  const attribute = query.get('attribute') ?? '';
  const departments = useDepartments();
  // The year the grid's 完成状态 column judges by too: the one picked, else the latest plan year begun (2020 once the plan has ended).
  const year = useShownStatusYear();
  const [text, setText] = useState(name);
  const [showSuggestions, setShowSuggestions] = useState(false);
  const [active, setActive] = useState(-1);
  useEffect(() => setText(name), [name]);

  const { data, loading, error, refetch } = useQuery(DEPARTMENT_PAGE, {
    // The URL's words go to the server as they are: it refuses an unknown one.
    variables: { name, year, attribute: (attribute || undefined) as IndicatorAttribute | undefined, role: (role || undefined) as ResponsibilityRole | undefined },
    skip: !name,
    fetchPolicy: 'network-only',
  });

  const go = (next: { name?: string; role?: string; attribute?: string }) => {
    const params = new URLSearchParams();
    const n = next.name ?? name;
    if (n) params.set('name', n);
    const r = next.role ?? role;
    if (r) params.set('role', r);
    const a = next.attribute ?? attribute;
    if (a) params.set('attribute', a);
    navigate(`/department${params.size ? `?${params}` : ''}`);
  };
  const suggestions = useMemo(() => searchDepartments(departments, text, 8), [departments, text]);
  const dept = data?.department;
  const scoreQuery = useQuery(DEPARTMENT_SCORE, { variables: { name: dept?.name ?? '', year }, skip: !dept, fetchPolicy: 'network-only' });
  const score = scoreQuery.data?.scorecard[0];
  // What colleagues change (rows, responsibilities, approvals) shows without reloading the page.
  useLiveRefresh(
    ['INDICATORS', 'SPECIAL_TARGETS', 'RECTIFICATIONS', 'INNOVATION_TOPICS', 'STANDARDS', 'DEPARTMENTS', 'LEDGER', 'YEAR_TARGETS'],
    () => {
      void refetch().catch(() => {});
      if (dept) void scoreQuery.refetch().catch(() => {});
    },
    !!name,
  );
  const zh = lang === 'zh';

  return (
    <div className="page department-page">
      <form
        className="dept-search"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          setShowSuggestions(false);
          const pick = showSuggestions && active >= 0 && suggestions[active] ? suggestions[active].name : text.trim();
          go({ name: pick });
        }}
      >
        <label htmlFor="dept-q">{t({ zh: '部门', en: 'Department' })}</label>
        <div className="combo">
          <input
            id="dept-q"
            name="department"
            autoFocus={!name}
            autoComplete="off"
            placeholder={t({ zh: '输入任意名称或别名，如 住建、发改、housing', en: 'Any name or alias, e.g. 住建, 发改, housing' })}
            value={text}
            onChange={(e) => {
              setText(e.target.value);
              setShowSuggestions(true);
              setActive(-1);
            }}
            onFocus={() => setShowSuggestions(true)}
            onBlur={() => setTimeout(() => setShowSuggestions(false), 150)}
            onKeyDown={(e) => {
              if (e.key === 'ArrowDown') setActive((a) => Math.min(a + 1, suggestions.length - 1));
              else if (e.key === 'ArrowUp') setActive((a) => Math.max(a - 1, 0));
              else if (e.key === 'Escape') setShowSuggestions(false);
              else return;
              e.preventDefault();
            }}
          />
          {showSuggestions && text.trim() && suggestions.length > 0 && (
            <ul className="combo-list" role="listbox" aria-label={t({ zh: '匹配的部门', en: 'Matching departments' })}>
              {suggestions.map((d, i) => (
                <li
                  key={d.id}
                  role="option"
                  aria-selected={i === active}
                  className={i === active ? 'active' : ''}
                  onMouseDown={(e) => e.preventDefault()}
                  onClick={() => {
                    setShowSuggestions(false);
                    go({ name: d.name });
                  }}
                >
                  <strong>{departmentName(d, lang)}</strong> <span className="muted">{(zh ? d.aliases : [d.name, ...d.aliases]).join('、')}</span>
                </li>
              ))}
            </ul>
          )}
        </div>
        <button type="submit" className="primary">
          {t({ zh: '查询', en: 'Look up' })}
        </button>
      </form>

      {!name && (
        <section className="dept-directory">
          <h2>{t({ zh: '全部部门', en: 'All departments' })}</h2>
          <ul className="dept-grid">
            {departments.map((d) => (
              <li key={d.id}>
                <Link to={`/department?name=${encodeURIComponent(d.name)}`}>{departmentName(d, lang)}</Link>
                {d.aliases.length > 0 && <span className="muted small"> {d.aliases.join('、')}</span>}
              </li>
            ))}
          </ul>
        </section>
      )}

      {name && loading && !dept && <p className="muted">{t({ zh: '加载中…', en: 'Loading…' })}</p>}
      {name && error && <p className="field-error">{reason(toProblem(error), lang)}</p>}
      {name && !loading && !error && data && !dept && (
        <div className="not-found" role="alert">
          <p>{fmt(t({ zh: '没有找到名称或别名为“{name}”的部门。', en: 'No department is called "{name}".' }), { name })}</p>
          {data.departmentSuggestions.length > 0 && (
            <p data-testid="dept-suggestions">
              {t({ zh: '您是不是要找：', en: 'Did you mean: ' })}
              {data.departmentSuggestions.map((d) => (
                <Link key={d.id} className="chip" to={`/department?name=${encodeURIComponent(d.name)}`}>
                  {departmentName(d, lang)}
                </Link>
              ))}
            </p>
          )}
        </div>
      )}

      {dept && (
        <>
          <PrintHeading
            title={fmt(t({ zh: '{name}：牵头和配合的事项', en: '{name}: what it leads and supports' }), { name: zh ? dept.name : dept.nameEn || dept.name })}
            filter={[
              `${t({ zh: '角色', en: 'Role' })}${zh ? '：' : ': '}${role ? enumLabel('ResponsibilityRole', role, lang) : t({ zh: '牵头和配合', en: 'Lead and support' })}`,
              `${t({ zh: '指标属性', en: 'Indicator attribute' })}${zh ? '：' : ': '}${attribute ? enumLabel('IndicatorAttribute', attribute, lang) : t({ zh: '全部', en: 'All' })}`,
            ].join(zh ? '；' : '; ')}
            date={printDate(lang)}
          />
          <header className="dept-header">
            <div>
              <h1 data-testid="dept-name">{departmentName(dept, lang)}</h1>
              <div className="muted">
                {zh ? dept.nameEn : dept.name} · <code>{dept.code}</code>
              </div>
              {dept.aliases.length > 0 && (
                <div className="dept-aliases">
                  {t({ zh: '别名：', en: 'Also written: ' })}
                  {dept.aliases.map((a) => (
                    <span key={a} className={`chip${a === name ? ' chip-hit' : ''}`}>
                      {a}
                    </span>
                  ))}
                </div>
              )}
            </div>
            <div className="dept-actions">
              <button type="button" onClick={() => window.print()} data-testid="print">
                {t({ zh: '打印', en: 'Print' })}
              </button>
              <Link to={`/departments?row=${dept.id}`} className="button">
                {t({ zh: '在部门表中编辑', en: 'Edit in the departments table' })}
              </Link>
            </div>
          </header>

          <div className="dept-filters">
            <Segmented
              label={t({ zh: '角色', en: 'Role' })}
              value={role}
              options={[
                ['', t({ zh: '牵头和配合', en: 'Lead and support' })],
                ['LEAD', enumLabel('ResponsibilityRole', 'LEAD', lang)],
                ['SUPPORT', enumLabel('ResponsibilityRole', 'SUPPORT', lang)],
              ]}
              onChange={(v) => go({ role: v })}
            />
            <Segmented
              label={t({ zh: '指标属性', en: 'Indicator attribute' })}
              value={attribute}
              options={[
                ['', t({ zh: '全部', en: 'All' })],
                ['EXPECTED', enumLabel('IndicatorAttribute', 'EXPECTED', lang)],
                ['BINDING', enumLabel('IndicatorAttribute', 'BINDING', lang)],
              ]}
              onChange={(v) => go({ attribute: v })}
            />
          </div>

          <nav className="dept-summary" aria-label={t({ zh: '各表数量', en: 'Counts per table' })}>
            {SECTIONS.map((s) => (
              <a key={s.key} href={`#sec-${s.key}`} className="summary-chip" data-testid={`count-${s.key}`}>
                {TABLE_BY_KEY[s.key].label[lang]} <strong>{dept[s.key].length}</strong>
              </a>
            ))}
          </nav>

          {score && <Scorecard score={score} lang={lang} />}
          <DepartmentEvaluations department={dept.name} />

          {SECTIONS.map((s) => {
            const spec = TABLE_BY_KEY[s.key];
            const items: Item[] = dept[s.key];
            const params = new URLSearchParams({ department: dept.name });
            if (role) params.set('role', role);
            if (attribute && s.key === 'indicators') params.set('attribute', attribute);
            return (
              <section key={s.key} id={`sec-${s.key}`} className="dept-section" data-testid={`section-${s.key}`}>
                <h2>
                  {spec.label[lang]} <span className="count">{items.length}</span>
                  {s.key === 'indicators' && attribute && <span className="muted small"> · {enumLabel('IndicatorAttribute', attribute, lang)}</span>}
                  <Link className="small see-all" to={`${spec.path}?${params}`}>
                    {t({ zh: '在表中查看 →', en: 'Open in the table →' })}
                  </Link>
                </h2>
                {items.length === 0 ? (
                  <p className="muted">{t({ zh: '无', en: 'None' })}</p>
                ) : (
                  <table className="plain-table">
                    <thead>
                      <tr>
                        <th className="num">{t({ zh: '序号', en: 'No.' })}</th>
                        <th>{spec.fields.find((f) => f.name === s.title)?.label[lang]}</th>
                        <th>{t({ zh: '要点', en: 'Summary' })}</th>
                        <th>{t({ zh: '本部门', en: 'This department' })}</th>
                        <th>{t({ zh: '其他责任单位', en: 'Other units' })}</th>
                        {s.key === 'indicators' && <th>{t({ zh: '关联专项目标', en: 'Special targets' })}</th>}
                        {s.key === 'indicators' && <th>{fmt(t({ zh: '完成状态（{year}）', en: 'Status ({year})' }), { year })}</th>}
                        {s.key === 'specialTargets' && <th>{t({ zh: '关联指标', en: 'Indicators' })}</th>}
                      </tr>
                    </thead>
                    <tbody>
                      {items.map((item) => {
                        const mine = item.responsibilities.filter((r) => r.department.id === dept.id);
                        const others = item.responsibilities.filter((r) => r.department.id !== dept.id);
                        return (
                          <tr key={item.id} data-row-id={item.id}>
                            <td className="num">{item.seq}</td>
                            <td className="title-cell">
                              <Link to={`${spec.path}?row=${item.id}`}>{String(item[s.title])}</Link>
                            </td>
                            <td>
                              {s.details(item, lang)} {s.key === 'rectifications' && item.overdue && <OverdueBadge lang={lang} />}
                            </td>
                            <td>
                              {mine.map((r) => (
                                <span key={r.id} className={`chip chip-${r.role.toLowerCase()}`} title={(zh ? r.note : r.noteEn || r.note) ?? undefined}>
                                  {enumLabel('ResponsibilityRole', r.role, lang)}
                                </span>
                              ))}
                            </td>
                            <td className="small">
                              {others.map((r, i) => (
                                <span key={r.id}>
                                  {i > 0 && (zh ? '、' : ', ')}
                                  <Link to={`/department?name=${encodeURIComponent(r.department.name)}`}>{departmentName(r.department, lang)}</Link>
                                  {r.role === 'LEAD' && <span className="muted">({enumLabel('ResponsibilityRole', 'LEAD', lang)})</span>}
                                </span>
                              ))}
                            </td>
                            {s.key === 'indicators' && (
                              <td className="small">
                                {(item.specialTargets as Item[]).map((x) => (
                                  <Link key={x.id} className="chip chip-link" to={`/special-targets?row=${x.id}`} title={x.title}>
                                    <span className="chip-seq">{x.seq}</span>
                                    {x.title}
                                  </Link>
                                ))}
                              </td>
                            )}
                            {s.key === 'indicators' && (
                              <td data-testid="status">{item.progress && <StatusChip status={item.progress.status} explanation={item.progress.explanation} explanationEn={item.progress.explanationEn} lang={lang} />}</td>
                            )}
                            {s.key === 'specialTargets' && (
                              <td className="small">
                                {(item.indicators as Item[]).map((x) => (
                                  <Link key={x.id} className="chip chip-link" to={`/indicators?row=${x.id}`} title={x.name}>
                                    <span className="chip-seq">{x.seq}</span>
                                    {x.name}
                                  </Link>
                                ))}
                              </td>
                            )}
                          </tr>
                        );
                      })}
                    </tbody>
                  </table>
                )}
              </section>
            );
          })}
        </>
      )}
    </div>
  );
}

function Segmented({ label, value, options, onChange }: { label: string; value: string; options: [string, string][]; onChange(v: string): void }) {
  return (
    <div className="segmented" role="radiogroup" aria-label={label}>
      <span className="segmented-label">{label}</span>
      {options.map(([v, text]) => (
        <button key={v || 'all'} type="button" role="radio" aria-checked={value === v} className={value === v ? 'on' : ''} onClick={() => onChange(v)}>
          {text}
        </button>
      ))}
    </div>
  );
}

type Counts = Record<'total' | 'achieved' | 'onTrack' | 'atRisk' | 'offTrack' | 'missed' | 'noData', number> & { completionRate?: number | null };
const countOf = (c: Counts, s: ProgressStatus): number =>
  ({ ACHIEVED: c.achieved, MISSED: c.missed, ON_TRACK: c.onTrack, AT_RISK: c.atRisk, OFF_TRACK: c.offTrack, NO_DATA: c.noData })[s];
const rate = (r: number | null | undefined, lang: Lang) => (r == null ? '—' : `${(r * 100).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-US', { maximumFractionDigits: 1 })}%`);

/** The department's scorecard for the year: its indicators and milestones by status, as lead and as supporter, and its completion rate. */
function Scorecard({ score, lang }: { score: Counts & { year: number; asLead: Counts; asSupporter: Counts }; lang: Lang }) {
  const zh = lang === 'zh';
  const rows: [string, string, Counts][] = [
    ['lead', zh ? '牵头' : 'As lead', score.asLead],
    ['support', zh ? '配合' : 'As supporter', score.asSupporter],
    ['total', zh ? '合计' : 'Total', score],
  ];
  return (
    <section className="dept-section dept-scorecard" data-testid="scorecard" aria-labelledby="scorecard-title">
      <h2 id="scorecard-title">
        {zh ? `${score.year} 年完成情况` : `Completion in ${score.year}`} <StatusYearPicker />{' '}
        <span className="small" data-testid="completion-rate">
          {zh ? '完成率' : 'Completion rate'} <strong>{rate(score.completionRate, lang)}</strong>
        </span>
      </h2>
      <table className="plain-table">
        <thead>
          <tr>
            <th>{zh ? '角色' : 'Role'}</th>
            {STATUSES.map((s) => (
              <th key={s} className="num">
                <span className={`status-chip status-${s.toLowerCase()}`}>{STATUS_LABEL[s][lang]}</span>
              </th>
            ))}
            <th className="num">{zh ? '合计' : 'Total'}</th>
            <th className="num">{zh ? '完成率' : 'Completion rate'}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([key, label, c]) => (
            <tr key={key} data-role={key}>
              <th scope="row">{label}</th>
              {STATUSES.map((s) => (
                <td key={s} className="num" data-status={s}>
                  {countOf(c, s)}
                </td>
              ))}
              <td className="num" data-status="TOTAL">
                {c.total}
              </td>
              <td className="num">{rate(c.completionRate, lang)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted small">
        {zh ? '牵头和配合的指标与里程碑，按已审核的台账判断；完成率 =（已完成 + 进度正常）÷（合计 − 无数据）。' : 'The indicators and milestones it leads or supports, judged by approved ledger entries; completion rate = (achieved + on track) ÷ (total − no data).'}
      </p>
    </section>
  );
}
