import type { Em } from '../orm';
import { reportingRows } from '../db/progress-rows';
import type { ActualsKind, ActualsSource, ItemActuals } from './actuals';

/**
 * Actual values from the ledger (电子台账): APPROVED entries only (drafts, submitted and returned
 * entries never count), one statement per batch of items.
 *
 * Whose value counts when several departments file for one item and period: the LEAD department's.
 * The lead answers for the item's figure (the plan names it 牵头单位); a supporter (配合单位) files
 * its own contribution and progress text, which is not the item's figure — adding it would count
 * the same work twice, and taking it in the lead's place would let a partial figure stand for the
 * whole. So when the lead has no approved entry for a period, no value exists for that period, and
 * NO_DATA says so ("牵头单位区发改局未报送…，配合单位区科技局的报送不计入"). Where an item has several
 * leads (a special target's co-leads, for its milestones), the first lead in the plan's order that
 * has an approved entry for the period gives the value; the others' entries for that period do not
 * count. Entries of a department that holds no responsibility for the item count for nothing.
 */
export class LedgerActuals implements ActualsSource {
  constructor(private readonly em: Em) {}

  async approvedFor(kind: ActualsKind, ids: readonly number[] | null, year: number): Promise<Map<number, ItemActuals>> {
    // An item nobody answers for has no rows: it reports with no lead.
    const out = new Map<number, ItemActuals>((ids ?? []).map((id) => [id, { values: [], reporting: { leads: [], leadsEn: [], uncounted: [] }, leadIds: [] }]));
    if (ids && !ids.length) return out;
    // Rows come ordered by item, then responsibility (the plan's order), then period.
    for (const row of await reportingRows(this.em, kind, ids, year)) {
      let item = out.get(row.itemId);
      if (!item) out.set(row.itemId, (item = { values: [], reporting: { leads: [], leadsEn: [], uncounted: [] }, leadIds: [] }));
      const lead = row.role === 'LEAD';
      if (lead && !item.leadIds.includes(row.departmentId)) {
        item.leadIds.push(row.departmentId);
        item.reporting.leads.push(row.department);
        item.reporting.leadsEn!.push(row.departmentEn);
      }
      if (row.period == null || row.value == null) continue;
      if (lead && !item.values.some((v) => v.period === row.period)) item.values.push({ period: row.period, value: row.value });
      else item.reporting.uncounted.push({ department: row.department, departmentEn: row.departmentEn, period: row.period });
    }
    return out;
  }
}
