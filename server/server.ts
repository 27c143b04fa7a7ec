import { randomBytes } from 'node:crypto';
import { chmod, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BackOfficeDeps } from '@/core/ports';
import { providerIdSchema } from '@/domain/profile-schema';
import type { Kysely } from 'kysely';
import { createApp } from './app';
import { systemResolver } from './webhooks/address';
import { WebhookDispatcher } from './webhooks/dispatcher';
import { pgIntegrations } from './webhooks/integrations';
import { webhookAddressCheck } from './webhooks/registry';
import { serviceNowEnabled, serviceNowIntervalMs, serviceNowRuntime } from './connectors/servicenow/start';
import type { ServerConfig } from './config';
import { coreApi, type DemoState } from './core-api';
import { openMigratedDatabase, type DatabaseHandle } from './db/connect';
import { fileStoreFor } from './files';
import { hostCheck } from './http/client-ip';
import { errorFields, type Logger } from './http/log';
import { loadFirstScreen } from './http/first-screen';
import { loadPortalHeaders } from './http/portal';
import { caseCheckScheduling, startCaseChecks } from './jobs/case-checks';
import { startJobs, type Jobs, type JobsOptions } from './jobs/jobs';
import { runRetention, type RetentionReport } from '@/core/retention';
import { alertScheduling, startStaffAlerts } from './jobs/alerts';
import { messageScheduling, startMessageDelivery } from './jobs/messages';
import { outboxMailer, outboxMails, smtpMailer } from './mail/mailer';
import { PgStore } from './store/pg-store';

/**
 * The server's application from its configuration: the database (migrated), the jobs, the core's binding (with
 * the demo operations in demo mode) and the HTTP shell. server/main.ts listens with it; the conformance suite
 * (test/conformance/server-target.ts) calls its `fetch` in process — both build it here, the same way.
 */
export interface ServerApp {
  app: ReturnType<typeof createApp>;
  fetch(request: Request): Promise<Response>;
  database: DatabaseHandle;
  /** One retention pass (src/core/retention.ts), as the hourly job runs it (the conformance suite calls it too). */
  retention(): Promise<RetentionReport>;
  /** The pg-boss jobs (null when not started: `jobs: false`). */
  jobs: Jobs | null;
  /** Stops the jobs, then closes the database (and removes it when the caller gave one with its own `close`). */
  close(): Promise<void>;
}

export interface ServerAppOptions {
  logger: Logger;
  /** An open, migrated database to use instead of the one the configuration names (tests). */
  database?: DatabaseHandle;
  /** The environment the ServiceNow connector reads (default process.env; tests pass their own). */
  connectorEnv?: Record<string, string | undefined>;
  /** Start the pg-boss jobs (default true); or their polling intervals (tests). */
  jobs?: boolean | Pick<JobsOptions, 'pollingIntervalSeconds' | 'hourlyPollingIntervalSeconds'>;
}

