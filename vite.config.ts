/// <reference types="vitest/config" />
import { fileURLToPath, URL } from 'node:url';
import { rmSync, existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig, loadEnv, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * Modes:
 *  - development (`npm run dev`): the simulated back office (MSW) runs in the browser.
 *  - demo (`npm run build:demo`): a static build that carries the simulated back office.
 *  - production (`npm run build`): talks to VITE_API_BASE_URL for VITE_PROVIDER; no MSW code, no worker.
 */
function dropMockWorker(enabled: boolean): Plugin {
  return {
    name: 'redress:drop-mock-worker',
    apply: 'build',
    closeBundle() {
      const worker = resolve('dist', 'mockServiceWorker.js');
      if (!enabled && existsSync(worker)) rmSync(worker);
    },
  };
}

export default defineConfig(({ mode }) => {
  const env = loadEnv(mode, process.cwd(), 'VITE_');
  const mocking = mode !== 'production' || env.VITE_DEMO === 'true';
  return {
    base: '/',
    define: {
      __MOCKING__: JSON.stringify(mocking),
    },
    resolve: {
      alias: {
        '@': fileURLToPath(new URL('./src', import.meta.url)),
        '@mocks': fileURLToPath(new URL('./mocks', import.meta.url)),
        '@locales': fileURLToPath(new URL('./locales', import.meta.url)),
      },
    },
    plugins: [react(), dropMockWorker(mocking)],
    build: {
      outDir: mode === 'demo' ? 'dist-demo' : 'dist',
      target: 'es2022',
      sourcemap: false,
    },
    server: { port: 5173, strictPort: true },
    preview: { port: 4173, strictPort: true },
    test: {
      globals: true,
      environment: 'node',
      include: ['src/**/*.test.{ts,tsx}', 'mocks/**/*.test.ts', 'scripts/**/*.test.ts'],
      setupFiles: ['./src/test/setup.ts'],
      restoreMocks: true,
    },
  };
});
