import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linkHashOf, SIMULATED_SECRET } from '@/core/hash';
import { deliverMessage, errorClass, recordMessages } from '@/core/notifications';
import type { Mailer, OutgoingMail } from '@/core/ports';
import { loadConfig } from '../config';
import { jsonLogger } from '../http/log';
import { createServerApp, type ServerApp } from '../server';
import { PgStore } from '../store/pg-store';
import { makeCase, makeEvent } from '../test/cases';
import { openTestDatabase } from '../test/database';
import { smtpMailer } from './mailer';
import { submissionWith } from '../../test/conformance/fixtures';

/**
 * Messages to the customer reach a real SMTP server (smtp-server, in process on 127.0.0.1, any free port),
 * read back with mailparser: sent after the unit of work commits by the server's job, once, as HTML and text,
 * with a link that signs a guest in to that case only, once (docs/decisions/0140-notifications.md).
 */

interface Received {
  envelopeTo: string[];
  mail: ParsedMail;
}

let smtp: SMTPServer;
let port = 0;
const received: Received[] = [];
const waiting: { count: number; resolve: () => void }[] = [];
/** Resolves once `count` mails have arrived (no sleeping: the SMTP server says when). */
const mailsArrived = (count: number) =>
  new Promise<void>((resolve, reject) => {
    if (received.length >= count) return resolve();
    waiting.push({ count, resolve });
    setTimeout(() => reject(new Error(`only ${received.length} of ${count} mails arrived`)), 30_000).unref();
  });

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((mail) => {
          received.push({ envelopeTo: session.envelope.rcptTo.map((r) => r.address), mail });
          for (const w of waiting.filter((x) => received.length >= x.count)) w.resolve();
          callback();
        })
        .catch((error: Error) => callback(error));
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  port = (smtp.server.address() as AddressInfo).port;
});

