#!/usr/bin/env node
// Builds the admin UI (client/dist) with Vite when the build is missing or older than its sources.
// Run by `npm start` (prestart) and by the browser tests; `--force` rebuilds regardless. A failed
// build stops `npm start` only with `--strict`: otherwise the API starts anyway, serving the
// previous build (or a placeholder page).
// Concurrent runs (parallel test files) take turns through a lock directory, and each build is
// written beside dist and swapped in, so a server never sees a half-written dist.
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const CLIENT = dirname(fileURLToPath(import.meta.url));
const ROOT = dirname(CLIENT);
const DIST = join(CLIENT, 'dist');
const STAMP = join(DIST, '.built');
const WORK = join(ROOT, 'node_modules', '.cache', 'plan-hub-client');
const LOCK = join(WORK, 'lock');
const SOURCES = ['index.html', 'vite.config.ts', 'src', 'public'].map((p) => join(CLIENT, p));
// README.md: the GraphQL explorer's example tabs are its example queries. Shared with the server and
// bundled into the client: the numeric field rules (the column and enum words come from the table
// descriptors through src/tables/descriptors.generated.ts).
const EXTRA = [join(ROOT, 'package-lock.json'), join(ROOT, 'README.md'), join(ROOT, 'schema', 'common', 'number-rules.ts')];

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

export function isStale() {
  if (!existsSync(STAMP) || !existsSync(join(DIST, 'index.html'))) return true;
  const built = statSync(STAMP).mtimeMs;
  return [...SOURCES, ...EXTRA].some((p) => newestMtime(p) > built);
}

/** .br and .gz beside each text file: the server sends them as they are (server/ui.ts). */
function precompress(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) precompress(path);
    else if (/\.(js|css|html|svg|json)$/.test(entry.name)) {
      const data = readFileSync(path);
      if (data.length < 1024) continue;
      writeFileSync(`${path}.br`, brotliCompressSync(data, { params: { [zlib.BROTLI_PARAM_QUALITY]: 9 } }));
      writeFileSync(`${path}.gz`, gzipSync(data, { level: 9 }));
    }
  }
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function withLock(fn) {
  mkdirSync(WORK, { recursive: true });
  const deadline = Date.now() + 5 * 60_000;
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch (e) {
      if (e.code !== 'EEXIST') throw e;
      // A lock left by a killed build is older than any real build takes.
      if (Date.now() - statSync(LOCK, { throwIfNoEntry: false })?.mtimeMs > 3 * 60_000) rmSync(LOCK, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error(`client build: waited 5 minutes for ${LOCK}; remove it if no build is running`);
      await sleep(250);
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

export async function buildIfStale({ force = false, quiet = false } = {}) {
  if (!force && !isStale()) {
    if (!quiet) console.log('client: build is up to date (client/dist)');
    return false;
  }
  return withLock(async () => {
    if (!force && !isStale()) return false; // another process built it while we waited
    const started = Date.now();
    const out = join(WORK, `dist-${process.pid}`);
    rmSync(out, { recursive: true, force: true });
    // A test runner's NODE_ENV=test would give React's development build.
    process.env.NODE_ENV = 'production';
    const { build } = await import('vite');
    await build({
      configFile: join(CLIENT, 'vite.config.ts'),
      mode: 'production',
      logLevel: quiet ? 'warn' : 'info',
      build: { outDir: out, emptyOutDir: true },
    });
    precompress(out);
    // Stamped with the start time: a source saved during the build makes the next run build again.
    writeFileSync(join(out, '.built'), new Date(started).toISOString());
    utimesSync(join(out, '.built'), new Date(started), new Date(started));
    const old = join(WORK, `old-${process.pid}`);
    if (existsSync(DIST)) renameSync(DIST, old);
    renameSync(out, DIST);
    rmSync(old, { recursive: true, force: true });
    if (!quiet) console.log(`client: built client/dist in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return true;
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = process.argv.slice(2);
  buildIfStale({ force: args.includes('--force'), quiet: args.includes('--quiet') }).catch((e) => {
    console.error(`client: the build failed: ${e instanceof Error ? e.message : e}`);
    if (args.includes('--strict')) process.exit(1);
    console.error(existsSync(join(DIST, 'index.html')) ? 'client: serving the previous build (client/dist)' : 'client: no build yet; the server shows a placeholder page at /');
  });
}
