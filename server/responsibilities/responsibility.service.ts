import type { Em } from '../orm';
import type { PlanItem } from '../../schema/common/plan-item.entity';
import { Responsibility, type ItemKind } from '../../schema/responsibilities/responsibility.entity';
import type { ResponsibilityInput } from '../../schema/responsibilities/responsibility.inputs';
import type { Department } from '../../schema/departments/department.entity';
import type { DepartmentService } from '../departments/department.service';
import { badInput } from '../errors';
import type { FieldChange } from '../audit/audit.service';

export class ResponsibilityService {
  constructor(
    private readonly em: Em,
    private readonly departments: DepartmentService,
  ) {}

  /**
   * Replaces the item's responsibilities with `inputs`. Every department is resolved (by code, name
   * or alias) before anything changes. Returns the change (lists of { department code, role, note }),
   * or null, changing nothing, when the list is the same.
   */
  async replace(item: PlanItem, kind: ItemKind, inputs: ResponsibilityInput[], field: string): Promise<FieldChange | null> {
    const wanted: { department: Department; role: ResponsibilityInput['role']; note: string | null; noteEn: string | null | undefined }[] = [];
    const seen = new Map<number, number>();
    for (const [i, r] of inputs.entries()) {
      const department = await this.departments.resolve(r.department, `${field}[${i}].department`);
      if (seen.has(department.id)) {
        throw badInput(`${field}[${i}].department`, `${department.name} is listed twice (also at ${field}[${seen.get(department.id)}]); give it one role`);
      }
      seen.set(department.id, i);
      wanted.push({ department, role: r.role, note: r.note?.trim() || null, noteEn: r.noteEn === undefined ? undefined : r.noteEn?.trim() || null });
    }
    const current = item.id ? await this.em.find(Responsibility, { [kind]: item.id }, { orderBy: { id: 'asc' }, populate: ['department'] }) : [];
    // An English note not given is kept while the department's Chinese note stays the same (the grid,
    // a paste or a CSV file edits the Chinese one only); a changed note drops the old translation.
    for (const w of wanted) {
      if (w.noteEn !== undefined) continue;
      const before = current.find((c) => c.department.id === w.department.id);
      w.noteEn = before && (before.note ?? null) === w.note ? (before.noteEn ?? null) : null;
    }
    const same =
      current.length === wanted.length &&
      current.every(
        (c, i) => c.department.id === wanted[i].department.id && c.role === wanted[i].role && (c.note ?? null) === wanted[i].note && (c.noteEn ?? null) === wanted[i].noteEn,
      );
    if (same) return null;
    this.em.remove(current);
    for (const w of wanted) this.em.persist(this.em.create(Responsibility, { ...w, [kind]: item } as unknown as Responsibility));
    const describe = (list: { department: Department; role: string; note?: string | null; noteEn?: string | null }[]) =>
      list.map((r) => ({ department: r.department.code, role: r.role, note: r.note ?? null, ...(r.noteEn ? { noteEn: r.noteEn } : {}) }));
    return { field: 'responsibilities', before: describe(current), after: describe(wanted) };
  }
}
