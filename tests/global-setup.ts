import { prepareChromium } from './browser/chromium';

/**
 * Runs once before the test workers start: chooses the Chromium for the browser tests and unpacks
 * the npm one when there is no system Chromium (unpacking in parallel workers fails with ETXTBSY).
 */
export default async function setup() {
  const binary = await prepareChromium();
  if (binary.source === 'npm') console.log(`browser tests: Chromium from npm (${binary.executablePath})`);
}
