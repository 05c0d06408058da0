import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * Builds client/dist once before the test files start when browser tests are in the run (the
 * whole suite, or a browser test file named): a build (GraphiQL's editor makes it tens of seconds
 * on a busy machine) then counts against no test's hook timeout. Each browser test file still
 * checks that the build is fresh (support.ts), which costs nothing when it is.
 */
export default function setup() {
  const files = process.argv.slice(2).filter((a) => /\.test\.ts$|^tests\//.test(a));
  if (files.length && !files.some((f) => f.includes('browser'))) return;
  const root = fileURLToPath(new URL('../../', import.meta.url));
  execFileSync(process.execPath, ['client/build-if-stale.mjs', '--quiet', '--strict'], { cwd: root, stdio: 'inherit' });
}
