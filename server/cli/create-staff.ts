import { parseArgs } from 'node:util';
import { staffRoleSchema } from '@/api/schemas';
import { createStaff } from '@/core/staff';
import { isProviderId } from '@/domain/provider-ids';
import { ConfigError, loadConfig } from '../config';
import { openMigratedDatabase } from '../db/connect';
import { PgStore } from '../store/pg-store';

/**
 * The first manager of the provider's staff (docs/decisions/0130-staff-workspace.md), on the database the server's
 * environment names (DATABASE_URL, or PGlite in DATA_DIR — stop the server first: PGlite has one owner). Managers
 * then invite the rest of the staff from the workspace.
 *
 *   npm run server:create-staff -- --email ana@provider.example --name "Ana Díaz" --role manager [--lng it] [--provider nasstar]
 *
 * They sign in at /sign-in with that address: a one-time code is mailed to it.
 */

async function main() {
  const { values } = parseArgs({
    options: { email: { type: 'string' }, name: { type: 'string' }, role: { type: 'string' }, lng: { type: 'string' }, provider: { type: 'string' } },
    strict: true,
  });
  const config = loadConfig();
  const providerId = values.provider ?? config.provider;
  if (!isProviderId(providerId)) throw new ConfigError(`Unknown provider: ${providerId}`);
  const email = values.email?.trim() ?? '';
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) throw new ConfigError('Give their email address: --email ana@provider.example');
  const name = values.name?.trim() ?? '';
  if (!name) throw new ConfigError('Give their name: --name "Ana Díaz"');
  const role = staffRoleSchema.safeParse(values.role ?? 'manager');
  if (!role.success) throw new ConfigError('--role is manager or agent');
  const lng = values.lng === 'it' ? 'it' : 'en';
  const database = await openMigratedDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: 1 });
  try {
    const member = await new PgStore(database.db).transaction((tx) => {
      // The operator acts for the provider (the staff policy: its whole scope adds staff).
      tx.actFor({ providerId, kind: 'provider' });
      return createStaff(tx, providerId, { email, name, role: role.data, lng }, new Date());
    });
    process.stdout.write(`${member.role === 'manager' ? 'Manager' : 'Agent'} ${member.name} <${member.email}> (${member.id}) added to ${providerId}'s staff.\nThey sign in at ${config.publicUrl}/sign-in with this address and the code mailed to it.\n`);
  } finally {
    await database.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
