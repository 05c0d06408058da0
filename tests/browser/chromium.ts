import { execFileSync } from 'node:child_process';
import { accessSync, constants, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Which Chromium the browser tests drive, decided once per test run (vitest's globalSetup) and
 * handed to the workers through the environment:
 *
 * 1. `CHROMIUM_PATH`, when set (it must exist);
 * 2. a system Chromium on the PATH (`chromium`, as Debian's package installs it);
 * 3. otherwise the headless Chromium that ships inside the `@sparticuz/chromium` npm package, with
 *    the shared libraries it carries (a bare Debian lacks libnss3 and friends) and a CJK font from
 *    `@embedpdf/fonts-sc`, so `npm ci && npm test` needs nothing installed by hand.
 *
 * `PLANHUB_BROWSER=npm` forces the third (CI runs the browser tests with it as well).
 */
export interface ChromiumBinary {
  source: 'env' | 'system' | 'npm';
  executablePath: string;
  /** Extra launch arguments (Playwright adds --headless and, as root, --no-sandbox itself). */
  args: string[];
  /** Extra environment for the browser process. */
  env: Record<string, string>;
}

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** The flags a system Chromium needs here (no network beyond loopback, no GPU). */
const SYSTEM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
/**
 * The npm build's own `chromium.args` include `--single-process`, which kills the browser when a
 * context closes and turns web security off: only the network-quiet flags are passed.
 */
const NPM_ARGS = ['--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const ENV_KEY = 'PLANHUB_CHROMIUM';

/** The binary the workers use: what globalSetup chose, or (run outside vitest) decided now. */
export function chromiumBinary(): ChromiumBinary {
  const chosen = process.env[ENV_KEY];
  if (chosen) return JSON.parse(chosen) as ChromiumBinary;
  const found = systemChromium();
  if (found) return found;
  throw new Error('No Chromium chosen: run the browser tests through `npm test` (its global setup unpacks the npm Chromium), or set CHROMIUM_PATH.');
}

/** Chooses the binary, unpacks the npm one if that is the choice, and publishes it to the workers. */
export async function prepareChromium(): Promise<ChromiumBinary> {
  const binary = process.env.PLANHUB_BROWSER === 'npm' ? await npmChromium() : systemChromium() ?? (await npmChromium());
  process.env[ENV_KEY] = JSON.stringify(binary);
  return binary;
}

function systemChromium(): ChromiumBinary | undefined {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`CHROMIUM_PATH is set to ${fromEnv}, which does not exist.`);
    return { source: 'env', executablePath: fromEnv, args: SYSTEM_ARGS, env: {} };
  }
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const candidate = join(dir, 'chromium');
    if (dir && isExecutable(candidate)) return { source: 'system', executablePath: candidate, args: SYSTEM_ARGS, env: {} };
  }
  return undefined;
}

/** A package's folder (neither package exports its package.json, so resolve the entry and go up). */
function packageDir(name: string) {
  let dir = dirname(createRequire(import.meta.url).resolve(name));
  while (!existsSync(join(dir, 'package.json'))) dir = dirname(dir);
  return dir;
}

function isExecutable(path: string) {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Unpacks the npm Chromium once into node_modules/.cache, in a folder named by the package's
 * version (an upgrade never reuses a stale binary), through a temporary folder renamed at the end
 * (an interrupted unpack is never taken for a finished one).
 */
async function npmChromium(): Promise<ChromiumBinary> {
  const pkgDir = packageDir('@sparticuz/chromium');
  const { version } = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')) as { version: string };
  const fontsDir = join(packageDir('@embedpdf/fonts-sc'), 'fonts');
  const target = join(ROOT, 'node_modules', '.cache', 'plan-hub-chromium', version);
  if (!existsSync(join(target, 'ready'))) {
    const staging = `${target}.unpacking-${process.pid}`;
    rmSync(staging, { recursive: true, force: true });
    mkdirSync(staging, { recursive: true });
    // The package's inflate() writes into os.tmpdir(), which follows TMPDIR on every call.
    const { inflate } = (await import('@sparticuz/chromium')) as unknown as { inflate(file: string): Promise<string> };
    const previous = process.env.TMPDIR;
    process.env.TMPDIR = staging;
    try {
      const bin = join(pkgDir, 'bin');
      await Promise.all(['chromium.br', 'fonts.tar.br', 'swiftshader.tar.br', 'al2023.tar.br'].map((f) => inflate(join(bin, f))));
    } finally {
      if (previous === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = previous;
    }
    writeFileSync(join(staging, 'ready'), `${version}\n`);
    rmSync(target, { recursive: true, force: true });
    mkdirSync(dirname(target), { recursive: true });
    renameSync(staging, target);
  }
  // Latin fonts from the package, Noto Sans SC from npm for Chinese; the cache stays beside them.
  const fontconfig = join(target, 'fonts.conf');
  writeFileSync(
    fontconfig,
    `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n  <dir>${join(target, 'fonts')}</dir>\n  <dir>${fontsDir}</dir>\n  <cachedir>${join(target, 'fontcache')}</cachedir>\n</fontconfig>\n`,
  );
  const executablePath = join(target, 'chromium');
  const env = { LD_LIBRARY_PATH: [join(target, 'al2023', 'lib'), target, process.env.LD_LIBRARY_PATH].filter(Boolean).join(':'), FONTCONFIG_FILE: fontconfig };
  // A binary that cannot start (a missing library) says so here, once, rather than in every test file.
  execFileSync(executablePath, ['--version'], { env: { ...process.env, ...env }, stdio: 'pipe' });
  return { source: 'npm', executablePath, args: NPM_ARGS, env };
}
