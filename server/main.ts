import { serve } from '@hono/node-server';
import type { BackOfficeDeps } from '@/core/ports';
import { createApp } from './app';
import { ConfigError, loadConfig } from './config';
import { coreApi, type DemoState } from './core-api';
import { openMigratedDatabase } from './db/connect';
import { fileStoreFor } from './files';
import { errorFields, jsonLogger } from './http/log';
import { loadPortalHeaders } from './http/portal';
import { caseCheckScheduling, startCaseChecks } from './jobs/case-checks';
import { startJobs } from './jobs/jobs';
import { PgStore } from './store/pg-store';

/**
 * The Redress server: `npx tsx server/main.ts` (or `npm start`, which builds the portal first when dist/ is
 * missing). Configuration from the environment (server/config.ts, server/README.md).
 */

async function main() {
  const config = loadConfig();
  const logger = jsonLogger(config.logLevel);

  const database = await openMigratedDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  logger.log('info', 'database ready', { database: database.kind });
  const jobs = await startJobs({ pool: database.pool, onError: (error) => logger.log('error', 'jobs', errorFields(error)) });

  const demoState: DemoState = { frozenAt: null, seeded: new Set() };
  const time = { now: () => (config.demo && demoState.frozenAt ? new Date(demoState.frozenAt) : new Date()) };
  const store = new PgStore(database.db, caseCheckScheduling(jobs));
  const deps: BackOfficeDeps = { store, files: fileStoreFor(config), time };
  // Timed transitions run on the real clock (decision 0073); the demo's movable clock is the simulated provider's.
  await startCaseChecks(jobs, store, config.provider);
  if (config.demo) logger.log('warn', 'demo mode: seeded customers, simulated provider, movable clock', {});
  const portal = await loadPortalHeaders(config.distDir);
  if (!portal.fromBuild) logger.log('warn', 'no built portal: serving the API only (npm run build)', {});
  const app = createApp({
    api: coreApi(deps, config, config.demo ? { state: demoState, reset: () => database.wipe() } : undefined),
    ping: () => database.ping(),
    distDir: portal.fromBuild ? config.distDir : null,
    securityHeaders: portal.headers,
    logger,
  });

  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
    logger.log('info', 'listening', { url: `http://${info.family === 'IPv6' ? `[${info.address}]` : info.address}:${info.port}`, provider: config.provider });
  });

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.log('info', 'stopping', { signal });
    // Past this, something hangs: leave anyway rather than block a deploy.
    setTimeout(() => process.exit(1), 15_000).unref();
    // Stop taking connections and let requests in flight finish, then the jobs, then the database.
    server.close(() => {
      void (async () => {
        try {
          await jobs.stop();
          await database.close();
          logger.log('info', 'stopped', {});
          process.exit(0);
        } catch (error) {
          logger.log('error', 'stop failed', errorFields(error));
          process.exit(1);
        }
      })();
    });
    if ('closeIdleConnections' in server) server.closeIdleConnections();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((error: unknown) => {
  const message = error instanceof ConfigError ? error.message : 'start-up failed';
  process.stderr.write(JSON.stringify({ time: new Date().toISOString(), level: 'error', msg: message, ...errorFields(error) }) + '\n');
  if (!(error instanceof ConfigError) && error instanceof Error) process.stderr.write(`${error.stack ?? ''}\n`);
  process.exit(1);
});
