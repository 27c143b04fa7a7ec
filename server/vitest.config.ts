import { fileURLToPath, URL } from 'node:url';
import { defineConfig } from 'vitest/config';

/** The server's tests: Node only, none of the portal's jsdom set-up. `npm run server:test`. */
export default defineConfig({
  resolve: {
    alias: {
      '@': fileURLToPath(new URL('../src', import.meta.url)),
      '@locales': fileURLToPath(new URL('../locales', import.meta.url)),
    },
  },
  test: {
    root: fileURLToPath(new URL('..', import.meta.url)),
    // The API conformance suite against the server runs here (Node, the server's database); against MSW in `npm run test:unit`.
    include: ['server/**/*.test.ts', 'test/conformance/server.test.ts'],
    // PGlite starts in seconds on an idle machine and in tens of seconds on a busy one.
    environment: 'node',
    testTimeout: 180_000,
    hookTimeout: 180_000,
  },
});
