import type { Em } from '../orm';
import type { Actor } from '../common/actor';
import { Permissions } from '../accounts/permissions';
import { AuditService } from '../audit/audit.service';
import { AppError, ErrorCode, badInput, conflict, notFound } from '../errors';
import { inTransaction } from '../common/transaction';
import { parseId } from '../common/ids';
import { selectRows } from '../db/sql';
import { canReadEntry } from '../ledger/ledger.access';
import { LedgerState } from '../../schema/ledger/ledger.enums';
import { Evidence, EvidenceFile } from '../../schema/ledger/evidence.entity';
import { LedgerEntry } from '../../schema/ledger/ledger-entry.entity';
import { User } from '../../schema/accounts/user.entity';
import type { EvidenceStore, StagedFile } from './evidence.store';

/** The states in which an entry may gain or lose evidence: the department's working copy. */
const OPEN_STATES: readonly LedgerState[] = [LedgerState.DRAFT, LedgerState.RETURNED];

export interface EntryAccess {
  id: number;
  state: LedgerState;
  departmentId: number;
}

/** A checked file ready to be kept: its content staged, its name and type verified. */
export interface CheckedFile {
  staged: StagedFile;
  fileName: string;
  contentType: string;
}

/** Where a file is downloaded (GET, relative to the hub's address). */
export const downloadUrl = (id: number) => `/evidence/${id}`;

/** What the audit trail records of an evidence row. */
const snapshot = (e: { fileName: string; contentType: string; size: number; sha256: string }, entryId: number) => ({
  ledgerEntry: entryId,
  fileName: e.fileName,
  contentType: e.contentType,
  size: e.size,
  sha256: e.sha256,
});

/**
 * Evidence files of ledger entries. Who may see them is who may see the entry (ledger.access.ts).
 * Who may add or remove them: an EDITOR of the entry's department (entries exist only for items the
 * department holds) or the evaluation office (ADMIN), and only while the entry is a DRAFT or
 * RETURNED; never a viewer, an API token or a signed-out reader. An entry another reader may not
 * see is "not found" to them, whatever they asked for.
 */
export class EvidenceService {
  private readonly permissions: Permissions;
  private readonly audit: AuditService;

  constructor(
    private readonly em: Em,
    private readonly actor: Actor,
    private readonly store: EvidenceStore,
  ) {
    this.permissions = new Permissions(em, actor);
    this.audit = new AuditService(em, actor);
  }

  get maxFilesPerEntry(): number {
    return this.store.config.maxFilesPerEntry;
  }

  private async entry(id: number, lock = false): Promise<EntryAccess | null> {
    // In the write's transaction the row is locked (a no-op update, portable to both engines) while it
    // is still open: a concurrent submit waits for this write, or this write sees the entry submitted.
    const sql = lock
      ? `update ledger_entry set state = state where id = ? and state in (${OPEN_STATES.map(() => '?').join(', ')}) returning id, state, department_id`
      : 'select id, state, department_id from ledger_entry where id = ?';
    const [row] = await selectRows<{ id: unknown; state: LedgerState; department_id: unknown }>(this.em, sql, lock ? [id, ...OPEN_STATES] : [id]);
    return row ? { id: Number(row.id), state: row.state, departmentId: Number(row.department_id) } : null;
  }

  /** The entry as its reader may know it: missing and unreadable are the same answer. */
  private async readableEntry(id: number, type: string, shownId: unknown): Promise<EntryAccess> {
    const entry = await this.entry(id);
    if (!entry || !canReadEntry(this.actor, entry)) throw notFound(type, shownId);
    return entry;
  }

  private assertMayChange(entry: EntryAccess, what: string): void {
    if (!this.permissions.isAdmin && this.actor.departmentId !== entry.departmentId) {
      throw new AppError(ErrorCode.FORBIDDEN, `Ledger entry ${entry.id} belongs to another department: you can ${what} only your own department’s entries.`, { type: 'LedgerEntry', id: String(entry.id) });
    }
    if (!OPEN_STATES.includes(entry.state)) {
      throw conflict(`Ledger entry ${entry.id} is ${entry.state}: evidence can be added or removed only while the entry is a draft or returned (DRAFT, RETURNED).`, { type: 'LedgerEntry', id: String(entry.id), state: entry.state });
    }
  }

  /**
   * Everything an upload is checked for before a byte of it is read: the actor may write, the entry
   * exists and is theirs to change, and it is open. Checked again, locked, when the files are kept.
   */
  async assertCanAttach(entryId: string): Promise<EntryAccess> {
    const id = parseId(entryId, 'id');
    this.permissions.assertWrite('add evidence to ledger entries');
    const entry = await this.readableEntry(id, 'LedgerEntry', entryId);
    this.assertMayChange(entry, 'add evidence to');
    return entry;
  }

