import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../server/config';
import { RUNS } from './report';
import { jsonLogger } from '../../server/http/log';
import { createServerApp } from '../../server/server';
import { openTestDatabase } from '../../server/test/database';
import { demoControls, type Target } from './target';

/**
 * The server as a conformance target: the app server/main.ts listens with (server/server.ts), built in process
 * in demo mode (seeded customers, the simulated provider, a movable clock, reset) on a fresh database — an
 * in-memory PGlite, or a new database on the PostgreSQL server at DATABASE_URL, dropped at the end — with
 * files in a temporary folder and no built portal. Each request goes to the Hono app's own `fetch`. No fault
 * injection or reload: the suite skips those scenarios here.
 */
export async function serverTarget(): Promise<Target> {
  const filesDir = await mkdtemp(join(tmpdir(), 'redress-conformance-files-'));
  const config = loadConfig({
    DEMO: '1',
    PROVIDER: 'nasstar',
    FILES_DIR: filesDir,
    DIST_DIR: join(filesDir, 'no-portal'),
    LOG_LEVEL: process.env.CONFORMANCE_LOG ? 'info' : 'error',
    // The write limits as a deployment has them (issue 20.4), scaled up only for the fault suite's hundreds of runs.
    WRITE_RATE_LIMITS: String(Math.max(1, Math.ceil(RUNS / 5))),
  });
  const database = await openTestDatabase();
  const server = await createServerApp(config, { logger: jsonLogger(config.logLevel), database });
  const base = { baseUrl: 'http://localhost/api', fetch: (request: Request) => server.fetch(request) };
  return {
    name: 'server',
    ...base,
    ...demoControls(base),
    runRetention: async () => void (await server.retention()),
    async close() {
      await server.close();
      await rm(filesDir, { recursive: true, force: true });
    },
  };
}