export async function createServerApp(config: ServerConfig, options: ServerAppOptions): Promise<ServerApp> {
  const { logger } = options;
  const database = options.database ?? (await openMigratedDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: config.poolSize }));
  logger.log('info', 'database ready', { database: database.kind });
  let jobs: Jobs | null = null;
  try {
    if (options.jobs !== false) {
      const polling = typeof options.jobs === 'object' ? options.jobs : {};
      jobs = await startJobs({ pool: database.pool, ...polling, onError: (error) => logger.log('error', 'jobs', errorFields(error)) });
    }

    const demoState: DemoState = { frozenAt: null };
    const time = { now: () => (config.demo && demoState.frozenAt ? new Date(demoState.frozenAt) : new Date()) };
    const mailer = config.smtpUrl ? smtpMailer(config.smtpUrl, config.mailFrom, logger) : outboxMailer(database.db, logger);
    const store = new PgStore(database.db, jobs ? { ...caseCheckScheduling(jobs), ...messageScheduling(jobs), ...alertScheduling(jobs) } : undefined, { keepPrepared: database.kind === 'postgres' });
    // SERVER_SECRET; else PGlite's own, kept in its folder; else (tests, or PostgreSQL refused at start-up by
    // server/main.ts) one for this process only.
    const ownPglite = !options.database && !config.databaseUrl;
    const secret = config.secret ?? (ownPglite ? await secretInDataDir(config.dataDir) : randomBytes(32).toString('base64url'));
    const webhookPolicy = { allowLoopback: config.webhooksAllowLoopback, resolve: systemResolver };
    const deps: BackOfficeDeps = {
      store,
      files: fileStoreFor(config),
      time,
      mailer,
      secret,
      webhookAddressCheck: webhookAddressCheck(webhookPolicy),
      integrations: pgIntegrations,
    };
    // Timed transitions run on the server's clock: the real one, or in demo mode the demo's clock while it is set
    // (decision 0091). On the real clock, a demo set to a past day saw clocks it had not yet reached marked overdue.
    if (jobs) await startCaseChecks(jobs, store, config.provider, time.now);
    // Expired sessions, codes, rate-limit windows, replies and mail go; closed cases past retention are anonymised;
    // pending uploads older than a day and files no row names go (issue 20.4). Hourly, once across instances.
    const retention = async () => {
      const report = await runRetention(deps, config.provider, new Date(), time.now(), config.caseRetentionYears);
      logger.log('info', 'retention', { ...report });
      return report;
    };
    if (jobs) await jobs.onRetention(async () => void (await retention()));
    // Alerts to staff (issue 23.6): the clocks falling due tomorrow to their agents, the day's summary to managers;
    // recorded hourly, each mailed by its own job after that run commits (decision 0134).
    if (jobs) {
      await startStaffAlerts(jobs, { store, mailer }, config.provider, {
        now: time.now,
        origin: config.publicUrl,
        onRun: (report) => logger.log('info', 'staff alerts', { ...report }),
      });
    }
    // Messages to customers leave after their unit of work commits, by job (decision 0140).
    if (jobs) await startMessageDelivery(jobs, { store, mailer, secret }, config.provider, config.publicUrl);
    if (config.demo) logger.log('warn', 'demo mode: seeded customers, simulated provider, movable clock', {});
    const portal = await loadPortalHeaders(config.distDir);
    if (!portal.fromBuild) logger.log('warn', 'no built portal: serving the API only (npm run build)', {});
    const app = createApp({
      api: coreApi(
        deps,
        config,
        config.demo ? { state: demoState, reset: () => database.wipe(), mailbox: (providerId) => outboxMails(database.db, providerId) } : undefined,
        (error) => logger.log('error', 'mail', errorFields(error)),
      ),
      trustProxyHops: config.trustProxyHops,
      ...(config.securityContact ? { securityTxt: { contact: config.securityContact, canonical: `${config.publicUrl}/.well-known/security.txt` } } : {}),
      allowedHosts: hostCheck(config.publicUrlSet ? config.publicUrl : null, config.allowedOrigins),
      ...(config.demo ? { devMailbox: (provider: string | undefined) => outboxMails(database.db, providerIdSchema.catch(config.provider).parse(provider)) } : {}),
      ping: () => database.ping(),
      distDir: portal.fromBuild ? config.distDir : null,
      // The SSR bundle answers its API calls through this very app (it is made just below).
      firstScreen: portal.fromBuild ? await loadFirstScreen(config.distDir, async (request): Promise<Response> => app.fetch(request)) : null,
      securityHeaders: portal.headers,
      logger,
    });
    // Redress in front of ServiceNow, inside this process (docs/decisions/0150-connector-runtime.md); its own
    // process instead: npm run connector:servicenow.
    const connectorEnv = options.connectorEnv ?? process.env;
    const connector = serviceNowEnabled(connectorEnv)
      ? serviceNowRuntime({
          env: connectorEnv,
          db: database.db as unknown as Kysely<unknown>,
          redressUrl: config.publicUrl,
          fetch: async (request) => app.fetch(request),
          log: (level, msg, fields) => logger.log(level, msg, fields ?? {}),
        })
      : null;
    connector?.start(serviceNowIntervalMs(connectorEnv));
    const webhooks = options.jobs === false ? null : new WebhookDispatcher({ db: database.db as unknown as Kysely<unknown>, policy: webhookPolicy, log: (level, msg, fields) => logger.log(level, msg, fields ?? {}) });
    webhooks?.start(5_000);
    return {
      app,
      fetch: async (request) => app.fetch(request),
      database,
      jobs,
      retention,
      async close() {
        await connector?.stop();
        await webhooks?.stop();
        await jobs?.stop();
        await database.close();
      },
    };
  } catch (error) {
    await jobs?.stop();
    await database.close();
    throw error;
  }
}

/**
 * The secret of a server on PGlite with no SERVER_SECRET (issue 20.7): made once, on first start, into
 * DATA_DIR/secret (readable by the server's user only), and read from there on every start after, so codes
 * and rate-limit keys stay valid across restarts. With DATABASE_URL, SERVER_SECRET is required instead
 * (config.ts `startupProblems`): instances must share it.
 */
export async function secretInDataDir(dataDir: string): Promise<string> {
  const file = join(dataDir, 'secret');
  try {
    const kept = (await readFile(file, 'utf8')).trim();
    if (kept.length >= 32) return kept;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const made = randomBytes(48).toString('base64url');
  // 'wx': never overwrite one another start has just written; then read back whichever won.
  try {
    await writeFile(file, `${made}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return (await readFile(file, 'utf8')).trim();
  }
  await chmod(file, 0o600);
  return made;
}
