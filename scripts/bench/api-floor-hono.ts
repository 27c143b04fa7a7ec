/**
 * Floors for the API benchmark (docs/decisions/0093-api-benchmark.md), on Hono and @hono/node-server like the
 * server, with no core and no validation:
 *   GET /fixed — fixed JSON (no database);
 *   GET /read/{reference} — when DATABASE_URL is set: a guest case read with nothing but its SQL, the same two
 *   messages as api-sql-floors.ts (`readGuestCase`) (the session by the cookie's token hash, then the case under the scope that
 *   session gives), answering the stored case as JSON. What HTTP plus the read's own SQL cost, before any rule.
 */
import { createHash } from 'node:crypto';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { loadConfig } from '../../server/config';
import { nodeServerOptions } from '../../server/http/node-server';
import { floorPool, readGuestCase } from './api-sql-floors.ts';

const app = new Hono();
const body = { asOf: '2026-01-01T00:00:00.000Z', ok: true };
app.get('/fixed', (c) => c.json(body));

if (process.env.DATABASE_URL) {
  const pool = floorPool(process.env.DATABASE_URL, Number(process.env.POOL_SIZE ?? 10));
  app.get('/read/:reference', async (c) => {
    const token = /(?:^|;\s*)redress_session=([^;]+)/.exec(c.req.header('Cookie') ?? '')?.[1];
    if (!token) return c.json({ code: 'signInRequired' }, 401);
    const found = await readGuestCase(pool, createHash('sha256').update(token, 'utf8').digest('hex'), c.req.param('reference'));
    return found !== null ? c.json({ case: found }) : c.json({ code: 'notFound' }, 404);
  });
}

// The same keep-alive as the server's default (server/config.ts), so the floors and the server meet the load alike.
serve({ fetch: app.fetch, port: Number(process.env.PORT ?? 3303), hostname: '127.0.0.1', serverOptions: nodeServerOptions(loadConfig({}).keepAliveTimeoutMs) });
