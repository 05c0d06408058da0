// The seed build (seeds/tools) checks the transcription's milestones: each text must occur verbatim
// in its special target's content, each value must meet the API's rules; a slip refuses the build,
// naming the file, the row and the milestone. The built seed carries them (seed-fidelity checks
// them against the source text; milestones.test.ts serves them).
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildSeeds } from '../seeds/tools/build';
import { TRANSCRIPTION_DIR, TranscriptionError } from '../seeds/tools/transcription';
import { DEFAULT_SEED_FILE } from '../server/config';

const FILE = 'binjiang-13th/special-targets.json';
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function edited(edit: (rows: any[]) => void): string {
  const dir = mkdtempSync(join(tmpdir(), 'plan-hub-milestones-'));
  dirs.push(dir);
  cpSync(TRANSCRIPTION_DIR, dir, { recursive: true });
  const rows = JSON.parse(readFileSync(join(dir, FILE), 'utf8'));
  edit(rows);
  writeFileSync(join(dir, FILE), JSON.stringify(rows));
  return dir;
}

async function refusal(edit: (rows: any[]) => void): Promise<TranscriptionError> {
  const error = await buildSeeds(edited(edit)).then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(TranscriptionError);
  return error as TranscriptionError;
}

describe('the seed build checks the milestones', () => {
  it('the committed seed carries the 46 under their special targets', () => {
    const doc = JSON.parse(readFileSync(DEFAULT_SEED_FILE, 'utf8'));
    expect(doc.specialTargets.map((s: any) => s.milestones.length)).toEqual([1, 7, 14, 2, 4, 15, 1, 1, 1, 0]);
    expect(doc.specialTargets[2].milestones[7]).toEqual({ seq: 8, text: '重点培育贝壳社、六和桥、楼友会等50家众创空间、孵化器', name: '重点培育的众创空间、孵化器', value: 50, unit: '家', year: 2020, cumulative: false });
  });

  it('a text that does not occur verbatim in the content refuses the build', async () => {
    const e = await refusal((rows) => (rows[1].milestones[3].text = '上市企业150家'));
    expect([e.file, e.row, e.column]).toEqual([FILE, 2, 'milestones[3].text']);
    expect(e.reason).toBe('"上市企业150家" does not occur verbatim in the content of special target 2');
  });

  it('a value the API refuses, a seq given twice or a list that is not one refuses the build', async () => {
    let e = await refusal((rows) => (rows[0].milestones[0].value = 'lots'));
    expect([e.row, e.column]).toEqual([1, 'milestones[0].value']);
    e = await refusal((rows) => (rows[2].milestones[1].seq = 1));
    expect([e.row, e.column]).toEqual([3, 'milestones[1].seq']);
    e = await refusal((rows) => (rows[3].milestones = { seq: 1 }));
    expect([e.row, e.column, e.reason]).toEqual([4, 'milestones', 'expected an array of milestones']);
  });
});
