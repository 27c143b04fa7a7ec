import { AsyncLocalStorage } from 'node:async_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliverMessage, messagesFor } from '@/core/notifications';
import type { DatabaseHandle } from '../db/connect';
import { jsonLogger } from '../http/log';
import { outboxMailer } from '../mail/mailer';
import { makeCase, makeEvent } from '../test/cases';
import { openTestDatabase } from '../test/database';
import { PgStore } from './pg-store';

/**
 * Round trips of a message's delivery (issue 21.9): what the job sends for every case created — the claim with BEGIN
 * and the scope, the case, then the writes nobody reads back (the guest's sign-in link, the mail in the outbox, the
 * message sent) with the COMMIT: three messages, not seven. On PGlite, and on PostgreSQL with DATABASE_URL.
 */

const sent = new AsyncLocalStorage<string[]>();

describe('a message’s delivery', () => {
  let handle: DatabaseHandle;
  let store: PgStore;

  beforeAll(async () => {
    handle = await openTestDatabase({ onQuery: (text) => sent.getStore()?.push(text) });
    store = new PgStore(handle.db);
  });
  afterAll(async () => {
    await handle.close();
  });

  it('claims, reads the case, and writes the link, the mail and the message with the COMMIT: three messages', async () => {
    const c = makeCase({ customerId: null, reference: 'NAS-2026-DELIVER1' });
    const events = [makeEvent(1, { type: 'submitted', at: c.firstComplainedAt })];
    const [message] = messagesFor(c, events).filter((m) => m.channel === 'email');
    expect(message).toBeDefined();
    await store.transaction(async (tx) => {
      await tx.insertCase(c);
      await tx.appendEvents(c.reference, events);
      await tx.insertMessages([message!]);
    });

    const messages: string[] = [];
    const mailer = outboxMailer(handle.db, jsonLogger('error'));
    const outcome = await sent.run(messages, () => deliverMessage({ store, mailer, secret: 'delivery-test-secret' }, 'nasstar', message!.id, { origin: 'http://localhost', final: false }));
    expect(outcome).toBe('sent');
    expect(messages).toHaveLength(3);
    expect(messages[0]).toMatch(/^BEGIN; SET LOCAL ROLE redress_app; SELECT set_config\('redress.scope_kind', 'provider', true\)[\s\S]*; select \* from "case_messages"/);
    expect(messages[1]).toMatch(/select "data" from "cases"/);
    for (const write of ['insert into "sign_in_codes"', 'insert into "outbox"', 'update "case_messages"']) expect(messages[2]).toContain(write);
    expect(messages[2]).toMatch(/COMMIT$/);

    // Written, all three: the mail with the guest's link, the link's code, the message marked sent.
    const mail = await handle.db.selectFrom('outbox').selectAll().where('id', '=', message!.id).executeTakeFirstOrThrow();
    expect(mail.body).toContain('http://localhost/sign-in?token=');
    expect(await handle.db.selectFrom('sign_in_codes').select('id').where('id', '=', `code_${message!.id}`).executeTakeFirst()).toBeDefined();
    const row = await handle.db.selectFrom('case_messages').select(['status', 'done_at']).where('id', '=', message!.id).executeTakeFirstOrThrow();
    expect(row.status).toBe('sent');
    expect(row.done_at).not.toBeNull();
  });

  it('on a connection that keeps statements, prepares the claim, the case, the link, the mail and the update once, then only executes them', async () => {
    const keeping = new PgStore(handle.db, {}, { keepPrepared: true });
    const mailer = outboxMailer(handle.db, jsonLogger('error'));
    const deliverNew = async (reference: string) => {
      const c = makeCase({ customerId: null, reference });
      const events = [makeEvent(1, { type: 'submitted', at: c.firstComplainedAt })];
      const [message] = messagesFor(c, events).filter((m) => m.channel === 'email');
      await keeping.transaction(async (tx) => {
        await tx.insertCase(c);
        await tx.appendEvents(c.reference, events);
        await tx.insertMessages([message!]);
      });
      const messages: string[] = [];
      const outcome = await sent.run(messages, () => deliverMessage({ store: keeping, mailer, secret: 'delivery-test-secret' }, 'nasstar', message!.id, { origin: 'http://localhost', final: false }));
      const row = await handle.db.selectFrom('case_messages').select('status').where('id', '=', message!.id).executeTakeFirstOrThrow();
      return { outcome, status: row.status, messages };
    };
    const statements = ['select \\* from "case_messages"', 'select "data" from "cases"', 'insert into "sign_in_codes"', 'insert into "outbox"', 'update "case_messages"'];
    const first = await deliverNew('NAS-2026-DELIVER2');
    const second = await deliverNew('NAS-2026-DELIVER3');
    for (const delivery of [first, second]) {
      expect(delivery).toMatchObject({ outcome: 'sent', status: 'sent' });
      expect(delivery.messages).toHaveLength(3);
    }
    const names = statements.map((statement) => new RegExp(`PREPARE (redress_k_[0-9a-f]+) AS ${statement}`).exec(first.messages.join('\n'))?.[1]);
    expect(names.every((name) => name !== undefined)).toBe(true);
    expect(second.messages.join('\n')).not.toContain('PREPARE');
    for (const name of names) expect(second.messages.join('\n')).toContain(`EXECUTE ${name}(`);
  });
});
