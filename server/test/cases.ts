import type { StoredCase } from '@/core/ports';
import type { TimelineEvent } from '@/api/schemas';

let counter = 0;

/** A stored case with everything a real one has; override what a test is about. */
export function makeCase(overrides: Partial<StoredCase> & { summary?: string } = {}): StoredCase {
  counter += 1;
  const { summary = `Broadband drops every evening ${counter}`, ...rest } = overrides;
  const at = rest.updatedAt ?? new Date(Date.UTC(2026, 2, 2, 10, 0, counter % 60)).toISOString();
  return {
    reference: `NAS-2026-T${String(counter).padStart(7, '0')}`,
    providerId: 'nasstar',
    customerId: 'cus_alice',
    organisationId: null,
    kind: 'complaint',
    status: 'submitted',
    stageId: 'complaintsTeam',
    stageStartedAt: at,
    firstComplainedAt: at,
    updatedAt: at,
    behaviour: 'prompt',
    aboutYou: {
      customerKind: 'residential',
      name: 'Alice Example',
      email: 'alice@example.com',
      phone: '+441632960001',
      replyBy: 'email',
    },
    complaint: {
      category: 'serviceFault',
      summary,
      whatHappened: 'It drops.',
      startedOn: '2026-02-01',
      outcomeWanted: 'Fix it.',
    },
    evidence: { references: [], staff: [], calls: [], emails: [] },
    attachments: [],
    clocksMet: [],
    proposedResolution: null,
    letters: [],
    referral: null,
    feedback: null,
    ...rest,
  };
}

export function makeEvent(n: number, overrides: Partial<TimelineEvent> = {}): TimelineEvent {
  return { id: `evt_${n}_${counter++}`, at: new Date(Date.UTC(2026, 2, 2, 10, n)).toISOString(), type: 'comment', actor: 'customer', stageId: 'complaintsTeam', text: `comment ${n}`, ...overrides };
}
