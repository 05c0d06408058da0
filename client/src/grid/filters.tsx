import { useCallback, useEffect, useState } from 'react';
import type { IDoesFilterPassParams } from 'ag-grid-community';
import { useGridFilter, type CustomFilterProps } from 'ag-grid-react';
import type { Lang } from '../i18n';
import { enumKeys, enumLabel, type EnumName } from '../tables/enums';
import type { Responsibility } from '../tables/types';
import { searchDepartments, useDepartments } from '../api/departments';

/** One value of an enum (or yes/no). The same model drives the server filter of paged tables. */
export interface EnumFilterModel {
  value: string;
}

export function EnumFilter(p: CustomFilterProps<any, any, EnumFilterModel> & { enumName: EnumName; lang: Lang }) {
  const { model, onModelChange, enumName, lang } = p;
  const doesFilterPass = useCallback(
    ({ node }: IDoesFilterPassParams) => {
      if (!model) return true;
      const v = p.getValue(node);
      return Array.isArray(v) ? v.map(String).includes(model.value) : String(v) === model.value;
    },
    [model, p],
  );
  useGridFilter({ doesFilterPass });
  const name = `f-${p.column.getColId()}`;
  return (
    <div className="ph-filter" role="radiogroup">
      <label>
        <input type="radio" name={name} checked={!model} onChange={() => onModelChange(null)} />
        {lang === 'zh' ? '全部' : 'All'}
      </label>
      {enumKeys(enumName).map((k) => (
        <label key={k}>
          <input type="radio" name={name} checked={model?.value === k} onChange={() => onModelChange({ value: k })} />
          {enumLabel(enumName, k, lang)}
        </label>
      ))}
    </div>
  );
}

/** A department (any name or alias) and optionally its role. */
export interface DepartmentFilterModel {
  department: string;
  role?: 'LEAD' | 'SUPPORT';
}

export function matchesDepartment(list: Responsibility[] | null | undefined, model: DepartmentFilterModel): boolean {
  const t = model.department.trim().toLowerCase();
  return (list ?? []).some(
    (r) =>
      (!model.role || r.role === model.role) &&
      (r.department.name.toLowerCase() === t || r.department.code === t || r.department.aliases.some((a) => a.toLowerCase() === t) || r.department.name.toLowerCase().includes(t)),
  );
}

export function DepartmentFilter(p: CustomFilterProps<any, any, DepartmentFilterModel> & { lang: Lang }) {
  const { model, onModelChange, lang } = p;
  const departments = useDepartments();
  const [text, setText] = useState(model?.department ?? '');
  const [role, setRole] = useState<'' | 'LEAD' | 'SUPPORT'>(model?.role ?? '');
  useEffect(() => {
    setText(model?.department ?? '');
    setRole(model?.role ?? '');
  }, [model]);
  const doesFilterPass = useCallback(({ node }: IDoesFilterPassParams) => !model || matchesDepartment(p.getValue(node) as Responsibility[], model), [model, p]);
  useGridFilter({ doesFilterPass });
  const zh = lang === 'zh';
  const apply = (dept = text, r = role) => onModelChange(dept.trim() ? { department: dept.trim(), ...(r ? { role: r } : {}) } : null);
  const listId = `dl-${p.column.getColId()}`;
  return (
    <form
      className="ph-filter"
      onSubmit={(e) => {
        e.preventDefault();
        apply();
      }}
    >
      <label>
        {zh ? '部门（名称或别名）' : 'Department (name or alias)'}
        <input list={listId} value={text} onChange={(e) => setText(e.target.value)} placeholder={zh ? '如 住建' : 'e.g. 住建'} />
        <datalist id={listId}>
          {searchDepartments(departments, text, 20).map((d) => (
            <option key={d.id} value={d.name}>
              {d.aliases.join('、')}
            </option>
          ))}
        </datalist>
      </label>
      <label>
        {zh ? '角色' : 'Role'}
        <select
          value={role}
          onChange={(e) => {
            const r = e.target.value as '' | 'LEAD' | 'SUPPORT';
            setRole(r);
            if (text.trim()) apply(text, r);
          }}
        >
          <option value="">{zh ? '牵头或配合' : 'Lead or support'}</option>
          <option value="LEAD">{enumLabel('ResponsibilityRole', 'LEAD', lang)}</option>
          <option value="SUPPORT">{enumLabel('ResponsibilityRole', 'SUPPORT', lang)}</option>
        </select>
      </label>
      <div className="ph-filter-buttons">
        <button
          type="button"
          onClick={() => {
            setText('');
            setRole('');
            onModelChange(null);
          }}
        >
          {zh ? '清除' : 'Clear'}
        </button>
        <button type="submit" className="primary">
          {zh ? '应用' : 'Apply'}
        </button>
      </div>
    </form>
  );
}
