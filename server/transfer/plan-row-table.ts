import { ErrorCode } from '../errors';
import { Plan } from '../../schema/plans/plan.entity';
import { ImportAction } from '../../schema/transfer/transfer.enums';
import { same, show } from './diff';
import type { Row } from './rows';
import { TableImporter } from './table';

/** Plans: keyed by code, through PlanService.upsert. Delete-missing is not offered for plans. */
export class PlanRowImporter extends TableImporter {
  protected readKey(row: Row) {
    row.key = typeof row.values.code === 'string' && row.values.code.trim() ? row.values.code.trim() : null;
  }

  protected async handleChunk(chunk: Row[]) {
    for (const row of chunk) {
      this.checkDuplicate(row, 'code');
      this.validate(row, { ...row.values });
      if (!row.ok) continue;
      const data = Object.fromEntries(Object.entries(row.values).map(([k, v]) => [k, typeof v === 'string' ? v.trim() || null : v]));
      const cur = await this.run.em.findOne(Plan, { code: row.key as string });
      const changed = Object.keys(data).filter((k) => data[k] !== undefined && (!cur || !same(data[k], (cur as unknown as Record<string, unknown>)[k])));
      row.action = !cur ? ImportAction.CREATE : changed.length ? ImportAction.UPDATE : ImportAction.UNCHANGED;
      const col = (f: string) => this.spec.columns.find((c) => c.field === f);
      const before = cur ? { ...(cur as unknown as Record<string, unknown>) } : null;
      row.changes = () => changed.map((f) => ({ field: f, before: before ? show(col(f), before[f]) : null, after: show(col(f), data[f]) }));
      if (this.run.failed || row.action === ImportAction.UNCHANGED) continue;
      try {
        await this.run.services.plans.upsert(data as never);
      } catch (error) {
        this.run.em.clear();
        this.serviceProblem(row, error);
      }
    }
    for (const row of chunk) if (row.ok && row.action) this.count(row.action);
  }

  /** Never for plans: a whole-plan document holds one plan and leaves the others alone; a plans file is refused. */
  protected async deleteMissing() {
    if (this.run.options.whole) return;
    this.run.report({ table: this.spec.name, row: null, column: null, value: null, reason: 'delete-missing is not offered for plans: deleting a plan deletes all its rows; delete it on its own', code: ErrorCode.BAD_USER_INPUT });
  }
}

