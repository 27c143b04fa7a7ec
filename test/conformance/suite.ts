import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { operation, type Operation, type OperationId } from '@/api/operations';
import {
  commentInputSchema,
  complaintSubmissionSchema,
  escalationInputSchema,
  feedbackInputSchema,
  resolutionDecisionSchema,
  type ComplaintSubmission,
} from '@/api/schemas';
import { scaledWriteLimits, WRITE_WINDOW_MS } from '@/core/http';
import { PENDING_UPLOAD_QUOTA_BYTES } from '@/core/use-cases';
import { checkFile } from '@/domain/files';
import { ACTIVE_PDFS, HOSTILE_TEXT, HTML_AS_TEXT, NOW, PDF, PNG, WORLD_NAMES, enc, formWith, hostileFiles, newKey, submissionWith, textFile } from './fixtures';
import { LOOP_TIMEOUT, RUNS, newCounts, tally, writeFaultReport } from './report';
import { staffConformance } from './staff-suite';
import { SESSION_COOKIE, agent, type Agent, type Answer, type CallInput, type Target } from './target';

/**
 * The API conformance suite (issue 7, decision 0050): what every back office must do, the simulated one and
 * the server alike, observed only through the API. Exactly once under retries, faults and concurrency;
 * nobody else's case; hostile input refused or returned as the same text; every refusal problem+json with a
 * code; sessions as an HttpOnly cookie; the demo's seeded customers and simulated provider.
 *
 * Run it against a target from one file per target: `runConformance('msw', mswTarget)`.
 * FAULT_RUNS sets how many times each fault scenario runs; FAULT_REPORT=<file> adds the counts to that file.
 */
