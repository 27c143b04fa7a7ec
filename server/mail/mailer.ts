import type { Kysely } from 'kysely';
import type { SendMailOptions, Transporter } from 'nodemailer';
import type { Mail } from '@/api/schemas';
import type { Mailer, OutgoingMail } from '@/core/ports';
import type { ProviderId } from '@/domain/profile-schema';
import type { Database } from '../db/schema';
import { PgTx } from '../store/pg-store';
import { shapedInsert } from '../store/shaped-query';
import type { Logger } from '../http/log';

/**
 * The server's mail (docs/decisions/0081-mail-and-mailbox.md): SMTP through nodemailer when SMTP_URL is set;
 * otherwise each mail is written to the `outbox` table with one log line naming its id — never its address
 * or its code. The demo server's mailbox reads the outbox.
 */

export function outboxMailer(db: Kysely<Database>, logger: Logger): Mailer {
  return {
    async send(mail, within) {
      // Sent from a unit of work (a message about a case): written in it, on its connection (ports.ts Mailer).
      const row = { id: mail.id, provider_id: mail.providerId, recipient: mail.to, subject: mail.subject, body: mail.text, lng: mail.lng, sent_at: mail.sentAt };
      const insert = (within instanceof PgTx ? within.trx : db)
        .insertInto('outbox')
        .values(row)
        // A message whose sending was retried after a crash is one mail (its id is the message's).
        .onConflict((oc) => oc.column('id').doNothing());
      // In a unit of work: sent with its next message or its COMMIT (nothing reads it back), of one shape.
      if (within instanceof PgTx) await within.holdWrite(shapedInsert('outbox', [row], [], () => insert.compile()));
      else await insert.execute();
      logger.log('info', 'mail written to the outbox (no SMTP_URL)', { mailId: mail.id });
    },
  };
}

export function smtpMailer(smtpUrl: string, from: string, logger: Logger): Mailer {
  // nodemailer is loaded with the first mail: a server that sends none does not hold it (issue 21.9: memory).
  let made: Promise<Transporter> | undefined;
  const transport = { sendMail: async (options: SendMailOptions) => (await (made ??= import('nodemailer').then((m) => m.default.createTransport(smtpUrl)))).sendMail(options) };
  return {
    /**
     * A message about a case, awaited: a refusal or an unreachable server throws, and the job retries. The
     * Message-ID comes from the message's id, so a copy sent again after a crash can be recognised as the same.
     */
    async deliver(mail: OutgoingMail) {
      const domain = /@([^>\s]+)/.exec(from)?.[1] ?? 'redress.invalid';
      await transport.sendMail({
        from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        ...(mail.html ? { html: mail.html } : {}),
        messageId: `<${mail.id}@${domain}>`,
        headers: { 'Content-Language': mail.lng, 'Auto-Submitted': 'auto-generated' },
      });
      logger.log('info', 'mail sent', { mailId: mail.id });
    },
    // Not awaited: an answer must not take longer for a known address than for an unknown one.
    send(mail: OutgoingMail) {
      transport
        .sendMail({ from, to: mail.to, subject: mail.subject, text: mail.text })
        .then(() => logger.log('info', 'mail sent', { mailId: mail.id }))
        .catch((error: unknown) => logger.log('error', 'mail not sent', { mailId: mail.id, error: error instanceof Error ? error.name : 'unknown' }));
      return Promise.resolve();
    },
  };
}

/** The latest mails in the outbox, newest first (the demo's mailbox); of two sent in the same millisecond, the one written last. */
export async function outboxMails(db: Kysely<Database>, providerId: ProviderId, limit = 50): Promise<Mail[]> {
  const rows = await db.selectFrom('outbox').selectAll().where('provider_id', '=', providerId).orderBy('sent_at', 'desc').orderBy('seq', 'desc').limit(limit).execute();
  return rows.map((r) => ({ id: r.id, to: r.recipient, subject: r.subject, text: r.body, lng: r.lng === 'it' ? 'it' : 'en', sentAt: new Date(r.sent_at).toISOString() }));
}
