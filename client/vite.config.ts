import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

/**
 * The admin UI. `vite build` writes client/dist, which the API server serves on its own port;
 * `vite` (npm run dev:client) serves with hot reload on :5173 and proxies /graphql to the API.
 */
const API = process.env.PLAN_HUB_API ?? 'http://localhost:4000';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react()],
  resolve: {
    // GraphiQL imports 'monaco-editor', whose main file adds every language Monaco has (TypeScript,
    // CSS, HTML …); the explorer needs the editor core, JSON and GraphQL, which it imports itself.
    alias: [{ find: /^monaco-editor$/, replacement: fileURLToPath(new URL('../node_modules/monaco-editor/esm/vs/editor/edcore.main.js', import.meta.url)) }],
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Split by page (routes.tsx): the entry is the shell; AG Grid comes with the first grid and
    // GraphiQL's editor (Monaco, a few MB) only with /graphiql. Each chunk is cached by its hash.
    chunkSizeWarningLimit: 4000,
    // The build's manifest (.vite/manifest.json) names the entry chunk for the bundle-size test.
    manifest: true,
    rolldownOptions: {
      onwarn(warning, warn) {
        // GraphiQL's React Compiler output starts modules with "use no memo": harmless when bundled.
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
    },
    sourcemap: false,
  },
  // Monaco's workers (GraphiQL) are ES modules.
  worker: { format: 'es' },
  server: {
    port: 5173,
    // The GraphQL explorer's tabs are read from the project's README.md (one level up).
    fs: { allow: ['..'] },
    // ws: live changes (subscriptions over WebSocket); the API refuses a socket from another origin, so the proxy speaks as the API's own.
    proxy: { '/graphql': { target: API, changeOrigin: true, ws: true, configure: (proxy) => proxy.on('proxyReqWs', (req) => req.setHeader('origin', API)) } },
  },
});
