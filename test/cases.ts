import type { Case } from '@/api/schemas';
import type { StoredCase } from '@/core/ports';

/**
 * One builder for the cases tests make (server/test/cases.ts, src/core/*.test.ts, src/features/adr/lib/test-cases.ts):
 * a complaint as the back office stores it, with every field a real one has — a residential customer's complaint to
 * Nasstar, submitted at `at` and nothing since (no evidence, files, clocks met, letters, referral or feedback). A
 * test overrides what it is about.
 */
export function storedCase(overrides: Partial<StoredCase> & { at?: string } = {}): StoredCase {
  const { at = '2026-03-02T10:00:00.000Z', ...rest } = overrides;
  return {
    reference: 'NAS-2026-TEST0001',
    providerId: 'nasstar',
    customerId: null,
    organisationId: null,
    kind: 'complaint',
    status: 'submitted',
    stageId: 'complaintsTeam',
    stageStartedAt: at,
    firstComplainedAt: at,
    updatedAt: at,
    behaviour: 'prompt',
    aboutYou: { customerKind: 'residential', name: 'Ann', email: 'ann@example.com', phone: '07911 000001', replyBy: 'email' },
    complaint: { category: 'billing', summary: 's', whatHappened: 'x', startedOn: '2026-02-01', outcomeWanted: 'y' },
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

/** The same complaint as the API answers it (raised by its customer, not shared with an organisation). */
export function apiCase(overrides: Partial<Case> & { at?: string } = {}): Case {
  const { at, ...rest } = overrides;
  const { behaviour: _behaviour, organisationId: _organisationId, ...stored } = storedCase(at === undefined ? {} : { at });
  return { ...stored, raisedBy: null, sharedWithOrganisation: false, ...rest };
}
