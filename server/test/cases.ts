import type { StoredCase } from '@/core/ports';
import type { TimelineEvent } from '@/api/schemas';
import { storedCase } from '../../test/cases';

let counter = 0;

/** A stored case with everything a real one has (test/cases.ts), a reference and a time of its own; override what a test is about. */
export function makeCase(overrides: Partial<StoredCase> & { summary?: string } = {}): StoredCase {
  counter += 1;
  const { summary = `Broadband drops every evening ${counter}`, ...rest } = overrides;
  const c = storedCase({ at: rest.updatedAt ?? new Date(Date.UTC(2026, 2, 2, 10, 0, counter % 60)).toISOString() });
  return {
    ...c,
    reference: `NAS-2026-T${String(counter).padStart(7, '0')}`,
    customerId: 'cus_alice',
    aboutYou: { customerKind: 'residential', name: 'Alice Example', email: 'alice@example.com', phone: '+441632960001', replyBy: 'email' },
    complaint: { category: 'serviceFault', summary, whatHappened: 'It drops.', startedOn: '2026-02-01', outcomeWanted: 'Fix it.' },
    ...rest,
  };
}

export function makeEvent(n: number, overrides: Partial<TimelineEvent> = {}): TimelineEvent {
  return { id: `evt_${n}_${counter++}`, at: new Date(Date.UTC(2026, 2, 2, 10, n)).toISOString(), type: 'comment', actor: 'customer', stageId: 'complaintsTeam', text: `comment ${n}`, ...overrides };
}
