import { describe, expect, it } from 'vitest';
import type { StaffCaseResponse, StaffQueueQuery, StaffQueueResponse as Page } from '@/api/schemas';
import { extractPdfText } from '@/features/adr/lib/pdf-text';
import { NOW, newKey, submissionWith } from './fixtures';
import type { Agent } from './target';

/**
 * The provider's staff workspace (docs/decisions/0130-staff-workspace.md), observed only through the API, on every
 * target of the conformance suite (./suite.ts calls it inside its describe, with its helpers).
 */

export interface StaffSuiteHelpers {
  browser: () => Agent;
  signedIn: (email: string) => Promise<Agent>;
  mailTo: (to: string) => Promise<{ mail: { text: string; subject: string }; code: string; token: string } | null>;
  /** One retention pass, as the server's hourly job runs it; undefined on a target without it (the tests that need it skip). */
  retention: () => (() => Promise<void>) | undefined;
}

/** The demo's seeded staff of nasstar (src/core/demo-seed.ts). */
const MANAGER = 'alex.morgan@staff.nasstar.example';
const AGENT = 'jordan.lee@staff.nasstar.example';
const DAY = 86_400_000;

export function staffConformance({ browser, signedIn, mailTo, retention }: StaffSuiteHelpers) {
  describe('the staff workspace', () => {
    const guestCase = async (summary = `staff case ${newKey('s')}`, overrides = {}) => {
      const guest = browser();
      const created = await guest.ok('submitComplaint', { body: submissionWith(summary, overrides), idempotencyKey: newKey('setup') });
      return { guest, reference: created.case.reference };
    };

    it('a manager signs in with an emailed code, invites an agent who signs in the same way, and removes them (their session ends)', async () => {
      const manager = browser();
      expect((await manager.call('requestSignInCode', { body: { purpose: 'signIn', email: MANAGER } })).status).toBe(202);
      const { code } = (await mailTo(MANAGER))!;
      const session = await manager.ok('verifySignInCode', { body: { email: MANAGER, code } });
      expect(session.scope).toMatchObject({ kind: 'staff', staff: { email: MANAGER, role: 'manager' } });

      const invited = await manager.ok('inviteStaff', { body: { email: 'new.agent@staff.nasstar.example', name: 'Nia Agent', role: 'agent', lng: 'it' } });
      expect(invited).toMatchObject({ role: 'agent', removedAt: null });
      const invitation = await mailTo('new.agent@staff.nasstar.example');
      expect(invitation?.mail.text).toContain('Nia Agent');
      expect((await manager.call('inviteStaff', { body: { email: 'NEW.AGENT@staff.nasstar.example', name: 'Again', role: 'agent' } })).status).toBe(409);

      const agent = browser();
      await agent.call('requestSignInCode', { body: { purpose: 'signIn', email: 'new.agent@staff.nasstar.example' } });
      const agentCode = (await mailTo('new.agent@staff.nasstar.example'))!.code;
      expect((await agent.ok('verifySignInCode', { body: { email: 'new.agent@staff.nasstar.example', code: agentCode } })).scope.kind).toBe('staff');
      expect((await agent.call('staffQueue')).status).toBe(200);
      // Agents do not manage staff.
      expect((await agent.call('inviteStaff', { body: { email: 'x@staff.nasstar.example', name: 'X', role: 'agent' } })).status).toBe(403);
      expect((await agent.call('removeStaff', { params: { id: invited.id } })).status).toBe(403);

      const listed = await manager.ok('listStaff');
      expect(listed.staff.map((s) => s.email)).toContain('new.agent@staff.nasstar.example');
      expect((await manager.call('removeStaff', { params: { id: session.scope.kind === 'staff' ? session.scope.staff.id : '' } })).status).toBe(409);
      expect((await manager.call('removeStaff', { params: { id: invited.id } })).status).toBe(204);
      expect((await agent.call('staffQueue')).status).toBe(401);
      expect((await manager.ok('listStaff')).staff.map((s) => s.email)).not.toContain('new.agent@staff.nasstar.example');
      // Found by id (issue 21.4), a removed member is no one to remove again or to give a case to; nor is a made-up id.
      expect((await manager.call('removeStaff', { params: { id: invited.id } })).status).toBe(404);
      const { reference } = await guestCase();
      const { version } = await manager.ok('staffGetCase', { params: { reference } });
      for (const staffId of [invited.id, 'stf_made_up']) {
        const refused = await manager.call('staffAssign', { params: { reference }, body: { staffId, version }, idempotencyKey: newKey(`gone-${staffId}`) });
        expect(refused.status).toBe(422);
        expect((refused.body as { errors?: { code: string }[] } | null)?.errors?.map((e) => e.code)).toEqual(['unknownStaff']);
      }
      const me = session.scope.kind === 'staff' ? session.scope.staff : null;
      const assigned = await manager.ok('staffAssign', { params: { reference }, body: { staffId: me?.id ?? null, version }, idempotencyKey: newKey('me') });
      expect(assigned.assignee?.id).toBe(me?.id);
    });

    it('staff see every case of their provider and nothing of another provider’s; customers cannot call staff operations and staff cannot act as customers', async () => {
      const { reference } = await guestCase();
      const agent = await signedIn(AGENT);
      expect((await agent.ok('staffGetCase', { params: { reference } })).case.reference).toBe(reference);
      const priya = await signedIn('priya@harbourlane.example');
      expect((await priya.call('staffQueue')).status).toBe(403);
      expect((await priya.call('staffGetCase', { params: { reference } })).status).toBe(403);
      expect((await browser().call('staffQueue')).status).toBe(401);
      // The agent's session is nasstar's: for another provider it is no one's (a server serving one provider
      // refuses the other provider outright, 400); another provider's staff do not find nasstar's case.
      const elsewhere = (await agent.call('staffQueue', { provider: 'miso' })).status;
      expect([400, 401]).toContain(elsewhere);
      if (elsewhere === 401) {
        const misoAgent = browser();
        await misoAgent.ok('demoSignIn', { body: { email: 'jordan.lee@staff.miso.example' }, provider: 'miso' });
        expect((await misoAgent.call('staffGetCase', { params: { reference }, provider: 'miso' })).status).toBe(404);
      }
      // A staff session is not a customer's: no comments in the customer's name.
      expect((await agent.call('addComment', { params: { reference }, body: { text: 'hi' }, idempotencyKey: newKey('c') })).status).toBe(403);
      expect((await agent.call('listCases')).status).toBe(403);
    });

    it('the queue: open cases by next deadline, in the procedure’s units, with filters, counts, search and pages', async () => {
      const { reference } = await guestCase('queue search target', { name: 'Quentin Quayle', email: 'quentin@example.com' });
      const agent = await signedIn(AGENT);
      const first = await agent.ok('staffQueue', { query: { limit: 5 } });
      expect(first.items).toHaveLength(5);
      expect(first.total).toBeGreaterThan(5);
      expect(first.nextCursor).not.toBeNull();
      const dueTimes = first.items.map((i) => (i.next?.dueAt ? Date.parse(i.next.dueAt) : Infinity));
      const sortTimes = first.items.map((i, n) => Math.min(dueTimes[n]!, i.adrLetterDueAt ? Date.parse(i.adrLetterDueAt) : Infinity));
      expect([...sortTimes].sort((a, b) => a - b)).toEqual(sortTimes);
      const second = await agent.ok('staffQueue', { query: { limit: 5, cursor: first.nextCursor! } });
      expect(second.items.map((i) => i.reference)).not.toContain(first.items[0]!.reference);

      const all = await agent.ok('staffQueue', { query: { limit: 200 } });
      for (const filter of ['overdue', 'dueToday', 'dueSoon', 'adrLetterDue', 'awaitingCustomer', 'unassigned', 'mine', 'supportNeeds'] as const) {
        const filtered = await agent.ok('staffQueue', { query: { filter, limit: 200 } });
        expect(filtered.total, filter).toBe(all.counts[filter]);
      }
      expect(all.counts.unassigned).toBeGreaterThan(0);
      const overdue = await agent.ok('staffQueue', { query: { filter: 'overdue', limit: 200 } });
      expect(overdue.items.every((i) => i.next?.state === 'overdue')).toBe(true);
      // The new complaint: acknowledgement due within 2 working days, in the procedure's own unit.
      const found = await agent.ok('staffQueue', { query: { q: 'quentin' } });
      expect(found.items.map((i) => i.reference)).toEqual([reference]);
      expect(found.items[0]!.next).toMatchObject({ clockId: 'acknowledge', amount: 2, unit: 'workingDays', state: 'due' });
      expect((await agent.ok('staffQueue', { query: { q: reference } })).items[0]!.reference).toBe(reference);
      expect((await agent.ok('staffQueue', { query: { q: 'quentin@example' } })).total).toBe(1);
      expect((await agent.call('staffQueue', { query: { filter: 'bogus' } })).status).toBe(422);
    });

    it('the queue is ordered, filtered and counted by the store as the clocks it shows say: every page, every filter, every count', async () => {
      await guestCase('queue order probe', { name: 'Ottilie Order', email: 'ottilie@example.com' });
      const agent = await signedIn(AGENT);
      const me = (await agent.ok('whoAmI')).scope;
      if (me.kind !== 'staff') throw new Error('not staff');
      const everything = async (query: Omit<StaffQueueQuery, 'limit' | 'cursor'>, limit = 200) => {
        const items: Page['items'] = [];
        let cursor: string | null = null;
        let page: Page;
        do {
          page = await agent.ok('staffQueue', { query: { ...query, limit, ...(cursor ? { cursor } : {}) } });
          items.push(...page.items);
          cursor = page.nextCursor;
        } while (cursor);
        return { items, last: page };
      };
      const sortAt = (i: Page['items'][number]) =>
        Math.min(i.next?.dueAt ? Date.parse(i.next.dueAt) : Infinity, i.adrLetterDueAt ? Date.parse(i.adrLetterDueAt) : Infinity);
      const all = await everything({});
      expect(all.items.length).toBe(all.last.total);
      expect(all.last.total).toBe(all.last.matching);
      // The order: the next deadline first (a clock or the ADR letter), none last, then the reference.
      const order = all.items.map((i) => [sortAt(i), i.reference] as const);
      expect([...order].sort((a, b) => a[0] - b[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0))).toEqual(order);
      // Small pages walk the same list: nothing twice, nothing missed.
      expect((await everything({}, 7)).items.map((i) => i.reference)).toEqual(all.items.map((i) => i.reference));

      const holds: Record<string, (i: Page['items'][number]) => boolean> = {
        overdue: (i) => i.next?.state === 'overdue',
        dueToday: (i) => i.next?.state === 'due' && i.next.workingDaysLeft === 0,
        dueSoon: (i) => i.next?.state === 'due' && (i.next.workingDaysLeft ?? 0) <= 2,
        adrLetterDue: (i) => i.adrLetterMissing,
        awaitingCustomer: (i) => i.status === 'awaitingCustomer',
        unassigned: (i) => i.assignee === null,
        mine: (i) => i.assignee?.id === me.staff.id,
        supportNeeds: (i) => i.supportNeeds,
      };
      for (const [filter, test] of Object.entries(holds)) {
        const expected = all.items.filter(test).map((i) => i.reference);
        const filtered = await everything({ filter: filter as keyof Page['counts'] }, 11);
        expect(filtered.items.map((i) => i.reference), filter).toEqual(expected);
        expect(all.last.counts[filter as keyof Page['counts']], filter).toBe(expected.length);
        expect(filtered.last.total, filter).toBe(expected.length);
      }
      // The demo's cases cover the filters that need a clock's state.
      expect(all.last.counts.overdue + all.last.counts.dueSoon).toBeGreaterThan(0);

      // Stage and category narrow the list and its counts alike.
      const stage = all.items[0]!.stageId;
      const byStage = await everything({ stage });
      expect(byStage.items.map((i) => i.reference)).toEqual(all.items.filter((i) => i.stageId === stage).map((i) => i.reference));
      expect(byStage.last.counts.unassigned).toBe(byStage.items.filter(holds.unassigned!).length);
      const category = all.items.at(-1)!.category;
      const byCategory = await everything({ category, filter: 'unassigned' });
      expect(byCategory.items.map((i) => i.reference)).toEqual(all.items.filter((i) => i.category === category && i.assignee === null).map((i) => i.reference));
      // A made-up cursor starts from the top.
      expect((await agent.ok('staffQueue', { query: { limit: 3, cursor: 'not-a-cursor' } })).items.map((i) => i.reference)).toEqual(
        all.items.slice(0, 3).map((i) => i.reference),
      );
    });

    it('acknowledging meets the clock, asking for information and proposing a resolution are seen by the customer, who accepts; notes stay internal', async () => {
      const { guest, reference } = await guestCase();
      const agent = await signedIn(AGENT);
      let view: StaffCaseResponse = await agent.ok('staffGetCase', { params: { reference } });
      expect(view.actions.find((a) => a.action === 'acknowledge')).toMatchObject({ allowed: true, meetsClock: 'acknowledge' });
      expect(view.actions.find((a) => a.action === 'adrLetter')).toMatchObject({ allowed: false, reason: 'tooEarlyForAdrLetter' });
      const me = (await agent.ok('whoAmI')).scope;
      if (me.kind !== 'staff') throw new Error('not staff');
      view = await agent.ok('staffAssign', { params: { reference }, body: { staffId: me.staff.id, version: view.version }, idempotencyKey: newKey('as') });
      expect(view.assignee?.name).toBe('Jordan Lee');

      view = await agent.ok('staffAct', { params: { reference }, body: { action: 'acknowledge', text: 'We have your complaint.', version: view.version }, idempotencyKey: newKey('ack') });
      expect(view.clocks.find((c) => c.clockId === 'acknowledge')?.state).toBe('met');
      expect(view.case.status).toBe('acknowledged');

      view = await agent.ok('staffAct', { params: { reference }, body: { action: 'requestInfo', text: 'Please send the bill of October.', version: view.version }, idempotencyKey: newKey('info') });
      expect(view.case.status).toBe('awaitingCustomer');
      view = await agent.ok('staffAddNote', { params: { reference }, body: { text: 'Internal: called billing team' }, idempotencyKey: newKey('note') });
      expect(view.notes.map((n) => n.text)).toEqual(['Internal: called billing team']);
      view = await agent.ok('staffAct', { params: { reference }, body: { action: 'propose', text: 'A refund of £30.', version: view.version }, idempotencyKey: newKey('prop') });
      expect(view.clocks.find((c) => c.clockId === 'resolve')?.state).toBe('met');

      const seen = await guest.ok('getCase', { params: { reference } });
      expect(seen.case.status).toBe('responseIssued');
      expect(seen.case.proposedResolution?.text).toBe('A refund of £30.');
      expect(JSON.stringify(seen)).not.toContain('Internal: called billing team');
      expect(JSON.stringify(seen)).not.toContain('assigneeId');
      const timeline = await guest.ok('getTimeline', { params: { reference } });
      expect(timeline.events.map((e) => e.type)).toEqual(expect.arrayContaining(['acknowledged', 'update', 'resolutionProposed']));
      expect(timeline.events.find((e) => e.type === 'update')?.text).toBe('Please send the bill of October.');
      await guest.ok('decideResolution', { params: { reference }, body: { decision: 'accept' } });
      const after = await agent.ok('staffGetCase', { params: { reference } });
      expect(after.case.status).toBe('resolved');
      expect(after.actions.find((a) => a.action === 'propose')).toMatchObject({ allowed: false, reason: 'caseClosed' });
      // Refused by the core with the same reason the page shows.
      const refused = await agent.call('staffAct', { params: { reference }, body: { action: 'propose', text: 'again', version: after.version }, idempotencyKey: newKey('late') });
      expect(refused.status).toBe(409);
      expect(refused.body?.code).toBe('caseClosed');
    });

    it('two agents at once: the second is told what changed and nothing is done twice; a retried write is replayed', async () => {
      const { reference } = await guestCase();
      const one = await signedIn(AGENT);
      const two = await signedIn(MANAGER);
      const seenByOne = await one.ok('staffGetCase', { params: { reference } });
      const seenByTwo = await two.ok('staffGetCase', { params: { reference } });
      const key = newKey('ack');
      const first = await one.call('staffAct', { params: { reference }, body: { action: 'acknowledge', version: seenByOne.version }, idempotencyKey: key });
      expect(first.status).toBe(200);
      const replay = await one.call('staffAct', { params: { reference }, body: { action: 'acknowledge', version: seenByOne.version }, idempotencyKey: key });
      expect(replay.status).toBe(200);
      expect(replay.headers.get('Idempotent-Replayed')).toBe('true');
      const second = await two.call('staffAct', { params: { reference }, body: { action: 'acknowledge', version: seenByTwo.version }, idempotencyKey: newKey('ack2') });
      expect(second.status).toBe(409);
      expect(second.body?.code).toBe('caseChanged');
      expect(second.body?.errors).toEqual(expect.arrayContaining([{ path: 'changes.0', code: 'acknowledged' }]));
      const events = (await two.ok('staffGetCase', { params: { reference } })).events.filter((e) => e.type === 'acknowledged');
      expect(events).toHaveLength(1);
      expect((await two.call('staffAct', { params: { reference }, body: { action: 'acknowledge', version: 0 } })).status).toBe(400);
    });

    it('two agents at the very same moment: one acts, the other is told what changed (the case is locked while a write checks its version)', async () => {
      const { reference } = await guestCase();
      const one = await signedIn(AGENT);
      const two = await signedIn(MANAGER);
      const { version } = await one.ok('staffGetCase', { params: { reference } });
      const answers = await Promise.all([
        one.call('staffAct', { params: { reference }, body: { action: 'acknowledge', version }, idempotencyKey: newKey('race1') }),
        two.call('staffAct', { params: { reference }, body: { action: 'acknowledge', version }, idempotencyKey: newKey('race2') }),
      ]);
      expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
      const events = (await two.ok('staffGetCase', { params: { reference } })).events.filter((e) => e.type === 'acknowledged');
      expect(events).toHaveLength(1);
    });

    it('a phone complaint logged with the date it was first made 7 weeks ago: the clocks and the ADR wait count from then', async () => {
      const agent = await signedIn(AGENT);
      const firstComplainedAt = new Date(Date.parse(NOW) - 57 * DAY).toISOString();
      const body = { ...submissionWith('phoned in 7 weeks ago'), firstComplainedAt, receivedBy: 'phone', lng: 'it' };
      const logged = await agent.ok('staffLogComplaint', { body, idempotencyKey: newKey('log') });
      expect(logged.case.firstComplainedAt).toBe(firstComplainedAt);
      expect(logged.receivedBy).toBe('phone');
      expect(logged.lng).toBe('it');
      expect(logged.clocks.find((c) => c.clockId === 'acknowledge')?.state).toBe('overdue');
      expect(logged.adr.missing).toBe(true);
      expect(logged.actions.find((a) => a.action === 'adrLetter')).toMatchObject({ allowed: true });
      expect(logged.events[0]).toMatchObject({ type: 'submitted', data: { channel: 'phone' } });
      const adrDue = await agent.ok('staffQueue', { query: { filter: 'adrLetterDue', q: logged.case.reference } });
      expect(adrDue.total).toBe(1);
      const future = { ...body, firstComplainedAt: new Date(Date.parse(NOW) + DAY).toISOString() };
      const refused = await agent.call('staffLogComplaint', { body: future, idempotencyKey: newKey('log') });
      expect(refused.status).toBe(422);
      expect(refused.body?.errors).toEqual([{ path: 'firstComplainedAt', code: 'inFuture' }]);
    });

    it('the register and the compliance report: complaints received in the period, with each clock as the customer sees it', async () => {
      const agent = await signedIn(AGENT);
      // A day with no other complaint: 150 days before the suite's clock, 10:00 UK time.
      const day = new Date(Date.parse(NOW) - 150 * DAY).toISOString().slice(0, 10);
      const firstComplainedAt = `${day}T09:00:00.000Z`;
      const log = (summary: string) => agent.ok('staffLogComplaint', { body: { ...submissionWith(summary), firstComplainedAt, receivedBy: 'letter', lng: 'en' }, idempotencyKey: newKey('log') });
      const a = await log('register A');
      const b = await log('register B');
      // A is acknowledged now (long after its 2 working days: met late); B never is (missed).
      // (Read again first: a server's timed checks may have recorded the missed clocks since it was logged.)
      const current = async () => (await agent.ok('staffGetCase', { params: { reference: a.case.reference } })).version;
      const acked = await agent.ok('staffAct', { params: { reference: a.case.reference }, body: { action: 'acknowledge', version: await current() }, idempotencyKey: newKey('ack') });
      const query = { from: day, to: day };
      let report = await agent.ok('staffCompliance', { query });
      expect(report.cases).toBe(2);
      expect(report.clocks.find((c) => c.clockId === 'acknowledge' && c.stageId === a.case.stageId)).toMatchObject({ counted: 2, metOnTime: 0, metLate: 1, missed: 1, share: 0 });
      // Both are past the regulator's wait with no letter; an ADR letter for A now is late.
      expect(report.adrLetters).toEqual({ onTime: 0, late: 0, missing: 2 });
      await agent.ok('staffAct', { params: { reference: a.case.reference }, body: { action: 'adrLetter', version: await current() }, idempotencyKey: newKey('adr') });
      report = await agent.ok('staffCompliance', { query });
      expect(report.adrLetters).toEqual({ onTime: 0, late: 1, missing: 1 });

      const { rows } = await agent.ok('staffRegister', { query });
      expect(rows.map((r) => r.reference).sort()).toEqual([a.case.reference, b.case.reference].sort());
      const rowA = rows.find((r) => r.reference === a.case.reference)!;
      expect(rowA).toMatchObject({ received: firstComplainedAt, channel: 'letter', category: 'billing', customerKind: 'residential', supportNeeds: false, referral: null });
      expect(rowA.clocks.find((c) => c.clockId === 'acknowledge')).toMatchObject({ state: 'metLate', dueAt: acked.clocks.find((c) => c.clockId === 'acknowledge')!.dueAt });
      // The letters log: the confirmation (by email) and the ADR letter, by date.
      expect(rowA.letters.map((l) => l.kind)).toEqual(expect.arrayContaining(['received', 'adrLetter']));

      expect((await agent.call('staffCompliance', { query: { from: day, to: '2000-01-01' } })).body?.errors).toEqual([{ path: 'to', code: 'beforeFrom' }]);
      expect((await (await signedIn('priya@harbourlane.example')).call('staffRegister', { query })).status).toBe(403);
    });

    it('a logged complaint: the customer gets the same confirmation as through the portal, by their channel and in their language, dated when it is sent', async () => {
      const agent = await signedIn(AGENT);
      const firstComplainedAt = new Date(Date.parse(NOW) - 10 * DAY).toISOString();
      const priya = { name: 'Priya Shah', email: 'priya@harbourlane.example' };
      const byEmail = await agent.ok('staffLogComplaint', { body: { ...submissionWith('phoned about the router', priya), firstComplainedAt, receivedBy: 'phone', lng: 'it' }, idempotencyKey: newKey('log') });
      const address = { line1: '4 Quay Street', town: 'Bristol', postcode: 'BS1 4DJ' };
      const byLetter = await agent.ok('staffLogComplaint', { body: { ...submissionWith('wrote about the bill', { ...priya, replyBy: 'letter', address }), firstComplainedAt, receivedBy: 'letter', lng: 'en' }, idempotencyKey: newKey('log') });
      // The portal's own confirmation, for comparison.
      const guest = browser();
      const portal = await guest.ok('submitComplaint', { body: submissionWith('through the portal', { replyBy: 'letter', address }), idempotencyKey: newKey('p') });
      const portalLetter = (await guest.ok('listCaseMessages', { params: { reference: portal.case.reference } })).messages[0]!;

      const customer = await signedIn(priya.email);
      const email = (await customer.ok('listCaseMessages', { params: { reference: byEmail.case.reference } })).messages;
      expect(email).toHaveLength(1);
      expect(email[0]).toMatchObject({ kind: 'received', channel: 'email', recipient: priya.email, lng: 'it', eventId: byEmail.events[0]!.id });
      expect(Date.parse(email[0]!.createdAt)).toBeGreaterThan(Date.parse(firstComplainedAt));

      const letter = (await customer.ok('listCaseMessages', { params: { reference: byLetter.case.reference } })).messages;
      expect(letter.map((m) => [m.kind, m.channel, m.status])).toEqual([['received', 'letter', 'toPost']]);
      expect(letter[0]!.recipient).toContain('BS1 4DJ');
      expect(letter[0]!.text).toContain(byLetter.case.reference);
      // The same message: the portal's words, with this case's reference.
      expect(letter[0]!.subject?.replace(byLetter.case.reference, 'REF')).toBe(portalLetter.subject?.replace(portal.case.reference, 'REF'));
      expect(portalLetter.kind).toBe('received');
    });

    it('the integrations page is for managers: connectors, webhook endpoints and failed deliveries; an agent and a customer are refused', async () => {
      const manager = await signedIn(MANAGER);
      const page = await manager.ok('staffIntegrations');
      expect(Array.isArray(page.connectors) && Array.isArray(page.webhooks) && Array.isArray(page.failedDeliveries)).toBe(true);
      for (const w of page.webhooks) expect(w).not.toHaveProperty('secret');
      expect((await manager.call('staffCreateWebhook', { body: { url: 'http://hooks.example.com/x', events: ['*'] }, idempotencyKey: newKey('wh') })).status).toBe(422);
      expect((await manager.call('staffRetryWebhook', { params: { id: '999999' } })).status).toBe(404);
      const agent = await signedIn(AGENT);
      expect((await agent.call('staffIntegrations')).status).toBe(403);
      expect((await agent.call('staffDeleteWebhook', { params: { id: 'whk_x' } })).status).toBe(403);
      expect((await (await signedIn('priya@harbourlane.example')).call('staffIntegrations')).status).toBe(403);
    });

    // ---------- letters to post and calls to make (docs/decisions/0141-letters-and-calls.md) ----------

    it('letters to post: a letter-preferring customer’s letter is listed oldest first, is a PDF in Italian in the provider’s layout, and once marked posted the case shows it; calls beside it; email updates added later', async () => {
      const address = { line1: 'Via Roma 1', town: 'Città di Castello', postcode: '06012' };
      const { guest, reference } = await guestCase(`letter case ${newKey('l')}`, { replyBy: 'letter', address, name: 'Niccolò Bellà', lng: 'it' });
      const phone = await guestCase(`phone case ${newKey('p')}`, { replyBy: 'phone' });
      const agent = await signedIn(AGENT);
      const toDo = await agent.ok('staffLetters');
      const mine = toDo.items.filter((i) => i.reference === reference);
      expect(mine).toEqual([expect.objectContaining({ channel: 'letter', status: 'toPost', kind: 'received', lng: 'it', recipient: expect.stringContaining('06012') as unknown })]);
      expect(toDo.items.find((i) => i.reference === phone.reference)).toMatchObject({ channel: 'phone', status: 'toCall', recipient: '07911 654321' });
      const created = toDo.items.map((i) => i.createdAt);
      expect([...created].sort()).toEqual(created);
      expect(toDo.counts.toDo).toBeGreaterThanOrEqual(2);
      expect((await agent.ok('staffLetters', { query: { channel: 'letter' } })).items.every((i) => i.channel === 'letter')).toBe(true);
      const failed = await agent.ok('staffLetters', { query: { show: 'failed' } });
      expect(failed.items.every((i) => i.status === 'failed' && i.channel === 'email')).toBe(true);
      expect(failed.counts.failed).toBe(failed.items.length);

      // The PDF: the provider's name and address, the date, the reference, the recipient's address, the text — in Italian, accents and all.
      const letter = mine[0]!;
      const pdf = await agent.call('getCaseMessagePdf', { params: { reference, id: letter.id } });
      expect(pdf.status).toBe(200);
      expect(pdf.headers.get('Content-Type')).toContain('application/pdf');
      const text = (await extractPdfText(pdf.bytes)).replace(/\s+/g, ' ');
      for (const part of ['Nasstar', 'Melbourne House', 'WF2 0UG', `Riferimento pratica: ${reference}`, 'Niccolò Bellà', 'Via Roma 1', 'Città di Castello', '06012', 'Gentile Niccolò Bellà,']) expect(text).toContain(part);
      expect(text).toMatch(/\d{1,2} \w+ 2026/);
      // The customer downloads the same letter.
      const theirs = await guest.call('getCaseMessagePdf', { params: { reference, id: letter.id } });
      expect([theirs.status, (await extractPdfText(theirs.bytes)).replace(/\s+/g, ' ')]).toEqual([200, text]);

      // Marked posted, on a day no earlier than it was written and not in the future.
      const on = letter.createdAt.slice(0, 10);
      const future = await agent.call('staffMarkLetterDone', { params: { id: letter.id }, body: { on: '2099-01-01' }, idempotencyKey: newKey('post') });
      expect([future.status, future.body?.errors]).toEqual([422, [{ path: 'on', code: 'inFuture' }]]);
      const early = await agent.call('staffMarkLetterDone', { params: { id: letter.id }, body: { on: '2020-01-01' }, idempotencyKey: newKey('post') });
      expect([early.status, early.body?.errors]).toEqual([422, [{ path: 'on', code: 'beforeLetter' }]]);
      const posted = await agent.ok('staffMarkLetterDone', { params: { id: letter.id }, body: { on }, idempotencyKey: newKey('post') });
      expect(posted).toMatchObject({ status: 'posted', doneAt: `${on}T12:00:00.000Z` });
      expect((await agent.call('staffMarkLetterDone', { params: { id: letter.id }, body: { on: '2026-01-01' }, idempotencyKey: newKey('post') })).status).toBe(409);
      expect((await agent.ok('staffLetters')).items.some((i) => i.id === letter.id)).toBe(false);
      expect((await agent.ok('staffLetters', { query: { show: 'done' } })).items.find((i) => i.id === letter.id)).toMatchObject({ status: 'posted' });
      // The case shows it: to the customer and to staff.
      for (const who of [guest, agent]) {
        const log = await who.ok('listCaseMessages', { params: { reference } });
        expect(log.messages.find((m) => m.id === letter.id)).toMatchObject({ status: 'posted', doneAt: `${on}T12:00:00.000Z` });
      }
      const call = (await agent.ok('staffLetters', { query: { channel: 'phone' } })).items.find((i) => i.reference === phone.reference)!;
      expect(call.text).toContain(phone.reference);
      expect(await agent.ok('staffMarkLetterDone', { params: { id: call.id }, body: { on: call.createdAt.slice(0, 10) }, idempotencyKey: newKey('call') })).toMatchObject({ status: 'called' });
      expect((await phone.guest.call('getCaseMessagePdf', { params: { reference: phone.reference, id: call.id } })).status).toBe(404);

      // Email updates added to the letter: the next event comes by letter and by email.
      const emailUpdated = await guest.ok('setEmailUpdates', { params: { reference }, body: { emailUpdates: true } });
      expect(emailUpdated.case.reference).toBe(reference);
      const view = await agent.ok('staffGetCase', { params: { reference } });
      await agent.ok('staffAct', { params: { reference }, body: { action: 'acknowledge', version: view.version }, idempotencyKey: newKey('ack') });
      const after = await guest.ok('listCaseMessages', { params: { reference } });
      expect(after.messages.filter((m) => m.kind === 'acknowledged').map((m) => m.channel).sort()).toEqual(['email', 'letter']);
      expect(after.messages.filter((m) => m.kind === 'received').map((m) => m.channel)).toEqual(['letter']);
      // Someone who chose email already has it.
      const byEmail = await guestCase();
      expect((await byEmail.guest.call('setEmailUpdates', { params: { reference: byEmail.reference }, body: { emailUpdates: true } })).status).toBe(409);
      expect((await agent.call('setEmailUpdates', { params: { reference }, body: { emailUpdates: false } })).status).toBe(403);
    });

    it('staff find a customer by name, email or organisation and see the cases the customer sees; never another provider’s customers', async () => {
      const agent = await signedIn(AGENT);
      const byOrganisation = await agent.ok('staffCustomers', { query: { q: 'HARBOUR lane' } });
      expect(byOrganisation.customers.map((c) => c.email).sort()).toEqual(['priya@harbourlane.example', 'tom@harbourlane.example']);
      expect(byOrganisation.customers.every((c) => c.organisation === 'Harbour Lane Bakery Ltd' && c.organisationId !== null)).toBe(true);
      expect((await agent.ok('staffCustomers', { query: { q: 'Priya' } })).customers.map((c) => c.email)).toEqual(['priya@harbourlane.example']);
      expect((await agent.ok('staffCustomers', { query: { q: '@northgate.example' } })).customers.map((c) => c.organisation)).toEqual(['Northgate Logistics plc']);
      expect((await agent.ok('staffCustomers', { query: { q: 'nobody-by-this-name' } })).customers).toEqual([]);
      const everyone = await agent.ok('staffCustomers');
      expect(everyone.customers.length).toBeGreaterThanOrEqual(4);
      expect(everyone.customers.map((c) => c.name)).toEqual(everyone.customers.map((c) => c.name).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));

      const priyaId = byOrganisation.customers.find((c) => c.email === 'priya@harbourlane.example')!.id;
      const seen = await agent.ok('staffGetCustomer', { params: { id: priyaId } });
      expect(seen.customer).toMatchObject({ name: 'Priya Shah', role: 'admin', organisation: 'Harbour Lane Bakery Ltd' });
      expect(seen.members.map((m) => [m.email, m.role])).toEqual([['tom@harbourlane.example', 'member']]);
      const priya = await signedIn('priya@harbourlane.example');
      const hers = (await priya.ok('listCases', { query: { limit: 500 } })).cases.map((c) => c.reference).sort();
      expect(hers.length).toBeGreaterThan(0);
      expect(seen.cases.map((c) => c.reference).sort()).toEqual(hers);
      expect((await agent.call('staffGetCustomer', { params: { id: 'no-such-customer' } })).status).toBe(404);
      // Customers do not search customers.
      expect((await priya.call('staffCustomers')).status).toBe(403);

      // Another provider's staff find only their own provider's customers (a server serving one provider refuses the other outright).
      const elsewhere = (await agent.call('staffCustomers', { provider: 'miso' })).status;
      expect([400, 401]).toContain(elsewhere);
      if (elsewhere === 401) {
        const misoAgent = browser();
        await misoAgent.ok('demoSignIn', { body: { email: 'jordan.lee@staff.miso.example' }, provider: 'miso' });
        const theirs = await misoAgent.ok('staffCustomers', { query: { q: 'harbour' }, provider: 'miso' });
        const nasstarIds = new Set(everyone.customers.map((c) => c.id));
        expect(theirs.customers.some((c) => nasstarIds.has(c.id))).toBe(false);
        expect((await misoAgent.call('staffGetCustomer', { params: { id: priyaId }, provider: 'miso' })).status).toBe(404);
      }
    });

    it('a manager creates a business customer and invites its administrator, who becomes it only by accepting after signing in', async () => {
      const key = newKey('org');
      const tag = `x${key.slice(-8)}`;
      const organisation = `Acme Widgets ${tag}`;
      const email = `ada.${tag}@acme.example`;
      const body = { organisation, name: 'Ada Admin', email, lng: 'it' as const };
      const agent = await signedIn(AGENT);
      expect((await agent.call('staffCreateOrganisation', { body, idempotencyKey: newKey('o') })).status).toBe(403);
      const manager = await signedIn(MANAGER);
      const created = await manager.ok('staffCreateOrganisation', { body, idempotencyKey: newKey('o') });
      expect(created).toMatchObject({ organisation, name: 'Ada Admin', email, invitedBy: 'Alex Morgan' });
      const mail = await mailTo(email);
      expect(mail?.mail.subject).toContain(organisation);
      expect(mail?.mail.text).toContain('amministratore');
      expect(mail?.code, 'an invitation carries no code').toBe('');
      // Listed while it waits for its administrator; no customer exists yet.
      const waiting = await agent.ok('staffCustomers', { query: { q: organisation } });
      expect([waiting.customers, waiting.pendingOrganisations.map((p) => p.organisationId)]).toEqual([[], [created.organisationId]]);
      const again = await manager.call('staffCreateOrganisation', { body: { ...body, email: `other.${email}` }, idempotencyKey: newKey('o') });
      expect([again.status, again.body?.errors]).toEqual([409, [{ path: 'organisation', code: 'organisationExists' }]]);
      const taken = await manager.call('staffCreateOrganisation', { body: { ...body, organisation: `${organisation} II`, email: 'tom@harbourlane.example' }, idempotencyKey: newKey('o') });
      expect([taken.status, taken.body?.errors]).toEqual([409, [{ path: 'email', code: 'inAnOrganisation' }]]);

      // The invitee signs in with a code (an open invitation lets one be sent to an address with no account): nothing joined yet.
      const ada = browser();
      expect((await ada.call('requestSignInCode', { body: { purpose: 'signIn', email } })).status).toBe(202);
      const { code } = (await mailTo(email))!;
      const session = await ada.ok('verifySignInCode', { body: { email, code } });
      expect(session.scope.kind === 'customer' && session.scope.customer.organisationId).toBeUndefined();
      expect((await ada.call('listMembers')).status).toBe(403);
      const offers = (await ada.ok('listInvitations')).invitations;
      expect(offers.map((i) => [i.organisation, i.invitedBy])).toEqual([[organisation, 'Alex Morgan']]);
      const joined = await ada.ok('acceptInvitation', { params: { id: offers[0]!.id } });
      expect(joined.scope.kind === 'customer' && joined.scope.customer).toMatchObject({ role: 'admin', organisation, organisationId: created.organisationId });
      // Its administrator now runs it: they invite colleagues as any administrator does.
      expect((await ada.ok('listMembers')).members.map((m) => [m.email, m.role])).toEqual([[email, 'admin']]);
      expect((await ada.call('inviteMember', { body: { email: `bob.${email}`, name: 'Bob' } })).status).toBe(201);
      const found = await agent.ok('staffCustomers', { query: { q: organisation } });
      expect(found.customers.map((c) => [c.email, c.role, c.organisationId])).toEqual([[email, 'admin', created.organisationId]]);
      expect(found.pendingOrganisations).toEqual([]);
    });

    describe('alerts (issue 23.6)', () => {
      /** Monday 21 December 2026, 10:00 in London: the working day after NOW (Friday 18 December). */
      const MONDAY = '2026-12-21T10:00:00.000Z';
      const mailbox = async () => (await browser().ok('demoMailbox')).mails;
      const moveClock = async (now: string, provider?: 'miso') => {
        const a = browser();
        await a.ok('setClock', { body: { now }, ...(provider ? { provider } : {}) });
      };

      it('an agent is mailed once, in their language, the working day before a case assigned to them falls due; never for an unassigned case', async () => {
        const manager = await signedIn(MANAGER);
        const address = `alert.${newKey('a').slice(-8)}@staff.nasstar.example`;
        const italian = await manager.ok('inviteStaff', { body: { email: address, name: 'Ida Avviso', role: 'agent', lng: 'it' } });
        const assigned = await guestCase(`alert assigned ${newKey('a')}`);
        const unassigned = await guestCase(`alert unassigned ${newKey('u')}`);
        const view = await manager.ok('staffGetCase', { params: { reference: assigned.reference } });
        await manager.ok('staffAssign', { params: { reference: assigned.reference }, body: { staffId: italian.id, version: view.version }, idempotencyKey: newKey('as') });
        const acknowledge = view.clocks.find((c) => c.clockId === 'acknowledge')!;
        expect(acknowledge).toMatchObject({ state: 'due', workingDaysLeft: 2 });
        expect(Date.parse(acknowledge.dueAt!)).toBeGreaterThan(Date.parse(MONDAY));
        const about = async (reference: string) => (await mailbox()).filter((m) => m.text.includes(reference) && /staff\/cases\//.test(m.text));

        // Two working days left: nothing yet.
        await moveClock(NOW);
        expect(await about(assigned.reference)).toEqual([]);
        // The working day before: one mail, in Italian, to the assignee — however often the alerts run.
        await moveClock(MONDAY);
        await moveClock(MONDAY);
        await moveClock('2026-12-21T15:00:00.000Z');
        const sent = await about(assigned.reference);
        expect(sent.map((m) => m.to)).toEqual([address]);
        expect(sent[0]!.subject).toContain('Conferma di ricezione');
        expect(sent[0]!.text).toContain('assegnato a Lei');
        expect(sent[0]!.text).toContain(`/staff/cases/${encodeURIComponent(assigned.reference)}`);
        // Unassigned: no agent is alerted of it.
        expect(await about(unassigned.reference)).toEqual([]);
      });

      it('retention removes an alert 30 days after it was recorded (the back office’s clock), not before: until then it is never sent again', async ({ skip }) => {
        const runRetention = retention();
        if (!runRetention) return skip();
        const manager = await signedIn(MANAGER);
        const address = `kept.${newKey('k').slice(-8)}@staff.nasstar.example`;
        const agent = await manager.ok('inviteStaff', { body: { email: address, name: 'Kit Kept', role: 'agent', lng: 'en' } });
        const assigned = await guestCase(`alert kept ${newKey('k')}`);
        const view = await manager.ok('staffGetCase', { params: { reference: assigned.reference } });
        await manager.ok('staffAssign', { params: { reference: assigned.reference }, body: { staffId: agent.id, version: view.version }, idempotencyKey: newKey('as') });
        // The acknowledgement's alert (a month on, the resolution's falls due as well: another alert).
        const alerts = async () => (await mailbox()).filter((m) => m.to === address && m.subject.startsWith(`${assigned.reference}: Acknowledgement due`));
        await moveClock(MONDAY);
        expect(await alerts()).toHaveLength(1);
        // 29 days on, retention keeps the record: back on Monday (the demo's clock), the alert is not sent again.
        // (No case is read meanwhile, so the demo's provider leaves the case as it was.)
        await moveClock(new Date(Date.parse(MONDAY) + 29 * DAY).toISOString());
        await runRetention();
        await moveClock(MONDAY);
        expect(await alerts()).toHaveLength(1);
        // 31 days on, the record has gone (and its mail with it): only a clock moved back past it can owe it again.
        await moveClock(new Date(Date.parse(MONDAY) + 31 * DAY).toISOString());
        await runRetention();
        await moveClock(MONDAY);
        expect(await alerts()).toHaveLength(2);
      });

      it('each manager’s daily summary lists the overdue clocks and the ADR letters due of their provider only, once a working day', async () => {
        const agent = await signedIn(AGENT);
        const firstComplainedAt = new Date(Date.parse(NOW) - 57 * DAY).toISOString();
        const logged = await agent.ok('staffLogComplaint', { body: { ...submissionWith(`summary probe ${newKey('s')}`), firstComplainedAt, receivedBy: 'phone', lng: 'en' }, idempotencyKey: newKey('log') });
        const reference = logged.case.reference;
        expect(logged.adr.missing).toBe(true);
        await moveClock(MONDAY);
        await moveClock('2026-12-21T16:00:00.000Z');
        const summaries = (await mailbox()).filter((m) => m.to === MANAGER && m.subject.includes('overdue'));
        const monday = summaries.filter((m) => m.subject.includes('21 December'));
        expect(monday).toHaveLength(1);
        const [overduepart, adrPart] = monday[0]!.text.split('ADR letters due and not yet sent');
        const refsIn = (text = '') => [...text.matchAll(/^- (\S+):/gm)].map((m) => m[1]!);
        const overdueRefs = refsIn(overduepart);
        const adrRefs = refsIn(adrPart);
        expect(overdueRefs).toContain(reference);
        expect(adrRefs).toContain(reference);
        // Of this provider only, and what its queue shows (the queue's read may let the demo's provider meet a clock since: never more).
        for (const r of [...overdueRefs, ...adrRefs]) expect(r).toMatch(/^NAS-/);
        const queued = async (filter: 'overdue' | 'adrLetterDue') => (await agent.ok('staffQueue', { query: { filter, limit: 200 } })).items.map((i) => i.reference);
        for (const r of await queued('overdue')) expect(overdueRefs).toContain(r);
        for (const r of await queued('adrLetterDue')) expect(adrRefs).toContain(r);
        // No agent gets the summary.
        expect((await mailbox()).filter((m) => m.to === AGENT && m.subject.includes('overdue'))).toEqual([]);
        // Another provider's managers get their own provider's summary, never this one's cases.
        const elsewhere = await browser().call('setClock', { body: { now: MONDAY }, provider: 'miso' });
        if (elsewhere.status === 200) {
          const theirs = (await browser().ok('demoMailbox', { provider: 'miso' })).mails.filter((m) => m.to === 'alex.morgan@staff.miso.example');
          expect(theirs.length).toBeGreaterThan(0);
          for (const m of theirs) expect(m.text).not.toContain(reference);
          for (const m of theirs) expect([...m.text.matchAll(/^- (\S+):/gm)].every((x) => !x[1]!.startsWith('NAS-'))).toBe(true);
        }
      });
    });
  });
}
