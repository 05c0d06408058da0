import type { Em } from '../orm';
import { Plan } from '../../schema/plans/plan.entity';
import { badInput } from '../errors';
import type { Permissions } from '../accounts/permissions';
import type { AuditService } from '../audit/audit.service';

export interface PlanData {
  code: string;
  name: string;
  nameEn: string;
  startYear: number;
  endYear: number;
  publishedOn?: string | null;
  source?: string | null;
}

export class PlanService {
  constructor(
    private readonly em: Em,
    private readonly permissions: Permissions,
    private readonly audit: AuditService,
  ) {}

  list(): Promise<Plan[]> {
    return this.em.find(Plan, {}, { orderBy: { startYear: 'asc', id: 'asc' } });
  }

  byCode(code: string): Promise<Plan | null> {
    return this.em.findOne(Plan, { code });
  }

  /** The plan named by `code`, or the newest plan when no code is given. `field` names the input in errors. */
  async resolve(code: string | undefined | null, field: string): Promise<Plan> {
    if (code != null) {
      const plan = await this.byCode(code);
      if (!plan) throw badInput(field, `unknown plan "${code}"`, { known: (await this.list()).map((p) => p.code) });
      return plan;
    }
    const [newest] = await this.em.find(Plan, {}, { orderBy: { startYear: 'desc', id: 'desc' }, limit: 1 });
    if (!newest) throw badInput(field, 'there is no plan yet: load one with npm run seed');
    return newest;
  }

  /** Creates the plan or brings it to `data`; an unchanged plan keeps its version. */
  async upsert(data: PlanData): Promise<Plan> {
    this.permissions.assertAdmin('load plans');
    if (data.endYear < data.startYear) throw badInput('endYear', `endYear ${data.endYear} is before startYear ${data.startYear}`);
    const existing = await this.byCode(data.code);
    const plan = existing ?? this.em.create(Plan, { ...data } as Plan);
    const changes = [];
    for (const key of Object.keys(data) as (keyof PlanData)[]) {
      if (data[key] !== undefined && plan[key] !== data[key]) {
        changes.push({ field: key, before: plan[key], after: data[key] });
        (plan as unknown as Record<string, unknown>)[key] = data[key];
      }
    }
    this.em.persist(plan);
    await this.em.flush();
    if (!existing) this.audit.created('Plan', plan.id, data);
    else this.audit.updated('Plan', plan.id, changes);
    await this.em.flush();
    return plan;
  }
}
