/** The floor for the API benchmark: Hono on @hono/node-server answering fixed JSON (no database, no core). */
import { serve } from '@hono/node-server';
import { Hono } from 'hono';

const app = new Hono();
const body = { asOf: '2026-01-01T00:00:00.000Z', ok: true };
app.get('/fixed', (c) => c.json(body));
serve({ fetch: app.fetch, port: Number(process.env.PORT ?? 3303), hostname: '127.0.0.1' });
