import { AsyncLocalStorage } from 'node:async_hooks';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from './config';
import { jsonLogger } from './http/log';
import { createServerApp, type ServerApp } from './server';
import { openTestDatabase } from './test/database';

/**
 * Round trips to the database per request (issue 21.9, docs/decisions/0172-two-round-trips-per-creation.md): every
 * message the store sends is counted in the async context of the request that sent it (pg-boss's own work, on its
 * own connections, is not), so a change that adds one fails here, not only in `npm run bench:api`.
 */

const sent = new AsyncLocalStorage<string[]>();
const complaint = {
  kind: 'complaint',
  aboutYou: { customerKind: 'residential', name: 'Round Trip', email: 'round.trip@example.com', phone: '07911 654321', replyBy: 'email' },
  complaint: { category: 'billing', summary: 'Charged twice', whatHappened: 'I cancelled in October and was still charged.', startedOn: '2026-10-01', outcomeWanted: 'A refund' },
  evidence: { references: [{ reference: 'TCK-1' }], staff: [], calls: [], emails: [], attachmentIds: [] },
};

describe('round trips to the database', () => {
  let app: ServerApp;
  let filesDir: string;

  beforeAll(async () => {
    filesDir = await mkdtemp(join(tmpdir(), 'redress-round-trips-'));
    // As deployed: write limits on, jobs running (the case's timed check and its message are enqueued).
    const config = loadConfig({ PROVIDER: 'nasstar', FILES_DIR: filesDir, DIST_DIR: join(filesDir, 'no-portal'), LOG_LEVEL: 'error', COOKIE_SECURE: 'false' });
    const database = await openTestDatabase({ onQuery: (text) => sent.getStore()?.push(text) });
    app = await createServerApp(config, { logger: jsonLogger('error'), database });
  });
  afterAll(async () => {
    await app.close();
    await rm(filesDir, { recursive: true, force: true });
  });

  /** The answer, and the messages sent to the database while it was made. */
  async function counted(request: Request): Promise<{ response: Response; messages: string[] }> {
    const messages: string[] = [];
    const response = await sent.run(messages, async () => {
      const r = await app.fetch(request);
      await r.clone().arrayBuffer();
      return r;
    });
    return { response, messages };
  }

  const create = (key: string) =>
    counted(new Request('http://localhost/api/cases', { method: 'POST', headers: { 'Content-Type': 'application/json', 'Idempotency-Key': key }, body: JSON.stringify(complaint) }));

  it('a complaint: the write limit in one message, the idempotency claim in one, the whole unit of work in one; a guest read in two', async () => {
    const { response, messages } = await create('round-trips-key-000000001');
    expect(response.status).toBe(201);
    expect(messages).toHaveLength(3);
    const [limit, claim, work] = messages as [string, string, string];
    expect(limit).toMatch(/^\s*INSERT INTO rate_limits/);
    expect(claim).toMatch(/^insert into "idempotency"/);
    // BEGIN, the role and the caller's scope, the case, the writes nothing reads back, the events under the feed lock, COMMIT.
    // (on PostgreSQL the case's INSERT is kept prepared on the connection, decision 0185: PREPAREd here, its first time)
    expect(work).toMatch(/^BEGIN; SET LOCAL ROLE redress_app; SELECT set_config\('redress.scope_kind', 'provider', true\)[\s\S]*; (PREPARE redress_k_[0-9a-f]+ AS )?insert into "cases" /);
    for (const write of ['INSERT INTO pgboss.job', 'insert into "case_messages"', 'insert into "sessions"', 'insert into "idempotency"', 'pg_advisory_xact_lock', 'INSERT INTO case_events']) expect(work).toContain(write);
    expect(work).toMatch(/COMMIT$/);

    const { reference } = ((await response.json()) as { case: { reference: string } }).case;
    const cookie = response.headers.get('Set-Cookie')!.split(';')[0]!;
    const read = await counted(new Request(`http://localhost/api/cases/${reference}`, { headers: { Cookie: cookie } }));
    expect(read.response.status).toBe(200);
    // Nothing written, so no transaction (decision 0181): the session with the role; then the case with the role and
    // the scope the session gives, each its own implicit transaction. No BEGIN, no COMMIT.
    expect(read.messages).toHaveLength(2);
    // On PostgreSQL each read goes as a statement kept prepared on its connection (decision 0185): PREPAREd with
    // the first read on the connection, then only EXECUTEd.
    const read1 = /^SET LOCAL ROLE redress_app; (select \* from "sessions"|(PREPARE redress_k_[0-9a-f]+ AS select \* from "sessions"[^;]*; )?EXECUTE redress_k_)/;
    const read2 = /^SET LOCAL ROLE redress_app; SELECT set_config\('redress.scope_kind', 'guest', true\)[^;]*; (select "data" from "cases"|(PREPARE redress_k_[0-9a-f]+ AS select "data" from "cases"[^;]*; )?EXECUTE redress_k_)/;
    expect(read.messages[0]).toMatch(read1);
    expect(read.messages[1]).toMatch(read2);
    for (const m of read.messages) expect(m).not.toMatch(/BEGIN|COMMIT/);
  });

  it('the same key again: the claim finds the reply, and nothing else is sent', async () => {
    const first = await create('round-trips-key-000000002');
    expect(first.response.status).toBe(201);
    const again = await create('round-trips-key-000000002');
    expect(again.response.status).toBe(201);
    expect(again.response.headers.get('Idempotent-Replayed')).toBe('true');
    expect(await again.response.json()).toEqual(await first.response.json());
    // The write limit, the claim (which conflicts) and the stored reply.
    expect(again.messages).toHaveLength(3);
    expect(again.messages[2]).toMatch(/^select .* from "idempotency"/);
  });
});
