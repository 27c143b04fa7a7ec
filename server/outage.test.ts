import { createServer } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { problemSchema } from '@/api/schemas';
import { loadConfig } from './config';
import type { DatabaseHandle } from './db/connect';
import type { Database } from './db/schema';
import { isDatabaseUnavailable } from './db/unavailable';
import { jsonLogger } from './http/log';
import { createServerApp, type ServerApp } from './server';

/** A loopback port nothing listens on: taken, then given back. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A database handle for a PostgreSQL that is down: every connection is refused. */
async function databaseThatIsDown(): Promise<DatabaseHandle> {
  const port = await closedPort();
  const pool = new pg.Pool({ host: '127.0.0.1', port, user: 'redress', database: 'redress', max: 2, connectionTimeoutMillis: 2000 });
  pool.on('error', () => undefined);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    kind: 'postgres',
    db,
    pool,
    connectionString: `postgres://redress@127.0.0.1:${port}/redress`,
    ping: async () => false,
    wipe: async () => undefined,
    close: () => db.destroy(),
  };
}

describe('PostgreSQL down', () => {
  let files: string;
  let server: ServerApp;
  const logLines: string[] = [];
  beforeAll(async () => {
    files = await mkdtemp(join(tmpdir(), 'redress-outage-'));
    const config = loadConfig({ PROVIDER: 'nasstar', FILES_DIR: files, DIST_DIR: join(files, 'no-portal'), LOG_LEVEL: 'error' });
    server = await createServerApp(config, { logger: jsonLogger('error', (line) => logLines.push(line)), database: await databaseThatIsDown(), jobs: false });
  });
  afterAll(async () => {
    await server.close();
    await rm(files, { recursive: true, force: true });
  });

  const send = (path: string, init: RequestInit = {}) =>
    server.fetch(new Request(`http://localhost${path}`, { ...init, headers: { 'X-Redress-Provider': 'nasstar', Origin: 'http://localhost', ...(init.headers as Record<string, string>) } }));

  it('issue 20.13: every request answers 503 problem+json with Retry-After, not 500', async () => {
    const answers = [
      await send('/api/session'),
      await send('/api/cases'),
      await send('/api/cases/NAS-2026-ABCDEFGH'),
      await send('/api/session/code', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ purpose: 'signIn', email: 'someone@example.com', lng: 'en' }) }),
      await send('/api/cases/NAS-2026-ABCDEFGH/comments', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Idempotency-Key': 'outage-key-0123456789', Cookie: 'redress_session=abc' },
        body: JSON.stringify({ text: 'still there?' }),
      }),
      await send('/api/health'),
    ];
    for (const answer of answers) {
      expect(answer.status).toBe(503);
      expect(Number(answer.headers.get('Retry-After'))).toBeGreaterThan(0);
    }
    for (const answer of answers.slice(0, -1)) {
      expect(answer.headers.get('Content-Type')).toBe('application/problem+json');
      expect(problemSchema.parse(await answer.json()).code).toBe('serviceUnavailable');
    }
  });

  it('tells a database that cannot be reached from a query that is wrong', () => {
    expect(isDatabaseUnavailable(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }))).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }))).toBe(true);
    expect(isDatabaseUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error('duplicate key value'), { code: '23505' }))).toBe(false);
    expect(isDatabaseUnavailable(new Error('boom'))).toBe(false);
  });
});
