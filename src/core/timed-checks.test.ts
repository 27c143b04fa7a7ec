import type { ComplaintSubmission } from '@/api/schemas';
import { getProfile } from '@/domain/profiles';
import { newCase } from './case-ops';
import { recordDueChecks } from './timed-checks';

const submission: ComplaintSubmission = {
  kind: 'complaint',
  aboutYou: { customerKind: 'residential', name: 'Sam', email: 'sam@example.com', phone: '07911 123456', replyBy: 'email' },
  complaint: { category: 'billing', summary: 'Charged twice', whatHappened: 'Twice.', startedOn: '2026-12-01', outcomeWanted: 'A refund' },
  evidence: { references: [], staff: [], calls: [], emails: [], attachmentIds: [] },
};

describe('issue 22 point 7: a missed aim is recorded as a target missed, never as a broken promise', () => {
  it('Nasstar: the acknowledgement (a commitment) and the 20-working-day resolution (an aim) each say which they are', () => {
    const profile = getProfile('nasstar');
    const at = new Date('2026-12-18T10:00:00Z');
    const change = newCase({ profile, reference: 'NAS-T-1', customerId: null, organisationId: null, submission, attachments: [], at, behaviour: 'silent' });
    expect(recordDueChecks(change, [], new Date('2027-02-01T10:00:00Z'))).toBeGreaterThanOrEqual(2);
    const overdue = change.events.filter((e) => e.type === 'clockOverdue').map((e) => [e.data?.overdueClockId, e.data?.strength]);
    expect(overdue).toEqual([
      ['acknowledge', 'commitment'],
      ['resolve', 'aim'],
    ]);
  });
});
