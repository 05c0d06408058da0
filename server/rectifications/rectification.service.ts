import type { QueryBuilder } from '../db/types';
import { Rectification } from '../../schema/rectifications/rectification.entity';
import type { RectificationFilter } from '../../schema/rectifications/rectification.inputs';
import { PlanItemService, type ItemData } from '../common/plan-item.service';
import { columnFields, DESCRIPTORS, searchableProperties, sortableProperties } from '../../schema/descriptors';
import { badInput } from '../errors';

/** From the table's descriptor, once (not per request: a request makes its own services). */
const FIELDS = columnFields(DESCRIPTORS.rectifications);
const SEARCHABLE = searchableProperties(DESCRIPTORS.rectifications);
const SORTABLE = sortableProperties(DESCRIPTORS.rectifications);

export class RectificationService extends PlanItemService<Rectification> {
  readonly typeName = 'Rectification';
  readonly kind = 'rectification' as const;
  protected readonly entity = Rectification;
  // From the table's descriptor (schema/rectifications/rectifications.descriptor.ts).
  protected readonly fields = FIELDS;
  protected readonly searchable = SEARCHABLE;
  protected readonly sortable = SORTABLE;

  protected readonly apiNames = { planText: 'plan' };

  protected applyFilter(qb: QueryBuilder<Rectification>, f: RectificationFilter) {
    if (f.status) qb.andWhere({ status: f.status });
    if (f.deadlineYear != null) qb.andWhere({ deadlineYear: f.deadlineYear });
  }

  /**
   * The one rule for a rectification's status on every edit path (updateRectification, the grid's
   * paste and undo, batchUpdate, the import's changed rows, a restore from the history): it moves
   * only through the loop (advanceRectification, with a note, by the lead department or the office).
   * A patch may carry the status the row has (a file exported and loaded again), never another. A new
   * row (createRectification, an import's new rows: the office's) starts where its file says.
   */
  override async applyPatch(row: Rectification, patch: ItemData): Promise<Rectification> {
    if (patch.status != null && patch.status !== row.status) {
      throw badInput('status', `the status of rectification ${row.seq} is ${row.status}: it changes only through the rectification loop (advanceRectification, with a note), not by an edit or an import`, { reason: 'LOOP_ONLY' });
    }
    return super.applyPatch(row, patch);
  }
}
