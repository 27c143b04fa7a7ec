/// <reference types="vitest/config" />
import { fileURLToPath, URL } from 'node:url';
import { rmSync, existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig, loadEnv, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { providerIds } from './src/domain/provider-ids.ts';
import { prerender } from './scripts/prerender.ts';

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

/**
 * A production build serves one provider (VITE_PROVIDER, else the app's fallback): the other providers'
 * profiles and translations are left out of it (docs/decisions/0040-first-page-budget-and-floor.md). The demo and
 * development keep all five for the provider picker. getProfile() of a provider left out throws, as for
 * any unknown provider.
 */
function singleProvider(enabled: boolean, provider: string | undefined): Plugin {
  const keep = providerIds.includes(provider as (typeof providerIds)[number]) ? provider : 'nasstar';
  const absent = providerIds.filter((id) => id !== keep);
  const profilesIndex = /[\\/]src[\\/]domain[\\/]profiles[\\/]index\.ts$/;
  const providerLocale = /[\\/]locales[\\/][a-z]{2}[\\/]providers\.json$/;
  const STUB = '\0redress-absent-profile:';
  return {
    name: 'redress:single-provider',
    apply: 'build',
    enforce: 'pre',
    resolveId(source, importer) {
      if (!enabled || !importer || !profilesIndex.test(importer)) return null;
      const id = source.replace(/^\.\//, '').replace(/\.ts$/, '');
      return (absent as string[]).includes(id) ? `${STUB}${id}` : null;
    },
    load(id) {
      if (!id.startsWith(STUB)) return null;
      return `export const ${id.slice(STUB.length)}Profile = undefined;`;
    },
    transform(code, id) {
      if (!enabled || !providerLocale.test(id)) return null;
      const data = JSON.parse(code) as Record<string, unknown>;
      for (const other of absent) delete data[other];
      return { code: JSON.stringify(data), map: null };
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
    plugins: [singleProvider(!mocking, env.VITE_PROVIDER), react(), dropMockWorker(mocking), prerender()],
    build: {
      outDir: mode === 'demo' ? 'dist-demo' : 'dist',
      target: 'es2022',
      sourcemap: false,
      rolldownOptions: {
        output: {
          codeSplitting: {
            groups: [
              // Everything the first page needs in one file: fewer requests and less per-chunk overhead.
              { name: 'app', tags: ['$initial'], priority: 100 },
              // Libraries only some pages need, each in its own cacheable chunk under the 40 KB budget.
              { name: 'pdf', test: /node_modules[\\/](@cantoo[\\/]pdf-lib|@pdf-lib|pako|fflate|culori|node-html-better-parser|tslib|fontkit|@fontsource)/, priority: 50 },
              { name: 'schema', test: /node_modules[\\/]zod[\\/]/, priority: 40 },
              { name: 'forms', test: /node_modules[\\/](react-hook-form|@hookform)[\\/]/, priority: 40 },
              { name: 'phone', test: /node_modules[\\/]libphonenumber-js[\\/]/, priority: 40 },
              { name: 'file-type', test: /node_modules[\\/](file-type|strtok3|token-types|@tokenizer|uint8array-extras|peek-readable|ieee754)[\\/]/, priority: 40 },
              { name: 'virtual', test: /node_modules[\\/]@tanstack[\\/](react-virtual|virtual-core)[\\/]/, priority: 40 },
            ],
          },
        },
      },
    },
    server: { port: 5173, strictPort: true },
    preview: { port: 4173, strictPort: true },
    test: {
      globals: true,
      environment: 'node',
      include: ['src/**/*.test.{ts,tsx}', 'mocks/**/*.test.ts', 'scripts/**/*.test.ts', 'test/**/*.test.ts'],
      // The conformance suite against the server runs with the server's tests (server/vitest.config.ts).
      exclude: ['**/node_modules/**', '**/.git/**', 'test/conformance/server.test.ts'],
      setupFiles: ['./src/test/setup.ts'],
      restoreMocks: true,
    },
  };
});
