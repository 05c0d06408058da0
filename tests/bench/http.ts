/** Server processes under test, their memory, and load from autocannon with exact latencies. */
import { spawn, type ChildProcess } from 'node:child_process';
import { openSync, closeSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface Server {
  name: string;
  port: number;
  url: string;
  proc: ChildProcess;
  /** Highest VmHWM (peak resident set) seen, in MB. */
  peakRssMb(): number;
  stop(): Promise<void>;
}

let nextPort = 20000 + (process.pid % 10000) * 2;
const running = new Set<Server>();

function vmHwmMb(pid: number): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

/**
 * Starts a process the way `npm start` starts the hub (`node --import tsx <entry>`, which is what
 * the tsx CLI runs, minus the CLI's own wrapper process, so the pid is the server's) and waits
 * until `readyPath` answers. stdout/stderr go to `logFile`, as a service manager would keep them.
 */
export async function startServer(name: string, entry: string, env: Record<string, string | undefined>, logFile: string, readyPath = '/health'): Promise<Server> {
  const port = nextPort++;
  const out = openSync(logFile, 'a');
  const childEnv: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), HOST: '127.0.0.1' };
  for (const [k, v] of Object.entries(env)) {
    if (v === undefined) delete childEnv[k];
    else childEnv[k] = v;
  }
  const proc = spawn(process.execPath, ['--import', 'tsx', entry], { cwd: ROOT, env: childEnv, stdio: ['ignore', out, out] });
  closeSync(out);
  let peak = 0;
  const sampler = setInterval(() => (peak = Math.max(peak, vmHwmMb(proc.pid!))), 250);
  const server: Server = {
    name,
    port,
    url: `http://127.0.0.1:${port}`,
    proc,
    peakRssMb: () => (peak = Math.max(peak, proc.exitCode == null ? vmHwmMb(proc.pid!) : 0)),
    async stop() {
      running.delete(server);
      server.peakRssMb();
      clearInterval(sampler);
      if (proc.exitCode != null || proc.signalCode != null) return;
      const exited = new Promise((r) => proc.once('exit', r));
      proc.kill('SIGTERM');
      const timer = setTimeout(() => proc.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
  running.add(server);
  const started = Date.now();
  while (Date.now() - started < 60_000) {
    if (proc.exitCode != null) break;
    try {
      const res = await fetch(server.url + readyPath, readyPath === '/health' ? {} : { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' });
      if (res.ok) return server;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  await server.stop();
  const log = readFileSync(logFile, 'utf8').split('\n').slice(-30).join('\n');
  throw new Error(`${name} did not start on port ${port}; the end of ${logFile}:\n${log}`);
}

/** Stops every server this process started (also after a failure). */
export async function stopAll() {
  for (const s of [...running]) await s.stop();
}

/** CPU seconds (user + system) the process has used so far. */
export function cpuSeconds(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100)
  } catch {
    return NaN;
  }
}

export interface LoadResult {
  requests: number;
  /** Server CPU time per request (ms) and the share of one core it used: independent of how busy the machine is. */
  serverCpuMsPerRequest?: number;
  serverCpuCores?: number;
  /** req/s of each round, when measured in rounds. */
  roundsRps?: number[];
  rps: number;
  p50Ms: number;
  p99Ms: number;
  meanMs: number;
  errors: number;
  non2xx: number;
  mismatches: number;
  connections: number;
  durationS: number;
}

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

export const round = (x: number, digits = 2) => (Number.isFinite(x) ? Number(x.toFixed(digits)) : x);

export interface LoadOptions {
  url: string;
  connections: number;
  durationS: number;
  body?: string;
  headers?: Record<string, string>;
  /** Every response must equal this (counted in `mismatches`, and the run fails on any). */
  expectBody?: string;
  requests?: autocannon.Request[];
  warmupS?: number;
  /** The server's pid, to account its CPU time. */
  pid?: number;
}

/** Raw numbers of one or more autocannon runs against one target, before percentiles. */
class Tally {
  latencies: number[] = [];
  requests = 0;
  seconds = 0;
  cpu = 0;
  errors = 0;
  non2xx = 0;
  mismatches = 0;
  rounds: number[] = [];
  private size = -1;

  constructor(private readonly o: LoadOptions) {}

  private options(): { opts: autocannon.Options; exact: boolean } {
    const o = this.o;
    const opts: autocannon.Options = { url: o.url, method: 'POST', headers: { 'content-type': 'application/json', ...o.headers }, connections: o.connections };
    if (o.body !== undefined) opts.body = o.body;
    if (o.requests) opts.requests = o.requests;
    // autocannon decodes each network chunk of a body on its own, so a UTF-8 character split between
    // chunks (Chinese text, large answers) reads as a mismatch: beyond one chunk, every answer's size
    // must equal the first one's instead.
    const exact = o.expectBody !== undefined && Buffer.byteLength(o.expectBody) <= 16_384;
    if (exact) opts.expectBody = o.expectBody;
    return { opts, exact };
  }

  async warmup(seconds: number) {
    await run({ ...this.options().opts, duration: seconds }, () => {});
  }

  /** One timed slice; returns its requests/s. */
  async slice(seconds: number): Promise<number> {
    const { opts, exact } = this.options();
    const cpu0 = this.o.pid ? cpuSeconds(this.o.pid) : NaN;
    const result = await run({ ...opts, duration: seconds }, (status, ms, bytes) => {
      if (status >= 200 && status < 300) this.latencies.push(ms);
      if (this.o.expectBody !== undefined && !exact) {
        if (this.size < 0) this.size = bytes;
        else if (bytes !== this.size) this.mismatches++;
      }
    });
    if (this.o.pid) this.cpu += cpuSeconds(this.o.pid) - cpu0;
    this.requests += result.requests.total;
    this.seconds += result.duration;
    this.errors += result.errors + result.timeouts;
    this.non2xx += result.non2xx;
    this.mismatches += result.mismatches ?? 0;
    const rps = result.requests.total / result.duration;
    this.rounds.push(round(rps, 0));
    return rps;
  }

  result(): LoadResult {
    const l = this.latencies.sort((a, b) => a - b);
    return {
      ...(this.o.pid ? { serverCpuMsPerRequest: round((this.cpu * 1000) / Math.max(1, this.requests), 3), serverCpuCores: round(this.cpu / this.seconds, 2) } : {}),
      requests: this.requests,
      rps: round(this.requests / this.seconds, 0),
      p50Ms: round(percentile(l, 50), 3),
      p99Ms: round(percentile(l, 99), 3),
      meanMs: round(l.reduce((a, b) => a + b, 0) / (l.length || 1), 3),
      errors: this.errors,
      non2xx: this.non2xx,
      mismatches: this.mismatches,
      connections: this.o.connections,
      durationS: round(this.seconds, 2),
      ...(this.rounds.length > 1 ? { roundsRps: this.rounds } : {}),
    };
  }
}

/**
 * autocannon at fixed concurrency. Latencies are taken from each response's exact duration
 * (autocannon's own histogram keeps whole milliseconds, too coarse for sub-millisecond answers).
 */
export async function load(o: LoadOptions): Promise<LoadResult> {
  const t = new Tally(o);
  if (o.warmupS) await t.warmup(o.warmupS);
  await t.slice(o.durationS);
  return t.result();
}

/**
 * Several targets measured side by side: after a warm-up each, `rounds` rounds in which every target
 * gets `secondsPerRound` of load in turn (the order rotating), so a burst of load from elsewhere on a
 * shared machine falls on all of them alike. `ratios[name]` is the median over rounds of the target's
 * req/s divided by the first target's in the same round.
 */
export async function sideBySide(targets: (LoadOptions & { name: string })[], rounds: number, secondsPerRound: number, warmupS: number) {
  const tallies = targets.map((t) => new Tally(t));
  for (const t of tallies) await t.warmup(warmupS);
  const perRound: number[][] = [];
  for (let r = 0; r < rounds; r++) {
    const rps: number[] = new Array(targets.length);
    for (let k = 0; k < targets.length; k++) {
      const i = (k + r) % targets.length;
      rps[i] = await tallies[i].slice(secondsPerRound);
    }
    perRound.push(rps);
  }
  const median = (xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  };
  const results: Record<string, LoadResult> = {};
  const ratios: Record<string, number> = {};
  targets.forEach((t, i) => {
    results[t.name] = tallies[i].result();
    ratios[t.name] = round(median(perRound.map((rps) => rps[i] / rps[0])), 3);
  });
  return { results, ratios };
}

function run(opts: autocannon.Options, onResponse: (status: number, ms: number, bytes: number) => void): Promise<autocannon.Result> {
  return new Promise((ok, fail) => {
    const instance = autocannon(opts, (err, res) => (err ? fail(err) : ok(res)));
    instance.on('response', (_client: unknown, status: number, bytes: number, ms: number) => onResponse(status, ms, bytes));
  });
}

/** One GraphQL request over HTTP, with its errors thrown. */
export async function gql<T = any>(url: string, query: string, variables?: Record<string, unknown>, headers: Record<string, string> = {}): Promise<{ data: T; text: string }> {
  const res = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }) });
  const text = await res.text();
  let body: any;
  try {
    body = JSON.parse(text);
  } catch {
    throw new Error(`${url}: HTTP ${res.status}, not JSON: ${text.slice(0, 300)}`);
  }
  if (!res.ok || body.errors?.length) throw new Error(`${url}: HTTP ${res.status}: ${JSON.stringify(body.errors ?? body).slice(0, 600)}`);
  return { data: body.data as T, text };
}

