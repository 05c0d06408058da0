import DataLoader from 'dataloader';
import type { Em } from '../orm';
import { Department, DepartmentAlias } from '../../schema/departments/department.entity';
import { Plan } from '../../schema/plans/plan.entity';
import { Responsibility, type ItemKind } from '../../schema/responsibilities/responsibility.entity';
import type { ResponsibilityRole } from '../../schema/responsibilities/responsibility.enums';
import type { IndicatorAttribute } from '../../schema/indicators/indicator.enums';
import type { PlanItem } from '../../schema/common/plan-item.entity';
import { Indicator } from '../../schema/indicators/indicator.entity';
import { SpecialTarget } from '../../schema/special-targets/special-target.entity';
import { User } from '../../schema/accounts/user.entity';
import { badInput } from '../errors';
import { Reader } from '../read/reader';
import { linkRows } from '../db/rows';

const KINDS: ItemKind[] = ['indicator', 'specialTarget', 'rectification', 'innovationTopic', 'standard'];

function groupBy<T>(rows: T[], key: (row: T) => number): Map<number, T[]> {
  const map = new Map<number, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = map.get(k);
    if (list) list.push(row);
    else map.set(k, [row]);
  }
  return map;
}

/**
 * Rows by primary key: one `where id in (…)` per entity per level of the query. Not cached across
 * levels (the identity map already keeps the rows), so the statement count of a query depends on its
 * shape only, never on which rows happen to repeat.
 */
function byId<E extends { id: number }>(em: Em, entity: new () => E) {
  return new DataLoader<number, E | null>(
    async (ids) => {
      const rows = await em.find(entity, { id: { $in: [...new Set(ids)] } } as never);
      const map = new Map(rows.map((r) => [r.id, r]));
      return ids.map((id) => map.get(id) ?? null);
    },
    { cache: false },
  );
}

export interface DepartmentItemsKey {
  departmentId: number;
  kind: ItemKind;
  role?: ResponsibilityRole | null;
  attribute?: IndicatorAttribute | null;
  /** The plan's code as the query gave it; resolved inside the batch, so the argument costs no statement per department. */
  planCode?: string | null;
}

/**
 * Per-request batch loaders: a page of N rows with all its relations costs a fixed number of SQL
 * statements, whatever N is. Created per request (never shared), so no row leaks between users.
 */
export function createLoaders(em: Em) {
  const responsibilities = Object.fromEntries(
    KINDS.map((kind) => [
      kind,
      new DataLoader<number, Responsibility[]>(async (ids) => {
        const rows = await em.find(Responsibility, { [kind]: { $in: [...ids] } }, { orderBy: { role: 'asc', id: 'asc' } });
        const groups = groupBy(rows, (r) => (r[kind] as PlanItem).id);
        return ids.map((id) => groups.get(id) ?? []);
      }),
    ]),
  ) as Record<ItemKind, DataLoader<number, Responsibility[]>>;

  /** Both directions of the special target ↔ indicator link: pairs from the link table, then the rows. */
  const linked = <E extends PlanItem>(entity: new () => E, from: string, to: string) =>
    new DataLoader<number, E[]>(async (ids) => {
      const pairs = await linkRows(em, 'special_target_indicator', from, to, [...ids]);
      const targetIds = [...new Set(pairs.map((p) => Number(p[to])))];
      const rows = targetIds.length ? await em.find(entity, { id: { $in: targetIds } } as never, { orderBy: { plan: 'asc', seq: 'asc' } as never }) : [];
      const index = new Map(rows.map((r, i) => [r.id, i]));
      const groups = groupBy(pairs, (p) => Number(p[from]));
      return ids.map((id) =>
        (groups.get(id) ?? [])
          .map((p) => rows[index.get(Number(p[to]))!])
          .filter(Boolean)
          .sort((a, b) => index.get(a.id)! - index.get(b.id)!),
      );
    });

  /** Everything a department answers for in one table, narrowed by role, attribute and plan. */
  const departmentItems = new DataLoader<DepartmentItemsKey, PlanItem[] | Error, string>(
    async (keys) => {
      const out = new Map<string, PlanItem[] | Error>();
      // Every plan code the batch names, in one statement; an unknown code fails just its own keys.
      const codes = [...new Set(keys.map((k) => k.planCode).filter((c): c is string => c != null))];
      const plans = codes.length ? await em.find(Plan, { code: { $in: codes } }) : [];
      const planIds = new Map(plans.map((p) => [p.code, p.id]));
      const groups = new Map<string, DepartmentItemsKey[]>();
      let known: string[] | undefined;
      for (const k of keys) {
        if (k.planCode != null && !planIds.has(k.planCode)) {
          known ??= (await em.find(Plan, {}, { orderBy: { startYear: 'asc', id: 'asc' } })).map((p) => p.code);
          out.set(departmentItemsKey(k), badInput('planCode', `unknown plan "${k.planCode}"`, { known }));
          continue;
        }
        const g = JSON.stringify([k.kind, k.role ?? null, k.attribute ?? null, k.planCode ?? null]);
        groups.set(g, [...(groups.get(g) ?? []), k]);
      }
      for (const group of groups.values()) {
        const { kind, role, attribute, planCode } = group[0];
        const item: Record<string, unknown> = { id: { $ne: null } };
        if (attribute) item.attribute = attribute;
        if (planCode != null) item.plan = planIds.get(planCode);
        const where: Record<string, unknown> = { department: { $in: group.map((k) => k.departmentId) }, [kind]: item };
        if (role) where.role = role;
        const rows = await em.find(Responsibility, where, { populate: [kind] as never, orderBy: { [kind]: { plan: 'asc', seq: 'asc' }, id: 'asc' } as never });
        for (const k of group) {
          const seen = new Set<number>();
          const items: PlanItem[] = [];
          for (const r of rows) {
            const it = r[kind] as PlanItem;
            if (r.department.id === k.departmentId && !seen.has(it.id)) {
              seen.add(it.id);
              items.push(it);
            }
          }
          out.set(departmentItemsKey(k), items);
        }
      }
      return keys.map((k) => out.get(departmentItemsKey(k)) ?? []);
    },
    { cacheKeyFn: departmentItemsKey },
  );

  return {
    plan: byId(em, Plan),
    department: byId(em, Department),
    user: byId(em, User),
    aliases: new DataLoader<number, string[]>(async (ids) => {
      const rows = await em.find(DepartmentAlias, { department: { $in: [...ids] } }, { orderBy: { id: 'asc' } });
      const groups = groupBy(rows, (a) => a.department.id);
      return ids.map((id) => (groups.get(id) ?? []).map((a) => a.alias));
    }),
    responsibilities,
    specialTargetsOfIndicator: linked(SpecialTarget, 'indicator_id', 'special_target_id'),
    indicatorsOfSpecialTarget: linked(Indicator, 'special_target_id', 'indicator_id'),
    departmentItems,
    /** The read path for lists and the department page: plain rows, relations prefetched (server/read). */
    read: new Reader(em),
  };
}

function departmentItemsKey(k: DepartmentItemsKey): string {
  return JSON.stringify([k.departmentId, k.kind, k.role ?? null, k.attribute ?? null, k.planCode ?? null]);
}

export type Loaders = ReturnType<typeof createLoaders>;
