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
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // AG Grid alone is ~1.5 MB unminified; one chunk, cached by its content hash.
    chunkSizeWarningLimit: 4000,
    sourcemap: false,
  },
  server: {
    port: 5173,
    proxy: { '/graphql': { target: API, changeOrigin: true } },
  },
});
