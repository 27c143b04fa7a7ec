import { parseArgs } from 'node:util';
import type { Kysely } from 'kysely';
import { ProviderApiClient } from '../connectors/provider-client';
import { ServiceNowClient } from '../connectors/servicenow/client';
import { loadServiceNowConfig } from '../connectors/servicenow/config';
import { ServiceNowConnector } from '../connectors/servicenow/connector';
import { serviceNowIntervalMs, serviceNowRuntime } from '../connectors/servicenow/start';
import { loadConfig } from '../config';
import { openMigratedDatabase } from '../db/connect';

/**
 * The ServiceNow CSM connector (docs/decisions/0150-connector-runtime.md), from the environment
 * (README "Run it for real" → ServiceNow):
 *
 *   npm run connector:servicenow -- --check   checks the configuration against the instance (credentials,
 *                                             the state and contact-type choices of the field map) and the
 *                                             Redress key; exits 1 with each problem named
 *   npm run connector:servicenow              runs the connector as its own process until stopped (needs
 *                                             DATABASE_URL: the embedded PGlite belongs to the server's process)
 */

async function main() {
  const { values } = parseArgs({ options: { check: { type: 'boolean' } }, strict: true });
  const env = process.env;
  const redressUrl = env.REDRESS_URL ?? 'http://127.0.0.1:3000';
  if (values.check) {
    const config = loadServiceNowConfig(env);
    const problems = await new ServiceNowConnector(config, new ServiceNowClient(config)).check().catch((error: unknown) => [`ServiceNow: ${error instanceof Error ? error.message : String(error)}`]);
    const key = env.REDRESS_PROVIDER_KEY?.trim();
    if (!key) problems.push('REDRESS_PROVIDER_KEY is not set (npm run server:create-key -- --name ServiceNow)');
    else {
      await new ProviderApiClient({ baseUrl: redressUrl, key, maxWaitMs: 0 })
        .call('providerWhoAmI')
        .then((me) => process.stdout.write(`Redress at ${redressUrl}: key of integration "${me.name}" (${me.id})\n`))
        .catch((error: unknown) => problems.push(`Redress at ${redressUrl}: ${error instanceof Error ? error.message : String(error)}`));
    }
    if (problems.length > 0) {
      for (const p of problems) process.stderr.write(`✗ ${p}\n`);
      process.exitCode = 1;
      return;
    }
    process.stdout.write(`✓ ServiceNow at ${config.instanceUrl}: credentials accepted; states and contact type match the instance's choices\n`);
    return;
  }
  const server = loadConfig();
  if (!server.databaseUrl) throw new Error('Running the connector as its own process needs DATABASE_URL (with PGlite, run it inside the server: set SERVICENOW_INSTANCE_URL for npm start).');
  const database = await openMigratedDatabase({ databaseUrl: server.databaseUrl, dataDir: null, poolSize: 2 });
  const runtime = serviceNowRuntime({
    env,
    db: database.db as unknown as Kysely<unknown>,
    redressUrl,
    log: (level, msg, fields) => process.stdout.write(`${JSON.stringify({ time: new Date().toISOString(), level, msg, ...fields })}\n`),
  });
  const stop = async () => {
    await runtime.stop();
    await database.close();
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
  runtime.start(serviceNowIntervalMs(env));
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
