import { writeFileSync } from 'node:fs';
import { formatReport, runSoak } from './soak';

/**
 * npm run soak -- [--minutes 10 | --seconds 30] [--pg [postgres://…]] [--editors 20] [--json file]
 * Exits 1 when an invariant fails (a 5xx, an internal error, a lost update, a refused edit stored,
 * an import not as applied, or memory growth of 10 % or more after warm-up).
 */
const args = process.argv.slice(2);
const value = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] && !args[i + 1].startsWith('--') ? args[i + 1] : null;
};
const known = new Set(['--minutes', '--seconds', '--pg', '--editors', '--json']);
for (const a of args) {
  if (a.startsWith('--') && !known.has(a)) {
    console.error(`unknown option ${a}; use --minutes N, --seconds N, --pg [url], --editors N, --json file`);
    process.exit(2);
  }
}
const seconds = value('--seconds') ? Number(value('--seconds')) : Number(value('--minutes') ?? 10) * 60;
if (!Number.isFinite(seconds) || seconds <= 0) {
  console.error('the duration must be a positive number');
  process.exit(2);
}
const pgUrl = args.includes('--pg') ? (value('--pg') ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test') : null;
console.error(`soak: ${seconds} s on ${pgUrl ? 'PostgreSQL' : 'SQLite'}`);
const report = await runSoak({ durationMs: seconds * 1000, pgUrl, editors: Number(value('--editors') ?? 20), log: (l) => console.error(l) });
console.log(formatReport(report));
console.log('\n' + JSON.stringify(report, null, 2));
const json = value('--json');
if (json) writeFileSync(json, JSON.stringify(report, null, 2));
const failed =
  report.http5xx + report.internalErrors + report.networkErrors + report.lostUpdates + report.phantomWrites + report.importMismatches > 0 ||
  !(report.memory.growthPct < 10) ||
  report.edits.acknowledged === 0;
process.exit(failed ? 1 : 0);
