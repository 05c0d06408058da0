import { BulkRefusal, AppError } from '../errors';
import { LedgerEntry } from '../../schema/ledger/ledger-entry.entity';
import { ImportAction } from '../../schema/transfer/transfer.enums';
import { LedgerItemKind } from '../../schema/ledger/ledger.inputs';
import { isPeriodError, parsePeriod } from '../../schema/ledger/ledger.period';
import type { LedgerEntryData, LedgerSave } from '../ledger/ledger.service';
import { same, show } from './diff';
import type { Row } from './rows';
import { TableImporter } from './table';

const REPORTED = ['actualValue', 'progressText'] as const;

/**
 * A department's ledger spreadsheet (电子台账, schema/ledger/ledger.descriptor.ts): one row per item,
 * department and period, the item named by kind and plan number (LedgerService.itemsBySeq). The rows
 * are saved through LedgerService.saveMany with upsert (as the importing user, with its permission
 * checks and audit entries under the import's batch id): a refused row is a problem of that row, and
 * the rest are tried again so every refused row is named; the import's transaction then writes nothing.
 * Delete-missing is not offered: a spreadsheet holds one month, not the whole ledger.
 */
export class LedgerImporter extends TableImporter {
  protected readKey(row: Row) {
    const v = row.values;
    const period = typeof v.period === 'string' ? parsePeriod(v.period) : null;
    const text = period && !isPeriodError(period) ? period.period : String(v.period ?? '').trim();
    row.key = [v.itemKind ?? '', v.itemSeq ?? '', v.milestoneSeq ?? '', String(v.department ?? '').trim(), text].join('|');
  }

  protected async handleChunk(chunk: Row[]) {
    // 1. Each row's own cells: the period, the value and text as the API's input takes them.
    for (const row of chunk) {
      const v = row.values;
      if (row.ok) this.validate(row, { period: typeof v.period === 'string' ? v.period.trim() : v.period, actualValue: v.actualValue ?? null, progressText: v.progressText ?? null, department: v.department ?? null });
    }
    // 2. The items, as the plan numbers them (a few statements for the chunk).
    const readable = chunk.filter((r) => r.ok);
    const refs = readable.map((r) => ({ kind: r.values.itemKind as LedgerItemKind, seq: Number(r.values.itemSeq), milestoneSeq: (r.values.milestoneSeq as number | null | undefined) ?? null }));
    let found: Awaited<ReturnType<typeof this.run.services.ledger.itemsBySeq>> = [];
    try {
      found = refs.length ? await this.run.services.ledger.itemsBySeq(this.run.options.planCode, refs) : [];
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      for (const row of readable) this.serviceProblem(row, error);
      return;
    }
    const rows: { row: Row; data: LedgerEntryData }[] = [];
    readable.forEach((row, i) => {
      const item = found[i];
      if (item instanceof AppError) return this.serviceProblem(row, item);
      const v = row.values;
      const department = typeof v.department === 'string' && v.department.trim() ? v.department.trim() : null;
      rows.push({ row, data: { ...item, department, period: String(v.period).trim(), actualValue: (v.actualValue as number | null | undefined) ?? null, progressText: typeof v.progressText === 'string' ? v.progressText.trim() || null : null } });
    });
    // 3. What is stored for these items and periods (to tell a new entry from a change).
    const before = new Map<number, Record<string, unknown>>();
    const itemKeys = [...new Set(rows.map(({ data }) => (data.indicatorId ? `indicator:${data.indicatorId}` : data.specialTargetId ? `specialTarget:${data.specialTargetId}` : `milestone:${data.milestoneId}`)))];
    const periods = [...new Set(rows.map(({ data }) => parsePeriod(data.period)).flatMap((p) => (isPeriodError(p) ? [] : [p.period])))];
    if (itemKeys.length && periods.length) {
      for (const e of await this.run.em.find(LedgerEntry, { itemKey: { $in: itemKeys }, period: { $in: periods } })) before.set(e.id, { actualValue: e.actualValue ?? null, progressText: e.progressText ?? null });
    }
    // 4. All rows through saveMany; a refused row is reported and left out, and the rest tried again.
    let pending = rows;
    while (pending.length) {
      try {
        const saved = await this.run.services.ledger.saveMany(pending.map(({ data }): LedgerSave => ({ input: data, upsert: true })));
        pending.forEach(({ row, data }, i) => {
          const entry = saved[i];
          const old = before.get(entry.id) ?? null;
          const changed = REPORTED.filter((f) => !old || !same(old[f], data[f]));
          row.action = !old ? ImportAction.CREATE : changed.length ? ImportAction.UPDATE : ImportAction.UNCHANGED;
          const col = (f: string) => this.spec.columns.find((c) => c.field === f);
          row.changes = () => changed.map((f) => ({ field: f, before: old ? show(col(f), old[f]) : null, after: show(col(f), data[f]) }));
        });
        break;
      } catch (error) {
        this.run.em.clear();
        if (!(error instanceof BulkRefusal)) throw error;
        this.serviceProblem(pending[error.index].row, error.error);
        pending = pending.filter((_, i) => i !== error.index);
      }
    }
    for (const row of chunk) if (row.ok && row.action) this.count(row.action);
  }

  protected async deleteMissing() {
    this.problem(null, null, 'delete-missing is not offered for the ledger: a spreadsheet holds some periods, not the whole ledger', { value: null });
  }
}
