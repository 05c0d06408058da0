/** The markdown table of a run: each engine in its own column, each number beside its floor and target. */

type Any = Record<string, any>;

const n = (x: unknown, digits = 0) => (typeof x === 'number' && Number.isFinite(x) ? x.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits }) : '–');
const ms = (x: unknown) => (typeof x === 'number' ? (x < 1 ? n(x, 2) : x < 10 ? n(x, 1) : n(x, 0)) : '–');
const pct = (x: unknown) => (typeof x === 'number' ? `${Math.round(x * 100)} %` : '–');
const pctFine = (x: unknown) => (typeof x === 'number' ? (x < 0.01 ? `${(x * 100).toFixed(2)} %` : pct(x)) : '–');
const duration = (s: number) => (s < 120 ? `${Math.round(s)} s` : s < 7200 ? `${Math.round(s / 60)} min` : s < 172800 ? `${(s / 3600).toFixed(1)} h` : `${Math.round(s / 86400)} days`);
const FULL = '– (full run only)';
const mark = (ok: unknown) => (ok === true ? ' ✅' : ok === false ? ' ❌' : '');

export function markdown(r: Any): string {
  const engines: [string, Any][] = Object.entries(r.engines);
  const title = (e: string) => (e === 'sqlite' ? 'SQLite' : 'PostgreSQL');
  const head = `| | ${engines.map(([e]) => title(e)).join(' | ')} | target |\n|---|${engines.map(() => '---:|').join('')}---|`;
  const row = (label: string, cell: (e: Any) => string, target = '') => `| ${label} | ${engines.map(([, e]) => cell(e)).join(' | ')} | ${target} |`;
  const m = r.machine;
  const lines = [
    `## Benchmark (${r.mode}, ${r.startedAt.slice(0, 16).replace('T', ' ')} UTC, ${Math.round(r.durationS / 60)} min)`,
    '',
    `Machine: ${m.cores} cores (${m.cpu}), ${m.memoryGb} GB, Node ${m.node}${m.postgresql ? `, PostgreSQL ${m.postgresql} on the same machine` : ''}; ` +
      `load average ${m.loadAvgStart} at the start, ${m.loadAvgEnd} at the end (the machine is shared: compare the ratios, which are measured side by side).`,
    '',
    `Data (100×): ${engines.length ? describe(engines[0][1].growth['100×']) : ''}. Load: autocannon, ${r.settings.connections} connections, ${r.settings.loadSeconds} s per server in ${r.settings.rounds} rounds taken in turns (hello-world, hub, hub without answer cache${r.settings.peers ? ', hub with request log, stack ceiling' : ''}) after a warm-up; latencies are exact per-request durations; server CPU is the server process's user + system time over the requests it answered.`,
    '',
    head,
    row('cross-link req/s (as `npm start` runs the hub: answers cached, checked against the data generation)', (e) => n(e.crossLink.rps)),
    row('cached cross-link with an API token (`Authorization: Bearer`): req/s, ÷ the same without, CPU ms/req', (e) => (e.crossLink.token ? `${n(e.crossLink.token.rps)}, **${pct(e.crossLink.token.ratioToAnonymous)}**${mark(e.targets.tokenHalfOfAnonymous)}, ${ms(e.crossLink.token.serverCpuMsPerRequest)}` : '–'), '≥ 50 %'),
    row('cross-link cache hit rate while a standard is edited every 100 ms (edits made)', (e) => (e.crossLink.underEdits ? `**${pctFine(e.crossLink.underEdits.hitRate)}**${mark(e.targets.hitRateUnderEditsAbove90)} (${e.crossLink.underEdits.edits})` : '–'), '> 90 %'),
    row('cross-link, answer cache off (`RESPONSE_CACHE_MB=0`): req/s, ÷ hello-world, p50 / p99 ms, CPU ms/req', (e) => (e.crossLink.uncached ? `${n(e.crossLink.uncached.rps)}, ${pctFine(e.crossLink.uncached.ratioToHello)}, ${ms(e.crossLink.uncached.p50Ms)} / ${ms(e.crossLink.uncached.p99Ms)}, ${ms(e.crossLink.uncached.serverCpuMsPerRequest)}` : '–'), '÷ hello ≥ 15 %'),
    row('cross-link req/s, every request logged (`LOG_REQUESTS=true`)', (e) => (e.crossLink.requestLog ? n(e.crossLink.requestLog.rps) : FULL)),
    row('hello-world Apollo 5 standalone req/s', (e) => n(e.crossLink.helloRps)),
    row(`**cross-link ÷ hello-world** (median of ${r.settings.rounds} rounds)`, (e) => `**${pctFine(e.crossLink.ratioToHello)}**${mark(e.targets.crossLinkHalfOfHello)} ${e.crossLink.requestLog ? ` (request log ${pctFine(e.crossLink.requestLog.ratioToHello)})` : ''}`, '≥ 50 %'),
    row('server CPU ms per request: cross-link / with request log / hello-world', (e) => `${ms(e.crossLink.serverCpuMsPerRequest)} / ${ms(e.crossLink.requestLog?.serverCpuMsPerRequest)} / ${ms(e.crossLink.hello.serverCpuMsPerRequest)}`),
    row('stack ceiling (same query, Fastify + Apollo, SQL resolvers, no ORM): req/s, ÷ hello-world, CPU ms/req', (e) => (e.crossLink.ceiling ? `${n(e.crossLink.ceiling.rps)}, ${pctFine(e.crossLink.ceiling.ratioToHello)}, ${ms(e.crossLink.ceiling.serverCpuMsPerRequest)}` : FULL)),
    row('cross-link p50 / p99 ms (10 conn.)', (e) => `${ms(e.crossLink.p50Ms)} / ${ms(e.crossLink.p99Ms)}`),
    row('SQL floor p50 ms (4 prepared statements, in-process)', (e) => ms(e.crossLink.sqlFloorP50Ms)),
    row('cross-link: indicators in the answer, SQL statements', (e) => `${e.crossLink.rows}, ${e.crossLink.statements}`),
    row('**SQL statements per grid page of 10 / 100 / 1000**', (e) => `**${[10, 100, 1000].map((k) => e.pageStatements[k]).join(' / ')}**${mark(e.targets.pageStatementsFlat)}`, 'flat'),
    row('SQL statements: all departments with their indicators by plan code and role', (e) => `${e.statements?.departmentsWithArgs ?? '–'}`, 'flat'),
    row('grid page p50 ms, 10 / 100 / 1000 rows (one request at a time)', (e) => [10, 100, 1000].map((k) => ms(e.page[k].p50Ms)).join(' / ')),
    row('grid page p99 ms, 10 / 100 / 1000 rows', (e) => [10, 100, 1000].map((k) => ms(e.page[k].p99Ms)).join(' / ')),
    row('grid page server CPU ms, 10 / 100 / 1000 rows', (e) => [10, 100, 1000].map((k) => ms(e.page[k].serverCpuMsPerRequest)).join(' / '), '100: ≤ 10, 1000: ≤ 40'),
    row(`import rows/s: bulk importer (\`npm run import\`, CSV, ${n(r.settings.bulkRows)} indicators)`, (e) => (e.import?.bulk ? n(e.import.bulk.rowsPerSec) : '–')),
    row('raw insert rows/s (driver, 200-row INSERTs, one transaction, the same rows; better of a run before and after)', (e) => (e.import ? `${n(e.import.rawRowsPerSec)} (${e.import.rawRuns.map((x: number) => n(x)).join(', ')})` : '–')),
    row('**import ÷ raw insert**', (e) => (e.import ? `**${pctFine(e.import.ratio)}**${mark(e.targets.importThirdOfRaw)}${r.mode === 'quick' ? ' (judged at 100,000 rows, in full runs)' : ''}` : '–'), '≥ 33 %'),
    row(`\`npm run seed\` rows/s${r.settings.seedScales?.length ? ` at ${r.settings.seedScales.join('× / ')}× the seed` : ''}`, (e) => (e.import?.seedImporter ? e.import.seedImporter.runs.map((x: Any) => n(x.rowsPerSec)).join(' / ') : FULL)),
    row('  … ÷ raw; time for 100,000 rows (fitted a·n + b·n²)', (e) => (e.import?.seedImporter ? `${pctFine(e.import.seedImporter.ratio)}; ${e.import.seedImporter.extrapolated100kSeconds != null ? duration(e.import.seedImporter.extrapolated100kSeconds) : '–'}` : FULL)),
    row('**cell edit p50 / p99 ms** (100×, 1 conn.)', (e) => `${ms(e.edit.p50Ms)} / **${ms(e.edit.p99Ms)}**${mark(e.targets.editP99Under50Ms)}`, 'p99 < 50 ms'),
    row('cell edit server CPU ms', (e) => ms(e.edit.serverCpuMsPerRequest)),
    row('cell edits, 10 conn.: req/s, p50 / p99 ms', (e) => (e.edit.concurrent ? `${n(e.edit.concurrent.rps)}, ${ms(e.edit.concurrent.p50Ms)} / ${ms(e.edit.concurrent.p99Ms)}` : FULL)),
    row('peak hub RSS MB (VmHWM)', (e) => n(e.peakRssMb)),
    '',
    `**How it grows** (the hubs of all scales, answer cache off, measured in turns, ${r.settings.rounds} rounds; cross-link at 10 connections, req/s ÷ 1×'s in brackets; pages one at a time):`,
    '',
    `| scale | indicators | ${engines.map(([e]) => `${title(e)} cross-link req/s (÷ 1×), p50 ms, floor p50 ms`).join(' | ')} | ${engines.map(([e]) => `${title(e)} page p50 ms 10 / 100 / 1000 (statements)`).join(' | ')} |`,
    `|---|---:|${engines.map(() => '---:|').join('')}${engines.map(() => '---:|').join('')}`,
    ...['1×', '10×', '100×'].map((k) => {
      const any = engines[0]?.[1].growth[k];
      if (!any) return `| ${k} | – (full run only) |${engines.map(() => ' |').join('')}${engines.map(() => ' |').join('')}`;
      return `| ${k} | ${n(any.counts.indicators)} | ${engines.map(([, e]) => {
        const g = e.growth[k];
        return `${n(g.crossLink.rps)} (${pct(g.crossLink.ratioTo1x)}), ${ms(g.crossLink.p50Ms)}, ${ms(g.sqlFloorP50Ms)} (${g.crossLinkRows} rows)`;
      }).join(' | ')} | ${engines.map(([, e]) => {
        const g = e.growth[k];
        return `${[10, 100, 1000].map((p) => ms(g.page[p].p50Ms)).join(' / ')} (${[10, 100, 1000].map((p) => g.page[p].statements).join('/')})`;
      }).join(' | ')} |`;
    }),
    '',
    `Import: ${engines[0]?.[1].import?.path ?? 'not measured'}; raw: ${engines.map(([e, x]) => `${title(e)} ${x.import?.rawPath ?? '–'}`).join('; ')}. Each import starts from a database holding the 500 departments and the plan.`,
    `Cell edits: updateIndicator(patch: { targetText }, expectedVersion), a different row each time; signed in as ${engines[0]?.[1].edit.auth}.`,
    ...(r.notes.length ? ['', ...r.notes.map((x: string) => `Note: ${x}`)] : []),
    ...(r.failures.length ? ['', `**${r.failures.length} check(s) failed:**`, ...r.failures.map((x: string) => `- ${x}`)] : []),
    '',
  ];
  return lines.join('\n');
}

function describe(g: Any): string {
  if (!g) return '';
  const c = g.counts;
  return `${n(c.departments)} departments, ${n(c.indicators)} indicators, ${n(c.specialTargets)} special targets, ${n(c.responsibilities)} responsibilities, ${n(c.links)} special-target↔indicator links; cross-link asks for "${g.department}"`;
}
