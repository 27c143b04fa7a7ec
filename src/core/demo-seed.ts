import type { ComplaintCategory, ComplaintSubmission, Customer, StaffMember } from '@/api/schemas';
import { asksForAccountNumber } from '@/domain/case-model';
import type { ProviderId } from '@/domain/profile-schema';
import { getProfile } from '@/domain/profiles';
import { decideResolution, escalate, issueLetter, moveToStage, newCase, type CaseChange } from './case-ops';
import { letterRefusal, nextStageId, providerMovesTo } from '@/domain/cases';
import type { BackOfficeStore, BackOfficeTx, Behaviour } from './ports';
import { newReference } from './references';
import { advanceCase, calendarFor } from './simulated-provider';

/**
 * Demo customers for every provider: a residential customer, a small business (8 employees, two members who
 * share its cases) with cases at every stage, and an enterprise. Histories are replayed through the same case
 * changes and simulated provider the live back office uses, relative to the back office's clock at seeding.
 * The simulated back office and a server started in demo mode seed the same data.
 */

export function demoCustomers(providerId: ProviderId): Customer[] {
  return [
    {
      id: `${providerId}-residential`,
      providerId,
      kind: 'residential',
      name: 'Sam Taylor',
      accountNumber: 'R-204518',
      email: 'sam.taylor@example.com',
      phone: '07911 123456',
      address: { line1: '14 Orchard Row', town: 'Leeds', postcode: 'LS6 2QT' },
    },
    {
      id: `${providerId}-business`,
      providerId,
      kind: 'business',
      employees: 8,
      name: 'Priya Shah',
      organisation: 'Harbour Lane Bakery Ltd',
      accountNumber: 'B-881022',
      email: 'priya@harbourlane.example',
      phone: '0113 496 0000',
      address: { line1: 'Unit 3, Harbour Lane', town: 'Hull', postcode: 'HU1 1AA' },
      organisationId: `${providerId}-org-harbourlane`,
      role: 'admin',
    },
    {
      id: `${providerId}-business-member`,
      providerId,
      kind: 'business',
      employees: 8,
      name: 'Tom Reed',
      organisation: 'Harbour Lane Bakery Ltd',
      accountNumber: 'B-881022',
      email: 'tom@harbourlane.example',
      phone: '0113 496 0001',
      address: { line1: 'Unit 3, Harbour Lane', town: 'Hull', postcode: 'HU1 1AA' },
      organisationId: `${providerId}-org-harbourlane`,
      role: 'member',
    },
    {
      id: `${providerId}-enterprise`,
      providerId,
      kind: 'largeOrganisation',
      employees: 2400,
      name: 'Daniel Okafor',
      organisation: 'Northgate Logistics plc',
      accountNumber: 'E-100077',
      email: 'it.procurement@northgate.example',
      phone: '020 7946 0000',
      address: { line1: '1 Northgate Plaza', town: 'London', postcode: 'EC2A 4BX' },
    },
  ];
}

const stories: { category: ComplaintCategory; summary: string; whatHappened: string; outcome: string }[] = [
  { category: 'serviceFault', summary: 'Broadband drops every evening', whatHappened: 'Since early this month the connection drops between 6pm and 10pm most days. Two engineer visits did not fix it.', outcome: 'A working connection and a refund for the days without service.' },
  { category: 'billing', summary: 'Charged twice for October', whatHappened: 'The October invoice was taken twice by direct debit.', outcome: 'Refund of the duplicate payment.' },
  { category: 'installation', summary: 'Installation appointment missed', whatHappened: 'Nobody came to the agreed installation slot and nobody called.', outcome: 'A new date this week and compensation for the missed appointment.' },
  { category: 'contract', summary: 'Early termination fee after moving', whatHappened: 'I was told on the phone the fee would be waived because the service is not available at the new address.', outcome: 'Remove the early termination fee.' },
  { category: 'customerService', summary: 'Promised call-backs never came', whatHappened: 'Three call-backs were promised and none happened.', outcome: 'A named contact and an apology.' },
  { category: 'serviceFault', summary: 'Phone line crackles and cuts out', whatHappened: 'The line crackles and calls drop after a few minutes.', outcome: 'Fix the line and credit the line rental.' },
  { category: 'billing', summary: 'Price rise not in the contract', whatHappened: 'A mid-contract price rise was applied that was not in my contract.', outcome: 'Reverse the price rise.' },
  { category: 'other', summary: 'Static IP changed without notice', whatHappened: 'Our static IP changed overnight and the card terminal stopped working.', outcome: 'Restore the old address and pay for the lost trading.' },
];

