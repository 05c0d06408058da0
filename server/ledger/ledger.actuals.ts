import type { Em } from '../orm';
import type { ActualsSource, ActualValue } from '../progress/actuals';
import { marks, queryRows } from '../db/sql';
import { LedgerState } from '../../schema/ledger/ledger.enums';
import { ResponsibilityRole } from '../../schema/responsibilities/responsibility.enums';

/** Indicators per statement (well under SQLite's parameter limit). */
const CHUNK = 500;

/**
 * Actual values for completion (server/progress) from the ledger: approved entries with a value, of
 * the periods up to the end of `year`, one statement per 500 indicators. Where several departments
 * filed the same indicator and period (the leading one and a supporting one), the value of a
 * department that leads it counts, then the earliest filed; a supporting department's figure is its
 * own share, not the indicator's.
 */
export class LedgerActuals implements ActualsSource {
  constructor(private readonly em: Em) {}

  async approvedFor(indicatorIds: number[], year: number): Promise<Map<number, ActualValue[]>> {
    const out = new Map<number, ActualValue[]>();
    const ids = [...new Set(indicatorIds)];
    for (let i = 0; i < ids.length; i += CHUNK) {
      const part = ids.slice(i, i + CHUNK);
      const rows = await queryRows<{ indicator_id: unknown; period: string; actual_value: unknown }>(
        this.em,
        `select e.indicator_id, e.period, e.actual_value,
                case when exists (select 1 from responsibility r where r.indicator_id = e.indicator_id and r.department_id = e.department_id and r.role = ?) then 0 else 1 end as rank
           from ledger_entry e
          where e.state = ? and e.actual_value is not null and e.year <= ? and e.indicator_id in (${marks(part.length)})
          order by e.indicator_id, e.period, rank, e.id`,
        [ResponsibilityRole.LEAD, LedgerState.APPROVED, year, ...part],
      );
      let last = '';
      for (const r of rows) {
        const id = Number(r.indicator_id);
        const key = `${id}:${r.period}`;
        if (key === last) continue; // the first of a period is the one that counts
        last = key;
        const list = out.get(id) ?? [];
        list.push({ period: r.period, value: Number(r.actual_value) });
        out.set(id, list);
      }
    }
    return out;
  }
}
