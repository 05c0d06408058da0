import type { Em } from '../orm';
import type { PlanService } from '../plans/plan.service';
import { Indicator } from '../../schema/indicators/indicator.entity';
import { SpecialTarget } from '../../schema/special-targets/special-target.entity';
import { Rectification } from '../../schema/rectifications/rectification.entity';
import type { Plan } from '../../schema/plans/plan.entity';

/** The root of publicOverview: the plan's public facts, and its id for the lists under it. */
export interface OverviewRoot {
  planId: number;
  planCode: string;
  planName: string;
  planNameEn: string;
  startYear: number;
  endYear: number;
}

/**
 * What the public page reads: the plan's indicators, special targets and rectifications in plan order.
 * Progress is the same computation as everywhere (approved ledger entries only, server/progress);
 * nothing here reads a ledger entry's state, text or department.
 */
export class PublicService {
  constructor(
    private readonly em: Em,
    private readonly plans: PlanService,
  ) {}

  async overview(planCode: string | null | undefined): Promise<OverviewRoot> {
    const plan: Plan = await this.plans.resolve(planCode, 'planCode');
    return { planId: plan.id, planCode: plan.code, planName: plan.name, planNameEn: plan.nameEn, startYear: plan.startYear, endYear: plan.endYear };
  }

  indicators(planId: number): Promise<Indicator[]> {
    return this.em.find(Indicator, { plan: planId }, { orderBy: { seq: 'asc' } });
  }

  specialTargets(planId: number): Promise<SpecialTarget[]> {
    return this.em.find(SpecialTarget, { plan: planId }, { orderBy: { seq: 'asc' } });
  }

  rectifications(planId: number): Promise<Rectification[]> {
    return this.em.find(Rectification, { plan: planId }, { orderBy: { seq: 'asc' } });
  }
}
