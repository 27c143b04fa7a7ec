import { parseArgs } from 'node:util';
import { AccountExists, createCustomerAccount } from '@/core/accounts';
import { customerKindSchema } from '@/domain/case-model';
import { isProviderId } from '@/domain/provider-ids';
import { ConfigError, loadConfig } from '../config';
import { openMigratedDatabase } from '../db/connect';
import { PgStore } from '../store/pg-store';

/**
 * A customer account made by the provider (issue 20.16), on the database the server's environment names
 * (DATABASE_URL, or PGlite in DATA_DIR — stop the server first: PGlite has one owner). With --organisation the
 * customer is a business's administrator: they sign in at the portal with an emailed code and invite their
 * colleagues under "Your organisation".
 *
 *   npm run server:create-customer -- --email priya@harbourlane.example --name "Priya Shah" \
 *     --organisation "Harbour Lane Bakery Ltd" [--employees 8] [--kind business|largeOrganisation|residential]
 *     [--phone "0113 496 0000"] [--account B-881022] [--provider nasstar]
 */

async function main() {
  const { values } = parseArgs({
    options: {
      email: { type: 'string' },
      name: { type: 'string' },
      organisation: { type: 'string' },
      employees: { type: 'string' },
      kind: { type: 'string' },
      phone: { type: 'string' },
      account: { type: 'string' },
      provider: { type: 'string' },
    },
    strict: true,
  });
  const config = loadConfig();
  const providerId = values.provider ?? config.provider;
  if (!isProviderId(providerId)) throw new ConfigError(`Unknown provider: ${providerId}`);
  if (!values.email || !values.name) throw new ConfigError('Give the customer an address and a name: --email a@b.example --name "Their Name"');
  const kind = customerKindSchema.safeParse(values.kind ?? (values.organisation ? 'business' : 'residential'));
  if (!kind.success) throw new ConfigError(`--kind is one of ${customerKindSchema.options.join(', ')}`);
  const employees = values.employees !== undefined ? Number(values.employees) : undefined;
  if (employees !== undefined && !(Number.isInteger(employees) && employees > 0)) throw new ConfigError('--employees is a whole number above 0');

  const database = await openMigratedDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: 1 });
  try {
    const store = new PgStore(database.db);
    const customer = await store.transaction((tx) => {
      // The operator acts for the provider.
      tx.actFor({ providerId, kind: 'provider' });
      return createCustomerAccount(tx, {
        providerId,
        kind: kind.data,
        name: values.name!,
        email: values.email!,
        ...(values.phone ? { phone: values.phone } : {}),
        ...(values.account ? { accountNumber: values.account } : {}),
        ...(values.organisation ? { organisation: values.organisation } : {}),
        ...(employees !== undefined ? { employees } : {}),
      });
    });
    process.stdout.write(
      `Customer ${customer.id} (${customer.kind}) ${customer.name} <${customer.email}> for ${providerId}` +
        (customer.organisationId ? `, administrator of "${customer.organisation}" (${customer.organisationId})` : '') +
        `.\nThey sign in at ${config.publicUrl}/sign-in with a code mailed to that address` +
        (customer.organisationId ? ', then invite their colleagues under "Your organisation".\n' : '.\n'),
    );
  } catch (error) {
    if (error instanceof AccountExists) throw new ConfigError(error.message);
    throw error;
  } finally {
    await database.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