  /** Keeps checked files as the entry's evidence, all or none, within the per-entry limit. */
  async attach(entryId: number, files: CheckedFile[]): Promise<Evidence[]> {
    return inTransaction(this.em, async () => {
      const entry = await this.entry(entryId, true);
      if (!entry) {
        // Gone, or no longer open: say which, as the first check would have.
        const now = await this.readableEntry(entryId, 'LedgerEntry', entryId);
        this.assertMayChange(now, 'add evidence to');
        throw conflict(`Ledger entry ${entryId} changed while the files were received; try again.`);
      }
      this.assertMayChange(entry, 'add evidence to');
      const held = await this.em.count(Evidence, { ledgerEntry: entryId });
      if (held + files.length > this.maxFilesPerEntry) {
        throw badInput('files', `ledger entry ${entryId} holds ${held} files; ${files.length} more would pass the limit of ${this.maxFilesPerEntry} per entry (EVIDENCE_MAX_FILES)`, {
          reason: 'TOO_MANY_FILES',
          held,
          sent: files.length,
          maxFiles: this.maxFilesPerEntry,
        });
      }
      const rows: Evidence[] = [];
      for (const f of files) {
        await this.store.keep(this.em, f.staged);
        const row = this.em.create(Evidence, {
          ledgerEntry: this.em.getReference(LedgerEntry, entryId),
          file: this.em.getReference(EvidenceFile, f.staged.sha256),
          fileName: f.fileName,
          contentType: f.contentType,
          size: f.staged.size,
          sha256: f.staged.sha256,
          uploadedBy: this.actor.userId ? this.em.getReference(User, this.actor.userId) : null,
        } as Evidence);
        rows.push(row);
      }
      await this.em.flush();
      for (const row of rows) this.audit.created('Evidence', row.id, snapshot(row, entryId));
      return rows;
    });
  }

  /** Removes one evidence file; its content goes too when no other evidence refers to it. */
  async remove(evidenceId: string, expectedVersion?: number | null): Promise<boolean> {
    const id = parseId(evidenceId, 'id');
    this.permissions.assertWrite('remove evidence');
    const sha256 = await inTransaction(this.em, async () => {
      const row = await this.em.findOne(Evidence, id);
      if (!row) throw notFound('Evidence', evidenceId);
      const entryId = row.ledgerEntry.id;
      const visible = await this.readableEntry(entryId, 'Evidence', evidenceId);
      this.assertMayChange(visible, 'remove evidence from');
      const entry = await this.entry(entryId, true);
      if (!entry) throw conflict(`Ledger entry ${entryId} changed meanwhile; reload it and try again.`);
      if (expectedVersion != null && row.version !== expectedVersion) {
        throw conflict(`Evidence ${row.id} is at version ${row.version}, not ${expectedVersion}`, { currentVersion: row.version, expectedVersion });
      }
      this.audit.deleted('Evidence', row.id, snapshot(row, entryId));
      this.em.remove(row);
      return row.sha256;
    });
    await this.store.dropIfUnreferenced(this.em, sha256);
    return true;
  }

  /** The evidence of many entries in one statement, each entry's in upload order. */
  async forEntries(entryIds: readonly number[]): Promise<Map<number, Evidence[]>> {
    const out = new Map<number, Evidence[]>();
    const ids = [...new Set(entryIds)];
    if (!ids.length) return out;
    const rows = await this.em.find(Evidence, { ledgerEntry: { $in: ids } }, { orderBy: { id: 'asc' } });
    for (const row of rows) {
      const key = row.ledgerEntry.id;
      const list = out.get(key);
      if (list) list.push(row);
      else out.set(key, [row]);
    }
    return out;
  }

  /** A file the actor may download, or null (missing and not allowed look the same). */
  async forDownload(evidenceId: string): Promise<{ id: number; fileName: string; contentType: string; size: number; sha256: string } | null> {
    if (!/^\d{1,15}$/.test(evidenceId)) return null;
    const [row] = await selectRows<{ id: unknown; file_name: string; content_type: string; size: unknown; sha256: string; state: LedgerState; department_id: unknown }>(
      this.em,
      'select e.id, e.file_name, e.content_type, e.size, e.sha256, l.state, l.department_id from evidence e join ledger_entry l on l.id = e.ledger_entry_id where e.id = ?',
      [Number(evidenceId)],
    );
    if (!row || !canReadEntry(this.actor, { state: row.state, departmentId: Number(row.department_id) })) return null;
    return { id: Number(row.id), fileName: row.file_name, contentType: row.content_type, size: Number(row.size), sha256: row.sha256 };
  }
}
