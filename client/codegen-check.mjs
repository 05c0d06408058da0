#!/usr/bin/env node
// Fails when client/src/api/generated/ is not what `npm run codegen` writes from the committed
// schema and the client's operations now: regenerates into a temporary folder and compares.
// Used by `npm run codegen:check` (CI) and tests/client/codegen.test.ts.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const GENERATED = join(ROOT, 'client/src/api/generated');

/** Writes the generated files into `out` (a folder) from the schema and operations as they are. */
export function generate(out) {
  const cli = join(ROOT, 'node_modules/@graphql-codegen/cli/esm/bin.js');
  const res = spawnSync(process.execPath, [cli, '--config', 'client/codegen.ts'], {
    cwd: ROOT,
    env: { ...process.env, CODEGEN_OUT: out.endsWith('/') ? out : `${out}/` },
    encoding: 'utf8',
  });
  // Its progress lines only when it fails: they say which operation or schema field it could not read.
  if (res.status !== 0) throw new Error(`graphql-codegen failed:\n${res.stdout}${res.stderr}`);
}

/** The files of `committed` that differ from a fresh generation (missing, extra or changed). */
export function staleFiles(committed = GENERATED) {
  const fresh = mkdtempSync(join(tmpdir(), 'planhub-codegen-'));
  try {
    generate(fresh);
    const names = new Set([...list(fresh), ...list(committed)]);
    return [...names].filter((name) => read(join(fresh, name)) !== read(join(committed, name))).sort();
  } finally {
    rmSync(fresh, { recursive: true, force: true });
  }
}

const list = (dir) => {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
};
const read = (file) => {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null;
  }
};

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const stale = staleFiles();
  if (stale.length) {
    console.error(`client/src/api/generated/ is stale (${stale.join(', ')}): run npm run codegen and commit the result.`);
    process.exit(1);
  }
  console.log('client/src/api/generated/ is up to date with schema/schema.graphql and the client operations.');
}
