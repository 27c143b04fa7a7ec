import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { openMigratedDatabase, type DatabaseHandle, type DatabaseOptions } from '../db/connect';
import { PgStore } from '../store/pg-store';

/**
 * Databases for the server's tests. When DATABASE_URL is set (a PostgreSQL superuser), each test database is
 * a new database on that server, dropped afterwards; otherwise PGlite. The same suites run on both.
 */

export const usingPostgres = () => Boolean(process.env.DATABASE_URL);

async function admin<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/** A database that can be opened, closed and opened again (a restart): a PGlite data folder, or a PostgreSQL database. */
export interface TestDatabase {
  open(): Promise<DatabaseHandle>;
  destroy(): Promise<void>;
}

export async function createTestDatabase(extra: Pick<DatabaseOptions, 'onQuery'> = {}): Promise<TestDatabase> {
  if (!usingPostgres()) {
    const dir = await mkdtemp(join(tmpdir(), 'redress-pglite-'));
    return {
      open: () => openMigratedDatabase({ databaseUrl: null, dataDir: dir, poolSize: 5, ...extra }),
      destroy: () => rm(dir, { recursive: true, force: true }),
    };
  }
  const name = `redress_test_${randomBytes(6).toString('hex')}`;
  await admin((c) => c.query(`CREATE DATABASE ${name}`));
  const url = new URL(process.env.DATABASE_URL!);
  url.pathname = `/${name}`;
  return {
    open: () => openMigratedDatabase({ databaseUrl: url.toString(), dataDir: null, poolSize: 5, ...extra }),
    destroy: async () => {
      await admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

/** A fresh, migrated database for one test file (in-memory PGlite, or a new PostgreSQL database); `close` removes it. */
export async function openTestDatabase(extra: Pick<DatabaseOptions, 'onQuery'> = {}): Promise<DatabaseHandle> {
  if (!usingPostgres()) return openMigratedDatabase({ databaseUrl: null, dataDir: null, poolSize: 5, ...extra });
  const created = await createTestDatabase(extra);
  const handle = await created.open();
  return {
    ...handle,
    async close() {
      await handle.close();
      await created.destroy();
    },
  };
}

/**
 * A store on a fresh test database for one test file: opened before its tests, emptied of `tables` before each,
 * closed after them. Read `.store` and `.handle` inside the tests (they are set once the file's tests start).
 */
export function storeForThisFile(tables: readonly string[]): { readonly store: PgStore; readonly handle: DatabaseHandle } {
  let handle: DatabaseHandle | undefined;
  let store: PgStore | undefined;
  beforeAll(async () => {
    handle = await openTestDatabase();
    store = new PgStore(handle.db);
  });
  afterAll(async () => {
    await handle?.close();
  });
  beforeEach(async () => {
    await sql.raw(`TRUNCATE ${tables.join(', ')} CASCADE`).execute(handle!.db);
  });
  return {
    get store() {
      return store!;
    },
    get handle() {
      return handle!;
    },
  };
}
