import { describe, expect, it, afterAll, beforeAll } from 'vitest';
import { startHub, type TestHub } from '../helpers';
import { exported, imported } from './support';

/** Issue 10, item 4: each note in Chinese with its English; edits of the Chinese note never leave a stale English one. */
describe('notes and their English', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startHub();
  });
  afterAll(async () => {
    await hub?.close();
  });

  const Q = '{ standard(id: "1") { id responsibilities { note noteEn department { code } } } }';

  it('an edit that keeps the note keeps its English; a new note drops the old English, unless it brings one', async () => {
    const before = (await hub.gql(Q)).standard;
    expect(before.responsibilities[0].noteEn).toMatch(/^Lead: /);
    const set = (r: string) => hub.gql(`mutation { updateStandard(id: "1", patch: { responsibilities: [${r}] }) { version } }`);
    // The same unit and note, as the grid sends them: the English note stays.
    await set(`{ department: "${before.responsibilities[0].department.code}", role: LEAD, note: ${JSON.stringify(before.responsibilities[0].note)} }`);
    expect((await hub.gql(Q)).standard.responsibilities[0].noteEn).toBe(before.responsibilities[0].noteEn);
    await set(`{ department: "${before.responsibilities[0].department.code}", role: LEAD, note: "牵头：另行指定" }`);
    expect((await hub.gql(Q)).standard.responsibilities[0]).toMatchObject({ note: '牵头：另行指定', noteEn: null });
    await set(`{ department: "${before.responsibilities[0].department.code}", role: LEAD, note: "牵头：另行指定", noteEn: "Lead: assigned separately" }`);
    expect((await hub.gql(Q)).standard.responsibilities[0]).toMatchObject({ note: '牵头：另行指定', noteEn: 'Lead: assigned separately' });
  });

  it('a CSV (Chinese notes only) loads back without touching the English notes; whole-plan JSON carries them', async () => {
    const csv = (await exported(hub, 'INDICATORS', 'CSV')).bytes;
    const r = await imported(hub, { table: 'INDICATORS', content: csv, format: 'CSV', dryRun: false });
    expect(r).toMatchObject({ problemCount: 0, updated: 0 });
    const { indicators } = await hub.gql('{ indicators(limit: 100) { items { responsibilities { noteEn } } } }');
    for (const i of indicators.items) for (const x of i.responsibilities) expect(x.noteEn).toMatch(/^(Lead|Support): /);
    const json = JSON.parse((await exported(hub, 'ALL', 'JSON')).bytes.toString('utf8'));
    expect(json.indicators[0].responsibilities[0].noteEn).toMatch(/^Lead: /);
  });
});
