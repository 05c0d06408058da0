import type { Em } from '../orm';
import type { Services } from '../services';
import { normaliseName } from '../../schema/departments/department.entity';
import { departmentRows, type DepartmentRow } from '../db/rows';
import type { NoteCell, ResponsibilityCell } from './cells';
import type { Resp } from './diff';

/** Where the directory looks names up: the run's EntityManager and its current services (they are renewed between chunks). */
export interface DirectorySource {
  readonly em: Em;
  readonly services: Services;
}

/**
 * Department names → departments, once per distinct spelling for the whole table (not per row):
 * the services' find() (code, canonical name or any alias), and suggest() for an unknown name.
 */
export class DepartmentDirectory {
  private readonly byName = new Map<string, DepartmentRow | null>();
  private readonly byId = new Map<number, DepartmentRow>();
  private readonly suggestions = new Map<string, string[]>();
  private loaded = false;

  constructor(private readonly source: DirectorySource) {}

  async load() {
    if (this.loaded) return;
    for (const r of await departmentRows(this.source.em)) this.byId.set(r.id, r);
    this.loaded = true;
  }

  /** Looks up every spelling not seen before; unknown ones get their suggestions now, so rows are checked without waiting. */
  async resolve(names: Iterable<string>) {
    for (const name of names) {
      if (this.byName.has(name)) continue;
      const found = await this.source.services.departments.find(name);
      this.byName.set(name, found ? { id: found.id, name: found.name, code: found.code } : null);
      const key = normaliseName(name);
      if (!found && !this.suggestions.has(key) && this.suggestions.size < 1000) this.suggestions.set(key, await this.source.services.departments.suggest(name));
    }
  }

  get(name: string): DepartmentRow | null {
    return this.byName.get(name) ?? null;
  }

  name(id: number): DepartmentRow {
    return this.byId.get(id) ?? { id, name: String(id), code: String(id) };
  }

  suggest(name: string): string[] {
    return this.suggestions.get(normaliseName(name)) ?? [];
  }
}

/**
 * A row's responsibilities cell (and its notes cell, when the file has the 责任说明 column) with
 * the departments looked up. Each problem goes to `problem` with its column's field
 * (responsibilities or responsibilityNotes); `header` names the columns in messages.
 */
export function resolveResponsibilities(
  directory: DepartmentDirectory,
  resps: ResponsibilityCell[],
  notes: NoteCell[] | null,
  problem: (field: string, reason: string, suggestions?: string[]) => void,
  header: (field: string) => string,
): Resp[] {
  const out: Resp[] = [];
  const at = new Map<number, string>();
  const unknown = new Set<string>();
  for (const r of resps) {
    const d = directory.get(r.department);
    if (!d) {
      unknown.add(normaliseName(r.department));
      const suggestions = directory.suggest(r.department);
      const hint = suggestions.length ? `; did you mean ${suggestions.join(', ')}?` : '';
      problem('responsibilities', `unknown department "${r.department}"${hint}`, suggestions);
      continue;
    }
    if (at.has(d.id)) {
      problem('responsibilities', `${d.name} is listed twice (as "${at.get(d.id)}" and "${r.department}"); give it one role`);
      continue;
    }
    at.set(d.id, r.department);
    const resp: Resp = { departmentId: d.id, department: d.name, code: d.code, role: r.role, note: r.note === undefined ? undefined : r.note?.trim() || null };
    if (r.noteEn !== undefined) resp.noteEn = r.noteEn?.trim() || null;
    out.push(resp);
  }
  if (notes) {
    for (const r of out) r.note = null;
    for (const n of notes) {
      const d = directory.get(n.department);
      const target = d && out.find((r) => r.departmentId === d.id);
      // A note for a department already reported unknown in this row is the same problem once more;
      // so is a note left without its department when the row names an unknown one (the cell was
      // mistyped, the note beside it is untouched): one mistake, one problem.
      if (!d && unknown.has(normaliseName(n.department))) continue;
      if (!target && unknown.size) continue;
      if (!target) {
        problem('responsibilityNotes', `"${n.department}" is not among the row's ${header('responsibilities')}; a note needs its department there`);
        continue;
      }
      target.note = n.note.trim() || null;
    }
  }
  return out;
}
