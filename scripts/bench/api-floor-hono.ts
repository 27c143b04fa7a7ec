/**
 * Floors for the API benchmark (docs/decisions/0093-api-benchmark.md), on Hono and @hono/node-server like the
 * server, with no core and no validation:
 *   GET /fixed — fixed JSON (no database);
 *   GET /read/{reference} — when DATABASE_URL is set: a guest case read with nothing but its SQL, the same two
 *   messages as api-sql-floors.ts (the session by the cookie's token hash, then the case under the scope that
 *   session gives), answering the stored case as JSON. What HTTP plus the read's own SQL cost, before any rule.
 */
import { createHash } from 'node:crypto';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import pg from 'pg';
import { loadConfig } from '../../server/config';
import { nodeServerOptions } from '../../server/http/node-server';

const app = new Hono();
const body = { asOf: '2026-01-01T00:00:00.000Z', ok: true };
app.get('/fixed', (c) => c.json(body));

if (process.env.DATABASE_URL) {
  const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.POOL_SIZE ?? 10) });
  const lit = (value: string) => pg.escapeLiteral(value);
  type Rows<R extends pg.QueryResultRow> = pg.QueryResult<R>[];
  app.get('/read/:reference', async (c) => {
    const token = /(?:^|;\s*)redress_session=([^;]+)/.exec(c.req.header('Cookie') ?? '')?.[1];
    if (!token) return c.json({ code: 'signInRequired' }, 401);
    const hash = createHash('sha256').update(token, 'utf8').digest('hex');
    const sessions = (await pool.query(`SET LOCAL ROLE redress_app; SELECT scope FROM sessions WHERE token_hash = ${lit(hash)}`)) as unknown as Rows<{ scope: { kind: string; reference: string } }>;
    const scope = sessions[1]?.rows[0]?.scope;
    const reference = c.req.param('reference');
    if (!scope || scope.kind !== 'guest' || scope.reference !== reference) return c.json({ code: 'notFound' }, 404);
    const cases = (await pool.query(
      `SET LOCAL ROLE redress_app; SELECT set_config('redress.scope_kind', 'guest', true), set_config('redress.provider_id', 'nasstar', true), set_config('redress.customer_id', '', true), set_config('redress.organisation_id', '', true), set_config('redress.reference', ${lit(reference)}, true); SELECT data FROM cases WHERE reference = ${lit(reference)} AND provider_id = 'nasstar'`,
    )) as unknown as Rows<{ data: unknown }>;
    const found = cases[2]?.rows[0];
    return found ? c.json({ case: found.data }) : c.json({ code: 'notFound' }, 404);
  });
}

// The same keep-alive as the server's default (server/config.ts), so the floors and the server meet the load alike.
serve({ fetch: app.fetch, port: Number(process.env.PORT ?? 3303), hostname: '127.0.0.1', serverOptions: nodeServerOptions(loadConfig({}).keepAliveTimeoutMs) });
