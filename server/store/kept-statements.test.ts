import { AsyncLocalStorage } from 'node:async_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BackOfficeTx } from '@/core/ports';
import type { DatabaseHandle } from '../db/connect';
import { openTestDatabase } from '../test/database';
import { PgStore, type PgTx } from './pg-store';

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
});
