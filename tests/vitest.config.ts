import { defineConfig } from 'vitest/config';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { availableParallelism } from 'node:os';

const require = createRequire(import.meta.url);

export default defineConfig({
  root: fileURLToPath(new URL('..', import.meta.url)),
  // graphql ships index.mjs (picked by Vite) and index.js (picked by Node for type-graphql and
  // Apollo): two copies of its classes break instanceof checks, so every import takes Node's.
  resolve: { alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }] },
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // One module graph per worker, not per file: importing the server (type-graphql, MikroORM,
    // Apollo, Fastify) through Vite's module runner cost 5-10 s per file on 2 busy cores, minutes
    // over the suite. Each file still starts its own hub on a fresh database; the files restore what
    // they change in process.env. What must happen in every file is in setupFiles.
    isolate: false,
    setupFiles: ['tests/browser/console-check.ts'],
    // Vitest's default is one worker fewer than the cores: a single worker on 2 cores. The files wait
    // on Chromium, child hub processes and the database much of the time, so two run side by side.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    // Before any test file starts: the Chromium for the browser tests (tests/browser/chromium.ts) and,
    // at the same time, the admin UI's build when it is stale (tests/browser/build.global.ts).
    globalSetup: ['tests/global-setup.ts'],
  },
});
