import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

/**
 * Builds client/dist once before the test files start when browser tests are in the run (the
 * whole suite, or a browser test file named): a build (GraphiQL's editor makes it tens of seconds
 * on a busy machine) then counts against no test's hook timeout. Each browser test file still
 * checks that the build is fresh (support.ts), which costs nothing when it is. When the build is
 * fresh (client/build-if-stale.mjs compares it with the client's sources) nothing is built.
 *
 * Asynchronous, so tests/global-setup.ts prepares Chromium meanwhile.
 */
export async function buildClientForRun(argv = process.argv.slice(2)) {
  if (!browserTestsInRun(argv)) return;
  const root = fileURLToPath(new URL('../../', import.meta.url));
  const { stdout, stderr } = await promisify(execFile)(process.execPath, ['client/build-if-stale.mjs', '--quiet', '--strict'], { cwd: root, maxBuffer: 64 * 1024 * 1024 }).catch((e: Error & { stdout?: string; stderr?: string }) => {
    throw new Error(`client build failed:\n${e.stdout ?? ''}${e.stderr ?? e.message}`);
  });
  if (stdout.trim()) console.log(stdout.trim());
  if (stderr.trim()) console.error(stderr.trim());
}

/**
 * The file filters on the command line (`vitest run … tests/x.test.ts`): none means the whole suite.
 * Options and their values (`--config tests/vitest.config.ts`, which once counted as a filter and
 * made `npm test` skip this build) are not filters.
 */
export function browserTestsInRun(argv: string[]) {
  const filters: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === 'run' || a === 'watch' || a === 'related') continue;
    if (a.startsWith('-')) {
      // --flag value (not --flag=value, not a boolean flag followed by another option)
      if (!a.includes('=') && /^(-c|--config|--root|-r|--project|--dir|--reporter|--outputFile|--maxWorkers|--minWorkers|--pool|--shard|-t|--testNamePattern|--exclude|--environment|--mode|--sequence\.\w+)$/.test(a)) i++;
      continue;
    }
    filters.push(a);
  }
  return !filters.length || filters.some((f) => f.includes('browser'));
}

export default () => buildClientForRun();
