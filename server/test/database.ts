import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openMigratedDatabase, type DatabaseHandle } from '../db/connect';

/**
 * A fresh, migrated database for one test file: a new database on the PostgreSQL at DATABASE_URL when it is
 * set (dropped afterwards), otherwise an in-memory PGlite. The same suites run on both.
 */
export async function openTestDatabase(options: { dataDir?: string | null } = {}): Promise<DatabaseHandle> {
  const adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) return openMigratedDatabase({ databaseUrl: null, dataDir: options.dataDir ?? null, poolSize: 5 });

  const name = `redress_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const handle = await openMigratedDatabase({ databaseUrl: url.toString(), dataDir: null, poolSize: 5 });
  return {
    ...handle,
    async close() {
      await handle.close();
      const dropper = new pg.Client({ connectionString: adminUrl });
      await dropper.connect();
      try {
        await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await dropper.end();
      }
    },
  };
}

export const usingPostgres = () => Boolean(process.env.DATABASE_URL);
