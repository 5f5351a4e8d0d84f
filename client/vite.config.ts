import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { fieldServiceWorker } from './sw/plugin.ts';

/** The API server `npm run dev -w server` listens on; the dev server forwards to it (same origin in production). */
const API = process.env.STREETCHIEF_API ?? 'http://localhost:3000';

export default defineConfig({
  // Works whether vite runs from client/ (`npm run build -w client`) or from the root (`vite build client`).
  root: fileURLToPath(new URL('.', import.meta.url)),
  // The field app's service worker (dist/sw.js, precaching the build): client/sw/plugin.ts.
  plugins: [react(), fieldServiceWorker()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // maplibre-gl alone is ~1 MB minified; one chunk is fine for a wall that loads once a month.
    chunkSizeWarningLimit: 2000,
    // dist/.vite/manifest.json: client/scripts/budgets.ts weighs each route from it after the build.
    manifest: true,
  },
  server: {
    proxy: {
      '/api': { target: API, changeOrigin: false },
      '/config.js': { target: API, changeOrigin: false },
      '/socket.io': { target: API, ws: true, changeOrigin: false },
    },
  },
});
