import { defineConfig } from 'vitest/config';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

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
    // The admin UI's build, before any browser test file starts (tests/browser/build.global.ts).
    globalSetup: ['tests/browser/build.global.ts'],
  },
});