/** The Communications Ombudsman's own procedure takes complaints about its service, not about a provider's. */
const ombudsmanStories: typeof stories = [
  { category: 'delay', summary: 'No update on my dispute since it was accepted', whatHappened: 'My dispute was accepted and then I heard nothing, although I was told I would get an update.', outcome: 'An update on my dispute and a date for the decision.' },
  { category: 'disputeHandling', summary: 'Decision ignored the evidence I sent', whatHappened: 'The decision says I sent no bills, but I uploaded three with my dispute.', outcome: 'The decision reviewed with my evidence.' },
  { category: 'staffConduct', summary: 'Caseworker was dismissive on the phone', whatHappened: 'The caseworker talked over me and ended the call before I had finished.', outcome: 'An apology and a different caseworker.' },
  { category: 'disputeHandling', summary: 'Dispute closed without telling me', whatHappened: 'My dispute was marked closed and I only found out when I logged in.', outcome: 'My dispute reopened and an explanation.' },
  { category: 'delay', summary: 'Provider has not been chased for the remedy', whatHappened: 'The provider has not done what the decision said and nobody has chased it.', outcome: 'The provider chased to carry out the remedy.' },
  { category: 'personalData', summary: 'Letter about my dispute sent to an old address', whatHappened: 'A letter with my dispute details went to an address I had told you I had left.', outcome: 'My address corrected and an explanation of what was sent.' },
  { category: 'other', summary: 'Online account locked after password reset', whatHappened: 'I cannot log in to follow my dispute since resetting my password.', outcome: 'Access to my account restored.' },
  { category: 'staffConduct', summary: 'Promised call-back about my dispute never came', whatHappened: 'I was promised a call-back to explain the decision and nobody called.', outcome: 'A call to explain the decision.' },
];

function submissionFor(customer: Customer, i: number, kind: ComplaintSubmission['kind'] = 'complaint'): ComplaintSubmission {
  const about = getProfile(customer.providerId).complaintsAbout;
  const told = about === 'ombudsmanService' ? ombudsmanStories : stories;
  const story = told[i % told.length] ?? told[0]!;
  return {
    kind,
    aboutYou: {
      customerKind: customer.kind,
      ...(customer.employees ? { employees: customer.employees } : {}),
      name: customer.name,
      ...(customer.organisation ? { organisation: customer.organisation } : {}),
      ...(customer.accountNumber && asksForAccountNumber(about) ? { accountNumber: customer.accountNumber } : {}),
      email: customer.email,
      phone: customer.phone,
      replyBy: 'email',
      ...(customer.address ? { address: customer.address } : {}),
    },
    complaint: {
      category: kind === 'abuseReport' ? 'other' : story.category,
      summary: kind === 'abuseReport' ? 'Phishing emails sent from a Nasstar-hosted address' : story.summary,
      whatHappened: story.whatHappened,
      startedOn: '2026-09-01',
      outcomeWanted: story.outcome,
      ...(i % 3 === 0 ? { compensationPence: 5000 * (i + 1) } : {}),
    },
    evidence: {
      references: [{ reference: `TCK-${48210 + i}` }],
      staff: i % 2 === 0 ? [{ name: 'Jordan', team: 'Technical support' }] : [],
      calls: [],
      emails: [],
      attachmentIds: [],
    },
  };
}

type Action = { afterDays: number; do: 'escalate' | 'deadlock' | 'accept' | 'reject' };
type Plan = { ageDays: number; behaviour: Behaviour; actions?: Action[]; kind?: ComplaintSubmission['kind'] };

/** The small business's eight cases, one per stage of a case's life. */
const businessPlans: Plan[] = [
  { ageDays: 1, behaviour: 'prompt' },
  { ageDays: 6, behaviour: 'late' },
  { ageDays: 12, behaviour: 'prompt' },
  { ageDays: 40, behaviour: 'prompt' },
  { ageDays: 63, behaviour: 'silent' }, // past the regulator's wait (6 weeks since 8 April 2026), no ADR letter
  { ageDays: 50, behaviour: 'prompt', actions: [{ afterDays: 35, do: 'reject' }, { afterDays: 36, do: 'escalate' }] },
  { ageDays: 45, behaviour: 'prompt', actions: [{ afterDays: 30, do: 'accept' }] },
  { ageDays: 30, behaviour: 'late', actions: [{ afterDays: 16, do: 'deadlock' }] },
];

async function replay(tx: BackOfficeTx, customer: Customer, i: number, plan: Plan, now: Date): Promise<void> {
  const profile = getProfile(customer.providerId);
  const cal = calendarFor(profile);
  const start = cal.addCalendarDays(now, -plan.ageDays);
  let change: CaseChange;
  do {
    change = newCase({
      profile,
      reference: newReference(profile.referenceStyle.prefix, start),
      customerId: customer.id,
      organisationId: customer.organisationId ?? null,
      submission: submissionFor(customer, i, plan.kind),
      attachments: [],
      at: start,
      behaviour: plan.behaviour,
    });
  } while (!(await tx.insertCase(change.c)));
  for (const action of plan.actions ?? []) {
    const at = cal.addCalendarDays(start, action.afterDays);
    advanceCase(change, [], at);
    try {
      if (action.do === 'escalate') escalate(profile, change, { reason: 'unhappyWithResponse' }, at);
      if (action.do === 'deadlock') {
        // A procedure whose letter ends its last stage (the Communications Ombudsman's final response, Miso's deadlock
        // after attempt 3) gets there first: the customer escalates, or the provider undertakes the next attempt.
        for (let next = nextStageId(profile, change.c.stageId); next && letterRefusal(profile, change.c, 'deadlock'); next = nextStageId(profile, change.c.stageId)) {
          if (providerMovesTo(profile, next)) moveToStage(change, next, at);
          else escalate(profile, change, { reason: 'noProgress' }, at);
        }
        issueLetter(profile, change, at, 'deadlock', 'customer');
      }
      if (action.do === 'accept' && change.c.proposedResolution) decideResolution(change, { decision: 'accept' }, at);
      if (action.do === 'reject' && change.c.proposedResolution)
        decideResolution(change, { decision: 'reject', reason: 'The proposed credit does not cover the weeks without service.' }, at);
    } catch {
      // A step that does not apply to this provider's procedure (e.g. no stage to escalate to) is skipped.
    }
  }
  advanceCase(change, [], now);
  await tx.updateCase(change.c);
  await tx.appendEvents(change.c.reference, change.events);
}