/**
 * One request at a time, as one user paging a grid, in slices that can be taken in turns with other
 * servers. Every answer must be 200, without GraphQL errors, and the same size as the first.
 */
export class Sequential {
  private times: number[] = [];
  private bytes = -1;
  private bad = 0;
  private mismatches = 0;
  private cpu = 0;
  private seconds = 0;

  constructor(
    private readonly url: string,
    private readonly payload: string,
    private readonly pid?: number,
  ) {}

  private async post() {
    const t = performance.now();
    const res = await fetch(this.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: this.payload });
    const buf = Buffer.from(await res.arrayBuffer());
    return { ms: performance.now() - t, ok: res.ok && !buf.subarray(0, 12).toString().startsWith('{"errors"'), bytes: buf.length };
  }

  /** Requests for at least `budgetS` seconds and `minRuns` runs (the first slice starts with an uncounted warm-up). */
  async slice(budgetS: number, minRuns: number) {
    if (this.bytes < 0) this.bytes = (await this.post()).bytes;
    const cpu0 = this.pid ? cpuSeconds(this.pid) : 0;
    const t0 = performance.now();
    let runs = 0;
    while (performance.now() - t0 < budgetS * 1000 || runs < minRuns) {
      const r = await this.post();
      runs++;
      this.times.push(r.ms);
      if (!r.ok) this.bad++;
      else if (r.bytes !== this.bytes) this.mismatches++;
    }
    this.seconds += (performance.now() - t0) / 1000;
    if (this.pid) this.cpu += cpuSeconds(this.pid) - cpu0;
  }

  result(): LoadResult & { bytes: number } {
    const times = [...this.times].sort((a, b) => a - b);
    return {
      ...(this.pid ? { serverCpuMsPerRequest: round((this.cpu * 1000) / Math.max(1, times.length), 3), serverCpuCores: round(this.cpu / this.seconds, 2) } : {}),
      requests: times.length,
      rps: round(times.length / this.seconds, 1),
      p50Ms: round(percentile(times, 50), 3),
      p99Ms: round(percentile(times, 99), 3),
      meanMs: round(times.reduce((a, b) => a + b, 0) / Math.max(1, times.length), 3),
      errors: this.bad,
      non2xx: 0,
      mismatches: this.mismatches,
      connections: 1,
      durationS: round(this.seconds, 2),
      bytes: this.bytes,
    };
  }
}
