import type { TableServices } from '../services';
import { AuditAction } from '../../schema/audit/audit.enums';
import { IndicatorPatch } from '../../schema/indicators/indicator.inputs';
import { SpecialTargetPatch } from '../../schema/special-targets/special-target.inputs';
import { RectificationPatch } from '../../schema/rectifications/rectification.inputs';
import { InnovationTopicPatch } from '../../schema/innovation-topics/innovation-topic.inputs';
import { StandardPatch } from '../../schema/standards/standard.inputs';
import { DepartmentPatch } from '../../schema/departments/department.inputs';
import { YearTargetPatch } from '../../schema/year-targets/year-target.inputs';
import { LedgerEntryPatch } from '../../schema/ledger/ledger.inputs';
import { validateInput } from '../common/validation';
import { badInput, withArgument } from '../errors';

const TABLES = {
  Indicator: ['indicators', IndicatorPatch],
  SpecialTarget: ['specialTargets', SpecialTargetPatch],
  Rectification: ['rectifications', RectificationPatch],
  InnovationTopic: ['innovationTopics', InnovationTopicPatch],
  Standard: ['standards', StandardPatch],
  Department: ['departments', DepartmentPatch],
  YearTarget: ['yearTargets', YearTargetPatch],
  LedgerEntry: ['ledger', LedgerEntryPatch],
} as const;

export class RestoreService {
  constructor(private readonly services: TableServices) {}

  /**
   * Puts a field back to the value it had before an audited change, through the table's own
   * update: the same validation, the same permission check, and a new audit entry for the restore.
   */
  // The table service's refusals keep the `patch.` field they have always had here (patch.seq).
  async restore(entryId: string, expectedVersion?: number | null) {
    const entry = await this.services.audit.get(entryId);
    if (entry.action !== AuditAction.UPDATE || !entry.field) throw badInput('entryId', `entry ${entryId} is a ${entry.action} of a whole row; only a field change can be restored`);
    const table = TABLES[entry.entity as keyof typeof TABLES];
    if (!table) throw badInput('entryId', `${entry.entity} fields cannot be restored here`);
    const [name, patchClass] = table;
    const patch = await validateInput(patchClass as new () => object, { [entry.field]: entry.before == null ? null : JSON.parse(entry.before) });
    const service = name === 'departments' ? this.services.departments : this.services[name];
    return { entity: entry.entity, row: await withArgument<unknown>('patch', () => service.update(entry.entityId, patch as never, expectedVersion)) };
  }

  /**
   * Puts back every field of one user action (e.g. 目标 with the kind and value read from it) in one
   * update: one version, all or nothing. The entries must be field changes of the same row.
   */
  async restoreGroup(entryIds: string[], expectedVersion?: number | null) {
    if (!entryIds.length) throw badInput('entryIds', 'give at least one audit entry');
    if (entryIds.length > 50) throw badInput('entryIds', 'at most 50 entries restore together');
    const entries = [];
    for (const id of entryIds) entries.push(await this.services.audit.get(id));
    const [first] = entries;
    for (const [i, e] of entries.entries()) {
      if (e.action !== AuditAction.UPDATE || !e.field) throw badInput(`entryIds[${i}]`, `entry ${e.id} is a ${e.action} of a whole row; only field changes can be restored`);
      if (e.entity !== first.entity || e.entityId !== first.entityId) throw badInput(`entryIds[${i}]`, `entry ${e.id} belongs to another row; restore the entries of one row together`);
    }
    const table = TABLES[first.entity as keyof typeof TABLES];
    if (!table) throw badInput('entryIds', `${first.entity} fields cannot be restored here`);
    const [name, patchClass] = table;
    const values: Record<string, unknown> = {};
    for (const e of entries) {
      if (e.field! in values) throw badInput('entryIds', `two entries restore ${e.field}; give one per field`);
      values[e.field!] = e.before == null ? null : JSON.parse(e.before);
    }
    const patch = await validateInput(patchClass as new () => object, values);
    const service = name === 'departments' ? this.services.departments : this.services[name];
    return { entity: first.entity, row: await withArgument<unknown>('patch', () => service.update(first.entityId, patch as never, expectedVersion)) };
  }
}
