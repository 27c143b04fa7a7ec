import { chmod, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kysely, PostgresDialect, sql, type LogEvent, type PostgresPool, type PostgresPoolClient } from 'kysely';
import pg from 'pg';
import type { Database } from './schema';
import { migrateToLatest } from './migrate';
import { backfillQueueKeys } from '../store/pg-staff';

/**
 * One driver for both databases (docs/decisions/0070-one-driver-pglite-socket.md): `pg` talks to
 * PostgreSQL at DATABASE_URL, or — when there is none — to PGlite (PostgreSQL in this process, persisted in
 * DATA_DIR) through a PostgreSQL wire-protocol Unix socket in a folder only this user may enter (mode 0700):
 * no TCP port is opened, so no other local user reaches the embedded database, which has no password
 * (issue 20.6, docs/decisions/0110-embedded-database-on-a-unix-socket.md). Kysely, the migrations and pg-boss
 * see the same thing either way.
 */

export interface DatabaseOptions {
  /** A PostgreSQL URL; null for PGlite. */
  databaseUrl: string | null;
  /** PGlite's data folder; null for an in-memory PGlite (tests). */
  dataDir: string | null;
  /** Connections in the pool (default 10). */
  poolSize?: number;
  /** Told of every message Kysely sends (each is one round trip), in the async context that sent it: for tests. */
  onQuery?: (sql: string) => void;
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

/** The longest Unix socket path the platforms we run on accept (Linux 107 bytes, macOS 103). */
const MAX_SOCKET_PATH = 100;

/**
 * The folder for the socket: `socket/` inside the data folder, or — for an in-memory database, or a data folder
 * whose path is too long for a socket — a fresh private folder under the system's temporary folder. Either way
 * the folder is mode 0700, so only this user can connect.
 */
async function socketFolder(dataDir: string | null): Promise<{ dir: string; temporary: boolean }> {
  if (dataDir) {
    const dir = join(dataDir, 'socket');
    if (join(dir, '.s.PGSQL.5432').length <= MAX_SOCKET_PATH) {
      await mkdir(dir, { recursive: true, mode: 0o700 });
      await chmod(dir, 0o700); // mkdir keeps an existing folder's mode
      await rm(join(dir, '.s.PGSQL.5432'), { force: true }); // a socket file left by a process that was killed
      return { dir, temporary: false };
    }
  }
  return { dir: await mkdtemp(join(tmpdir(), 'redress-pg-')), temporary: true }; // mkdtemp makes it 0700
}

/** PGlite behind a Unix socket. Queries from all connections are queued onto its one session. */
async function startEmbedded(dataDir: string | null, maxConnections: number): Promise<Embedded> {
  if (dataDir) await mkdir(dataDir, { recursive: true, mode: 0o700 });
  // Loaded only here: a server on PostgreSQL never holds PGlite's code (issue 21.9: memory).
  const [{ PGlite }, { PGLiteSocketServer }] = await Promise.all([import('@electric-sql/pglite'), import('@electric-sql/pglite-socket')]);
  const pglite = dataDir ? new PGlite(dataDir) : new PGlite();
  await pglite.waitReady;
  const socket = await socketFolder(dataDir);
  // libpq's and pg's convention: a host that is a folder means the socket `<folder>/.s.PGSQL.<port>`.
  const server = new PGLiteSocketServer({ db: pglite, path: join(socket.dir, '.s.PGSQL.5432'), maxConnections });
  await server.start();
  return {
    connectionString: `postgres://postgres@/postgres?host=${encodeURIComponent(socket.dir)}`,
    stop: async () => {
      await server.stop();
      await pglite.close();
      if (socket.temporary) await rm(socket.dir, { recursive: true, force: true });
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
  const onQuery = options.onQuery;
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({ pool: lastResultPool(pool) }),
    ...(onQuery ? { log: (event: LogEvent) => onQuery(event.query.sql) } : {}),
  });
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
      // Timed jobs may be writing a case (cases, then its events and messages) as the demo resets: the tables are
      // taken in that order, and a deadlock with such a job (40P01, PostgreSQL aborts one side) is tried again — the
      // transaction PostgreSQL aborted has done nothing, and a job that keeps delivering (the conformance suite's
      // background deliveries on a loaded machine) can meet it more than a few times in a row.
      for (let attempt = 0; ; attempt++) {
        try {
          await sql`TRUNCATE cases, case_events, case_messages, attachments, idempotency, sessions, sign_in_codes, rate_limits, outbox, invitations, customers, staff, staff_alerts`.execute(db);
          return;
        } catch (error) {
          if ((error as { code?: unknown }).code !== '40P01' || attempt >= 10) throw error;
        }
      }
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
    // Cases written before the staff queue's columns (migration 0035) get them from the core's keys.
    await backfillQueueKeys(handle.db);
  } catch (error) {
    await handle.close();
    throw error;
  }
  return handle;
}