export function runConformance(name: string, create: () => Promise<Target>) {
  describe(`API conformance: ${name}`, () => {
    let target: Target;
    const counts = newCounts();
    const errorCodes = new Set<string>();
    let badProblems: string[] = [];
    let checks: Promise<void>[] = [];

    /** Every error answer must be application/problem+json with a code and its own status. */
    const observed = {
      get baseUrl() {
        return target.baseUrl;
      },
      async fetch(request: Request): Promise<Response> {
        const response = await target.fetch(request);
        if (response.status >= 400) {
          const where = `${request.method} ${new URL(request.url).pathname} → ${response.status}`;
          const type = response.headers.get('Content-Type') ?? '';
          counts.errorAnswersChecked++;
          checks.push(
            response
              .clone()
              .json()
              .then((body: { code?: unknown; status?: unknown }) => {
                if (!type.startsWith('application/problem+json') || typeof body.code !== 'string' || body.status !== response.status) {
                  badProblems.push(`${where} (${type})`);
                }
                errorCodes.add(`${response.status} ${String(body.code)}`);
              })
              .catch(() => void badProblems.push(`${where} (not JSON)`)),
          );
        }
        return response;
      },
    };
    /** A new test browser with no cookies. */
    const browser = () => agent(observed);

    beforeAll(async () => {
      target = await create();
    });
    beforeEach(async () => {
      await target.reset(NOW);
    });
    afterEach(async () => {
      await Promise.all(checks);
      const bad = badProblems;
      checks = [];
      badProblems = [];
      counts.problemsWithoutCode += bad.length;
      expect(bad, 'error answers that are not problem+json with a code').toEqual([]);
    });
    afterAll(async () => {
      await target?.close?.();
      console.log(`[conformance ${name}] FAULT_RUNS=${RUNS} ${Object.entries(counts).map(([k, v]) => `${k}=${v}`).join(' ')}`);
      console.log(`[conformance ${name}] error answers seen: ${[...errorCodes].sort().join(', ')}`);
      await writeFaultReport(counts);
    });

    // ---------- helpers ----------

    /** The demo's one-click sign-in as a seeded customer (demoSignIn). */
    async function signedIn(email: string): Promise<Agent> {
      const a = browser();
      await a.ok('demoSignIn', { body: { email } });
      return a;
    }

    /**
     * The newest mail to `to` in the demo mailbox, and the code and link token it carries. `withCode`: the newest
     * whose subject carries a sign-in code (a message about one of their cases, sent by a job, may be newer).
     */
    async function mailTo(to: string, opts: { withCode?: boolean } = {}) {
      const { mails } = await browser().ok('demoMailbox');
      const mail = mails.find((m) => m.to.toLowerCase() === to.toLowerCase() && (!opts.withCode || /\b\d{6}\b/.test(m.subject)));
      if (!mail) return null;
      return { mail, code: /\b(\d{6})\b/.exec(mail.text)?.[1] ?? '', token: /token=([A-Z0-9]+)/.exec(mail.text)?.[1] ?? '' };
    }

    /** Asks for a code (as `a`) and reads it from the mailbox. */
    async function codeFor(a: Agent, body: Record<string, unknown>) {
      const answer = await a.call('requestSignInCode', { body });
      expect(answer.status).toBe(202);
      const found = await mailTo(String(body.email), { withCode: true });
      if (!found) throw new Error(`no mail to ${String(body.email)}`);
      return found;
    }

    /** A guest coming back to a case: reference and email, then the emailed code. */
    async function guestByCode(a: Agent, reference: string, email: string) {
      const { code } = await codeFor(a, { purpose: 'guest', reference, email });
      return a.ok('verifySignInCode', { body: { email, code } });
    }

    /** A fresh guest's complaint: the browser that sent it holds the guest session the answer set. */
    async function guestWithCase(summary = `case ${newKey('c')}`) {
      const guest = browser();
      const created = await guest.ok('submitComplaint', { body: submissionWith(summary), idempotencyKey: newKey('setup') });
      return { guest, reference: created.case.reference };
    }

    const referencesOf = async (a: Agent) => (await a.ok('listCases', { query: { limit: 500 } })).cases.map((c) => c.reference);
    const problemCode = (answer: Answer) => answer.body?.code;
    const fieldCodes = (answer: Answer) => ((answer.body?.errors ?? []) as Array<{ path: string; code: string }>);
    /** What the answer created: the case's reference, or the comment's or file's id. */
    const madeId = (a: Answer) => String((a.body?.case as { reference?: string } | undefined)?.reference ?? a.body?.id);

    staffConformance({ browser, signedIn, mailTo, retention: () => target.runRetention?.bind(target) });

    // ---------- seeding, sessions, the simulated provider ----------

    describe('demo seed and sessions', () => {
      it('seeds a small business with cases at every stage, one past the regulator’s wait with no ADR letter', async () => {
        const priya = await signedIn('priya@harbourlane.example');
        const list = await priya.ok('listCases', { query: { limit: 500 } });
        expect(list.asOf).toBe(NOW);
        expect(list.cases.length).toBeGreaterThanOrEqual(8);
        expect(list.total).toBe(list.cases.length);
        expect(new Set(list.cases.map((c) => c.status)).size).toBeGreaterThanOrEqual(4);
        const eightWeeksAgo = Date.parse(NOW) - 56 * 86_400_000;
        expect(list.cases.some((c) => Date.parse(c.firstComplainedAt) < eightWeeksAgo && c.letters.length === 0)).toBe(true);
        expect(list.cases.every((c) => /^NAS-2026-[0-9A-HJKMNP-TV-Z]{8}$/.test(c.reference))).toBe(true);
      });

      it('sign-in sets the session cookie; whoAmI answers the customer; signed out is 401', async () => {
        const a = browser();
        expect((await a.call('whoAmI')).status).toBe(401);
        expect((await a.call('listCases')).status).toBe(401);
        const answer = await a.call('demoSignIn', { body: { email: 'sam.taylor@example.com' } });
        expect(answer.status).toBe(201);
        expect(answer.body).not.toHaveProperty('token');
        expect(a.cookie(SESSION_COOKIE)).toMatch(/\S{20,}/);
        const me = await a.ok('whoAmI');
        expect(me.scope).toMatchObject({ kind: 'customer', customer: { email: 'sam.taylor@example.com' } });
        expect((await a.call('demoSignIn', { body: { email: 'nobody@example.com' } })).status).toBe(401);
      });

      it('sign-out makes the old cookie useless, in this browser and any other', async () => {
        const priya = await signedIn('priya@harbourlane.example');
        const [reference] = await referencesOf(priya);
        const stolen = priya.cookie(SESSION_COOKIE)!;
        const thief = browser();
        thief.setCookie(SESSION_COOKIE, stolen);
        expect((await thief.call('getCase', { params: { reference: reference! } })).status).toBe(200);
        expect((await priya.call('signOut')).status).toBe(204);
        expect(priya.cookie(SESSION_COOKIE)).toBeUndefined();
        expect((await priya.call('whoAmI')).status).toBe(401);
        for (const answer of [await thief.call('whoAmI'), await thief.call('getCase', { params: { reference: reference! } }), await thief.call('listCases')]) {
          expect([answer.status, problemCode(answer)]).toEqual([401, 'signInRequired']);
        }
      });

      it("a guest's complaint sets a session cookie that opens that case and no other", async () => {
        const priya = await signedIn('priya@harbourlane.example');
        const [someoneElses] = await referencesOf(priya);
        const guest = browser();
        const answer = await guest.call('submitComplaint', { body: submissionWith('guest cookie'), idempotencyKey: newKey('guest') });
        expect(answer.status).toBe(201);
        expect(answer.headers.getSetCookie().some((c) => c.startsWith(`${SESSION_COOKIE}=`))).toBe(true);
        const reference = String((answer.body?.case as { reference: string }).reference);
        expect((await guest.ok('whoAmI')).scope).toEqual({ kind: 'guest', reference, email: 'zoe@example.com' });
        expect((await guest.ok('getCase', { params: { reference } })).case.complaint.summary).toBe('guest cookie');
        expect(await referencesOf(guest)).toEqual([reference]);
        const other = await guest.call('getCase', { params: { reference: someoneElses! } });
        expect([other.status, problemCode(other)]).toEqual([404, 'caseNotFound']);
      });

      it('a guest who already tracks a case and complains again is given the new case', async () => {
        const { guest, reference: first } = await guestWithCase('first complaint');
        const second = await guest.ok('submitComplaint', { body: submissionWith('second complaint'), idempotencyKey: newKey('again') });
        expect(second.case.reference).not.toBe(first);
        expect((await guest.ok('getCase', { params: { reference: second.case.reference } })).case.complaint.summary).toBe('second complaint');
        expect(await referencesOf(guest)).toEqual([second.case.reference]);
        // A third complaint whose answer (and cookie) is lost: the repeat, with the cookie the browser still has,
        // replays the same case and opens it.
        const tracking = guest.cookie(SESSION_COOKIE)!;
        const body = submissionWith('third complaint');
        const key = newKey('third');
        let third: string | null = null;
        if (target.injectFaults) {
          target.injectFaults('submitComplaint', ['dropAfterStore']);
          await expect(guest.call('submitComplaint', { body, idempotencyKey: key })).rejects.toThrow();
        } else {
          third = madeId(await guest.call('submitComplaint', { body, idempotencyKey: key }));
          guest.setCookie(SESSION_COOKIE, tracking);
        }
        const again = await guest.call('submitComplaint', { body, idempotencyKey: key });
        expect([again.status, again.headers.get('Idempotent-Replayed')]).toEqual([201, 'true']);
        if (third) expect(madeId(again)).toBe(third);
        expect(madeId(again)).not.toBe(second.case.reference);
        expect(await referencesOf(guest)).toEqual([madeId(again)]);
      });

      it('a guest comes back with reference, email and the emailed code, whatever the case of the reference and email', async () => {
        const { reference } = await guestWithCase('looked up');
        const other = browser();
        const session = await guestByCode(other, reference.toLowerCase(), 'ZOE@example.com');
        expect(session.scope).toEqual({ kind: 'guest', reference, email: 'zoe@example.com' });
        expect(await referencesOf(other)).toEqual([reference]);
      });

      it('a business member sees the organisation’s cases, and the admin sees the member’s', async () => {
        const priya = await signedIn('priya@harbourlane.example');
        const tom = await signedIn('tom@harbourlane.example');
        const sam = await signedIn('sam.taylor@example.com');
        const created = await tom.ok('submitComplaint', { body: submissionWith('raised by Tom', { name: 'Tom Reed', email: 'tom@harbourlane.example' }), idempotencyKey: newKey('tom') });
        const priyas = await referencesOf(priya);
        const toms = await referencesOf(tom);
        expect(priyas).toContain(created.case.reference);
        expect([...toms].sort()).toEqual([...priyas].sort());
        expect((await priya.ok('getCase', { params: { reference: created.case.reference } })).case.complaint.summary).toBe('raised by Tom');
        const sams = await referencesOf(sam);
        expect(sams.length).toBeGreaterThan(0);
        expect(sams.filter((r) => priyas.includes(r))).toEqual([]);
        expect((await sam.call('getCase', { params: { reference: created.case.reference } })).status).toBe(404);
      });

      it('acknowledges a Nasstar complaint within 2 working days as the clock moves', async () => {
        const { guest, reference } = await guestWithCase('acknowledge me');
        expect((await guest.ok('getCase', { params: { reference } })).case.status).toBe('submitted');
        await target.setClock('2026-12-22T18:00:00.000Z'); // Tue 22 Dec, after the 2-working-day acknowledgement
        // Sessions run on the real clock: moving the back office's clock on does not sign the guest out.
        const later = await guest.ok('getCase', { params: { reference } });
        expect(later.asOf).toBe('2026-12-22T18:00:00.000Z');
        expect(later.case.status).toBe('acknowledged');
        const timeline = await guest.ok('getTimeline', { params: { reference } });
        expect(timeline.events.map((e) => e.type)).toEqual(['submitted', 'acknowledged']);
      });
    });

    // ---------- letters and referral ----------

    describe('letters and referral', () => {
      it('issues the ADR letter once the wait has passed without closing the case, and refuses it before', async () => {
        const priya = await signedIn('priya@harbourlane.example');
        const list = await priya.ok('listCases', { query: { limit: 500 } });
        const eightWeeksAgo = Date.parse(NOW) - 56 * 86_400_000;
        const overdue = list.cases.find((c) => Date.parse(c.firstComplainedAt) < eightWeeksAgo && c.letters.length === 0)!;
        const recent = list.cases.find((c) => Date.parse(c.firstComplainedAt) > eightWeeksAgo && c.letters.length === 0 && c.status !== 'resolved')!;
        // An older client asking the deadlock operation for the ADR letter is refused, never given a deadlock letter.
        const wrongOperation = await priya.call('requestDeadlockLetter', { params: { reference: overdue.reference }, body: { kind: 'adr' } });
        expect([wrongOperation.status, problemCode(wrongOperation)]).toEqual([422, 'validationFailed']);
        const letter = await priya.ok('requestAdrLetter', { params: { reference: overdue.reference } });
        expect(letter.kind).toBe('adr');
        // Each request is its own event on the timeline.
        const requested = (await priya.ok('getTimeline', { params: { reference: overdue.reference } })).events.filter((e) => e.type === 'adrLetterRequested' || e.type === 'deadlockRequested');
        expect(requested.map((e) => e.type)).toEqual(['adrLetterRequested']);
        expect((await priya.ok('getLetter', { params: { reference: overdue.reference, id: letter.id } })).id).toBe(letter.id);
        expect((await priya.ok('getCase', { params: { reference: overdue.reference } })).case.status).not.toBe('deadlock');
        const early = await priya.call('requestAdrLetter', { params: { reference: recent.reference } });
        expect([early.status, problemCode(early)]).toEqual([409, 'tooEarlyForAdrLetter']);
        const deadlock = await priya.ok('requestDeadlockLetter', { params: { reference: recent.reference }, body: {} });
        expect(deadlock.kind).toBe('deadlock');
        const deadlockRequested = (await priya.ok('getTimeline', { params: { reference: recent.reference } })).events.filter((e) => e.type === 'adrLetterRequested' || e.type === 'deadlockRequested');
        expect(deadlockRequested.map((e) => e.type)).toEqual(['deadlockRequested']);
      });

      it('refuses a referral the ADR rules do not allow yet, and accepts one after a deadlock letter', async () => {
        const priya = await signedIn('priya@harbourlane.example');
        const list = await priya.ok('listCases', { query: { limit: 500 } });
        const recent = list.cases.find((c) => c.status === 'submitted' && c.letters.length === 0 && c.kind === 'complaint' && Date.parse(NOW) - Date.parse(c.firstComplainedAt) < 30 * 86_400_000)!;
        const early = await priya.call('referToAdr', { params: { reference: recent.reference }, body: { schemeId: 'cisas', confirmed: true } });
        expect([early.status, problemCode(early)]).toEqual([409, 'notEligibleForAdr']);
        await priya.ok('requestDeadlockLetter', { params: { reference: recent.reference }, body: { kind: 'deadlock' } });
        const referred = await priya.ok('referToAdr', { params: { reference: recent.reference }, body: { schemeId: 'cisas', confirmed: true } });
        expect(referred.case.referral?.schemeId).toBe('cisas');
        const again = await priya.call('referToAdr', { params: { reference: recent.reference }, body: { schemeId: 'cisas', confirmed: true } });
        expect([again.status, problemCode(again)]).toEqual([409, 'alreadyReferred']);
      });
    });

    // ---------- issue 22: what the back office does is what the procedure says ----------

    describe('issue 22: rules true to the seeds', () => {
      it('point 12: Nasstar — the customer gives the date they first complained (and its reference); the wait counts from it', async () => {
        const guest = browser();
        const base = submissionWith('Complained to the department in October');
        const body = { ...base, complaint: { ...base.complaint, firstComplainedAt: '2026-10-01', firstReference: 'DEP-7781' } };
        const created = await guest.ok('submitComplaint', { body, idempotencyKey: newKey('first') });
        // The start of 1 October 2026 in London (BST).
        expect(created.case.firstComplainedAt).toBe('2026-09-30T23:00:00.000Z');
        expect(created.case.complaint.firstReference).toBe('DEP-7781');
        // More than 6 weeks before NOW (18 Dec): eligible at once, with no letter.
        const referred = await guest.ok('referToAdr', { params: { reference: created.case.reference }, body: { schemeId: 'cisas', confirmed: true }, idempotencyKey: newKey('first') });
        expect(referred.case.referral?.schemeId).toBe('cisas');
        const future = await guest.call('submitComplaint', { body: { ...body, complaint: { ...body.complaint, firstComplainedAt: '2026-12-19' } }, idempotencyKey: newKey('first') });
        expect([future.status, problemCode(future), fieldCodes(future)]).toEqual([422, 'validationFailed', [{ path: 'complaint.firstComplainedAt', code: 'dateInFuture' }]]);
      });

      it('point 12: a procedure whose first stage is the portal takes no earlier date', async (t) => {
        const miso = { provider: 'miso' } as const;
        const guest = browser();
        if ((await guest.call('provider', miso)).status !== 200) return t.skip();
        const base = submissionWith('Earlier date');
        const answer = await guest.call('submitComplaint', { ...miso, body: { ...base, complaint: { ...base.complaint, firstComplainedAt: '2026-10-01' } }, idempotencyKey: newKey('first') });
        expect([answer.status, fieldCodes(answer)]).toEqual([422, [{ path: 'complaint.firstComplainedAt', code: 'notOffered' }]]);
      });

      it('point 10: a claim above the £10,000 award cap is still referred', async () => {
        const guest = browser();
        const base = submissionWith('A large claim');
        const created = await guest.ok('submitComplaint', { body: { ...base, complaint: { ...base.complaint, compensationPence: 2_500_000 } }, idempotencyKey: newKey('cap') });
        const reference = created.case.reference;
        await guest.ok('requestDeadlockLetter', { params: { reference }, body: { kind: 'deadlock' } });
        const referred = await guest.ok('referToAdr', { params: { reference }, body: { schemeId: 'cisas', confirmed: true }, idempotencyKey: newKey('cap') });
        expect(referred.case.referral?.schemeId).toBe('cisas');
      });

      it('point 9: Miso — no deadlock letter before attempt 3; attempts 2 and 3 are Miso\'s to undertake, not the customer\'s to ask', async (t) => {
        const miso = { provider: 'miso' } as const;
        const guest = browser();
        if ((await guest.call('provider', miso)).status !== 200) return t.skip();
        const created = await guest.ok('submitComplaint', { ...miso, body: submissionWith('Line keeps dropping'), idempotencyKey: newKey('miso') });
        const reference = created.case.reference;
        expect(created.case.stageId).toBe('attempt1');
        const early = await guest.call('requestDeadlockLetter', { ...miso, params: { reference }, body: { kind: 'deadlock' } });
        expect([early.status, problemCode(early)]).toEqual([409, 'deadlockLater']);
        const ask = await guest.call('requestEscalation', { ...miso, params: { reference }, body: { reason: 'noProgress' }, idempotencyKey: newKey('miso') });
        expect([ask.status, problemCode(ask)]).toEqual([409, 'providerMovesCase']);
        // Miso proposes a remedy; the customer rejects it; Miso takes the complaint to attempt 2 itself.
        await target.setClock('2027-01-08T10:00:00.000Z');
        const proposed = await guest.ok('getCase', { ...miso, params: { reference } });
        expect(proposed.case.status).toBe('responseIssued');
        const rejected = await guest.ok('decideResolution', { ...miso, params: { reference }, body: { decision: 'reject', reason: 'Still dropping' }, idempotencyKey: newKey('miso') });
        expect(rejected.case.stageId).toBe('attempt2');
        const timeline = await guest.ok('getTimeline', { ...miso, params: { reference } });
        expect(timeline.events.filter((e) => e.type === 'escalated').map((e) => [e.actor, e.data?.toStage])).toEqual([['provider', 'attempt2']]);
        expect(timeline.events.some((e) => e.type === 'escalationRequested')).toBe(false);
      });
    });

    // ---------- messages to the customer (docs/decisions/0140-notifications.md) ----------

    /** The events a customer is told of (core messageKindOf). */
    const toldOf = new Set(['submitted', 'acknowledged', 'update', 'resolutionProposed', 'escalated', 'clockOverdue', 'letterIssued', 'closed']);

    /** Every event of the case the customer is told of has exactly one message per channel, and nothing else has one. */
    async function expectOneMessagePerEventAndChannel(a: Agent, reference: string, channels: readonly string[]) {
      const { events } = await a.ok('getTimeline', { params: { reference } });
      const { messages } = await a.ok('listCaseMessages', { params: { reference } });
      const expected = events.filter((e) => toldOf.has(e.type)).flatMap((e) => channels.map((channel) => `${e.id} ${channel}`)).sort();
      expect(messages.map((m) => `${m.eventId} ${m.channel}`).sort()).toEqual(expected);
      return { events, messages };
    }

    describe('messages to the customer', () => {
      it('a complaint received: one email to the address it was raised with, in its language, with the reference', async () => {
        const guest = browser();
        const key = newKey('msg');
        const body = submissionWith(`messages ${newKey('m')}`, { email: 'messages@example.com', lng: 'it' });
        const created = await guest.ok('submitComplaint', { body, idempotencyKey: key });
        // The same request again (a retry whose answer was lost, so no cookie) is replayed: no second message.
        await browser().ok('submitComplaint', { body, idempotencyKey: key });
        const reference = created.case.reference;
        const { messages } = await expectOneMessagePerEventAndChannel(guest, reference, ['email']);
        expect(messages).toHaveLength(1);
        expect(messages[0]).toMatchObject({ kind: 'received', channel: 'email', recipient: 'messages@example.com', lng: 'it' });
      });

      it('as the provider plays its part, every event the customer is told of gives exactly one message per channel', async () => {
        const { guest, reference } = await guestWithCase();
        await target.setClock(new Date(Date.parse(NOW) + 10 * 86_400_000).toISOString());
        await guest.ok('getCase', { params: { reference } });
        const { events } = await expectOneMessagePerEventAndChannel(guest, reference, ['email']);
        expect(events.some((e) => e.actor === 'provider')).toBe(true);
      });

      it('by letter with email updates: a letter to post and an email for each event; a letter only by default', async () => {
        const address = { line1: '1 High Street', town: 'Leeds', postcode: 'LS1 1AA' };
        const both = browser();
        const withEmail = await both.ok('submitComplaint', { body: submissionWith('by letter and email', { replyBy: 'letter', address, emailUpdates: true }), idempotencyKey: newKey('l') });
        const { messages } = await expectOneMessagePerEventAndChannel(both, withEmail.case.reference, ['letter', 'email']);
        const letter = messages.find((m) => m.channel === 'letter')!;
        expect(letter.status).toBe('toPost');
        expect(letter.recipient).toContain('LS1 1AA');
        expect(letter.text).toContain(withEmail.case.reference);
        const only = browser();
        const byPhone = await only.ok('submitComplaint', { body: submissionWith('by phone', { replyBy: 'phone' }), idempotencyKey: newKey('p') });
        const phone = await expectOneMessagePerEventAndChannel(only, byPhone.case.reference, ['phone']);
        expect(phone.messages[0]).toMatchObject({ channel: 'phone', status: 'toCall', recipient: '07911 654321' });
      });

      it("a case's messages are its own: another guest sees none of them", async () => {
        const a = await guestWithCase('mine');
        const b = await guestWithCase('theirs');
        const probe = await b.guest.call('listCaseMessages', { params: { reference: a.reference } });
        expect(probe.status).toBe(404);
        const own = await a.guest.ok('listCaseMessages', { params: { reference: a.reference } });
        expect(own.messages.every((m) => m.text === null || !m.text.includes(b.reference))).toBe(true);
      });
    });

    // ---------- the ADR letter on time, by itself (decision 0140) ----------

    describe('the ADR letter on time, by itself', () => {
      /** A guest complains at `raisedAt` (the back office started then), and the clock moves on to `at`. */
      async function complaintRaisedAt(raisedAt: string) {
        await target.reset(raisedAt);
        return guestWithCase(`raised ${raisedAt}`);
      }
      const adrLetters = async (a: Agent, reference: string) => (await a.ok('getCase', { params: { reference } })).case.letters.filter((l) => l.kind === 'adr');

      // Hand-computed (Europe/London): 8 weeks from Monday 2 February 2026 10:00 GMT is Monday 30 March, 10:00 BST
      // (09:00Z) — before 8 April, so the 8-week wait; 6 weeks from Monday 4 May 2026 10:00 BST is Monday 15 June,
      // 10:00 BST; and 2 March 10:00 GMT reaches 6 weeks on 13 April (10:00 BST), after 8 April: the 6-week wait.
      for (const [raisedAt, dueAt] of [
        ['2026-02-02T10:00:00.000Z', '2026-03-30T09:00:00.000Z'],
        ['2026-03-02T10:00:00.000Z', '2026-04-13T09:00:00.000Z'],
        ['2026-05-04T09:00:00.000Z', '2026-06-15T09:00:00.000Z'],
      ] as const) {
        it(`raised ${raisedAt}: issued once, dated ${dueAt}, with its message`, async () => {
          const { guest, reference } = await complaintRaisedAt(raisedAt);
          await target.setClock(new Date(Date.parse(dueAt) - 60_000).toISOString());
          expect(await adrLetters(guest, reference)).toEqual([]);
          await target.setClock(new Date(Date.parse(dueAt) + 3_600_000).toISOString());
          const letters = await adrLetters(guest, reference);
          expect(letters.map((l) => l.issuedAt)).toEqual([dueAt]);
          // Read again later: still one.
          await target.setClock(new Date(Date.parse(dueAt) + 7 * 86_400_000).toISOString());
          expect(await adrLetters(guest, reference)).toHaveLength(1);
          const { events } = await guest.ok('getTimeline', { params: { reference } });
          const issued = events.filter((e) => e.type === 'letterIssued' && e.data?.kind === 'adr');
          expect(issued.map((e) => e.at)).toEqual([dueAt]);
          const { messages } = await guest.ok('listCaseMessages', { params: { reference } });
          expect(messages.filter((m) => m.kind === 'adrLetter' && m.eventId === issued[0]!.id)).toHaveLength(1);
        });
      }

      it('none when a deadlock letter came first', async () => {
        const { guest, reference } = await complaintRaisedAt('2026-05-04T09:00:00.000Z');
        await target.setClock('2026-05-20T09:00:00.000Z');
        await guest.ok('requestDeadlockLetter', { params: { reference }, body: { kind: 'deadlock' } });
        await target.setClock('2026-06-16T09:00:00.000Z');
        const { case: c } = await guest.ok('getCase', { params: { reference } });
        expect(c.letters.map((l) => l.kind)).toEqual(['deadlock']);
      });
    });

    // ---------- exactly once ----------

    /** One keyed write, sent as often as a scenario needs with the same key, and how many of its effects exist. */
    interface KeyedWrite {
      id: OperationId;
      send(): Promise<Answer>;
      count(): Promise<number>;
    }

    const isOk = (w: KeyedWrite, a: Answer) => a.status === operation(w.id).ok[0];
    const failed = (error: unknown): Answer => ({ status: 0, headers: new Headers(), body: { error: String(error) }, bytes: new Uint8Array() });

    interface Scenario {
      name: string;
      needs?: 'faults' | 'reload';
      /** Runs the write under the scenario; returns the answers the browser kept in the end. */
      run(w: KeyedWrite, i: number): Promise<Answer[]>;
    }

    const scenarios: Scenario[] = [
      {
        // Two tabs (or a double click) send the same key at once: the second waits for the first's answer.
        name: 'same key twice at once',
        async run(w) {
          const answers = await Promise.all([w.send(), w.send()]);
          const kept: Answer[] = [];
          for (const a of answers) {
            if (isOk(w, a)) kept.push(a);
            else {
              expect([a.status, problemCode(a), a.headers.has('Retry-After')]).toEqual([409, 'idempotencyInProgress', true]);
              // Both answers are in, so the first request has finished: asking again replays its answer.
              const again = await w.send();
              expect(again.headers.get('Idempotent-Replayed')).toBe('true');
              kept.push(again);
            }
          }
          return kept;
        },
      },
      {
        // The change is stored, then the answer is lost: the browser sends the same request again.
        name: 'stored, answer lost, repeated',
        async run(w) {
          let first: Answer | null = null;
          if (target.injectFaults) {
            target.injectFaults(w.id, ['dropAfterStore']);
            await expect(w.send()).rejects.toThrow();
          } else {
            first = await w.send();
          }
          const again = await w.send();
          expect(again.headers.get('Idempotent-Replayed')).toBe('true');
          return first ? [first, again] : [again];
        },
      },
      {
        name: 'server error, then retried',
        needs: 'faults',
        async run(w) {
          target.injectFaults!(w.id, ['500']);
          const first = await w.send();
          expect([first.status, problemCode(first)]).toEqual([500, 'serverError']);
          return [await w.send()];
        },
      },
      {
        name: 'never arrived, then retried',
        needs: 'faults',
        async run(w) {
          target.injectFaults!(w.id, ['network']);
          await expect(w.send()).rejects.toThrow();
          return [await w.send()];
        },
      },
      {
        // The page dies mid-request and reopens the back office from what it persisted, then sends the same key
        // again. The request reached the back office (stored) on even runs, never arrived on odd ones.
        name: 'reload mid-request',
        needs: 'reload',
        async run(w, i) {
          target.injectFaults?.(w.id, [i % 2 === 0 ? 'dropAfterStore' : 'network']);
          await w.send().catch(failed);
          await target.reload!();
          return [await w.send()];
        },
      },
    ];

    const supported = (s: Scenario) => !s.needs || (s.needs === 'faults' ? target.injectFaults !== undefined : target.reload !== undefined);

    /** Runs a scenario RUNS times over fresh writes; every run must leave exactly one effect and a success. */
    async function exactlyOnce(scenario: Scenario, write: (i: number) => Promise<KeyedWrite>) {
      const before = { duplicates: counts.duplicates, lost: counts.lost, failedWrites: counts.failedWrites };
      const outcomes: string[] = [];
      for (let i = 0; i < RUNS; i++) {
        const w = await write(i);
        const answers = await scenario.run(w, i).catch((error: unknown) => [failed(error)]);
        const ok = answers.length > 0 && answers.every((a) => isOk(w, a)) && new Set(answers.map(madeId)).size === 1;
        if (!ok) {
          counts.failedWrites++;
          outcomes.push(`run ${i}: ${answers.map((a) => `${a.status} ${JSON.stringify(a.body)}`).join(' | ')}`);
        }
        const found = await w.count();
        tally(counts, found);
        if (found !== 1) outcomes.push(`run ${i}: ${found} effects`);
      }
      expect(outcomes).toEqual([]);
      expect({ duplicates: counts.duplicates, lost: counts.lost, failedWrites: counts.failedWrites }).toEqual(before);
    }

    describe('exactly once', () => {
      for (const scenario of scenarios) {
        it(`complaint submission: ${scenario.name} × ${RUNS} → one case`, async (ctx) => {
          if (!supported(scenario)) ctx.skip();
          // Signed in, so the cases can be counted through the list.
          const sam = await signedIn('sam.taylor@example.com');
          await exactlyOnce(scenario, async (i) => {
            const summary = `exactly once ${scenario.name} ${i}`;
            const body = submissionWith(summary, { name: 'Sam Taylor', email: 'sam.taylor@example.com' });
            const key = newKey('draft');
            return {
              id: 'submitComplaint',
              send: () => sam.call('submitComplaint', { body, idempotencyKey: key }),
              count: async () => (await sam.ok('listCases', { query: { limit: 500 } })).cases.filter((c) => c.summary === summary).length,
            };
          });
        }, LOOP_TIMEOUT);

        it(`comment: ${scenario.name} × ${RUNS} → one comment`, async (ctx) => {
          if (!supported(scenario)) ctx.skip();
          const { guest, reference } = await guestWithCase();
          await exactlyOnce(scenario, async (i) => {
            const text = `comment ${scenario.name} ${i}`;
            const key = newKey('comment');
            return {
              id: 'addComment',
              send: () => guest.call('addComment', { params: { reference }, body: { text }, idempotencyKey: key }),
              count: async () => (await guest.ok('getTimeline', { params: { reference } })).events.filter((e) => e.type === 'comment' && e.text === text).length,
            };
          });
        }, LOOP_TIMEOUT);

        it(`evidence upload: ${scenario.name} × ${RUNS} → one file`, async (ctx) => {
          if (!supported(scenario)) ctx.skip();
          let current: Awaited<ReturnType<typeof guestWithCase>> | null = null;
          await exactlyOnce(scenario, async (i) => {
            // A case takes at most 10 files: a fresh case every few runs.
            if (i % 5 === 0) current = await guestWithCase();
            const { guest, reference } = current!;
            const name = `receipt-${i}.txt`;
            const form = formWith(textFile(name, `Receipt ${i}: £12.50 refunded? No.`));
            const key = newKey('evidence');
            return {
              id: 'addEvidence',
              send: () => guest.call('addEvidence', { params: { reference }, form, idempotencyKey: key }),
              count: async () => (await guest.ok('getCase', { params: { reference } })).case.attachments.filter((a) => a.name === name).length,
            };
          });
        }, LOOP_TIMEOUT);
      }

      it("a guest's lost answer: the repeat replays the same case, with no session (issue 20.14); the emailed code opens it", async () => {
        const guest = browser();
        const body = submissionWith('lost answer');
        const key = newKey('lost');
        let first: string | null = null;
        if (target.injectFaults) {
          target.injectFaults('submitComplaint', ['dropAfterStore']);
          await expect(guest.call('submitComplaint', { body, idempotencyKey: key })).rejects.toThrow();
        } else {
          first = madeId(await guest.call('submitComplaint', { body, idempotencyKey: key }));
          guest.clearCookies(); // the answer, and its cookie, never arrived
        }
        expect(guest.cookie(SESSION_COOKIE)).toBeUndefined();
        const again = await guest.call('submitComplaint', { body, idempotencyKey: key });
        expect([again.status, again.headers.get('Idempotent-Replayed')]).toEqual([201, 'true']);
        const reference = madeId(again);
        if (first) expect(reference).toBe(first);
        // An anonymous replay could come from anyone who learnt the key and the body: no session rides on it.
        expect(guest.cookie(SESSION_COOKIE)).toBeUndefined();
        expect((await guest.call('getCase', { params: { reference } })).status).toBe(401);
        // The guest comes back the way the confirmation page sends them: Track, with the reference, email and code.
        await guestByCode(guest, reference, body.aboutYou.email);
        expect(await referencesOf(guest)).toEqual([reference]);
      });

      it('issue 20.14: an anonymous replay of a complaint hands another client no guest session', async () => {
        const body = submissionWith('replayed by someone else');
        const key = newKey('replay');
        const guest = browser();
        const created = await guest.ok('submitComplaint', { body, idempotencyKey: key });
        const other = browser();
        const replay = await other.call('submitComplaint', { body, idempotencyKey: key });
        expect([replay.status, replay.headers.get('Idempotent-Replayed'), madeId(replay)]).toEqual([201, 'true', created.case.reference]);
        expect(replay.headers.getSetCookie()).toEqual([]);
        expect(other.cookie(SESSION_COOKIE)).toBeUndefined();
        expect((await other.call('getCase', { params: { reference: created.case.reference } })).status).toBe(401);
        // The client that complained still has its own session on the case.
        expect((await guest.ok('getCase', { params: { reference: created.case.reference } })).case.reference).toBe(created.case.reference);
      });

      it('the same key with a different request is refused, and with another case is another request', async () => {
        const { guest, reference } = await guestWithCase();
        const key = newKey('reuse');
        await guest.ok('addComment', { params: { reference }, body: { text: 'first' }, idempotencyKey: key });
        const reused = await guest.call('addComment', { params: { reference }, body: { text: 'second' }, idempotencyKey: key });
        expect([reused.status, problemCode(reused)]).toEqual([422, 'idempotencyKeyReused']);
        const missing = await guest.call('addComment', { params: { reference }, body: { text: 'no key' } });
        expect([missing.status, problemCode(missing)]).toEqual([400, 'idempotencyKeyRequired']);
        const texts = (await guest.ok('getTimeline', { params: { reference } })).events.filter((e) => e.type === 'comment').map((e) => e.text);
        expect(texts).toEqual(['first']);
      });
    });

    // ---------- nobody else's case ----------

    type CaseScopedId = Extract<Operation, { path: `/cases/{reference}${string}` }>['id'];
    /** How an attacker calls each case-scoped operation (every one must be listed: the type says so). */
    const probes: Record<CaseScopedId, { body?: unknown; form?: true; key?: true }> = {
      getCase: {},
      getTimeline: {},
      listCaseMessages: {},
      getCaseCalendar: {},
      getCaseMessagePdf: {},
      setEmailUpdates: { body: { emailUpdates: true } },
      addComment: { body: { text: 'let me in' }, key: true },
      addEvidence: { form: true, key: true },
      shareCase: {},
      downloadAttachment: {},
      decideResolution: { body: { decision: 'accept' } },
      giveFeedback: { body: { rating: 1, comment: 'x' } },
      requestEscalation: { body: { reason: 'noProgress' } },
      requestDeadlockLetter: { body: {} },
      requestAdrLetter: {},
      getLetter: {},
      referToAdr: { body: { schemeId: 'cisas', confirmed: true } },
    };
    const probeIds = Object.keys(probes) as CaseScopedId[];

    describe("nobody else's case", () => {
      it('every case-scoped operation: another customer, another guest, signed out, a made-up or revoked cookie, another provider → 404/401, nothing changed', async () => {
        // The victim: the seeded small business, one of its open cases with a file and a deadlock letter.
        const priya = await signedIn('priya@harbourlane.example');
        const list = await priya.ok('listCases', { query: { status: 'open', limit: 500 } });
        const ref = list.cases.find((c) => c.letters.length === 0)!.reference;
        const file = await priya.ok('addEvidence', { params: { reference: ref }, form: formWith(textFile('bank-statement.txt', 'Sort code 12-34-56')), idempotencyKey: newKey('victim') });
        const letter = await priya.ok('requestDeadlockLetter', { params: { reference: ref }, body: { kind: 'deadlock' } });
        const snapshot = async () => JSON.stringify([await priya.ok('getCase', { params: { reference: ref } }), await priya.ok('getTimeline', { params: { reference: ref } })]);
        const before = await snapshot();

        const sam = await signedIn('sam.taylor@example.com');
        const { guest: otherGuest } = await guestWithCase('someone else');
        const madeUp = browser();
        madeUp.setCookie(SESSION_COOKIE, 'A'.repeat(43));
        const revoked = await signedIn('priya@harbourlane.example');
        const revokedCookie = revoked.cookie(SESSION_COOKIE)!;
        await revoked.ok('signOut');
        revoked.setCookie(SESSION_COOKIE, revokedCookie);
        const attackers: Array<{ who: string; a: Agent; provider?: string; expected: Array<[number, string]> }> = [
          { who: 'another customer', a: sam, expected: [[404, 'caseNotFound']] },
          { who: 'a guest of another case', a: otherGuest, expected: [[404, 'caseNotFound']] },
          { who: 'signed out', a: browser(), expected: [[401, 'signInRequired']] },
          { who: 'a made-up cookie', a: madeUp, expected: [[401, 'signInRequired']] },
          { who: "the owner's cookie after sign-out", a: revoked, expected: [[401, 'signInRequired']] },
          // A back office serving one provider refuses the other provider outright.
          { who: "the owner's cookie at another provider", a: priya, provider: 'miso', expected: [[401, 'signInRequired'], [400, 'unknownProvider']] },
        ];
        const leaks: string[] = [];
        for (const attacker of attackers) {
          for (const id of probeIds) {
            const probe = probes[id];
            const input: CallInput<CaseScopedId> = {
              params: { reference: ref, id: id === 'getLetter' ? letter.id : file.id },
              ...(attacker.provider ? { provider: attacker.provider } : {}),
              ...(probe.body !== undefined ? { body: probe.body } : {}),
              ...(probe.form ? { form: formWith(textFile('probe.txt', 'probe')) } : {}),
              ...(probe.key ? { idempotencyKey: newKey('probe') } : {}),
            };
            const answer = await attacker.a.call(id, input);
            const text = JSON.stringify(answer.body);
            const expected = attacker.expected.some(([status, code]) => answer.status === status && problemCode(answer) === code);
            if (!expected || /priya|harbour|Sort code/i.test(text)) leaks.push(`${attacker.who} ${id}: ${answer.status} ${text}`);
          }
        }
        counts.leaks += leaks.length;
        expect(leaks).toEqual([]);
        // Nothing the attackers sent changed the victim's case.
        expect(await snapshot()).toBe(before);
        // The owner still reads it all.
        // (Her cases are answered by email: no letter to download, which the staff suite's letter case covers.)
        for (const id of probeIds.filter((x) => operation(x).method === 'GET' && x !== 'getCaseMessagePdf')) {
          expect((await priya.call(id, { params: { reference: ref, id: id === 'getLetter' ? letter.id : file.id } })).status, id).toBe(200);
        }
        const download = await priya.call('downloadAttachment', { params: { reference: ref, id: file.id } });
        expect(new TextDecoder().decode(download.bytes)).toBe('Sort code 12-34-56');
      });

      it("lists only the caller's own cases; a guest sees one case", async () => {
        const sam = await signedIn('sam.taylor@example.com');
        const samRefs = await referencesOf(sam);
        const notMine: string[] = [];
        for (const reference of samRefs) {
          const c = (await sam.ok('getCase', { params: { reference } })).case;
          if (c.aboutYou.email !== 'sam.taylor@example.com') notMine.push(reference);
        }
        const priyas = await referencesOf(await signedIn('priya@harbourlane.example'));
        notMine.push(...samRefs.filter((r) => priyas.includes(r)));
        counts.leaks += notMine.length;
        expect(samRefs.length).toBeGreaterThan(0);
        expect(notMine).toEqual([]);
        const { guest, reference } = await guestWithCase();
        expect(await referencesOf(guest)).toEqual([reference]);
      });

      it('an unknown reference and a wrong email get the same answer when asking for a code and on the case', async () => {
        const { guest, reference } = await guestWithCase();
        const stranger = browser();
        const strip = (a: Answer) => ({ status: a.status, body: a.body });
        const wrongEmail = await stranger.call('requestSignInCode', { body: { purpose: 'guest', reference, email: 'mallory@example.com' } });
        const unknown = await stranger.call('requestSignInCode', { body: { purpose: 'guest', reference: 'NAS-2026-00000000', email: 'zoe@example.com' } });
        const right = await stranger.call('requestSignInCode', { body: { purpose: 'guest', reference, email: 'zoe@example.com' } });
        expect(strip(wrongEmail)).toEqual(strip(unknown));
        expect(strip(right)).toEqual(strip(unknown));
        expect(wrongEmail.status).toBe(202);
        expect(await mailTo('mallory@example.com')).toBeNull();
        const [other] = await referencesOf(await signedIn('priya@harbourlane.example'));
        expect(strip(await guest.call('getCase', { params: { reference: other! } }))).toEqual(strip(await guest.call('getCase', { params: { reference: 'NAS-2026-00000000' } })));
      });
    });

    // ---------- passwordless sign-in, organisations (issue 12) ----------

    describe('sign-in with an emailed code', () => {
      const SAM = 'sam.taylor@example.com';

      it('answers the same for a known and an unknown address; only the known one gets a mail, in its language', async () => {
        const a = browser();
        const strip = (x: Answer) => ({ status: x.status, body: x.body, retry: x.headers.get('Retry-After') });
        const known = await a.call('requestSignInCode', { body: { purpose: 'signIn', email: SAM, lng: 'it' } });
        const unknown = await a.call('requestSignInCode', { body: { purpose: 'signIn', email: 'nobody@example.com', lng: 'it' } });
        expect(strip(known)).toEqual(strip(unknown));
        expect(known.status).toBe(202);
        expect(await mailTo('nobody@example.com')).toBeNull();
        const sent = await mailTo(SAM, { withCode: true });
        expect(sent?.mail.lng).toBe('it');
        expect(sent?.code).toMatch(/^\d{6}$/);
        expect(sent?.mail.text).toContain('Suo codice');
      });

      it('the mailbox shows the code, and the code signs in once', async () => {
        const a = browser();
        const { code } = await codeFor(a, { purpose: 'signIn', email: SAM });
        const session = await a.ok('verifySignInCode', { body: { email: SAM.toUpperCase(), code } });
        expect(session.scope).toMatchObject({ kind: 'customer', customer: { email: SAM } });
        expect(a.cookie(SESSION_COOKIE)).toMatch(/\S{20,}/);
        expect((await a.ok('whoAmI')).scope.kind).toBe('customer');
        const again = await browser().call('verifySignInCode', { body: { email: SAM, code } });
        expect([again.status, problemCode(again), fieldCodes(again)[0]]).toEqual([422, 'codeInvalid', { path: 'code', code: 'codeInvalid' }]);
      });

      it('the emailed link signs in once', async () => {
        const { token } = await codeFor(browser(), { purpose: 'signIn', email: SAM });
        const b = browser();
        expect((await b.ok('verifySignInCode', { body: { token } })).scope.kind).toBe('customer');
        expect(problemCode(await browser().call('verifySignInCode', { body: { token } }))).toBe('codeInvalid');
      });

      it('signing in rotates the session: the cookie from before is refused', async () => {
        const a = await signedIn(SAM);
        const before = a.cookie(SESSION_COOKIE)!;
        const { code } = await codeFor(a, { purpose: 'signIn', email: SAM });
        await a.ok('verifySignInCode', { body: { email: SAM, code } });
        expect(a.cookie(SESSION_COOKIE)).not.toBe(before);
        const old = browser();
        old.setCookie(SESSION_COOKIE, before);
        expect((await old.call('whoAmI')).status).toBe(401);
        // …and after signing out, the cookie of that session is refused too.
        const during = a.cookie(SESSION_COOKIE)!;
        await a.ok('signOut');
        const after = browser();
        after.setCookie(SESSION_COOKIE, during);
        expect((await after.call('listCases')).status).toBe(401);
      });

      it('a wrong code counts; the fifth wrong try burns the code, even the right one is refused after', async () => {
        const a = browser();
        const { code } = await codeFor(a, { purpose: 'signIn', email: SAM });
        const wrong = code === '000000' ? '111111' : '000000';
        const codes: unknown[] = [];
        for (let i = 0; i < 5; i++) codes.push(problemCode(await a.call('verifySignInCode', { body: { email: SAM, code: wrong } })));
        expect(codes).toEqual(['codeInvalid', 'codeInvalid', 'codeInvalid', 'codeInvalid', 'codeTooManyTries']);
        const right = await a.call('verifySignInCode', { body: { email: SAM, code } });
        expect([right.status, problemCode(right)]).toEqual([422, 'codeTooManyTries']);
        // A new code works again.
        const fresh = await codeFor(a, { purpose: 'signIn', email: SAM });
        expect((await a.call('verifySignInCode', { body: { email: SAM, code: fresh.code } })).status).toBe(201);
      });

      it('issue 20.2: 40 wrong codes sent at once get at most 5 checked, and the right one is refused after', async () => {
        const { code } = await codeFor(browser(), { purpose: 'signIn', email: SAM });
        const wrong = code === '000000' ? '111111' : '000000';
        const answers = await Promise.all(Array.from({ length: 40 }, () => browser().call('verifySignInCode', { body: { email: SAM, code: wrong } })));
        const codes = answers.map(problemCode);
        // Each check that found tries left answers codeInvalid, but the fifth, which burns the code.
        expect(codes.filter((c) => c === 'codeInvalid')).toHaveLength(4);
        expect(codes.filter((c) => c === 'codeTooManyTries')).toHaveLength(36);
        expect(problemCode(await browser().call('verifySignInCode', { body: { email: SAM, code } }))).toBe('codeTooManyTries');
      });

      it('issue 20.9: code requests for someone else’s address neither void the code already sent nor lock its owner out', async () => {
        const owner = browser();
        const { code } = await codeFor(owner, { purpose: 'signIn', email: SAM });
        // Someone else asks for codes for the same address, up to the limit and past it.
        const other = browser();
        const statuses: number[] = [];
        for (let i = 0; i < 5; i++) statuses.push((await other.call('requestSignInCode', { body: { purpose: 'signIn', email: SAM } })).status);
        expect(statuses).toEqual([202, 202, 202, 202, 429]);
        // The owner's code, still in their inbox, still signs them in.
        const session = await owner.ok('verifySignInCode', { body: { email: SAM, code } });
        expect(session.scope).toMatchObject({ kind: 'customer', customer: { email: SAM } });
        // …and, being used, every code sent to the address is spent.
        const later = (await mailTo(SAM, { withCode: true }))!;
        expect(problemCode(await browser().call('verifySignInCode', { body: { email: SAM, code: later.code } }))).toBe('codeInvalid');
      });

      it('an expired code is refused (on the real clock, not the demo clock)', async ({ skip }) => {
        if (!target.advanceRealTime) skip();
        const a = browser();
        const { code } = await codeFor(a, { purpose: 'signIn', email: SAM });
        // Moving the demo clock does not age a code.
        await target.setClock('2027-06-01T10:00:00.000Z');
        await target.advanceRealTime!(16 * 60_000);
        const answer = await a.call('verifySignInCode', { body: { email: SAM, code } });
        expect([answer.status, problemCode(answer), fieldCodes(answer)[0]?.path]).toEqual([422, 'codeExpired', 'code']);
      });

      it('rate limits: the sixth code request for an address in the window is 429 with Retry-After, known or not', async () => {
        const a = browser();
        for (const email of [SAM, 'nobody@example.com']) {
          for (let i = 0; i < 5; i++) expect((await a.call('requestSignInCode', { body: { purpose: 'signIn', email } })).status).toBe(202);
          const limited = await a.call('requestSignInCode', { body: { purpose: 'signIn', email } });
          expect([limited.status, problemCode(limited)]).toEqual([429, 'tooManyRequests']);
          expect(Number(limited.headers.get('Retry-After'))).toBeGreaterThan(0);
          expect(Number(limited.headers.get('Retry-After'))).toBeLessThanOrEqual(15 * 60);
        }
      });

      it('rate limits: more than 20 code requests from one IP in the window is 429', async () => {
        const a = browser();
        const statuses: number[] = [];
        for (let i = 0; i < 21; i++) statuses.push((await a.call('requestSignInCode', { body: { purpose: 'signIn', email: `someone${i}@example.com` } })).status);
        expect(statuses.slice(0, 20).every((s) => s === 202)).toBe(true);
        expect(statuses[20]).toBe(429);
      });

      it('a guest signing in with the email of an account gets the account, with their guest cases attached', async () => {
        const guest = browser();
        const created = await guest.ok('submitComplaint', { body: submissionWith('raised as a guest', { email: SAM }), idempotencyKey: newKey('g') });
        const reference = created.case.reference;
        const back = browser();
        const session = await guestByCode(back, reference, SAM);
        expect(session.scope).toMatchObject({ kind: 'customer', customer: { email: SAM } });
        expect(await referencesOf(back)).toContain(reference);
        expect((await back.ok('getCase', { params: { reference } })).case.raisedBy).toEqual({ name: 'Sam Taylor' });
      });
    });

    describe('organisations', () => {
      const PRIYA = 'priya@harbourlane.example';
      const TOM = 'tom@harbourlane.example';

      it('every member sees who raised each case', async () => {
        const tom = await signedIn(TOM);
        const list = await tom.ok('listCases', { query: { limit: 500 } });
        expect(list.cases.some((c) => c.raisedBy?.name === 'Priya Shah')).toBe(true);
      });

      it('only an admin lists, invites and removes members; others get 403 notAdmin', async () => {
        const tom = await signedIn(TOM);
        const sam = await signedIn('sam.taylor@example.com');
        for (const a of [tom, sam]) {
          for (const answer of [
            await a.call('listMembers'),
            await a.call('inviteMember', { body: { email: 'x@example.com', name: 'X' } }),
            await a.call('removeMember', { params: { id: 'nasstar-business' } }),
          ]) expect([answer.status, problemCode(answer)]).toEqual([403, 'notAdmin']);
        }
        expect((await browser().call('listMembers')).status).toBe(401);
      });

      it('an admin invites a new address: it is told by mail in the language asked, signs in with a code, accepts and sees the organisation’s cases', async () => {
        const priya = await signedIn(PRIYA);
        const invited = await priya.ok('inviteMember', { body: { email: 'ana@harbourlane.example', name: 'Ana Ruiz', lng: 'it' } });
        expect(invited).toMatchObject({ name: 'Ana Ruiz', email: 'ana@harbourlane.example', status: 'invited' });
        const invitation = await mailTo('ana@harbourlane.example');
        expect(invitation?.mail.lng).toBe('it');
        expect(invitation?.mail.subject).toContain('Priya Shah');
        expect(invitation?.mail.text).toContain('Ana Ruiz');
        expect(invitation?.mail.text).toMatch(/\/sign-in\?lng=it/);
        expect(invitation?.code, 'an invitation carries no code').toBe('');
        const listed = await priya.ok('listMembers');
        expect(listed.members.map((m) => m.email)).not.toContain('ana@harbourlane.example');
        expect(listed.invitations.map((i) => [i.email, i.status])).toEqual([['ana@harbourlane.example', 'invited']]);
        // Inviting again renews the one invitation.
        expect((await priya.call('inviteMember', { body: { email: 'ANA@harbourlane.example', name: 'Ana Ruiz' } })).status).toBe(201);
        expect((await priya.ok('listMembers')).invitations).toHaveLength(1);
        // A member of the organisation already: the administrator sees its members, so saying so tells nothing new.
        const member = await priya.call('inviteMember', { body: { email: TOM, name: 'Tom Reed' } });
        expect([member.status, problemCode(member)]).toEqual([409, 'alreadyMember']);
        const ana = browser();
        const { code } = await codeFor(ana, { purpose: 'signIn', email: 'ana@harbourlane.example' });
        const session = await ana.ok('verifySignInCode', { body: { email: 'ana@harbourlane.example', code } });
        expect(session.scope.kind === 'customer' && session.scope.customer).toMatchObject({ name: 'Ana Ruiz', email: 'ana@harbourlane.example' });
        expect(session.scope.kind === 'customer' && session.scope.customer.organisationId).toBeUndefined();
        expect(await referencesOf(ana)).toEqual([]);
        const offers = (await ana.ok('listInvitations')).invitations;
        expect(offers.map((i) => [i.organisation, i.invitedBy])).toEqual([['Harbour Lane Bakery Ltd', 'Priya Shah']]);
        const joined = await ana.ok('acceptInvitation', { params: { id: offers[0]!.id } });
        expect(joined.scope.kind === 'customer' && joined.scope.customer).toMatchObject({ role: 'member', organisation: 'Harbour Lane Bakery Ltd' });
        expect((await referencesOf(ana)).sort()).toEqual((await referencesOf(priya)).sort());
        const after = await priya.ok('listMembers');
        expect(after.members.map((m) => m.email)).toContain('ana@harbourlane.example');
        expect(after.invitations).toEqual([]);
      });

      it('an admin withdraws an invitation: the invitee no longer sees it and cannot accept it', async () => {
        const priya = await signedIn(PRIYA);
        const sent = await priya.ok('inviteMember', { body: { email: 'sam.taylor@example.com', name: 'Sam Taylor' } });
        const sam = await signedIn('sam.taylor@example.com');
        const id = (await sam.ok('listInvitations')).invitations[0]!.id;
        expect(problemCode(await sam.call('revokeInvitation', { params: { id: sent.id } }))).toBe('notAdmin');
        expect((await priya.call('revokeInvitation', { params: { id: sent.id } })).status).toBe(204);
        expect((await sam.ok('listInvitations')).invitations).toEqual([]);
        const late = await sam.call('acceptInvitation', { params: { id } });
        expect([late.status, problemCode(late)]).toEqual([404, 'invitationNotFound']);
      });

      it('a member leaves: the organisation’s cases are no longer theirs to see; an administrator cannot leave', async () => {
        const priya = await signedIn(PRIYA);
        const tom = await signedIn(TOM);
        const priyasCase = (await priya.ok('listCases', { query: { limit: 500 } })).cases.find((c) => c.raisedBy?.name === 'Priya Shah')!.reference;
        await tom.ok('leaveOrganisation');
        expect((await tom.call('getCase', { params: { reference: priyasCase } })).status).toBe(404);
        expect((await tom.ok('whoAmI')).scope).toMatchObject({ kind: 'customer', customer: { email: TOM } });
        expect((await priya.ok('listMembers')).members.map((m) => m.email)).not.toContain(TOM);
        expect(problemCode(await tom.call('leaveOrganisation'))).toBe('notAMember');
        expect(problemCode(await priya.call('leaveOrganisation'))).toBe('adminCannotLeave');
      });

      it('an admin removes a member, who loses access at once and then gets 404 on an organisation case', async () => {
        const priya = await signedIn(PRIYA);
        const tom = await signedIn(TOM);
        const priyasCase = (await priya.ok('listCases', { query: { limit: 500 } })).cases.find((c) => c.raisedBy?.name === 'Priya Shah')!.reference;
        expect((await tom.call('getCase', { params: { reference: priyasCase } })).status).toBe(200);
        const tomId = (await priya.ok('listMembers')).members.find((m) => m.email === TOM)!.id;
        const self = (await priya.ok('listMembers')).members.find((m) => m.email === PRIYA)!.id;
        expect(problemCode(await priya.call('removeMember', { params: { id: self } }))).toBe('cannotRemoveSelf');
        expect((await priya.call('removeMember', { params: { id: tomId } })).status).toBe(204);
        expect((await tom.call('getCase', { params: { reference: priyasCase } })).status).toBe(401);
        const tomAgain = await signedIn(TOM);
        const answer = await tomAgain.call('getCase', { params: { reference: priyasCase } });
        expect([answer.status, problemCode(answer)]).toEqual([404, 'caseNotFound']);
        expect((await priya.ok('listMembers')).members.map((m) => m.email)).not.toContain(TOM);
        expect(problemCode(await priya.call('removeMember', { params: { id: tomId } }))).toBe('memberNotFound');
      });
    });

    // ---------- issue 20.1: membership by consent ----------

    describe('issue 20.1: membership by consent', () => {
      const PRIYA = 'priya@harbourlane.example';
      const SAM = 'sam.taylor@example.com';
      /** A complaint Sam raises, signed in, with the personal data an administrator must not read. */
      const samsComplaint = async (sam: Agent, summary: string) =>
        (await sam.ok('submitComplaint', { body: submissionWith(summary, { name: 'Sam Taylor', email: SAM, phone: '07911 123999' }), idempotencyKey: newKey('sam') })).case.reference;
      /** Everything an administrator can read through the API: their list, and each case by its reference. */
      const adminReads = async (admin: Agent, reference: string) => ({
        listed: (await referencesOf(admin)).includes(reference),
        status: (await admin.call('getCase', { params: { reference } })).status,
      });

      it('issue 20.1: an invitation links no one: an existing customer stays outside the organisation until they accept', async () => {
        const priya = await signedIn(PRIYA);
        await priya.ok('inviteMember', { body: { email: SAM, name: 'Sam Taylor' } });
        const sam = await signedIn(SAM);
        const me = await sam.ok('whoAmI');
        expect(me.scope.kind === 'customer' && me.scope.customer.organisationId).toBeUndefined();
        expect((await priya.ok('listMembers')).members.map((m) => m.email)).not.toContain(SAM);
        const reference = await samsComplaint(sam, 'raised while invited');
        expect(await adminReads(priya, reference)).toEqual({ listed: false, status: 404 });
        expect((await sam.ok('getCase', { params: { reference } })).case.sharedWithOrganisation).toBe(false);
      });

      it('issue 20.1: a residential customer’s complaint is not readable by the administrator before or after they decline', async () => {
        const priya = await signedIn(PRIYA);
        const sam = await signedIn(SAM);
        const before = await samsComplaint(sam, 'before the invitation');
        await priya.ok('inviteMember', { body: { email: SAM, name: 'Sam Taylor' } });
        const during = await samsComplaint(sam, 'while invited');
        for (const reference of [before, during]) expect(await adminReads(priya, reference)).toEqual({ listed: false, status: 404 });
        const [offer] = (await sam.ok('listInvitations')).invitations;
        expect((await sam.call('declineInvitation', { params: { id: offer!.id } })).status).toBe(204);
        const after = await samsComplaint(sam, 'after declining');
        for (const reference of [before, during, after]) expect(await adminReads(priya, reference)).toEqual({ listed: false, status: 404 });
        expect((await sam.ok('listInvitations')).invitations).toEqual([]);
        expect(problemCode(await sam.call('acceptInvitation', { params: { id: offer!.id } }))).toBe('invitationNotFound');
        expect((await priya.ok('listMembers')).invitations).toEqual([]);
      });

      it('issue 20.1: after joining, earlier cases stay private until the customer shares one; new ones are the organisation’s', async () => {
        const priya = await signedIn(PRIYA);
        const sam = await signedIn(SAM);
        const earlier = await samsComplaint(sam, 'raised before joining');
        const other = await samsComplaint(sam, 'also raised before joining');
        await priya.ok('inviteMember', { body: { email: SAM, name: 'Sam Taylor' } });
        // Someone else cannot answer Sam's invitation.
        const [offer] = (await sam.ok('listInvitations')).invitations;
        const tom = await signedIn('tom@harbourlane.example');
        expect(problemCode(await tom.call('acceptInvitation', { params: { id: offer!.id } }))).toBe('invitationNotFound');
        await sam.ok('acceptInvitation', { params: { id: offer!.id } });
        for (const reference of [earlier, other]) expect(await adminReads(priya, reference)).toEqual({ listed: false, status: 404 });
        // Only the customer shares, and only their own case.
        expect(problemCode(await priya.call('shareCase', { params: { reference: earlier } }))).toBe('caseNotFound');
        const shared = await sam.ok('shareCase', { params: { reference: earlier } });
        expect(shared.case.sharedWithOrganisation).toBe(true);
        expect(await adminReads(priya, earlier)).toEqual({ listed: true, status: 200 });
        expect(await adminReads(priya, other)).toEqual({ listed: false, status: 404 });
        const priyasCase = (await priya.ok('listCases', { query: { limit: 500 } })).cases.find((c) => c.raisedBy?.name === 'Priya Shah')!.reference;
        expect(problemCode(await sam.call('shareCase', { params: { reference: priyasCase } }))).toBe('notYourCase');
        const later = await samsComplaint(sam, 'raised as a member');
        expect(await adminReads(priya, later)).toEqual({ listed: true, status: 200 });
      });

      it('issue 20.1: guest cases never become an organisation’s: an invited guest signing in gets them as their own', async () => {
        const priya = await signedIn(PRIYA);
        const GUEST = 'lee.guest@example.com';
        const guest = browser();
        const reference = (await guest.ok('submitComplaint', { body: submissionWith('raised as a guest', { email: GUEST }), idempotencyKey: newKey('g') })).case.reference;
        await priya.ok('inviteMember', { body: { email: GUEST, name: 'Lee Guest' } });
        // Coming back to the case as a guest: still a guest's case, nobody else's.
        const back = browser();
        expect((await guestByCode(back, reference, GUEST)).scope.kind).toBe('guest');
        expect(await adminReads(priya, reference)).toEqual({ listed: false, status: 404 });
        // Signing in to the account the invitation offers: the guest case becomes theirs, not the organisation's.
        const lee = browser();
        const { code } = await codeFor(lee, { purpose: 'signIn', email: GUEST });
        await lee.ok('verifySignInCode', { body: { email: GUEST, code } });
        expect(await referencesOf(lee)).toEqual([reference]);
        expect((await lee.ok('getCase', { params: { reference } })).case.sharedWithOrganisation).toBe(false);
        expect(await adminReads(priya, reference)).toEqual({ listed: false, status: 404 });
        // Even after accepting: it stays theirs until they share it.
        await lee.ok('acceptInvitation', { params: { id: (await lee.ok('listInvitations')).invitations[0]!.id } });
        expect(await adminReads(priya, reference)).toEqual({ listed: false, status: 404 });
        // A seeded member signing in with a guest code keeps their guest case out of the organisation too.
        const TOM = 'tom@harbourlane.example';
        const tomsGuestCase = (await browser().ok('submitComplaint', { body: submissionWith('Tom as a guest', { email: TOM }), idempotencyKey: newKey('t') })).case.reference;
        const tom = browser();
        expect((await guestByCode(tom, tomsGuestCase, TOM)).scope.kind).toBe('customer');
        expect((await tom.ok('getCase', { params: { reference: tomsGuestCase } })).case.sharedWithOrganisation).toBe(false);
        expect(await adminReads(priya, tomsGuestCase)).toEqual({ listed: false, status: 404 });
      });

      it('issue 20.1: the administrator’s answer is the same for a customer’s address, a guest’s and an unknown one', async () => {
        const priya = await signedIn(PRIYA);
        await browser().ok('submitComplaint', { body: submissionWith('a guest', { email: 'only.a.guest@example.com' }), idempotencyKey: newKey('g') });
        const shape = (answer: Answer) => ({
          status: answer.status,
          keys: Object.keys(answer.body ?? {}).sort(),
          status_: answer.body?.status,
          contentType: answer.headers.get('Content-Type'),
        });
        const answers = [];
        for (const email of [SAM, 'it.procurement@northgate.example', 'only.a.guest@example.com', 'nobody.at.all@example.com']) {
          answers.push(shape(await priya.call('inviteMember', { body: { email, name: 'Someone' } })));
        }
        expect(answers[0]).toMatchObject({ status: 201, status_: 'invited' });
        for (const answer of answers) expect(answer).toEqual(answers[0]);
        const listed = await priya.ok('listMembers');
        expect(listed.invitations.map((i) => i.status)).toEqual(['invited', 'invited', 'invited', 'invited']);
        expect(listed.members.map((m) => m.email)).not.toContain(SAM);
      });
    });

    // ---------- what each provider's procedure takes ----------

    describe('the Communications Ombudsman’s own procedure', () => {
      it('takes complaints about its own service: its categories only, no account number kept, and no deadlock or ADR letter', async (t) => {
        const co = { provider: 'commsombudsman' } as const;
        const guest = browser();
        // A server serves one provider (PROVIDER); the rule is the core's, run here where this provider is served.
        if ((await guest.call('provider', co)).status !== 200) return t.skip();
        const billing = await guest.call('submitComplaint', { ...co, body: submissionWith('About a bill'), idempotencyKey: newKey('co') });
        expect([billing.status, problemCode(billing), (billing.body as { errors?: unknown[] } | null)?.errors]).toEqual([
          422,
          'validationFailed',
          [{ path: 'complaint.category', code: 'invalidCategory' }],
        ]);
        const own = submissionWith('My dispute was closed without a decision', { accountNumber: 'B-881022' });
        const created = await guest.ok('submitComplaint', { ...co, body: { ...own, complaint: { ...own.complaint, category: 'disputeHandling' } }, idempotencyKey: newKey('co') });
        expect(created.case.complaint.category).toBe('disputeHandling');
        expect(created.case.aboutYou.accountNumber).toBeUndefined();
        const reference = created.case.reference;
        const letter = (kind: 'deadlock' | 'adr') =>
          kind === 'deadlock' ? guest.call('requestDeadlockLetter', { ...co, params: { reference }, body: { kind } }) : guest.call('requestAdrLetter', { ...co, params: { reference } });
        // No ADR letter at all; the final response ('deadlock') only at the second, last stage.
        const adr = await letter('adr');
        expect([adr.status, problemCode(adr)]).toEqual([409, 'noLetterInProcedure']);
        const early = await letter('deadlock');
        expect([early.status, problemCode(early)]).toEqual([409, 'finalResponseLater']);
        const tooSoon = await guest.call('referToAdr', { ...co, params: { reference }, body: { schemeId: 'independentAssessor', confirmed: true }, idempotencyKey: newKey('co') });
        expect([tooSoon.status, problemCode(tooSoon)]).toEqual([409, 'notEligibleForAdr']);
        await guest.ok('requestEscalation', { ...co, params: { reference }, body: { reason: 'unhappyWithResponse' }, idempotencyKey: newKey('co') });
        expect((await guest.ok('getCase', { ...co, params: { reference } })).case.stageId).toBe('secondStage');
        const final = await letter('deadlock');
        expect(final.status).toBe(201);
        const referred = await guest.ok('referToAdr', { ...co, params: { reference }, body: { schemeId: 'independentAssessor', confirmed: true }, idempotencyKey: newKey('co') });
        expect(referred.case.referral?.schemeId).toBe('independentAssessor');
      });

      it('the four providers take the communications-service categories, and the ombudsman’s own are refused there', async () => {
        const guest = browser();
        const own = submissionWith('Not a provider subject');
        const answer = await guest.call('submitComplaint', { body: { ...own, complaint: { ...own.complaint, category: 'staffConduct' } }, idempotencyKey: newKey('nas') });
        expect([answer.status, problemCode(answer)]).toEqual([422, 'validationFailed']);
      });
    });

    // ---------- hostile input ----------

    describe('hostile input', () => {
      it('script and HTML payloads in every text field are stored and returned as the same text', async () => {
        for (const [i, payload] of HOSTILE_TEXT.entries()) {
          const short = payload.slice(0, 20);
          const body: ComplaintSubmission = {
            kind: 'complaint',
            aboutYou: {
              customerKind: 'business',
              employees: 5,
              name: payload,
              organisation: payload,
              accountNumber: payload.slice(0, 40),
              email: 'zoe@example.com',
              phone: '07911 654321',
              replyBy: 'letter',
              address: { line1: payload, line2: payload, town: payload, postcode: short },
              supportNeeds: payload,
              representative: { name: payload, relationship: payload },
            },
            complaint: { category: 'other', summary: `${payload} ${i}`, whatHappened: payload, startedOn: '2026-10-01', outcomeWanted: payload },
            evidence: {
              references: [{ reference: payload.slice(0, 60), note: payload }],
              staff: [{ name: payload, team: payload }],
              calls: [{ at: '2026-10-02T09:30:00Z', fromNumber: '07911 654321', spokeTo: payload, whatWasSaid: payload }],
              emails: [{ sentAt: '2026-10-03T09:30:00Z', toAddress: 'support@nasstar.example', subject: payload }],
              attachmentIds: [],
            },
          };
          expect(complaintSubmissionSchema.safeParse(body).success).toBe(true);
          const guest = browser();
          const created = await guest.ok('submitComplaint', { body, idempotencyKey: newKey('xss') });
          const reference = created.case.reference;
          const read = await guest.ok('getCase', { params: { reference } });
          const { attachmentIds: _ids, ...evidence } = body.evidence;
          expect(read.case.aboutYou).toEqual(body.aboutYou);
          expect(read.case.complaint).toEqual(body.complaint);
          expect(read.case.evidence).toEqual(evidence);
          // The case-scoped free-text inputs too: comment and escalation details.
          await guest.ok('addComment', { params: { reference }, body: { text: payload }, idempotencyKey: newKey('xssc') });
          await guest.ok('requestEscalation', { params: { reference }, body: { reason: 'other', details: payload } });
          const timeline = await guest.ok('getTimeline', { params: { reference } });
          expect(timeline.events.filter((e) => e.text === payload).map((e) => e.type).sort()).toEqual(['comment', 'escalationRequested']);
        }
      });

      it('a 100,000-character text is refused by the schema and by the back office (422 problem+json) in every free-text field', async () => {
        const huge = 'A'.repeat(100_000);
        const { guest, reference } = await guestWithCase();
        const before = await guest.ok('getTimeline', { params: { reference } });
        const base = submissionWith('long');
        const complaintFields: Array<[string, (s: ComplaintSubmission) => void]> = [
          ['aboutYou.name', (s) => (s.aboutYou.name = huge)],
          ['aboutYou.organisation', (s) => (s.aboutYou.organisation = huge)],
          ['aboutYou.supportNeeds', (s) => (s.aboutYou.supportNeeds = huge)],
          ['complaint.summary', (s) => (s.complaint.summary = huge)],
          ['complaint.whatHappened', (s) => (s.complaint.whatHappened = huge)],
          ['complaint.outcomeWanted', (s) => (s.complaint.outcomeWanted = huge)],
          ['evidence.references.0.note', (s) => (s.evidence.references = [{ reference: 'T1', note: huge }])],
          ['evidence.calls.0.whatWasSaid', (s) => (s.evidence.calls = [{ at: '2026-10-02T09:30:00Z', fromNumber: '07911 654321', whatWasSaid: huge }])],
          ['evidence.emails.0.subject', (s) => (s.evidence.emails = [{ sentAt: '2026-10-02T09:30:00Z', toAddress: 'a@example.com', subject: huge }])],
        ];
        const refusals: Array<[string, boolean, boolean]> = [];
        const check = (label: string, parsed: { success: boolean; error?: { issues: Array<{ path: PropertyKey[]; message: string }> } }, answer: Answer, path: string) => {
          const schemaRefused = !parsed.success && parsed.error!.issues.some((i) => i.path.join('.') === path && i.message === 'tooLong');
          const serverRefused = answer.status === 422 && problemCode(answer) === 'validationFailed' && fieldCodes(answer).some((e) => e.path === path && e.code === 'tooLong');
          for (const refused of [schemaRefused, serverRefused]) {
            if (refused) counts.inputsRefused++;
            else counts.inputsAccepted++;
          }
          refusals.push([label, schemaRefused, serverRefused]);
        };
        const stranger = browser();
        for (const [path, set] of complaintFields) {
          const body = structuredClone(base);
          set(body);
          check(path, complaintSubmissionSchema.safeParse(body), await stranger.call('submitComplaint', { body, idempotencyKey: newKey('huge') }), path);
        }
        check('comment', commentInputSchema.safeParse({ text: huge }), await guest.call('addComment', { params: { reference }, body: { text: huge }, idempotencyKey: newKey('huge') }), 'text');
        check('escalation', escalationInputSchema.safeParse({ reason: 'other', details: huge }), await guest.call('requestEscalation', { params: { reference }, body: { reason: 'other', details: huge } }), 'details');
        check('feedback', feedbackInputSchema.safeParse({ rating: 3, comment: huge }), await guest.call('giveFeedback', { params: { reference }, body: { rating: 3, comment: huge } }), 'comment');
        check('rejection', resolutionDecisionSchema.safeParse({ decision: 'reject', reason: huge }), await guest.call('decideResolution', { params: { reference }, body: { decision: 'reject', reason: huge } }), 'reason');
        expect(refusals.filter(([, a, b]) => !a || !b)).toEqual([]);
        expect(stranger.cookie(SESSION_COOKIE), 'no refused complaint made a case').toBeUndefined();
        expect(await guest.ok('getTimeline', { params: { reference } })).toEqual(before);
      });

      for (const f of hostileFiles) {
        it(`refuses an upload: ${f.label} (the browser's check and the back office agree; nothing stored)`, async () => {
          const check = await checkFile(f.name, f.type, f.bytes);
          const browserReason = check.ok ? 'accepted' : check.reason;
          const file = () => new File([f.bytes as BlobPart], f.name, { type: f.type });
          const status = f.reasons.includes('tooLarge') ? 413 : 422;
          const upload = await browser().call('uploadAttachment', { form: formWith(file()) });
          const { guest, reference } = await guestWithCase();
          const evidence = await guest.call('addEvidence', { params: { reference }, form: formWith(file()), idempotencyKey: newKey('hostile') });
          const reasons = [upload, evidence].map((a) => fieldCodes(a)[0]?.code ?? `status ${a.status}`);
          for (const reason of [browserReason, ...reasons]) {
            if (f.reasons.includes(reason)) counts.inputsRefused++;
            else counts.inputsAccepted++;
          }
          expect([upload, evidence].map((a) => [a.status, problemCode(a)])).toEqual([[status, 'fileRefused'], [status, 'fileRefused']]);
          expect(f.reasons).toContain(browserReason);
          expect(reasons).toEqual([browserReason, browserReason]);
          expect((await guest.ok('getCase', { params: { reference } })).case.attachments).toEqual([]);
          expect((await guest.ok('getTimeline', { params: { reference } })).events.map((e) => e.type)).toEqual(['submitted']);
        });
      }

      it('issue 20.11: a PDF with scripts or automatic actions (plain, #xx-escaped, compressed) and HTML named .txt are refused naming file; the browser agrees', async () => {
        const files: Array<[string, Uint8Array, string]> = [
          ...Object.entries(ACTIVE_PDFS).map(([how, bytes]): [string, Uint8Array, string] => [`${how}.pdf`, bytes, 'application/pdf']),
          ['notes.txt', HTML_AS_TEXT, 'text/plain'],
        ];
        const { guest, reference } = await guestWithCase();
        for (const [name, bytes, type] of files) {
          const file = () => new File([bytes as BlobPart], name, { type });
          expect(await checkFile(name, type, bytes), name).toEqual({ ok: false, reason: 'activeContent' });
          for (const answer of [
            await browser().call('uploadAttachment', { form: formWith(file()) }),
            await guest.call('addEvidence', { params: { reference }, form: formWith(file()), idempotencyKey: newKey('active') }),
          ]) {
            expect([name, answer.status, answer.headers.get('Content-Type'), problemCode(answer), fieldCodes(answer)]).toEqual([
              name,
              422,
              'application/problem+json',
              'fileRefused',
              [{ path: 'file', code: 'activeContent' }],
            ]);
          }
        }
        expect((await guest.ok('getCase', { params: { reference } })).case.attachments).toEqual([]);
      });

      it("issue 20.5: a pending upload is its uploader's: guest B cannot submit with guest A's attachment, nor download it", async () => {
        const a = browser();
        const b = browser();
        const upload = await a.call('uploadAttachment', { form: formWith(textFile('bank-statement.txt', "A's account: 12-34-56 87654321")) });
        expect(upload.status).toBe(201);
        const id = String(upload.body?.id);
        // The anonymous client's token: a cookie no other site sends, that the page's scripts cannot read on the server.
        const cookie = upload.headers.getSetCookie().find((c) => c.startsWith('redress_client='));
        expect(cookie).toMatch(/SameSite=Strict/i);
        if (name !== 'msw') expect(cookie).toMatch(/HttpOnly/i);
        const withFile = (summary: string) => ({ ...submissionWith(summary), evidence: { ...submissionWith('').evidence, attachmentIds: [id] } });

        const stolen = await b.call('submitComplaint', { body: withFile("B tries A's file"), idempotencyKey: newKey('steal') });
        expect([stolen.status, problemCode(stolen), fieldCodes(stolen)]).toEqual([422, 'validationFailed', [{ path: 'evidence.attachmentIds.0', code: 'unknownAttachment' }]]);
        // B's own case, made without it, cannot reach it either; a signed-in customer cannot take it.
        const bCase = (await b.ok('submitComplaint', { body: submissionWith('B on its own'), idempotencyKey: newKey('own') })).case.reference;
        expect((await b.call('downloadAttachment', { params: { reference: bCase, id } })).status).toBe(404);
        expect((await b.call('submitComplaint', { body: withFile('B as a guest now'), idempotencyKey: newKey('steal2') })).status).toBe(422);
        const sam = await signedIn('sam.taylor@example.com');
        expect((await sam.call('submitComplaint', { body: withFile('Sam tries'), idempotencyKey: newKey('steal3') })).status).toBe(422);

        // A, the uploader, attaches it and downloads it.
        const mine = await a.ok('submitComplaint', { body: withFile('A with her file'), idempotencyKey: newKey('mine') });
        expect(mine.case.attachments.map((f) => f.id)).toEqual([id]);
        const download = await a.call('downloadAttachment', { params: { reference: mine.case.reference, id } });
        expect([download.status, new TextDecoder().decode(download.bytes)]).toEqual([200, "A's account: 12-34-56 87654321"]);
      });

      it('issue 20.4: commenting, submitting and uploading past the per-client limits are 429 problem+json with Retry-After; another client is not held back', async () => {
        const limits = scaledWriteLimits(Math.max(1, Math.ceil(RUNS / 5))); // as the targets set them
        const retryAfter = (a: Answer) => Number(a.headers.get('Retry-After'));
        const expectLimited = (a: Answer) => {
          expect([a.status, a.headers.get('Content-Type'), problemCode(a)]).toEqual([429, 'application/problem+json', 'tooManyRequests']);
          expect(retryAfter(a)).toBeGreaterThan(0);
          expect(retryAfter(a)).toBeLessThanOrEqual(WRITE_WINDOW_MS / 1000);
        };
        const { guest, reference } = await guestWithCase();
        for (let i = 0; i < limits.comment.perClient; i++) {
          expect((await guest.call('addComment', { params: { reference }, body: { text: `comment ${i}` }, idempotencyKey: newKey('c') })).status).toBe(201);
        }
        const comment = await guest.call('addComment', { params: { reference }, body: { text: 'one too many' }, idempotencyKey: newKey('c') });
        expectLimited(comment);
        expect((await guest.ok('getTimeline', { params: { reference } })).events.filter((e) => e.type === 'comment')).toHaveLength(limits.comment.perClient);

        const uploader = browser();
        for (let i = 0; i < limits.upload.perClient; i++) {
          expect((await uploader.call('uploadAttachment', { form: formWith(textFile(`n${i}.txt`, `note ${i}`)) })).status).toBe(201);
        }
        expectLimited(await uploader.call('uploadAttachment', { form: formWith(textFile('late.txt', 'one too many')) }));

        const sam = await signedIn('sam.taylor@example.com');
        for (let i = 0; i < limits.complaint.perClient; i++) {
          expect((await sam.call('submitComplaint', { body: submissionWith(`limit ${i}`, { name: 'Sam Taylor', email: 'sam.taylor@example.com' }), idempotencyKey: newKey('s') })).status).toBe(201);
        }
        expectLimited(await sam.call('submitComplaint', { body: submissionWith('one too many', { name: 'Sam Taylor', email: 'sam.taylor@example.com' }), idempotencyKey: newKey('s') }));
        // Another client (from the same address) is not held back by these.
        expect((await browser().call('submitComplaint', { body: submissionWith('someone else'), idempotencyKey: newKey('s') })).status).toBe(201);
        expect((await browser().call('uploadAttachment', { form: formWith(textFile('other.txt', 'mine')) })).status).toBe(201);
      }, 120_000);

      it('issue 20.4: a client may have at most PENDING_UPLOAD_QUOTA_BYTES waiting on no complaint; attaching them frees the quota', async () => {
        const MB = 1024 * 1024;
        const size = 9 * MB;
        const fits = Math.floor(PENDING_UPLOAD_QUOTA_BYTES / size);
        const client = browser();
        const upload = (i: number) => client.call('uploadAttachment', { form: formWith(new File([new Uint8Array(size).fill(0x61 + i)], `scan${i}.txt`, { type: 'text/plain' })) });
        const ids: string[] = [];
        for (let i = 0; i < fits; i++) {
          const answer = await upload(i);
          expect(answer.status).toBe(201);
          ids.push(String(answer.body?.id));
        }
        const over = await upload(fits);
        expect([over.status, problemCode(over), fieldCodes(over)]).toEqual([413, 'uploadQuotaExceeded', [{ path: 'file', code: 'pendingQuota' }]]);
        // Another client has a quota of its own.
        expect((await browser().call('uploadAttachment', { form: formWith(textFile('small.txt', 'hello')) })).status).toBe(201);
        // Sending a complaint with two of them frees their bytes.
        const withFiles = { ...submissionWith('with scans'), evidence: { ...submissionWith('').evidence, attachmentIds: ids.slice(0, 2) } };
        expect((await client.call('submitComplaint', { body: withFiles, idempotencyKey: newKey('q') })).status).toBe(201);
        expect((await upload(fits + 1)).status).toBe(201);
      }, 120_000);

      it('issue 20.4: the scheduled sweep removes a pending upload older than a day, keeps a younger one and an attached one', async ({ skip }) => {
        if (!target.runRetention) skip();
        const client = browser();
        const other = browser();
        const upload = async (file: string, by = client) => String((await by.ok('uploadAttachment', { form: formWith(textFile(file, `the ${file}`)) })).id);
        const withFiles = (summary: string, attachmentIds: string[]) => ({ ...submissionWith(summary), evidence: { ...submissionWith('').evidence, attachmentIds } });
        const old = await upload('old.txt');
        const attached = await upload('attached.txt', other);
        const made = await other.ok('submitComplaint', { body: withFiles('with a file', [attached]), idempotencyKey: newKey('sweep') });
        // A day and a minute later (the back office's clock, which stamped the uploads), one more upload.
        await target.setClock(new Date(Date.parse(NOW) + 24 * 3_600_000 + 60_000).toISOString());
        const young = await upload('young.txt');
        await target.runRetention!();

        const late = await client.call('submitComplaint', { body: withFiles('too late', [old]), idempotencyKey: newKey('sweep') });
        expect([late.status, fieldCodes(late)]).toEqual([422, [{ path: 'evidence.attachmentIds.0', code: 'unknownAttachment' }]]);
        const kept = await client.ok('submitComplaint', { body: withFiles('in time', [young]), idempotencyKey: newKey('sweep') });
        expect(kept.case.attachments.map((f) => f.id)).toEqual([young]);
        const download = async (by: Agent, reference: string, id: string) => {
          const answer = await by.call('downloadAttachment', { params: { reference, id } });
          return [answer.status, new TextDecoder().decode(answer.bytes)];
        };
        expect(await download(client, kept.case.reference, young)).toEqual([200, 'the young.txt']);
        expect(await download(other, made.case.reference, attached)).toEqual([200, 'the attached.txt']);
      });

      it('control: ordinary evidence files are accepted and come back byte for byte', async () => {
        const ok = [
          ['screenshot.png', 'image/png', PNG],
          ['bill.pdf', 'application/pdf', PDF],
          ['notes.txt', 'text/plain', enc('Called on 2 Oct, spoke to Dave. Naïve café — 山田 🙂')],
          ['notes.txt', '', enc('No declared type')],
        ] as const;
        const { guest, reference } = await guestWithCase();
        for (const [name, type, bytes] of ok) {
          expect(await checkFile(name, type, bytes), name).toMatchObject({ ok: true });
          expect((await browser().call('uploadAttachment', { form: formWith(new File([bytes as BlobPart], name, { type })) })).status, name).toBe(201);
          const added = await guest.ok('addEvidence', { params: { reference }, form: formWith(new File([bytes as BlobPart], name, { type })), idempotencyKey: newKey('ok') });
          const download = await guest.call('downloadAttachment', { params: { reference, id: added.id } });
          expect([download.status, download.bytes], name).toEqual([200, bytes]);
        }
      });

      it('too many files (11) and more than 25 MB in total are refused, at submission and as evidence', async () => {
        const MB = 1024 * 1024;
        const uploader = browser();
        const upload = async (name: string, size: number) =>
          (await uploader.ok('uploadAttachment', { form: formWith(new File([new Uint8Array(size).fill(0x62)], name, { type: 'text/plain' })) })).id;
        // The first upload gives this browser its client token (issue 20.5; the portal uploads one file at a time), then ten at once.
        const first = await upload('f0.txt', 10);
        const eleven = [first, ...(await Promise.all(Array.from({ length: 10 }, (_, i) => upload(`f${i + 1}.txt`, 10))))];
        const big = [await upload('a.txt', 9 * MB), await upload('b.txt', 9 * MB), await upload('c.txt', 9 * MB)];
        const withFiles = (summary: string, attachmentIds: string[]) => ({ ...submissionWith(summary), evidence: { ...submissionWith('').evidence, attachmentIds } });
        const tooMany = await uploader.call('submitComplaint', { body: withFiles('eleven', eleven), idempotencyKey: newKey('many') });
        const tooBig = await uploader.call('submitComplaint', { body: withFiles('big', big), idempotencyKey: newKey('big') });
        expect([tooMany, tooBig].map((a) => [a.status, fieldCodes(a)[0]?.code])).toEqual([[422, 'tooManyFiles'], [422, 'totalTooLarge']]);
        // Refused submissions made no case: the files are still free to use.
        expect((await uploader.call('submitComplaint', { body: withFiles('ten', eleven.slice(0, 10)), idempotencyKey: newKey('ten') })).status).toBe(201);

        const { guest, reference } = await guestWithCase();
        for (let i = 0; i < 10; i++) {
          expect((await guest.call('addEvidence', { params: { reference }, form: formWith(textFile(`e${i}.txt`, `file ${i}`)), idempotencyKey: newKey('ten') })).status).toBe(201);
        }
        const eleventh = await guest.call('addEvidence', { params: { reference }, form: formWith(textFile('e11.txt', 'one too many')), idempotencyKey: newKey('eleven') });
        const { guest: guest2, reference: ref2 } = await guestWithCase();
        const bigFile = (n: string) => formWith(new File([new Uint8Array(9 * MB).fill(0x63)], n, { type: 'text/plain' }));
        await guest2.ok('addEvidence', { params: { reference: ref2 }, form: bigFile('1.txt'), idempotencyKey: newKey('big1') });
        await guest2.ok('addEvidence', { params: { reference: ref2 }, form: bigFile('2.txt'), idempotencyKey: newKey('big2') });
        const third = await guest2.call('addEvidence', { params: { reference: ref2 }, form: bigFile('3.txt'), idempotencyKey: newKey('big3') });
        expect([eleventh, third].map((a) => [a.status, problemCode(a), fieldCodes(a)[0]?.code])).toEqual([
          [422, 'fileRefused', 'tooMany'],
          [422, 'fileRefused', 'totalTooLarge'],
        ]);
        expect((await guest.ok('getCase', { params: { reference } })).case.attachments).toHaveLength(10);
        expect((await guest2.ok('getCase', { params: { reference: ref2 } })).case.attachments).toHaveLength(2);
        counts.inputsRefused += 4;
      }, 60_000);

      it('names and text in any script survive the round trip (case, comment, guest lookup, file name)', async () => {
        for (const [i, name] of WORLD_NAMES.entries()) {
          // One address each: five code requests per address is the limit.
          const email = `zoe.${i}@example.com`;
          const body = submissionWith(`${name} — ${newKey('n')}`, { name, email });
          body.complaint.whatHappened = `${name} a écrit : « ${name} » 🙂`;
          const created = await browser().ok('submitComplaint', { body, idempotencyKey: newKey('name') });
          const guest = browser();
          await guestByCode(guest, created.case.reference.toLowerCase(), email.toUpperCase());
          const reference = created.case.reference;
          await guest.ok('addComment', { params: { reference }, body: { text: name }, idempotencyKey: newKey('namec') });
          const read = await guest.ok('getCase', { params: { reference } });
          const timeline = await guest.ok('getTimeline', { params: { reference } });
          expect(read.case.aboutYou.name).toBe(name);
          expect(read.case.complaint.summary).toBe(body.complaint.summary);
          expect(read.case.complaint.whatHappened).toBe(body.complaint.whatHappened);
          expect(timeline.events.find((e) => e.type === 'comment')?.text).toBe(name);
        }
        const { guest, reference } = await guestWithCase();
        const fileName = 'فاتورة_請求書_🧾.txt';
        const up = await guest.ok('addEvidence', { params: { reference }, form: formWith(textFile(fileName, 'x')), idempotencyKey: newKey('fname') });
        expect(up.name).toBe(fileName);
        const res = await guest.call('downloadAttachment', { params: { reference, id: up.id } });
        const disposition = res.headers.get('Content-Disposition') ?? '';
        expect(decodeURIComponent(/filename\*=UTF-8''([^;]+)/.exec(disposition)?.[1] ?? '')).toBe(fileName);
        expect(res.headers.get('X-Content-Type-Options')).toBe('nosniff');
      });
    });

    // ---------- errors the user can act on ----------

    describe('your own data', () => {
      it("issue 20.15: a customer downloads everything held about them — their cases, timelines, letters and files — and nobody else's", async () => {
        const priya = await signedIn('priya@harbourlane.example');
        const created = await priya.ok('submitComplaint', { body: submissionWith('export me', { name: 'Priya Shah', email: 'priya@harbourlane.example' }), idempotencyKey: newKey('export') });
        const reference = created.case.reference;
        await priya.ok('addComment', { params: { reference }, body: { text: 'a comment to take away' }, idempotencyKey: newKey('comment') });
        const file = await priya.ok('addEvidence', { params: { reference }, form: formWith(textFile('note.txt', 'Sort code 12-34-56')), idempotencyKey: newKey('file') });
        const tom = await signedIn('tom@harbourlane.example');
        const toms = await tom.ok('submitComplaint', { body: submissionWith('raised by Tom', { name: 'Tom Reed', email: 'tom@harbourlane.example' }), idempotencyKey: newKey('tom') });

        const data = await priya.ok('exportMyData');
        expect(data.customer?.email).toBe('priya@harbourlane.example');
        const mine = data.cases.find((c) => c.case.reference === reference);
        expect(mine?.timeline.some((e) => e.text === 'a comment to take away')).toBe(true);
        expect(atob(mine!.files.find((f) => f.id === file.id)!.contentBase64)).toBe('Sort code 12-34-56');
        // Every case of hers, with its letters; none of her colleague's, though she sees those in her list.
        const own = (await priya.ok('listCases', { query: { limit: 500 } })).cases.filter((c) => c.raisedBy?.name !== 'Tom Reed').map((c) => c.reference);
        expect(data.cases.map((c) => c.case.reference).sort()).toEqual(own.sort());
        expect(data.cases.map((c) => c.case.reference)).not.toContain(toms.case.reference);
        expect(data.cases.some((c) => c.case.letters.length > 0)).toBe(true);

        const { guest, reference: guestRef } = await guestWithCase('a guest takes theirs');
        const theirs = await guest.ok('exportMyData');
        expect([theirs.customer, theirs.cases.map((c) => c.case.reference)]).toEqual([null, [guestRef]]);
        expect((await browser().call('exportMyData')).status).toBe(401);
      });

      it("issue 20 gaps: the export holds the messages sent to the customer about each case and the invitations to their address — never staff's internal notes", async () => {
        const sam = await signedIn('sam.taylor@example.com');
        const created = await sam.ok('submitComplaint', { body: submissionWith('export my messages', { name: 'Sam Taylor', email: 'sam.taylor@example.com' }), idempotencyKey: newKey('msgs') });
        const reference = created.case.reference;
        const agent = await signedIn('jordan.lee@staff.nasstar.example');
        await agent.ok('staffAddNote', { params: { reference }, body: { text: 'Internal: Sam sounded angry' }, idempotencyKey: newKey('note') });
        const priya = await signedIn('priya@harbourlane.example');
        await priya.ok('inviteMember', { body: { email: 'sam.taylor@example.com', name: 'Sam Taylor' } });
        // The server's job sends the acknowledgement in the background: compared while it was between pending and
        // sent, the export and the list were two moments of a message that moved. Once it has left, they must agree.
        for (let i = 0; i < 200 && (await sam.ok('listCaseMessages', { params: { reference } })).messages.some((m) => m.status === 'pending'); i++) {
          await new Promise((resolve) => setTimeout(resolve, 50));
        }

        const data = await sam.ok('exportMyData');
        const mine = data.cases.find((c) => c.case.reference === reference)!;
        const { messages } = await sam.ok('listCaseMessages', { params: { reference } });
        expect(messages.length).toBeGreaterThan(0);
        expect(mine.messages).toEqual(messages);
        expect(data.invitations.map((i) => [i.organisation, i.invitedBy])).toEqual([['Harbour Lane Bakery Ltd', 'Priya Shah']]);
        expect(JSON.stringify(data)).not.toMatch(/Sam sounded angry/);
        // A guest's export: their case's messages, no invitations.
        const { guest, reference: guestRef } = await guestWithCase('a guest with messages');
        const theirs = await guest.ok('exportMyData');
        expect(theirs.cases[0]!.messages).toEqual((await guest.ok('listCaseMessages', { params: { reference: guestRef } })).messages);
        expect(theirs.invitations).toEqual([]);
      });
    });

    // ---------- sign-in and request hardening (issue 20; docs/decisions/0100-sign-in-and-request-hardening.md) ----------

    describe('inputs and answers (issue 20)', () => {
      const SAM = 'sam.taylor@example.com';
      const invalidAt = (answer: Answer) => [answer.status, problemCode(answer), fieldCodes(answer).map((e) => `${e.path}:${e.code}`)];

      it('issue 20.10: a NUL character or half a surrogate pair in any text, path, query or file name is a 422 naming the field', async () => {
        const { guest, reference } = await guestWithCase();
        const NUL = 'before\u0000after';
        const HALF = 'half \ud800 a pair';
        const submitted = (body: unknown) => browser().call('submitComplaint', { body, idempotencyKey: newKey('bad') });
        expect(invalidAt(await submitted(submissionWith(NUL)))).toEqual([422, 'validationFailed', ['complaint.summary:invalidCharacters']]);
        expect(invalidAt(await submitted(submissionWith('ok', { name: HALF })))).toEqual([422, 'validationFailed', ['aboutYou.name:invalidCharacters']]);
        expect(invalidAt(await submitted(submissionWith('ok', { name: 'low \udc00 half' })))).toEqual([422, 'validationFailed', ['aboutYou.name:invalidCharacters']]);
        expect(invalidAt(await guest.call('addComment', { params: { reference }, body: { text: NUL }, idempotencyKey: newKey('c') }))).toEqual([422, 'validationFailed', ['text:invalidCharacters']]);
        expect(invalidAt(await guest.call('getCase', { params: { reference: `${reference}\u0000` } }))).toEqual([422, 'validationFailed', ['reference:invalidCharacters']]);
        expect(invalidAt(await guest.call('listCases', { query: { q: NUL } }))).toEqual([422, 'validationFailed', ['q:invalidCharacters']]);
        expect(invalidAt(await browser().call('requestSignInCode', { body: { purpose: 'signIn', email: `sam${NUL}@example.com` } }))).toEqual([422, 'validationFailed', ['email:invalidCharacters']]);
        const upload = await browser().call('uploadAttachment', { form: formWith(textFile('notes\u0000.txt', 'hello')), idempotencyKey: newKey('u') });
        expect(invalidAt(upload)).toEqual([422, 'validationFailed', ['file:invalidCharacters']]);
        // Nothing was kept: the guest still has one case with no comment from this.
        expect(await referencesOf(guest)).toEqual([reference]);
        // A pair is fine: the emoji in the fixture's name is one.
        expect((await submitted(submissionWith('paired 🙂'))).status).toBe(201);
      });

      it('issue 20.10: a malformed % escape in the session cookie is no cookie, not an error', async () => {
        const planted = browser();
        planted.setCookie(SESSION_COOKIE, '%E0%A4%A');
        expect([(await planted.call('whoAmI')).status, problemCode(await planted.call('whoAmI'))]).toEqual([401, 'signInRequired']);
        const created = await planted.call('submitComplaint', { body: submissionWith('planted cookie'), idempotencyKey: newKey('p') });
        expect(created.status).toBe(201);
        expect(planted.cookie(SESSION_COOKIE)).not.toBe('%E0%A4%A');
        expect((await planted.ok('whoAmI')).scope.kind).toBe('guest');
      });

      it('issue 20.10: a case-list cursor dated year −271821 (or any made-up one) is ignored or refused naming it, never a 500', async () => {
        const sam = await signedIn(SAM);
        const b64url = (text: string) => btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
        const first = await sam.ok('listCases', { query: { limit: 500 } });
        for (const [sort, cursor] of [
          ['updated', b64url(JSON.stringify(['updated', null, '-271821-04-20T00:00:00.000Z', 'NAS']))],
          ['deadline', b64url(JSON.stringify(['deadline', '-271821-04-20T00:00:00.000Z', '2026-12-01T00:00:00.000Z', 'NAS']))],
          ['updated', b64url(JSON.stringify(['updated', null, '+275760-09-13T00:00:00.000Z', 'NAS']))],
          ['updated', '!!not base64!!'],
        ] as const) {
          const answer = await sam.call('listCases', { query: { sort, cursor, limit: 500 } });
          if (answer.status === 200) expect((answer.body?.cases as unknown[]).length).toBe(first.cases.length);
          else expect(invalidAt(answer).slice(0, 2)).toEqual([422, 'validationFailed']);
          expect(answer.status === 200 || fieldCodes(answer).some((e) => e.path === 'cursor')).toBe(true);
        }
      });

      it('issue 20.12: every answer, success or refusal, says Cache-Control: no-store', async () => {
        const sam = await signedIn(SAM);
        const { guest, reference } = await guestWithCase();
        const upload = await guest.call('uploadAttachment', { form: formWith(textFile('notes.txt', 'hello')), idempotencyKey: newKey('u') });
        const answers: Array<[string, Answer]> = [
          ['whoAmI', await sam.call('whoAmI')],
          ['listCases', await sam.call('listCases')],
          ['getCase', await guest.call('getCase', { params: { reference } })],
          ['getTimeline', await guest.call('getTimeline', { params: { reference } })],
          ['provider', await browser().call('provider')],
          ['uploadAttachment', upload],
          ['requestSignInCode', await browser().call('requestSignInCode', { body: { purpose: 'signIn', email: SAM } })],
          ['whoAmI signed out', await browser().call('whoAmI')],
          ['getCase not found', await guest.call('getCase', { params: { reference: 'NAS-2026-00000000' } })],
          ['validationFailed', await browser().call('requestSignInCode', { body: { purpose: 'signIn', email: 'x' } })],
        ];
        expect(answers.map(([name, a]) => `${name} ${a.status}: ${a.headers.get('Cache-Control')}`)).toEqual(answers.map(([name, a]) => `${name} ${a.status}: no-store`));
      });

      it('issue 20.14: a JSON body must be sent as JSON: a form or text/plain body is 415, whatever it holds', async () => {
        const send = (contentType: string, body: string, key?: string) =>
          observed.fetch(
            new Request(`${target.baseUrl}${operation(key ? 'submitComplaint' : 'requestSignInCode').path}`, {
              method: 'POST',
              headers: { 'X-Redress-Provider': 'nasstar', 'Content-Type': contentType, ...(key ? { 'Idempotency-Key': key } : {}) },
              body,
            }),
          );
        const json = JSON.stringify({ purpose: 'signIn', email: SAM });
        for (const type of ['text/plain', 'text/plain;charset=UTF-8', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
          const answer = await send(type, json);
          expect([type, answer.status, ((await answer.json()) as { code: string }).code]).toEqual([type, 415, 'unsupportedMediaType']);
        }
        const complaint = await send('text/plain', JSON.stringify(submissionWith('as text')), newKey('t'));
        expect(complaint.status).toBe(415);
        expect((await send('application/json; charset=utf-8', json)).status).toBe(202);
        expect(await mailTo(SAM)).not.toBeNull();
      });
    });

    describe('errors are problem+json with a code', () => {
      it('a bad submission: 422 with a field error per field', async () => {
        const bad = { ...submissionWith('bad'), aboutYou: { ...submissionWith('bad').aboutYou, email: 'not-an-email', phone: '123' } };
        const answer = await browser().call('submitComplaint', { body: bad, idempotencyKey: newKey('bad') });
        expect([answer.status, problemCode(answer)]).toEqual([422, 'validationFailed']);
        expect(Object.fromEntries(fieldCodes(answer).map((e) => [e.path, e.code]))).toMatchObject({ 'aboutYou.email': 'invalidEmail', 'aboutYou.phone': 'invalidPhone' });
      });

      it('every kind of refusal the back office makes', async () => {
        const { guest, reference } = await guestWithCase();
        const stranger = browser();
        const answers: Array<[string, Answer]> = [
          ['unknownProvider', await stranger.call('provider', { provider: 'acme' })],
          ['invalidJson', await stranger.call('requestSignInCode', { rawJson: '{"email":' })],
          ['validationFailed', await stranger.call('requestSignInCode', { body: { purpose: 'signIn', email: 'not an email' } })],
          ['codeInvalid', await stranger.call('verifySignInCode', { body: { email: 'nobody@example.com', code: '123456' } })],
          ['unknownCustomer', await stranger.call('demoSignIn', { body: { email: 'nobody@example.com' } })],
          ['notAdmin', await guest.call('listMembers')],
          ['signInRequired', await stranger.call('getCase', { params: { reference } })],
          ['caseNotFound', await guest.call('getCase', { params: { reference: 'NAS-2026-00000000' } })],
          ['idempotencyKeyRequired', await stranger.call('submitComplaint', { body: submissionWith('no key') })],
          ['idempotencyKeyRequired', await stranger.call('submitComplaint', { body: submissionWith('short key'), idempotencyKey: 'short' })],
          ['attachmentNotFound', await guest.call('downloadAttachment', { params: { reference, id: 'att_nope' } })],
          ['letterNotFound', await guest.call('getLetter', { params: { reference, id: 'letter_nope' } })],
          ['noProposal', await guest.call('decideResolution', { params: { reference }, body: { decision: 'accept' } })],
          ['wrongScheme', await guest.call('referToAdr', { params: { reference }, body: { schemeId: 'osc', confirmed: true } })],
          ['invalidUpload', await stranger.call('uploadAttachment', { body: 'not multipart' })],
          ['fileRefused', await stranger.call('uploadAttachment', { form: new FormData() })],
        ];
        const wrong = answers.flatMap(([expected, answer]) => {
          const codes = [problemCode(answer), ...fieldCodes(answer).map((e) => e.code)];
          const type = answer.headers.get('Content-Type')?.split(';')[0];
          return answer.status >= 400 && type === 'application/problem+json' && answer.body?.status === answer.status && codes.includes(expected)
            ? []
            : [`${expected}: ${answer.status} ${type} ${JSON.stringify(answer.body)}`];
        });
        expect(wrong).toEqual([]);
      });
    });
  });
}
