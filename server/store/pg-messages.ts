import type { Kysely, Selectable } from 'kysely';
import type { MailLanguage, MessageStatus } from '@/api/schemas';
import type { StoredMessage } from '@/core/ports';
import type { ProviderId } from '@/domain/profile-schema';
import type { CaseMessagesTable, Database } from '../db/schema';
import { shapedInsert, shapedQuery } from './shaped-query';

/**
 * Messages to the customer on PostgreSQL (docs/decisions/0140-notifications.md; migration 0040): kept apart from
 * pg-store.ts, which delegates to it. The unique key (event_id, channel) makes a second copy of a message a no-op;
 * a message being sent is locked FOR UPDATE SKIP LOCKED, so two instances never send the same one.
 */

type Tx = Kysely<Database>;

export function messageRow(m: StoredMessage) {
  return {
    id: m.id,
    provider_id: m.providerId,
    reference: m.reference,
    event_id: m.eventId,
    kind: m.kind,
    channel: m.channel,
    recipient: m.recipient,
    lng: m.lng,
    status: m.status,
    attempts: m.attempts,
    last_error: m.lastError,
    created_at: m.createdAt,
    done_at: m.doneAt,
    subject: m.subject,
    body: m.text,
    facts: JSON.stringify(m.facts),
  };
}

export function storedMessage(r: Selectable<CaseMessagesTable>): StoredMessage {
  return {
    id: r.id,
    providerId: r.provider_id as ProviderId,
    reference: r.reference,
    eventId: r.event_id,
    kind: r.kind,
    channel: r.channel,
    recipient: r.recipient,
    lng: (r.lng === 'it' ? 'it' : 'en') satisfies MailLanguage,
    status: r.status as MessageStatus,
    attempts: r.attempts,
    lastError: r.last_error,
    createdAt: r.created_at.toISOString(),
    doneAt: r.done_at ? r.done_at.toISOString() : null,
    subject: r.subject,
    text: r.body,
    facts: r.facts,
  };
}

/** A row of case_messages as `to_jsonb` gives it (instants as text). */
export type MessageJson = Omit<Selectable<CaseMessagesTable>, 'created_at' | 'done_at'> & { created_at: string; done_at: string | null };

export function storedMessageFromJson(r: MessageJson): StoredMessage {
  return storedMessage({ ...r, created_at: new Date(r.created_at), done_at: r.done_at === null ? null : new Date(r.done_at) });
}

/** The INSERT of new messages, leaving any already recorded for the same event and channel. */
export function insertMessagesQuery(trx: Tx, messages: readonly StoredMessage[]) {
  const rows = messages.map(messageRow);
  return shapedInsert('case_messages', rows, [], () =>
    trx
      .insertInto('case_messages')
      .values(rows)
      .onConflict((oc) => oc.columns(['event_id', 'channel']).doNothing())
      .compile(),
  );
}

export async function caseMessages(trx: Tx, reference: string): Promise<StoredMessage[]> {
  const rows = await trx.selectFrom('case_messages').selectAll().where('reference', '=', reference).orderBy('created_at').orderBy('id').execute();
  return rows.map(storedMessage);
}

export async function pendingMessageIds(trx: Tx, providerId: ProviderId, limit: number): Promise<string[]> {
  const rows = await trx
    .selectFrom('case_messages')
    .select('id')
    .where('provider_id', '=', providerId)
    .where('status', '=', 'pending')
    .where('channel', '=', 'email')
    .orderBy('created_at')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

/** The claim of a pending message (its row locked; one another sender holds is skipped), as a query to send. */
export function claimMessageQuery(trx: Tx, providerId: ProviderId, id: string) {
  // Of one shape (kept prepared on the connection, decision 0186), as is the update below.
  return shapedQuery('claimMessage', [id, providerId, 'pending'], () =>
    trx.selectFrom('case_messages').selectAll().where('id', '=', id).where('provider_id', '=', providerId).where('status', '=', 'pending').forUpdate().skipLocked().compile(),
  );
}

export const claimedMessage = (row: Selectable<CaseMessagesTable> | undefined): StoredMessage | null => (row ? storedMessage(row) : null);

/** A message's new state, as a write to send (nothing reads its result). */
export function updateMessageQuery(trx: Tx, m: StoredMessage) {
  const { id: _id, provider_id: _p, reference: _r, event_id: _e, channel: _c, ...changes } = messageRow(m);
  return shapedQuery('updateMessage', [...Object.values(changes), m.id], () => trx.updateTable('case_messages').set(changes).where('id', '=', m.id).compile());
}

export async function messagesWithStatus(trx: Tx, providerId: ProviderId, statuses: readonly MessageStatus[], limit: number): Promise<StoredMessage[]> {
  if (statuses.length === 0) return [];
  const rows = await trx
    .selectFrom('case_messages')
    .selectAll()
    .where('provider_id', '=', providerId)
    .where('status', 'in', [...statuses])
    .orderBy('created_at')
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map(storedMessage);
}

export async function messageCounts(trx: Tx, providerId: ProviderId): Promise<Partial<Record<MessageStatus, number>>> {
  const rows = await trx
    .selectFrom('case_messages')
    .select(['status', (eb) => eb.fn.countAll<string>().as('n')])
    .where('provider_id', '=', providerId)
    .groupBy('status')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}

export async function findMessage(trx: Tx, providerId: ProviderId, id: string): Promise<StoredMessage | null> {
  const row = await trx.selectFrom('case_messages').selectAll().where('id', '=', id).where('provider_id', '=', providerId).forUpdate().executeTakeFirst();
  return row ? storedMessage(row) : null;
}
