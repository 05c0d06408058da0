import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rename, rm, stat, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable, Transform } from 'node:stream';
import type { Em, Orm } from '../orm';
import { runInTransaction, selectRows } from '../db/sql';
import { DEFAULT_EVIDENCE, type EvidenceConfig } from '../config';

/** A file received and written to a staging area, not yet kept: its hash and size are known. */
export interface StagedFile {
  path: string;
  sha256: string;
  size: number;
}

/** Raised while staging when the stream passes the size limit; the staged part is removed. */
export class TooLarge extends Error {
  constructor(readonly maxBytes: number) {
    super(`larger than ${maxBytes} bytes`);
  }
}

/**
 * Where evidence content lives, content-addressed by SHA-256, so the same file uploaded twice is kept
 * once: in the database (evidence_file.bytes) by default, or, with EVIDENCE_DIR, in a directory that
 * several hub processes share, one file per hash (`ab/abcdef…`), written under a temporary name and
 * renamed into place, so a reader never sees half a file. An evidence_file row exists for every
 * content either way (bytes null for the directory); rows with bytes are read from the database
 * whatever the setting, so a hub moved to a directory still serves what it stored before.
 *
 * Ordering that keeps processes sharing one directory safe: a writer takes the evidence_file row
 * first (an upsert that locks it until commit) and only then makes sure the file is in place; the
 * last reference's removal deletes the row and moves the file aside inside one transaction (after
 * the delete statement, which holds the row), and unlinks it after commit. A writer of the same
 * content waits for that transaction, then writes the file again.
 */
export class EvidenceStore {
  constructor(readonly config: EvidenceConfig = DEFAULT_EVIDENCE) {}

  get dir(): string | null {
    return this.config.dir;
  }

  /**
   * Creates the directory (and its staging area) when one is configured; called at start. What a
   * crashed process left staging more than a day ago goes (an upload in flight in another process
   * sharing the directory is younger than that).
   */
  async init(): Promise<void> {
    if (!this.dir) return;
    const staging = join(this.dir, '.staging');
    await mkdir(staging, { recursive: true });
    const dayAgo = Date.now() - 24 * 3600 * 1000;
    for (const name of await readdir(staging)) {
      const left = await stat(join(staging, name)).catch(() => null);
      if (left && left.mtimeMs < dayAgo) await rm(join(staging, name), { recursive: true, force: true });
    }
  }

  /** A staging folder for one request's files: inside the evidence directory (so renames stay on one file system) or the system's temp folder. */
  async stagingArea(): Promise<{ dir: string; dispose(): Promise<void> }> {
    const parent = this.dir ? join(this.dir, '.staging') : tmpdir();
    if (this.dir) await mkdir(parent, { recursive: true });
    const dir = await mkdtemp(join(parent, 'upload-'));
    return { dir, dispose: () => rm(dir, { recursive: true, force: true }) };
  }

  /**
   * Writes a stream to `path` while hashing and counting it; `onChunk` sees every chunk (type checks).
   * More than maxBytes: TooLarge, nothing left behind. `truncated()` reports a limit the multipart
   * parser applied itself (it cuts the stream at the limit instead of failing it).
   */
  async stage(stream: Readable, path: string, onChunk: (chunk: Buffer) => void, truncated: () => boolean): Promise<StagedFile> {
    const hash = createHash('sha256');
    let size = 0;
    const max = this.config.maxBytes;
    const meter = new Transform({
      transform(chunk: Buffer, _enc, done) {
        size += chunk.length;
        if (size > max) return done(new TooLarge(max));
        hash.update(chunk);
        onChunk(chunk);
        done(null, chunk);
      },
    });
    try {
      await pipeline(stream, meter, createWriteStream(path, { flags: 'wx', flush: this.dir != null }));
      if (truncated()) throw new TooLarge(max);
    } catch (error) {
      await rm(path, { force: true });
      throw error;
    }
    return { path, sha256: hash.digest('hex'), size };
  }

  /** Path of a content in the directory. */
  private pathOf(sha256: string): string {
    return join(this.dir!, sha256.slice(0, 2), sha256);
  }

