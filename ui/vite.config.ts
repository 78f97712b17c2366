/// <reference types="vitest/config" />
import { defineConfig } from 'vite';

// The backend (scripts/run.sh) listens on :8080. In development the dev server proxies the API, the login form and the
// live channel, so the browser sees one origin (set openwd.live.allowed-origins=http://localhost:5173 on the backend).
const backend = (globalThis as { process?: { env: Record<string, string | undefined> } }).process?.env.OPENWD_BACKEND ?? 'http://localhost:8080';

export default defineConfig({
  esbuild: { jsx: 'automatic' },
  build: {
    outDir: 'target/classes/static',
    emptyOutDir: true,
    sourcemap: true,
    // the lazily loaded dmn-js editor chunk is about 1.1 MB (only process owners load it)
    chunkSizeWarningLimit: 1500,
  },
  server: {
    port: 5173,
    proxy: {
      '/api': backend,
      '/login': backend,
      '/logout': backend,
      '/ws': { target: backend.replace(/^http/, 'ws'), ws: true },
    },
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
  },
});
