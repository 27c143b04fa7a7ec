import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { Kysely, PostgresDialect, sql, type PostgresPool, type PostgresPoolClient } from 'kysely';
import pg from 'pg';
import type { Database } from './schema';
import { migrateToLatest } from './migrate';

/**
 * One driver for both databases (docs/decisions/0070-one-driver-pglite-socket.md): `pg` talks to
 * PostgreSQL at DATABASE_URL, or — when there is none — to PGlite (PostgreSQL in this process, persisted in
 * DATA_DIR) through a PostgreSQL wire-protocol socket on 127.0.0.1. Kysely, the migrations and pg-boss see
 * the same thing either way.
 */

export interface DatabaseOptions {
  /** A PostgreSQL URL; null for PGlite. */
  databaseUrl: string | null;
  /** PGlite's data folder; null for an in-memory PGlite (tests). */
  dataDir: string | null;
  /** Connections in the pool (default 10). */
  poolSize?: number;
}

export interface DatabaseHandle {
  kind: 'postgres' | 'pglite';
  db: Kysely<Database>;
  pool: pg.Pool;
  /** For other clients of the same database (pg-boss). */
  connectionString: string;
  /** true when `SELECT 1` answers within `timeoutMs`. */
  ping(timeoutMs?: number): Promise<boolean>;
  /** Demo mode's reset: every case, customer, session, file record and idempotency key goes. */
  wipe(): Promise<void>;
  close(): Promise<void>;
}

interface Embedded {
  connectionString: string;
  stop(): Promise<void>;
}

/** PGlite behind a socket on a free loopback port. Queries from all connections are queued onto its one session. */
async function startEmbedded(dataDir: string | null, maxConnections: number): Promise<Embedded> {
  if (dataDir) await mkdir(dataDir, { recursive: true });
  const pglite = dataDir ? new PGlite(dataDir) : new PGlite();
  await pglite.waitReady;
  const server = new PGLiteSocketServer({ db: pglite, host: '127.0.0.1', port: 0, maxConnections });
  await server.start();
  return {
    connectionString: `postgres://postgres@${server.getServerConn()}/postgres`,
    stop: async () => {
      await server.stop();
      await pglite.close();
    },
  };
}

/**
 * The pool as Kysely sees it: the same connections, except that a message of several statements (simple
 * protocol, no parameters) answers with its last statement's result, where pg gives an array Kysely cannot read.
 * The store sends a case query together with the scope it runs under (server/store/pg-store.ts `runInScope`).
 */
function lastResultPool(pool: pg.Pool): PostgresPool {
  const wrapped = new WeakMap<pg.PoolClient, PostgresPoolClient>();
  return {
    async connect() {
      const client = await pool.connect();
      let wrapper = wrapped.get(client);
      if (!wrapper) {
        wrapper = {
          query: (async (text: unknown, parameters: readonly unknown[]) => {
            if (typeof text !== 'string') throw new Error('lastResultPool: cursors are not supported');
            const result = (await client.query(text, [...parameters])) as unknown as pg.QueryResult | pg.QueryResult[];
            return Array.isArray(result) ? result[result.length - 1] : result;
          }) as unknown as PostgresPoolClient['query'],
          release: (destroy?: boolean) => client.release(destroy),
        };
        wrapped.set(client, wrapper);
      }
      return wrapper;
    },
    end: () => pool.end(),
  };
}

export async function openDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  const poolSize = options.poolSize ?? 10;
  // Room for the pool, pg-boss's own pool and a few one-off clients.
  const embedded = options.databaseUrl ? null : await startEmbedded(options.dataDir, poolSize * 3 + 4);
  const connectionString = options.databaseUrl ?? embedded!.connectionString;
  // PGlite has one session, and the socket server interleaves the protocol messages of its connections outside a
  // transaction: one connection's Parse can land between another's Parse and Bind (08P01, "bind message supplies
  // N parameters…"), seen as a 500 when two requests with the same Idempotency-Key arrive at once. One connection
  // in the pool keeps each query's messages together; the single session gave no parallelism anyway.
  const pool = new pg.Pool({ connectionString, max: embedded ? 1 : poolSize, connectionTimeoutMillis: 10_000 });
  // An idle client's connection dropping (a restarted database) must not crash the process; the next query reconnects.
  pool.on('error', () => undefined);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: lastResultPool(pool) }) });
  let closed = false;
  return {
    kind: embedded ? 'pglite' : 'postgres',
    db,
    pool,
    connectionString,
    async ping(timeoutMs = 2000) {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<false>((resolve) => {
        timer = setTimeout(() => resolve(false), timeoutMs);
      });
      try {
        return await Promise.race([sql`SELECT 1`.execute(db).then(() => true), timeout]);
      } catch {
        return false;
      } finally {
        clearTimeout(timer);
      }
    },
    async wipe() {
      await sql`TRUNCATE case_events, attachments, cases, idempotency, sessions, sign_in_codes, rate_limits, outbox, organisation_members, organisations, customers`.execute(db);
    },
    async close() {
      if (closed) return;
      closed = true;
      await db.destroy(); // ends the pool
      await embedded?.stop();
    },
  };
}

/** Opens the database and applies every migration not yet applied. */
export async function openMigratedDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  const handle = await openDatabase(options);
  try {
    await migrateToLatest(handle.db as Kysely<unknown>);
  } catch (error) {
    await handle.close();
    throw error;
  }
  return handle;
}
