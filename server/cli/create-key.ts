import { parseArgs } from 'node:util';
import { hashProviderKey, newProviderKey } from '@/core/provider-api';
import { isProviderId } from '@/domain/provider-ids';
import { ConfigError, loadConfig } from '../config';
import { openMigratedDatabase } from '../db/connect';
import { createIntegration, listIntegrations, revokeIntegration } from '../store/pg-provider';

/**
 * Integration keys for the provider's API (docs/decisions/0090-provider-api.md), on the database the server's
 * environment names (DATABASE_URL, or PGlite in DATA_DIR — stop the server first: PGlite has one owner).
 *
 *   npm run server:create-key -- --name "CRM" [--provider nasstar]   prints the new key once
 *   npm run server:create-key -- --list                              integrations, never their keys
 *   npm run server:create-key -- --revoke int_…                      the key stops working at once
 */

async function main() {
  const { values } = parseArgs({
    options: { name: { type: 'string' }, provider: { type: 'string' }, list: { type: 'boolean' }, revoke: { type: 'string' } },
    strict: true,
  });
  const config = loadConfig();
  const providerId = values.provider ?? config.provider;
  if (!isProviderId(providerId)) throw new ConfigError(`Unknown provider: ${providerId}`);
  if (!values.list && !values.revoke && !values.name?.trim()) throw new ConfigError('Give the integration a name: --name "CRM"');
  const database = await openMigratedDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: 1 });
  try {
    if (values.list) {
      for (const row of await listIntegrations(database.db)) {
        process.stdout.write(`${row.id}\t${row.provider_id}\t${row.name}\t${row.created_at.toISOString()}\t${row.revoked_at ? `revoked ${row.revoked_at.toISOString()}` : 'active'}\n`);
      }
      return;
    }
    if (values.revoke) {
      const done = await revokeIntegration(database.db, values.revoke);
      process.stdout.write(done ? `Revoked ${values.revoke}\n` : `No active integration ${values.revoke}\n`);
      if (!done) process.exitCode = 1;
      return;
    }
    const key = newProviderKey();
    const integration = await createIntegration(database.db, { providerId, name: values.name!.trim(), keyHash: await hashProviderKey(key) });
    process.stdout.write(
      `Integration ${integration.id} "${integration.name}" for ${providerId}.\n` +
        `Key (shown once; only its SHA-256 is stored):\n\n${key}\n\n` +
        `Send it as: Authorization: Bearer <key>, e.g. curl -H "Authorization: Bearer $KEY" http://127.0.0.1:3000/provider-api/cases\n`,
    );
  } finally {
    await database.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