afterAll(async () => {
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

describe('messages over SMTP', () => {
  let app: ServerApp;
  let filesDir: string;

  beforeAll(async () => {
    filesDir = await mkdtemp(join(tmpdir(), 'redress-messages-'));
    const config = loadConfig({
      PROVIDER: 'nasstar',
      FILES_DIR: filesDir,
      DIST_DIR: join(filesDir, 'no-portal'),
      SMTP_URL: `smtp://127.0.0.1:${port}`,
      MAIL_FROM: 'Nasstar complaints <complaints@nasstar.example>',
      PUBLIC_URL: 'https://complaints.nasstar.example',
      LOG_LEVEL: 'error',
    });
    app = await createServerApp(config, { logger: jsonLogger('error'), database: await openTestDatabase() });
  });
  afterAll(async () => {
    await app.close();
    await rm(filesDir, { recursive: true, force: true });
  });

  const call = (path: string, init: RequestInit & { cookie?: string } = {}) => {
    const headers = new Headers(init.headers);
    headers.set('Content-Type', 'application/json');
    if (init.cookie) headers.set('Cookie', init.cookie);
    // The portal's own address (PUBLIC_URL): the server answers no other Host, and a cookie's write needs its Origin.
    headers.set('Origin', 'https://complaints.nasstar.example');
    return app.fetch(new Request(`https://complaints.nasstar.example/api${path}`, { ...init, headers }));
  };

  it("a guest's complaint: one mail, HTML and text in Italian, with a link that signs in to that case once", async () => {
    const body = submissionWith('La connessione cade ogni sera', { email: 'giulia@example.com', name: 'Giulia Rossi', lng: 'it' });
    const answer = await call('/cases', { method: 'POST', body: JSON.stringify(body), headers: { 'Idempotency-Key': 'messages-test-key-0001' } });
    expect(answer.status).toBe(201);
    const { case: c } = (await answer.json()) as { case: { reference: string } };

    await mailsArrived(1);
    // The mail leaves inside its unit of work; the link's row is readable once that commits (the message marked sent).
    const sent = async () =>
      (await app.database.db.selectFrom('case_messages').select('status').where('reference', '=', c.reference).executeTakeFirst())?.status;
    for (const end = Date.now() + 10_000; (await sent()) !== 'sent' && Date.now() < end; ) await new Promise((resolve) => setTimeout(resolve, 50));
    const [{ envelopeTo, mail }] = received as [Received];
    expect(envelopeTo).toEqual(['giulia@example.com']);
    expect(mail.subject).toBe(`Abbiamo ricevuto il Suo reclamo ${c.reference}`);
    expect(mail.text).toContain('Gentile Giulia Rossi,');
    expect(mail.text).toContain('La connessione cade ogni sera');
    // The first promise of the stage, due by a date in the provider's time zone. Any year: the server's clock is the
    // real one, and a complaint made in the last days of December is due in January of the next year.
    expect(mail.text).toMatch(/Prossima scadenza di Nasstar: .+, entro (il |l')\d{1,2} \w+ \d{4}/);
    const html = String(mail.html);
    expect(html).toContain('<html lang="it">');
    expect(html).toContain(`<title>Abbiamo ricevuto il Suo reclamo ${c.reference}</title>`);
    expect(mail.headers.get('content-language')).toBe('it');
    expect(mail.messageId).toMatch(/^<msg_[^@]+@nasstar\.example>$/);

    const token = /https:\/\/complaints\.nasstar\.example\/sign-in\?token=([A-Za-z0-9]+)&lng=it/.exec(mail.text ?? '')?.[1];
    expect(token).toBeTruthy();
    expect(html).toContain(`href="https://complaints.nasstar.example/sign-in?token=${token}&amp;lng=it"`);

    const signIn = await call('/session', { method: 'POST', body: JSON.stringify({ token }) });
    expect(signIn.status).toBe(201);
    expect(await signIn.json()).toEqual({ scope: { kind: 'guest', reference: c.reference, email: 'giulia@example.com' } });
    const cookie = signIn.headers.get('Set-Cookie')!.split(';')[0]!;
    const again = await call('/session', { method: 'POST', body: JSON.stringify({ token }) });
    expect(again.status).toBe(422);

    // The letters log: the message, sent, with the copy as sent.
    const log = await call(`/cases/${c.reference}/messages`, { cookie });
    const { messages } = (await log.json()) as { messages: { kind: string; status: string; subject: string; doneAt: string | null }[] };
    expect(messages).toEqual([expect.objectContaining({ kind: 'received', status: 'sent', subject: mail.subject })]);
    expect(messages[0]!.doneAt).not.toBeNull();

    // A repeated job (a retry, another instance) finds it sent and sends nothing.
    const row = await app.database.db.selectFrom('case_messages').select(['id']).where('reference', '=', c.reference).executeTakeFirstOrThrow();
    const mailer = smtpMailer(`smtp://127.0.0.1:${port}`, 'x <x@nasstar.example>', jsonLogger('error'));
    expect(await deliverMessage({ store: new PgStore(app.database.db), mailer }, 'nasstar', row.id, { origin: 'https://x.example', final: false })).toBe('skipped');
    expect(received).toHaveLength(1);
  });
});

describe('delivery, directly on the store', () => {
  const failing = (): Mailer & { tries: number } => {
    const m = {
      tries: 0,
      send: () => Promise.resolve(),
      deliver: () => {
        m.tries += 1;
        return Promise.reject(new Error('451 try again later'));
      },
    };
    return m;
  };

  it('an error is told by its class and SMTP code, never its message', () => {
    const refused = Object.assign(new Error('550 5.1.1 <ann@example.com>: Recipient address rejected'), { code: 'EENVELOPE', responseCode: 550 });
    expect(errorClass(refused)).toBe('EENVELOPE 550');
    expect(errorClass(Object.assign(new Error('connect ECONNREFUSED 10.0.0.1:25'), { code: 'ECONNECTION' }))).toBe('ECONNECTION');
    expect(errorClass(new TypeError('ann@example.com'))).toBe('TypeError');
    expect(errorClass('ann@example.com')).toBe('unknown');
  });

  async function storeWithMessage() {
    const handle = await openTestDatabase();
    const store = new PgStore(handle.db);
    const c = makeCase({ customerId: null, aboutYou: { customerKind: 'residential', name: 'Ann', email: 'ann@example.com', phone: '07911 000000', replyBy: 'email' } });
    const event = makeEvent(1, { type: 'submitted', actor: 'customer', at: c.firstComplainedAt });
    await store.transaction(async (tx) => {
      await tx.insertCase(c);
      await tx.appendEvents(c.reference, [event]);
      await recordMessages(tx, c, [event]);
      // Recorded twice for the same event: still one message (the unique key).
      await recordMessages(tx, c, [event]);
    });
    const [row] = await handle.db.selectFrom('case_messages').selectAll().execute();
    return { handle, store, c, id: row!.id };
  }

  it('a refused send is undone (no link left), counted, and marked failed for staff after the last try', async () => {
    const { handle, store, id } = await storeWithMessage();
    try {
      const mailer = failing();
      expect(await deliverMessage({ store, mailer }, 'nasstar', id, { origin: 'https://x.example', final: false })).toBe('retry');
      let row = await handle.db.selectFrom('case_messages').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      // Staff see the error's class, never its words (which may quote the address).
      expect([row.status, row.attempts, row.last_error]).toEqual(['pending', 1, 'Error']);
      expect(await handle.db.selectFrom('sign_in_codes').selectAll().execute()).toEqual([]);
      expect(await deliverMessage({ store, mailer }, 'nasstar', id, { origin: 'https://x.example', final: true })).toBe('failed');
      row = await handle.db.selectFrom('case_messages').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      expect([row.status, row.attempts]).toEqual(['failed', 2]);
      // A failed message is not tried again.
      expect(await deliverMessage({ store, mailer }, 'nasstar', id, { origin: 'https://x.example', final: false })).toBe('skipped');
      expect(mailer.tries).toBe(2);
    } finally {
      await handle.close();
    }
  });

  it('two instances sending the same message at once: one mail', async () => {
    const { handle, store, id } = await storeWithMessage();
    try {
      const sent: OutgoingMail[] = [];
      const mailer: Mailer = { send: () => Promise.resolve(), deliver: (mail) => Promise.resolve(void sent.push(mail)) };
      const other = new PgStore(handle.db);
      const outcomes = await Promise.all([
        deliverMessage({ store, mailer }, 'nasstar', id, { origin: 'https://x.example', final: false }),
        deliverMessage({ store: other, mailer }, 'nasstar', id, { origin: 'https://x.example', final: false }),
      ]);
      expect(outcomes.sort()).toEqual(['sent', 'skipped']);
      expect(sent).toHaveLength(1);
      expect(sent[0]!.to).toBe('ann@example.com');
    } finally {
      await handle.close();
    }
  });

  it('a crash after the mail server accepted the mail and before it was marked sent: sent again as the same mail (same Message-ID, same link), and either copy signs in', async () => {
    const { handle, store, id } = await storeWithMessage();
    try {
      const real = smtpMailer(`smtp://127.0.0.1:${port}`, 'Nasstar complaints <complaints@nasstar.example>', jsonLogger('error'));
      let crashes = 1;
      // The mail server accepts the mail, then the process dies before its COMMIT: the unit of work is undone.
      const crashing: Mailer = {
        send: (mail) => real.send(mail),
        deliver: async (mail) => {
          await real.deliver!(mail);
          if (crashes-- > 0) throw new Error('process killed before COMMIT');
        },
      };
      const before = received.length;
      expect(await deliverMessage({ store, mailer: crashing }, 'nasstar', id, { origin: 'https://x.example', final: false })).toBe('retry');
      expect(await handle.db.selectFrom('sign_in_codes').selectAll().execute()).toEqual([]);
      expect(await deliverMessage({ store, mailer: crashing }, 'nasstar', id, { origin: 'https://x.example', final: false })).toBe('sent');
      await mailsArrived(before + 2);
      const copies = received.slice(before).filter((r) => r.envelopeTo.includes('ann@example.com'));
      expect(copies).toHaveLength(2);
      const [first, second] = copies.map((r) => r.mail) as [ParsedMail, ParsedMail];
      // At least once, and the copy sent again is the same mail: a receiving system that dedupes by Message-ID keeps one.
      expect(first.messageId).toBe(`<${id}@nasstar.example>`);
      expect(second.messageId).toBe(first.messageId);
      expect(second.subject).toBe(first.subject);
      expect(second.text).toBe(first.text);
      expect(second.html).toBe(first.html);
      // The first copy's link is the link that was committed: whichever copy the guest opens signs them in.
      const token = /sign-in\?token=([A-Za-z0-9]+)/.exec(first.text ?? '')?.[1];
      expect(token).toBeTruthy();
      const links = await handle.db.selectFrom('sign_in_codes').select(['link_hash', 'reference']).execute();
      expect(links).toHaveLength(1);
      expect(links[0]!.link_hash).toBe(await linkHashOf(SIMULATED_SECRET, token!));
      const row = await handle.db.selectFrom('case_messages').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      expect([row.status, row.subject]).toEqual(['sent', first.subject]);
    } finally {
      await handle.close();
    }
  });
});
