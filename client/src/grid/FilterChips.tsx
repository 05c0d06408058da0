import { useEffect, useState } from 'react';
import type { GridApi } from 'ag-grid-community';
import { GRID_TEXT, useI18n, type Lang } from '../i18n';
import { enumLabel } from '../tables/enums';
import { findDepartment } from '../tables/values';
import { fieldOf } from '../tables/specs';
import { useDepartments } from '../api/departments';
import type { Department, Row, TableSpec } from '../tables/types';

type Model = Record<string, any>;

const OPS: Record<string, { zh: string; en: string }> = {
  contains: { zh: '包含', en: 'contains' },
  notContains: { zh: '不包含', en: 'does not contain' },
  equals: { zh: '等于', en: 'is' },
  notEqual: { zh: '不等于', en: 'is not' },
  startsWith: { zh: '开头是', en: 'starts with' },
  endsWith: { zh: '结尾是', en: 'ends with' },
  lessThan: { zh: '小于', en: 'below' },
  lessThanOrEqual: { zh: '不超过', en: 'at most' },
  greaterThan: { zh: '大于', en: 'above' },
  greaterThanOrEqual: { zh: '不低于', en: 'at least' },
  inRange: { zh: '介于', en: 'between' },
  blank: { zh: '为空', en: 'is empty' },
  notBlank: { zh: '不为空', en: 'is not empty' },
};

/** A column filter in words: 责任单位：区住建局（牵头）, 属性：约束性, 单位 包含 %. */
export function describeFilter(spec: TableSpec, colId: string, m: Model, lang: Lang, departments: Department[]): string {
  const f = fieldOf(spec, colId);
  const label = f ? f.label[lang] : colId;
  const colon = lang === 'zh' ? '：' : ': ';
  if (typeof m.department === 'string') {
    const d = findDepartment(departments, m.department);
    const name = d ? (lang === 'en' && d.nameEn ? d.nameEn : d.name) : m.department;
    const role = m.role ? (lang === 'zh' ? `（${enumLabel('ResponsibilityRole', m.role, lang)}）` : ` (${enumLabel('ResponsibilityRole', m.role, lang)})`) : '';
    return `${label}${colon}${name}${role}`;
  }
  if (typeof m.value === 'string') {
    const name = f?.kind === 'bool' ? 'Boolean' : f?.enumName;
    return `${label}${colon}${name ? enumLabel(name, m.value, lang) : m.value}`;
  }
  if (Array.isArray(m.conditions)) return `${label}${colon}${m.conditions.map((c: Model) => describeFilter(spec, colId, c, lang, departments).slice(label.length + colon.length)).join(m.operator === 'OR' ? (lang === 'zh' ? ' 或 ' : ' or ') : lang === 'zh' ? ' 且 ' : ' and ')}`;
  const op = OPS[m.type as string]?.[lang] ?? String(m.type ?? '');
  const value = m.filterType === 'date' ? [m.dateFrom, m.dateTo].filter(Boolean).map((d: string) => d.slice(0, 10)).join('–') : [m.filter, m.filterTo].filter((x) => x != null).join('–');
  return `${label}${colon}${op}${value !== '' ? ` ${value}` : ''}`;
}

/**
 * The active column filters as chips above the grid (in words, each removable), with one button
 * that clears them all: a link from the department page arrives filtered, and this says how.
 */
export function FilterChips({ api, spec }: { api: GridApi<Row> | null; spec: TableSpec }) {
  const { lang, t } = useI18n();
  const departments = useDepartments();
  const [model, setModel] = useState<Model>({});
  useEffect(() => {
    if (!api) return;
    const update = () => !api.isDestroyed() && setModel({ ...(api.getFilterModel() ?? {}) });
    update();
    api.addEventListener('filterChanged', update);
    return () => {
      if (!api.isDestroyed()) api.removeEventListener('filterChanged', update);
    };
  }, [api]);
  const cols = Object.keys(model);
  if (!api || !cols.length) return null;
  const remove = (colId: string) => {
    void Promise.resolve(api.setColumnFilterModel(colId, null)).then(() => api.onFilterChanged());
  };
  return (
    <div className="filter-chips" role="region" aria-label={t(GRID_TEXT.activeFilters)} data-testid="filter-chips">
      <span className="muted small">{t(GRID_TEXT.activeFilters)}</span>
      {cols.map((c) => {
        const text = describeFilter(spec, c, model[c], lang, departments);
        return (
          <span key={c} className="filter-chip" data-testid="filter-chip" data-col={c}>
            {text}
            <button type="button" aria-label={`${t(GRID_TEXT.removeFilter)} ${text}`} title={t(GRID_TEXT.removeFilter)} onClick={() => remove(c)}>
              ×
            </button>
          </span>
        );
      })}
      <button type="button" className="filter-clear" onClick={() => api.setFilterModel(null)} data-testid="clear-filters">
        {t(GRID_TEXT.clearFilters)}
      </button>
    </div>
  );
}
