import { deliverMessage, type DeliveryDeps } from '@/core/notifications';
import type { ProviderId } from '@/domain/profile-schema';
import type { PgStoreHooks } from '../store/pg-store';
import type { Jobs } from './jobs';

/**
 * Messages to customers on the server (docs/decisions/0140-notifications.md): each message recorded with an
 * event gets a job enqueued in the same transaction (so a write that rolls back sends nothing), and the worker
 * sends it through the core's `deliverMessage`. A refused or failed send throws, and pg-boss retries it with
 * backoff; on the last try the message is marked failed for staff instead.
 */

export function messageScheduling(jobs: Pick<Jobs, 'scheduleMessage'>): PgStoreHooks {
  return {
    async afterMessages(tx, messages) {
      for (const m of messages) if (m.status === 'pending') await jobs.scheduleMessage(m.id, { db: tx.jobConnection() });
    },
  };
}

export class MessageNotSent extends Error {
  constructor(readonly messageId: string) {
    super(`message ${messageId} not sent; it will be tried again`);
  }
}

export async function startMessageDelivery(jobs: Jobs, deps: DeliveryDeps, providerId: ProviderId, origin: string): Promise<void> {
  await jobs.onMessage(async ({ messageId }, { final }) => {
    const outcome = await deliverMessage(deps, providerId, messageId, { origin, final });
    if (outcome === 'retry') throw new MessageNotSent(messageId);
  });
}