  /**
   * Keeps a staged file's content, inside the caller's transaction: the evidence_file row, locked,
   * and (directory) the file in place. The same content kept before is not written again.
   */
  async keep(em: Em, file: StagedFile): Promise<void> {
    const now = new Date();
    if (!this.dir) {
      // Held already with its bytes: lock the row so a concurrent removal waits for this transaction.
      const held = await selectRows(em, 'update evidence_file set size = size where sha256 = ? and bytes is not null returning sha256', [file.sha256]);
      if (held.length) return;
      const bytes = await readFile(file.path);
      await selectRows(em, 'insert into evidence_file (sha256, size, bytes, created_at) values (?, ?, ?, ?) on conflict (sha256) do update set bytes = excluded.bytes returning sha256', [file.sha256, file.size, bytes, now]);
      return;
    }
    await selectRows(em, 'insert into evidence_file (sha256, size, bytes, created_at) values (?, ?, null, ?) on conflict (sha256) do update set size = excluded.size returning sha256', [file.sha256, file.size, now]);
    const target = this.pathOf(file.sha256);
    if (existsSync(target)) return;
    await mkdir(join(this.dir, file.sha256.slice(0, 2)), { recursive: true });
    // Staged in the same file system and flushed: the rename puts the whole file in place at once.
    // Should the transaction roll back, the file stays without a row: unseen, and reused by the next
    // upload of the same content.
    await rename(file.path, target);
  }

  /**
   * Drops a content no evidence refers to any more, in its own transaction, after the reference was
   * removed: the row goes, and (directory) the file is moved aside before commit and unlinked after.
   * A concurrent upload of the same content that referred to it meanwhile wins (its reference keeps
   * the row: the delete is refused by the foreign key, and the content stays). Returns whether it went.
   */
  async dropIfUnreferenced(requestEm: Em, sha256: string): Promise<boolean> {
    const em = requestEm.fork() as Em;
    let moved: string | null = null;
    try {
      await em.begin();
      const gone = changes(await runInTransaction(em, 'delete from evidence_file where sha256 = ? and not exists (select 1 from evidence where file_sha256 = ?)', [sha256, sha256])) > 0;
      if (gone && this.dir && existsSync(this.pathOf(sha256))) {
        moved = join(this.dir, '.staging', `${sha256}.deleted-${randomBytes(6).toString('hex')}`);
        await mkdir(join(this.dir, '.staging'), { recursive: true });
        await rename(this.pathOf(sha256), moved);
      }
      await em.commit();
      if (moved) await unlink(moved).catch(() => {});
      return gone;
    } catch {
      // Most likely an upload of the same content referred to it meanwhile (the foreign key refuses
      // the delete): it stays. Any other failure leaves a content no evidence shows, nothing worse.
      await em.rollback().catch(() => {});
      if (moved) await rename(moved, this.pathOf(sha256)).catch(() => {});
      return false;
    }
  }

  /**
   * The content to send: from the database in slices of a megabyte (a large value in one row costs
   * node-postgres several times longer than the same bytes in slices, and memory for the whole file),
   * or a stream of the file in the directory. Null when the content is missing.
   */
  async read(em: Em, sha256: string): Promise<Buffer | Readable | null> {
    const slice = (from: number) =>
      selectRows<{ part: Buffer | Uint8Array | null; size: unknown }>(em, 'select substr(bytes, ?, ?) as part, size from evidence_file where sha256 = ?', [from + 1, READ_SLICE, sha256]);
    const [first] = await slice(0);
    if (!first) return null;
    if (first.part != null) {
      const size = Number(first.size);
      const head = asBuffer(first.part);
      if (size <= head.length) return head;
      let offset = head.length;
      let sent = false;
      return new Readable({
        async read() {
          if (!sent) {
            sent = true;
            return void this.push(head);
          }
          if (offset >= size) return void this.push(null);
          try {
            const [row] = await slice(offset);
            // The last reference was removed meanwhile: end short rather than send something else.
            if (!row?.part || !(row.part as Uint8Array).length) return void this.destroy(new Error(`evidence content ${sha256} went while it was read`));
            const part = asBuffer(row.part);
            offset += part.length;
            this.push(part);
          } catch (error) {
            this.destroy(error as Error);
          }
        },
      });
    }
    if (!this.dir) return null;
    const path = this.pathOf(sha256);
    try {
      await stat(path);
    } catch {
      return null;
    }
    return createReadStream(path);
  }
}

const asBuffer = (value: Buffer | Uint8Array) => (Buffer.isBuffer(value) ? value : Buffer.from(value));

/** Bytes per statement when a content is read from the database. */
const READ_SLICE = 1024 * 1024;

/** Rows a write changed, as either engine's driver reports it (PostgreSQL: rowCount; SQLite: changes). */
function changes(result: unknown): number {
  const r = result as { rowCount?: number; changes?: number } | null;
  return Number(r?.rowCount ?? r?.changes ?? 0);
}

/** The store of each hub (one per ORM), for the GraphQL side, which reaches the hub only through its EntityManager. */
const stores = new WeakMap<object, EvidenceStore>();

export function bindEvidenceStore(orm: Orm, store: EvidenceStore): void {
  stores.set(orm.config, store);
}

/** The hub's store; a hub built without one (the CLI) keeps contents in the database. */
export function evidenceStoreOf(em: Em): EvidenceStore {
  return stores.get(em.config) ?? defaultStore;
}
const defaultStore = new EvidenceStore();
