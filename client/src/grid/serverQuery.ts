import type { TableSpec } from '../tables/types';
import type { DepartmentFilterModel, EnumFilterModel } from './filters';

/** What a paged table asks the server for: its filter and order (the CSV export and print ask the same). */
export type ServerQuery = { filter: Record<string, unknown>; orderBy: { field: string; direction: 'ASC' | 'DESC' }[] };

/** The list query's filter from the grid's column filters and the quick search. */
export function serverFilter(spec: TableSpec, filterModel: Record<string, unknown> | null | undefined, search: string): Record<string, unknown> {
  const filter: Record<string, unknown> = {};
  if (search.trim()) filter.search = search.trim();
  for (const [col, model] of Object.entries(filterModel ?? {})) {
    const kind = spec.serverFilters[col];
    if (kind === 'enum') filter[col] = (model as EnumFilterModel).value;
    if (kind === 'bool') filter[col] = (model as EnumFilterModel).value === 'true';
    if (kind === 'department') {
      const m = model as DepartmentFilterModel;
      filter.department = m.department;
      if (m.role) filter.role = m.role;
    }
  }
  return filter;
}

/** A link's column filters: `?department=住建&role=LEAD` and enum or boolean columns by name. */
export function linkFilterModel(spec: TableSpec, query: URLSearchParams): Record<string, unknown> {
  const model: Record<string, unknown> = {};
  const department = query.get('department');
  if (department && spec.fields.some((f) => f.kind === 'responsibilities')) model.responsibilities = { department, ...(query.get('role') ? { role: query.get('role') } : {}) };
  for (const f of spec.fields) {
    const v = query.get(f.name);
    if (v && (f.kind === 'enum' || f.kind === 'bool')) model[f.name] = { value: v };
  }
  return model;
}
