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
    const wanted: { department: Department; role: ResponsibilityInput['role']; note: string | null }[] = [];
    const seen = new Map<number, number>();
    for (const [i, r] of inputs.entries()) {
      const department = await this.departments.resolve(r.department, `${field}[${i}].department`);
      if (seen.has(department.id)) {
        throw badInput(`${field}[${i}].department`, `${department.name} is listed twice (also at ${field}[${seen.get(department.id)}]); give it one role`);
      }
      seen.set(department.id, i);
      wanted.push({ department, role: r.role, note: r.note?.trim() || null });
    }
    const current = item.id ? await this.em.find(Responsibility, { [kind]: item.id }, { orderBy: { id: 'asc' }, populate: ['department'] }) : [];
    const same =
      current.length === wanted.length &&
      current.every((c, i) => c.department.id === wanted[i].department.id && c.role === wanted[i].role && (c.note ?? null) === wanted[i].note);
    if (same) return null;
    this.em.remove(current);
    for (const w of wanted) this.em.persist(this.em.create(Responsibility, { ...w, [kind]: item } as unknown as Responsibility));
    const describe = (list: { department: Department; role: string; note?: string | null }[]) => list.map((r) => ({ department: r.department.code, role: r.role, note: r.note ?? null }));
    return { field: 'responsibilities', before: describe(current), after: describe(wanted) };
  }
}
