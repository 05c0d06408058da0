import { prepareChromium } from './browser/chromium';
import { buildClientForRun } from './browser/build.global';

/**
 * Runs once before the test workers start: chooses the Chromium for the browser tests and unpacks
 * the npm one when there is no system Chromium (unpacking in parallel workers fails with ETXTBSY),
 * while the admin UI is built if it is stale (tests/browser/build.global.ts): both at once.
 */
export default async function setup() {
  const [binary] = await Promise.all([prepareChromium(), buildClientForRun()]);
  if (binary.source === 'npm') console.log(`browser tests: Chromium from npm (${binary.executablePath})`);
}
