import type { HubProcess } from './hub-process';
import { sqliteRows } from './support';

/** One edit sent to the hub: a single-row update or a batch paste of several rows. */
export interface Attempt {
  kind: 'one' | 'batch';
  rows: { id: string; value: string }[];
  /** performance.now() when it was sent and when its answer came (null: none came). */
  sentAt: number;
  answeredAt: number | null;
  /** ack: the hub answered with the saved rows; refused: with a coded error; unknown: no answer (killed). */
  outcome: 'ack' | 'refused' | 'unknown';
}

const EDIT = 'mutation($id: ID!, $name: String) { updateIndicator(id: $id, patch: { name: $name }) { id version } }';
const BATCH = 'mutation($input: BatchEditInput!) { batchUpdate(input: $input) { indicators { id version } } }';

/**
 * `workers` editors renaming indicators of `pool` as fast as the hub answers, every value unique
 * (`tag`-worker-n-row); a third of the edits are batch pastes of 3 to 10 rows. Runs until stop().
 */
export function startEdits(hub: Pick<HubProcess, 'gql'>, token: string, pool: string[], workers: number, tag: string) {
  const attempts: Attempt[] = [];
  let stopped = false;
  const worker = async (w: number) => {
    for (let n = 0; !stopped; n++) {
      const batch = n % 3 === 2;
      const ids = batch ? [...pool].sort(() => Math.random() - 0.5).slice(0, 3 + Math.floor(Math.random() * 8)) : [pool[Math.floor(Math.random() * pool.length)]];
      const attempt: Attempt = { kind: batch ? 'batch' : 'one', rows: ids.map((id, j) => ({ id, value: `${tag}-w${w}-n${n}-r${j}` })), sentAt: performance.now(), answeredAt: null, outcome: 'unknown' };
      attempts.push(attempt);
      try {
        const res = batch
          ? await hub.gql(BATCH, { input: { indicators: attempt.rows.map((r) => ({ id: r.id, patch: { name: r.value } })) } }, token)
          : await hub.gql(EDIT, { id: ids[0], name: attempt.rows[0].value }, token);
        attempt.answeredAt = performance.now();
        const saved = batch ? res.body?.data?.batchUpdate?.indicators : res.body?.data?.updateIndicator;
        attempt.outcome = saved && !res.body?.errors ? 'ack' : 'refused';
        if (attempt.outcome === 'refused' && res.status >= 500) throw new Error(`HTTP ${res.status}: ${JSON.stringify(res.body)}`);
      } catch (e) {
        if (e instanceof Error && e.message.startsWith('HTTP')) throw e;
        // No answer: the hub was killed (or is gone). The edit may or may not have been committed.
        await new Promise((r) => setTimeout(r, 50));
      }
    }
  };
  const running = Promise.all(Array.from({ length: workers }, (_, w) => worker(w)));
  return {
    attempts,
    acknowledged: () => attempts.filter((a) => a.outcome === 'ack').length,
    /** Whether a batch paste has been sent and not yet answered. */
    batchInFlight: () => attempts.some((a) => a.kind === 'batch' && a.answeredAt === null && a.outcome === 'unknown'),
    async stop() {
      stopped = true;
      await running;
      return attempts;
    },
  };
}

/**
 * Checks a SQLite file against the edits sent: the file is whole; every edit acknowledged at or before
 * `ackedBy` (performance.now() time) is there; no refused edit is; each batch is all there or all
 * absent; no edit sent after `sentAfter` is there; and the audit trail agrees with the rows (each
 * row's name is its newest name entry, and its version is its first version plus its number of entries).
 * Returns the problems found (empty when all hold) and what it saw.
 */
export async function checkEdits(
  file: string,
  attempts: Attempt[],
  pool: { id: string; version: number }[],
  opts: { ackedBy?: number; sentAfter?: number } = {},
): Promise<{ problems: string[]; present: number; acknowledgedChecked: number }> {
  const problems: string[] = [];
  const integrity = await sqliteRows(file, 'pragma integrity_check', [], true);
  if (integrity[0]?.integrity_check !== 'ok') problems.push(`integrity check: ${JSON.stringify(integrity)}`);
  const ids = pool.map((p) => Number(p.id));
  const marks = ids.map(() => '?').join(',');
  const trail = await sqliteRows(file, `select id, entity_id, after, batch_id from audit_entry where entity = 'Indicator' and field = 'name' and entity_id in (${marks}) order by id`, ids.map(String));
  const rows = await sqliteRows(file, `select id, name, version from indicator where id in (${marks})`, ids);
  const inTrail = new Map<string, { rowId: string; batchId: string | null }>();
  for (const e of trail) inTrail.set(`${e.entity_id}:${JSON.parse(e.after)}`, { rowId: String(e.entity_id), batchId: e.batch_id });

  const ackedBy = opts.ackedBy ?? Infinity;
  const sentAfter = opts.sentAfter ?? Infinity;
  let present = 0;
  let acknowledgedChecked = 0;
  const byValue = new Map<string, Attempt>();
  for (const a of attempts) {
    const here = a.rows.filter((r) => inTrail.has(`${r.id}:${r.value}`));
    for (const r of a.rows) byValue.set(`${r.id}:${r.value}`, a);
    present += here.length ? 1 : 0;
    if (here.length && here.length !== a.rows.length) problems.push(`${a.kind} ${a.rows[0].value}: ${here.length} of ${a.rows.length} rows saved (half a batch)`);
    if (a.outcome === 'ack' && a.answeredAt! <= ackedBy) {
      acknowledgedChecked++;
      if (here.length !== a.rows.length) problems.push(`acknowledged ${a.kind} ${a.rows[0].value} is missing`);
    }
    if (a.outcome === 'refused' && here.length) problems.push(`refused ${a.kind} ${a.rows[0].value} was saved`);
    if (a.sentAt > sentAfter && here.length) problems.push(`${a.kind} ${a.rows[0].value}, sent after the copy was taken, is in it`);
    if (a.kind === 'batch' && here.length > 1 && new Set(here.map((r) => inTrail.get(`${r.id}:${r.value}`)!.batchId)).size !== 1) {
      problems.push(`batch ${a.rows[0].value}: its audit entries do not share one batch id`);
    }
  }
  // Audit entries this run wrote must all come from an edit it sent.
  const tag = attempts[0]?.rows[0].value.split('-w')[0];
  for (const [key] of inTrail) if (tag && key.includes(`:${tag}-`) && !byValue.has(key)) problems.push(`audit entry ${key} matches no edit sent`);
  // The trail agrees with the data.
  for (const p of pool) {
    const row = rows.find((r) => String(r.id) === p.id);
    const entries = trail.filter((e) => String(e.entity_id) === p.id);
    const since = entries.filter((e) => byValue.has(`${p.id}:${JSON.parse(e.after)}`));
    if (!row) {
      problems.push(`indicator ${p.id} is gone`);
      continue;
    }
    if (entries.length && row.name !== JSON.parse(entries[entries.length - 1].after)) problems.push(`indicator ${p.id} is named ${row.name}, its newest audit entry says ${entries[entries.length - 1].after}`);
    if (row.version !== p.version + since.length) problems.push(`indicator ${p.id} is at version ${row.version}: ${p.version} + ${since.length} audited edits expected`);
  }
  return { problems, present, acknowledgedChecked };
}