/** The demo's staff of each provider (docs/decisions/0130-staff-workspace.md): a manager and an agent, one click each on the sign-in page. */
export function demoStaff(providerId: ProviderId, now: Date): StaffMember[] {
  const at = now.toISOString();
  return [
    { id: `${providerId}-staff-manager`, providerId, name: 'Alex Morgan', email: `alex.morgan@staff.${providerId}.example`, role: 'manager', lng: 'en', createdAt: at, removedAt: null },
    { id: `${providerId}-staff-agent`, providerId, name: 'Jordan Lee', email: `jordan.lee@staff.${providerId}.example`, role: 'agent', lng: 'en', createdAt: at, removedAt: null },
  ];
}

/** Seeds a provider's demo customers and their cases once (nothing when it already has customers), and its staff once. */
export async function seedProvider(tx: BackOfficeTx, providerId: ProviderId, now: Date): Promise<void> {
  tx.actFor({ providerId, kind: 'provider' });
  if ((await tx.staffMembers(providerId)).length === 0) for (const s of demoStaff(providerId, now)) await tx.insertStaff(s);
  const [residential, business, member, enterprise] = demoCustomers(providerId);
  if (await tx.findCustomer(providerId, residential!.id)) return;
  for (const c of [residential!, business!, member!, enterprise!]) await tx.insertCustomer(c);
  for (const [i, plan] of businessPlans.entries()) await replay(tx, i % 4 === 3 ? member! : business!, i, plan, now);
  await replay(tx, residential!, 0, { ageDays: 3, behaviour: 'prompt' }, now);
  await replay(tx, residential!, 4, { ageDays: 42, behaviour: 'late' }, now);
  await replay(tx, enterprise!, 7, { ageDays: 20, behaviour: 'prompt' }, now);
  await replay(tx, enterprise!, 1, { ageDays: 70, behaviour: 'silent' }, now);
  if ((getProfile(providerId).otherPromises ?? []).some((p) => p.kind === 'abuseReport')) {
    await replay(tx, business!, 0, { ageDays: 2, behaviour: 'prompt', kind: 'abuseReport' }, now);
  }
}

/** For the long-list benchmark: many cases on the small business's account. */
export async function seedBulk(tx: BackOfficeTx, providerId: ProviderId, count: number, now: Date, options: { allOpen?: boolean } = {}): Promise<void> {
  await seedProvider(tx, providerId, now);
  tx.actFor({ providerId, kind: 'provider' });
  const business = (await tx.findCustomer(providerId, `${providerId}-business`))!;
  // allOpen: a provider that never answers, so every case stays open (the staff queue's benchmark).
  const behaviours: Behaviour[] = options.allOpen ? ['silent'] : ['prompt', 'late', 'silent'];
  for (let i = 0; i < count; i++) {
    await replay(tx, business, i, { ageDays: (i * 7) % 120, behaviour: behaviours[i % behaviours.length]! }, now);
  }
}

/**
 * "Seed once", for both back offices: each provider is seeded before its first request, once per back office,
 * however many first requests arrive at once — two concurrent seeding units of work would both find no
 * customers and both insert them (on PostgreSQL a unique violation, a 500 for the second request). `forget`
 * after the data was wiped or replaced (the demo's reset).
 */
export function seedOnce(
  store: BackOfficeStore,
  now: () => Date,
  /** Run once the seeded data has been written, before the provider counts as seeded (the demo server's due checks). */
  afterSeed?: (providerId: ProviderId) => Promise<void>,
): { ensure(providerId: ProviderId): Promise<void>; forget(): void } {
  const seeded = new Set<ProviderId>();
  const running = new Map<ProviderId, Promise<void>>();
  return {
    ensure(providerId) {
      if (seeded.has(providerId)) return Promise.resolve();
      let run = running.get(providerId);
      if (!run) {
        run = store
          .transaction((tx) => seedProvider(tx, providerId, now()))
          .then(() => afterSeed?.(providerId))
          .then(() => void seeded.add(providerId))
          .finally(() => running.delete(providerId));
        running.set(providerId, run);
      }
      return run;
    },
    forget() {
      seeded.clear();
    },
  };
}
