import { describe, expect, it } from 'vitest';
import { TEST_ENGINE } from '../helpers';
import { formatReport, runSoak } from './soak';

/**
 * The short soak (npm run soak is the long one): the same load, the same invariants, 15 seconds.
 * No timing or memory assertions: on a shared machine 15 s says nothing about either.
 */
describe('short soak', () => {
  it('readers of every table, 20 colliding editors, a bulk import and a department page reader at once: no 5xx, no internal error, no lost update, no refused edit stored', async () => {
    const report = await runSoak({ durationMs: 15_000, pgUrl: TEST_ENGINE === 'postgresql' ? process.env.TEST_DATABASE_URL : null });
    console.log(formatReport(report));
    expect(report.problems).toEqual([]);
    expect({ http5xx: report.http5xx, internalErrors: report.internalErrors, networkErrors: report.networkErrors }).toEqual({ http5xx: 0, internalErrors: 0, networkErrors: 0 });
    expect({ lostUpdates: report.lostUpdates, phantomWrites: report.phantomWrites, importMismatches: report.importMismatches }).toEqual({ lostUpdates: 0, phantomWrites: 0, importMismatches: 0 });
    // The load really ran: edits saved and refused, imports applied, every kind of read answered.
    expect(report.edits.acknowledged).toBeGreaterThan(0);
    expect(report.imports.acknowledged).toBeGreaterThan(0);
    expect(report.latencies.map((l) => l.kind)).toEqual(expect.arrayContaining(['edit:one', 'read:departmentPage', 'import:500rows', 'read:row']));
  }, 300_000);
});
