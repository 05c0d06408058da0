// The committed seed (seeds/<plan>.json) is what seeds/tools/build.ts makes of the transcription
// (seeds/transcription/) with the current rules: the two cannot drift apart.
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildSeeds, SEEDS_DIR, transcribedPlans } from '../seeds/tools/build';
import { TRANSCRIPTION_DIR, TranscriptionError } from '../seeds/tools/transcription';
import { DEFAULT_SEED_FILE } from '../server/config';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A copy of the transcription with one file's rows changed by `edit`. */
function editedTranscription(file: string, edit: (rows: any) => void): string {
  const dir = mkdtempSync(join(tmpdir(), 'plan-hub-transcription-'));
  dirs.push(dir);
  cpSync(TRANSCRIPTION_DIR, dir, { recursive: true });
  const rows = JSON.parse(readFileSync(join(dir, file), 'utf8'));
  edit(rows);
  writeFileSync(join(dir, file), JSON.stringify(rows));
  return dir;
}

describe('seeds/ is built from the transcription', () => {
  it('every committed seed file equals what seeds/tools/build.ts writes, and there is one per transcribed plan', async () => {
    const built = await buildSeeds();
    expect([...built.keys()]).toEqual(transcribedPlans().map((code) => `${code}.json`));
    const committed = readdirSync(SEEDS_DIR).filter((f) => f.endsWith('.json')).sort();
    expect(committed).toEqual([...built.keys()].sort());
    for (const [name, text] of built) {
      // A difference here: run `npx tsx seeds/tools/build.ts` and commit seeds/ (see seeds/README.md).
      expect(readFileSync(join(SEEDS_DIR, name), 'utf8'), name).toBe(text);
    }
    expect(join(SEEDS_DIR, 'binjiang-13th.json')).toBe(DEFAULT_SEED_FILE);
  });

  it('the file is the exporter’s whole-plan document, with the transcription’s notes as model fields', () => {
    const doc = JSON.parse(readFileSync(DEFAULT_SEED_FILE, 'utf8'));
    expect(Object.keys(doc)).toEqual(['format', 'plan', 'departments', 'indicators', 'specialTargets', 'rectifications', 'innovationTopics', 'standards']);
    expect(doc.format).toBe('plan-hub/plan@1');
    const transcribed = JSON.parse(readFileSync(join(TRANSCRIPTION_DIR, 'binjiang-13th/indicators.json'), 'utf8'));
    for (const row of transcribed) {
      const out = doc.indicators.find((i: any) => i.seq === row.seq);
      // A repaired unit keeps the cell as written; 同上 keeps what was written and copies the target above.
      expect(out.unitAsWritten, `indicator ${row.seq}`).toBe(row.unitRepair ? row.unitAsWritten : null);
      expect(out.targetAsWritten, `indicator ${row.seq}`).toBe(row.target === '同上' ? '同上' : null);
    }
  });

  it('a transcription the rules refuse builds nothing, naming file, row and column', async () => {
    const dir = editedTranscription('binjiang-13th/indicators.json', (rows) => (rows[0].target = '同上'));
    const error = await buildSeeds(dir).catch((e) => e);
    expect(error).toBeInstanceOf(TranscriptionError);
    expect(error.message).toMatch(/indicators\.json row 1, column target: 同上 on the first row has no row above to copy/);

    const unreadable = editedTranscription('binjiang-13th/indicators.json', (rows) => (rows[3].target = '很多'));
    expect((await buildSeeds(unreadable).catch((e) => e)).message).toMatch(/indicators\.json row 4, column target: cannot read the target "很多"/);
  });
});
