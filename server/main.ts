import { serve } from '@hono/node-server';
import { ConfigError, loadConfig, startupProblems } from './config';
import { errorFields, jsonLogger } from './http/log';
import { nodeServerOptions } from './http/node-server';
import { createServerApp } from './server';

/**
 * The Redress server: `npx tsx server/main.ts` (or `npm start`, which builds the portal first when dist/ is
 * missing). Configuration from the environment (server/config.ts, server/README.md).
 */

async function main() {
  // React renders the first screens (the build's dist/_ssr bundle, loaded on first use) in its development build
  // unless NODE_ENV says production: slower, and it writes development warnings to stderr. This server only serves a
  // production build, so it runs React's production build unless NODE_ENV is set otherwise.
  process.env.NODE_ENV ??= 'production';
  const config = loadConfig();
  const problems = startupProblems(config);
  if (problems.length) throw new ConfigError(`Cannot start: ${problems.join('; ')}`);
  const logger = jsonLogger(config.logLevel);
  const running = await createServerApp(config, { logger });
  const { app } = running;

  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host, serverOptions: nodeServerOptions(config.keepAliveTimeoutMs) }, (info) => {
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
          await running.close();
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
