import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, afterAll, beforeAll } from 'vitest';
import { importSeeds, SeedError, SEEDS_DIR } from '../seeds/importer';
import { startHub, type TestHub } from './helpers';

/** Every row of every table with its version, as the API shows it. */
async function snapshot(hub: TestHub) {
  return hub.gql(`{
    departments { code name nameEn aliases version }
    plans { code version }
    indicators(limit: 1000) { items { seq targetText targetKind version responsibilities { role note department { code } } specialTargets { seq } } }
    specialTargets(limit: 1000) { items { seq title assessmentMethods version indicators { seq } } }
    rectifications(limit: 1000) { items { seq plan version } }
    innovationTopics(limit: 1000) { items { seq sources version } }
    standards(limit: 1000) { items { seq name releaseYear version } }
  }`);
}

/** A copy of seeds/ with one file changed by `edit`. */
function brokenSeeds(file: string, edit: (rows: any) => void): string {
  const dir = mkdtempSync(join(tmpdir(), 'plan-hub-seeds-'));
  cpSync(SEEDS_DIR, dir, { recursive: true });
  const rows = JSON.parse(readFileSync(join(dir, file), 'utf8'));
  edit(rows);
  writeFileSync(join(dir, file), JSON.stringify(rows));
  return dir;
}

describe('seed import', () => {
  let hub: TestHub;
  let dirs: string[] = [];
  beforeAll(async () => {
    hub = await startHub();
  });
  afterAll(async () => {
    await hub.close();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('is idempotent: a second run changes nothing, versions and row counts included', async () => {
    const before = await snapshot(hub);
    expect(before.indicators.items).toHaveLength(24);
    expect(before.indicators.items.every((i: any) => i.version === 1)).toBe(true);
    const report = await importSeeds(hub.orm);
    expect(report).toMatchObject({ plans: ['binjiang-13th'], created: 0, updated: 0 });
    expect(report.unchanged).toBe(before.departments.length + 24 + 10 + 5 + 5 + 9);
    expect(await snapshot(hub)).toEqual(before);
  });

  const refusals: [string, string, (rows: any) => void, RegExp][] = [
    ['an unknown department', 'binjiang-13th/standards.json', (r) => (r[3].responsibilities[0].department = '区外星局'), /standards\.json row 4, column responsibilities\[0\]\.department: unknown department "区外星局"/],
    ['an empty name', 'binjiang-13th/indicators.json', (r) => (r[5].name = ''), /indicators\.json row 6, column name: name must not be empty/],
    ['a negative seq', 'binjiang-13th/rectifications.json', (r) => (r[1].seq = -2), /rectifications\.json row 2, column seq: seq must be a positive integer/],
    ['an unreadable target', 'binjiang-13th/indicators.json', (r) => (r[0].target = '很多'), /indicators\.json row 1, column target: cannot read the target "很多"/],
    ['an unknown attribute', 'binjiang-13th/indicators.json', (r) => (r[2].attribute = '随便'), /indicators\.json row 3, column attribute: unknown attribute "随便"/],
    ['an unknown assessment method', 'binjiang-13th/special-targets.json', (r) => r[9].assessmentMethods.push('抽签'), /special-targets\.json row 10, column assessmentMethods: unknown assessment method "抽签"/],
    ['a link to a missing indicator', 'binjiang-13th/special-targets.json', (r) => r[0].indicatorLinks.push({ seq: 99 }), /special-targets\.json row 1, column indicatorLinks: no indicator with seq 99/],
    ['a wrong type', 'binjiang-13th/standards.json', (r) => (r[0].releaseYear = 'next year'), /standards\.json row 1, column releaseYear: releaseYear must be a year/],
    ['an alias that names another department', 'departments.json', (r) => r[0].aliases.push('住建'), /departments\.json row 1, column aliases\[\d+\]: "住建" already names 区住建局/],
  ];

  for (const [what, file, edit, message] of refusals) {
    it(`refuses ${what} with file, row, column and reason, and changes nothing`, async () => {
      const before = await snapshot(hub);
      // Something valid is changed earlier in the same run, so atomicity is really tested.
      const dir = brokenSeeds(file, edit);
      dirs.push(dir);
      const deps = JSON.parse(readFileSync(join(dir, 'departments.json'), 'utf8'));
      deps[deps.length - 1].nameEn += ' (renamed)';
      writeFileSync(join(dir, 'departments.json'), JSON.stringify(deps));
      const error = await importSeeds(hub.orm, dir).catch((e) => e);
      expect(error).toBeInstanceOf(SeedError);
      expect(error.message).toMatch(message);
      expect(await snapshot(hub)).toEqual(before);
    });
  }

  it('refuses a file that is not JSON', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'plan-hub-seeds-'));
    dirs.push(dir);
    cpSync(SEEDS_DIR, dir, { recursive: true });
    writeFileSync(join(dir, 'binjiang-13th/standards.json'), '[{"seq": 1,');
    const error = await importSeeds(hub.orm, dir).catch((e) => e);
    expect(error).toBeInstanceOf(SeedError);
    expect(error.message).toMatch(/standards\.json: not valid JSON/);
  });

  it('a changed value in the file updates just that row, once', async () => {
    const dir = brokenSeeds('binjiang-13th/standards.json', (r) => (r[8].releaseYear = 2019));
    dirs.push(dir);
    const report = await importSeeds(hub.orm, dir);
    expect(report).toMatchObject({ created: 0, updated: 1 });
    const d = await hub.gql('{ standards(filter: { releaseYear: 2019 }) { items { seq version } } }');
    expect(d.standards.items).toEqual([{ seq: 9, version: 2 }]);
    expect((await importSeeds(hub.orm, dir)).updated).toBe(0);
  });
});
