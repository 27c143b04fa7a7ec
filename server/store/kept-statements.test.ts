import { AsyncLocalStorage } from 'node:async_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BackOfficeTx } from '@/core/ports';
import type { DatabaseHandle } from '../db/connect';
import { openTestDatabase } from '../test/database';
import { PgStore, type PgTx } from './pg-store';
import { shapedQuery } from './shaped-query';
import { makeCase } from '../test/cases';

/**
 * Statements kept prepared on a connection (pg-batch.ts, decision 0174): a unit of work's deferred write is
 * PREPAREd the first time its connection sends it and only EXECUTEd after that; a message that fails after
 * preparing one leaves it counted as kept, so the next unit of work does not prepare it again (which PostgreSQL
 * would refuse). On PGlite and, with DATABASE_URL, on PostgreSQL (one pooled connection here, as PGlite has).
 */

const sent = new AsyncLocalStorage<string[]>();

describe('deferred writes kept prepared', () => {
  let handle: DatabaseHandle;
  let store: PgStore;

  beforeAll(async () => {
    handle = await openTestDatabase({ onQuery: (text) => sent.getStore()?.push(text) });
    store = new PgStore(handle.db, {}, { keepPrepared: true });
  });
  afterAll(async () => {
    await handle.close();
  });

  /** One unit of work writing an outbox row with the COMMIT; the messages it sent. */
  async function writeMail(id: string): Promise<string[]> {
    const messages: string[] = [];
    const query = handle.db.insertInto('outbox').values({ id, provider_id: 'nasstar', recipient: 'kept@example.com', subject: 's', body: 'b', lng: 'en', sent_at: new Date() }).compile();
    await sent.run(messages, () =>
      store.transaction(async (tx) => {
        // As the senders write mail: under the provider's scope (the outbox policy, migration 0100).
        tx.actFor({ providerId: 'nasstar', kind: 'provider' });
        (tx as PgTx).defer(query);
      }),
    );
    return messages;
  }

  it('prepares a deferred write once per connection, then only executes it', async () => {
    const first = (await writeMail('kept_1')).at(-1)!;
    const second = (await writeMail('kept_2')).at(-1)!;
    const name = /PREPARE (redress_k_[0-9a-f]+) AS insert into "outbox"/.exec(first)?.[1];
    expect(name).toBeDefined();
    expect(first).toContain(`EXECUTE ${name}(`);
    expect(first).not.toContain('DEALLOCATE');
    expect(second).not.toContain('PREPARE');
    expect(second).toContain(`EXECUTE ${name}(`);
    const rows = await handle.db.selectFrom('outbox').select('id').where('id', 'in', ['kept_1', 'kept_2']).execute();
    expect(rows.map((r) => r.id).sort()).toEqual(['kept_1', 'kept_2']);
  });

  it('after a message that prepared a statement and failed, the next one executes it without preparing it again', async () => {
    const other = new PgStore(handle.db, {}, { keepPrepared: true });
    const query = (id: string) => handle.db.insertInto('outbox').values({ id, provider_id: 'nasstar', recipient: 'kept@example.com', subject: 'other text', body: 'b', lng: 'it', sent_at: new Date() }).returning('id').compile();
    // As the senders write mail: under the provider's scope (the outbox policy, migration 0100).
    const writeAsProvider = (id: string) => async (tx: BackOfficeTx) => {
      tx.actFor({ providerId: 'nasstar', kind: 'provider' });
      (tx as PgTx).defer(query(id));
    };
    // Prepared, then refused: the id is taken (the unit of work rolls back).
    await expect(other.transaction(writeAsProvider('kept_1'))).rejects.toThrow(/duplicate key/);
    const messages: string[] = [];
    await sent.run(messages, () => other.transaction(writeAsProvider('kept_3')));
    expect(messages.at(-1)).not.toContain('PREPARE');
    expect(await handle.db.selectFrom('outbox').select('id').where('id', '=', 'kept_3').executeTakeFirst()).toEqual({ id: 'kept_3' });
  });

  it('keeps a read of a fixed shape prepared too: the session is PREPAREd with the first read on a connection, then only EXECUTEd', async () => {
    const read = async (hash: string) => {
      const messages: string[] = [];
      const found = await sent.run(messages, () => store.transaction((tx) => tx.findSession(hash)));
      return { found, messages };
    };
    await handle.db.insertInto('sessions').values({ token_hash: 'kept-read-1', provider_id: 'nasstar', scope: JSON.stringify({ kind: 'guest', reference: 'NAS-2026-KEPT0001' }), created_at: new Date(), last_seen_at: new Date() }).execute();
    const first = await read('kept-read-1');
    const second = await read('kept-read-1');
    const other = await read('no-such-session');
    expect(first.found?.scope).toEqual({ kind: 'guest', reference: 'NAS-2026-KEPT0001' });
    expect(second.found).toEqual(first.found);
    expect(other.found).toBeNull();
    const name = /PREPARE (redress_k_[0-9a-f]+) AS select \* from "sessions"/.exec(first.messages.join('\n'))?.[1];
    expect(name).toBeDefined();
    expect(first.messages).toHaveLength(1);
    expect(second.messages).toEqual([expect.stringContaining(`EXECUTE ${name}('kept-read-1')`)]);
    expect(second.messages[0]).not.toContain('PREPARE');
    expect(other.messages[0]).toContain(`EXECUTE ${name}('no-such-session')`);
  });

  it('after a kept read whose EXECUTE failed once prepared, the next read executes it without preparing it again', async () => {
    const other = new PgStore(handle.db, {}, { keepPrepared: true });
    const bySeq = (seq: string) => shapedQuery('kept-read test by seq', [seq], () => handle.db.selectFrom('case_events').select('seq').where('seq', '=', seq).compile());
    // Prepared, then refused: 'x' is no bigint.
    await expect(other.transaction((tx) => (tx as PgTx).trx.executeQuery(bySeq('x')))).rejects.toThrow(/bigint/);
    const messages: string[] = [];
    const { rows } = await sent.run(messages, () => other.transaction((tx) => (tx as PgTx).trx.executeQuery(bySeq('1'))));
    expect(rows).toEqual([]);
    expect(messages).toHaveLength(1);
    expect(messages[0]).not.toContain('PREPARE');
    expect(messages[0]).toMatch(/EXECUTE redress_k_[0-9a-f]+\('1'\)/);
  });

  it('keeps a new case’s INSERT prepared: PREPAREd with the first on a connection, then EXECUTEd, also when a taken reference runs the unit of work again', async () => {
    const other = new PgStore(handle.db, {}, { keepPrepared: true });
    const insert = async (make: () => ReturnType<typeof makeCase>) => {
      const messages: string[] = [];
      await sent.run(messages, () => other.transaction(async (tx) => void (await tx.insertCase(make()))));
      return messages.join('\n');
    };
    const first = makeCase();
    const firstSent = await insert(() => first);
    const name = /PREPARE (redress_k_[0-9a-f]+) AS insert into "cases"/.exec(firstSent)?.[1];
    expect(name).toBeDefined();
    expect(await insert(() => makeCase())).not.toContain('PREPARE');
    // The first run meets a taken reference (its EXECUTE fails after nothing new was prepared); the second draws a
    // new one: both only EXECUTE.
    let runs = 0;
    const retried = await insert(() => (++runs === 1 ? { ...makeCase(), reference: first.reference } : makeCase()));
    expect(runs).toBe(2);
    expect(retried).not.toContain('PREPARE');
    expect(retried.match(new RegExp(`EXECUTE ${name}\\(`, 'g'))).toHaveLength(2);
    expect(await handle.db.selectFrom('cases').select('reference').where('reference', '=', first.reference).executeTakeFirst()).toEqual({ reference: first.reference });
  });
});
