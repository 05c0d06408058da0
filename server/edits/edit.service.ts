import type { Em } from '../orm';
import type { TableServices } from '../services';
import type { BatchEditInput, BatchEditResult } from '../../schema/edits/edit.inputs';
import { AppError, underArgument } from '../errors';
import { inTransaction } from '../common/transaction';

type List = keyof BatchEditInput;
const LISTS: List[] = ['departments', 'indicators', 'specialTargets', 'rectifications', 'innovationTopics', 'standards'];

export class EditService {
  constructor(
    private readonly em: Em,
    private readonly services: TableServices,
  ) {}

  /**
   * Applies every edit in one transaction, through each table's own update (same rules, same
   * version checks). The first refusal rolls back the whole batch and names the edit and its field,
   * e.g. `indicators[2].patch.targetText`, with the row id.
   */
  apply(batch: BatchEditInput): Promise<BatchEditResult> {
    return inTransaction(this.em, async () => {
      const result = Object.fromEntries(LISTS.map((l) => [l, [] as unknown[]])) as unknown as BatchEditResult;
      for (const list of LISTS) {
        for (const [i, edit] of (batch[list] ?? []).entries()) {
          const service = list === 'departments' ? this.services.departments : this.services[list];
          try {
            const row = await service.update(edit.id, edit.patch as never, edit.expectedVersion);
            (result[list] as unknown[]).push(row);
          } catch (raw) {
            // The table service names its patch's field (unit); the edit's own terms are patch.unit.
            const error = underArgument(raw, 'patch');
            if (!(error instanceof AppError)) throw error;
            const inner = typeof error.details.field === 'string' ? error.details.field : 'expectedVersion';
            const field = `${list}[${i}].${inner}`;
            const message = error.message.startsWith(`${inner}: `) ? error.message.slice(inner.length + 2) : error.message;
            throw new AppError(error.code, `${field}: ${message}`, { ...error.details, field, rowId: String(edit.id), index: i, list });
          }
        }
      }
      return result;
    });
  }
}
