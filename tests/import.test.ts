// The seed path (npm run seed, the first start): seeds/binjiang-13th.json loaded by server/seed.ts
// through the transfer import, as the system actor, in one transaction.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, afterAll, beforeAll } from 'vitest';
import { seedFromFile } from '../server/seed';
import { DEFAULT_SEED_FILE } from '../server/config';
import { startHub, type TestHub } from './helpers';

/** Every row of every table with its version, as the API shows it. */
async function snapshot(hub: TestHub) {
  return hub.gql(`{
    departments { code name nameEn aliases version }
    plans { code version }
    indicators(limit: 1000) { items { seq name targetText targetKind attribute version responsibilities { role note department { code } } specialTargets { seq } } }
    specialTargets(limit: 1000) { items { seq title assessmentMethods version indicators { seq } } }
    rectifications(limit: 1000) { items { seq plan version } }
    innovationTopics(limit: 1000) { items { seq sources version } }
    standards(limit: 1000) { items { seq name releaseYear version } }
  }`);
}

const dir = mkdtempSync(join(tmpdir(), 'plan-hub-seed-'));

/** A copy of the seed with `edit` applied to the parsed document (or the text replaced). */
function editedSeed(edit: ((doc: any) => void) | string): string {
  const path = join(dir, `seed-${Math.random().toString(36).slice(2)}.json`);
  if (typeof edit === 'string') writeFileSync(path, edit);
  else {
    const doc = JSON.parse(readFileSync(DEFAULT_SEED_FILE, 'utf8'));
    edit(doc);
    writeFileSync(path, JSON.stringify(doc, null, 1));
  }
  return path;
}

describe('seed import (npm run seed)', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startHub();
  });
  afterAll(async () => {
    await hub.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('the first start loaded the whole seed file; a second load changes nothing, versions and row counts included', async () => {
    const before = await snapshot(hub);
    expect(before.indicators.items).toHaveLength(24);
    expect(before.indicators.items.every((i: any) => i.version === 1)).toBe(true);
    const doc = JSON.parse(readFileSync(DEFAULT_SEED_FILE, 'utf8'));
    expect(before.departments.map((d: any) => d.code).sort()).toEqual(doc.departments.map((d: any) => d.code).sort());
    const report = await seedFromFile(hub.orm, DEFAULT_SEED_FILE);
    expect(report).toMatchObject({ applied: true, planCode: 'binjiang-13th', created: 0, updated: 0, problemCount: 0 });
    expect(report.unchanged).toBe(1 + before.departments.length + 24 + 10 + 5 + 5 + 9);
    expect(await snapshot(hub)).toEqual(before);
  });

  const refusals: [string, (doc: any) => void, { table: string; row: number | null; column: RegExp; reason: RegExp }][] = [
    ['an unknown department', (d) => (d.standards[3].responsibilities[0].department = '区外星局'), { table: 'standards', row: 4, column: /^responsibilities/, reason: /区外星局/ }],
    ['an empty name', (d) => (d.indicators[5].name = ''), { table: 'indicators', row: 6, column: /^name$/, reason: /empty|required|must/ }],
    ['a negative seq', (d) => (d.rectifications[1].seq = -2), { table: 'rectifications', row: 2, column: /^seq$/, reason: /positive|integer|seq/ }],
    ['an unknown attribute', (d) => (d.indicators[2].attribute = '随便'), { table: 'indicators', row: 3, column: /^attribute$/, reason: /随便/ }],
    ['an unknown assessment method', (d) => d.specialTargets[9].assessmentMethods.push('抽签'), { table: 'specialTargets', row: 10, column: /^assessmentMethods$/, reason: /抽签/ }],
    ['a link to a missing indicator', (d) => d.specialTargets[0].indicators.push(99), { table: 'specialTargets', row: 1, column: /^indicators$/, reason: /99/ }],
    ['a wrong type', (d) => (d.standards[0].releaseYear = 'next year'), { table: 'standards', row: 1, column: /^releaseYear$/, reason: /year|integer|number/ }],
    ['an alias that names another department', (d) => d.departments[0].aliases.push('住建'), { table: 'departments', row: 1, column: /^aliases/, reason: /住建/ }],
  ];

  for (const [what, edit, expected] of refusals) {
    it(`refuses ${what} with table, row, column and reason, and changes nothing`, async () => {
      const before = await snapshot(hub);
      // Something valid is changed earlier in the same file, so atomicity is really tested.
      const path = editedSeed((d) => {
        d.departments[d.departments.length - 1].nameEn += ' (renamed)';
        edit(d);
      });
      const report = await seedFromFile(hub.orm, path, { throwOnProblems: false });
      expect(report.applied).toBe(false);
      expect(report.problemCount).toBeGreaterThanOrEqual(1);
      const problem = report.problems.find((p) => p.table === expected.table && p.row === expected.row);
      expect(problem, JSON.stringify(report.problems)).toBeDefined();
      expect(problem!.column).toMatch(expected.column);
      expect(problem!.reason).toMatch(expected.reason);
      // As the first start and `npm run seed` see it: a coded error that names the first problem.
      const error = await seedFromFile(hub.orm, path).catch((e) => e);
      expect(error.extensions?.code ?? error.code).toBe('BAD_USER_INPUT');
      expect(error.message).toMatch(/import refused, nothing was changed/);
      expect(await snapshot(hub)).toEqual(before);
    });
  }

  it('refuses a file that is not JSON, and a missing file, changing nothing', async () => {
    const before = await snapshot(hub);
    const error = await seedFromFile(hub.orm, editedSeed('{"format": "plan-hub/plan@1", "plan": {')).catch((e) => e);
    expect(error.code).toBe('BAD_USER_INPUT');
    expect(error.message).toMatch(/JSON/);
    const missing = await seedFromFile(hub.orm, join(dir, 'nothing-here.json')).catch((e) => e);
    expect(missing.code).toBe('BAD_USER_INPUT');
    expect(missing.message).toMatch(/SEED_FILE: no seed file at .*nothing-here\.json/);
    expect(await snapshot(hub)).toEqual(before);
  });

  it('a changed value in the file updates just that row, once', async () => {
    const path = editedSeed((d) => (d.standards[8].releaseYear = 2019));
    const report = await seedFromFile(hub.orm, path);
    expect(report).toMatchObject({ applied: true, created: 0, updated: 1 });
    const d = await hub.gql('{ standards(filter: { releaseYear: 2019 }) { items { seq version } } }');
    expect(d.standards.items).toEqual([{ seq: 9, version: 2 }]);
    expect((await seedFromFile(hub.orm, path)).updated).toBe(0);
  });
});
