import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { apiRequest, ApiError, retryDelay } from '@/api/client';
import {
  attachmentSchema,
  caseResponseSchema,
  commentInputSchema,
  complaintSubmissionSchema,
  escalationInputSchema,
  feedbackInputSchema,
  LIMITS,
  resolutionDecisionSchema,
  sessionSchema,
  timelineEventSchema,
  timelineResponseSchema,
  type ComplaintSubmission,
} from '@/api/schemas';
import { checkFile, checkFileSet } from '@/domain/files';
import { sessionToken } from '@/lib/session-token';
import { db, memoryPersistence, type Persistence } from './db';
import { clearFaults, injectFaults, type Fault, type RouteName } from './faults';
import { server } from './node';
import { newReference } from './references';

/**
 * Reliability and security suite (issue 7, decision 0050). Drives the simulated back office
 * through the real API client with msw/node and counts what matters: duplicates, lost writes,
 * refused hostile inputs, and leaks of another customer's case. FAULT_RUNS sets how many times
 * each fault scenario runs (a quick 5 by default, 100 in `npm run test:faults`).
 */

/** Node's environment, without pulling Node's types into the app's tsconfig. */
const env = (globalThis as { process?: { env: Record<string, string | undefined> } }).process?.env ?? {};
const RUNS = Math.max(1, Number(env.FAULT_RUNS ?? 5) || 5);
/** Time for a test that loops RUNS times. */
const LOOP_TIMEOUT = 10_000 + RUNS * 1_000;
const NOW = '2026-12-18T10:00:00.000Z';
const BASE = 'http://localhost/api';

const counts = {
  runs: 0,
  duplicates: 0,
  lost: 0,
  failedWrites: 0,
  inputsRefused: 0,
  inputsAccepted: 0,
  leaks: 0,
  problemsWithoutCode: 0,
  wrongRetries: 0,
  errorAnswersChecked: 0,
};
/** Every status and code the simulated back office answered with during the suite. */
const errorCodes = new Set<string>();

// Node has no localStorage: the session token is kept in memory for these tests.
let token: string | null = null;
sessionToken.get = () => token;
sessionToken.set = (value) => {
  token = value;
};

/** Every request the client makes, and every error answer that is not problem+json with a code. */
let requests: string[] = [];
const badProblems: string[] = [];
const problemChecks: Array<Promise<void>> = [];

beforeAll(() => {
  server.listen({ onUnhandledRequest: 'error' });
  server.events.on('request:start', ({ request }) => {
    requests.push(`${request.method} ${new URL(request.url).pathname}`);
  });
  server.events.on('response:mocked', ({ request, response }) => {
    if (response.type === 'error' || response.status < 400) return;
    const where = `${request.method} ${new URL(request.url).pathname} → ${response.status}`;
    const type = response.headers.get('Content-Type') ?? '';
    counts.errorAnswersChecked++;
    const checked = response
      .clone()
      .json()
      .then((body: { code?: unknown; status?: unknown }) => {
        if (!type.startsWith('application/problem+json') || typeof body.code !== 'string' || body.status !== response.status) {
          badProblems.push(`${where} (${type})`);
        }
        errorCodes.add(`${response.status} ${String(body.code)}`);
      })
      .catch(() => {
        badProblems.push(`${where} (not JSON)`);
      });
    problemChecks.push(checked);
  });
});

afterAll(async () => {
  await Promise.all(problemChecks);
  server.events.removeAllListeners();
  server.close();
  counts.problemsWithoutCode = badProblems.length;
  const line = Object.entries(counts)
    .map(([k, v]) => `${k}=${v}`)
    .join(' ');
  console.log(`[reliability] FAULT_RUNS=${RUNS} ${line}`);
  console.log(`[reliability] error answers seen (all problem+json with a code unless listed below): ${[...errorCodes].sort().join(', ')}`);
  if (badProblems.length) console.log(`[reliability] not problem+json: ${badProblems.join('; ')}`);
  if (env.FAULT_REPORT) {
    const fsModule = 'node:fs';
    const fs = (await import(/* @vite-ignore */ fsModule)) as {
      mkdirSync(path: string, opts: { recursive: boolean }): void;
      writeFileSync(path: string, data: string): void;
    };
    fs.mkdirSync(env.FAULT_REPORT.replace(/[/\\][^/\\]*$/, '') || '.', { recursive: true });
    fs.writeFileSync(env.FAULT_REPORT, JSON.stringify({ faultRuns: RUNS, ...counts }, null, 2));
  }
  // The suite fails if any failure count is not zero.
  expect({
    duplicates: counts.duplicates,
    lost: counts.lost,
    failedWrites: counts.failedWrites,
    inputsAccepted: counts.inputsAccepted,
    leaks: counts.leaks,
    problemsWithoutCode: counts.problemsWithoutCode,
    wrongRetries: counts.wrongRetries,
  }).toEqual({ duplicates: 0, lost: 0, failedWrites: 0, inputsAccepted: 0, leaks: 0, problemsWithoutCode: 0, wrongRetries: 0 });
});

let persistence: Persistence;
beforeEach(async () => {
  persistence = memoryPersistence();
  await db.open(persistence);
  await db.reset();
  db.state.frozenAt = NOW;
  await db.save();
  token = null;
  requests = [];
});
afterEach(() => {
  server.resetHandlers();
  clearFaults();
});

// ---------- helpers ----------

const realSetTimeout = globalThis.setTimeout;
/** Records the client's backoff waits (200 ms – 30 s) and runs them at once, so 100 runs stay fast. */
function fastBackoff(): number[] {
  const delays: number[] = [];
  vi.spyOn(globalThis, 'setTimeout').mockImplementation(((fn: (...a: unknown[]) => void, ms?: number, ...args: unknown[]) => {
    if (typeof ms === 'number' && ms >= 200 && ms <= 30_000) {
      delays.push(ms);
      return realSetTimeout(fn, 0, ...args);
    }
    return realSetTimeout(fn, ms, ...args);
  }) as typeof setTimeout);
  return delays;
}

let keySeq = 0;
const newKey = (what: string) => `${what}_${Date.now().toString(36)}_${(keySeq++).toString(36).padStart(6, '0')}`;

function submissionWith(summary: string, overrides: Partial<ComplaintSubmission['aboutYou']> = {}): ComplaintSubmission {
  return {
    kind: 'complaint',
    aboutYou: { customerKind: 'residential', name: 'Zoë Ğüneş', email: 'zoe@example.com', phone: '07911 654321', replyBy: 'email', ...overrides },
    complaint: { category: 'billing', summary, whatHappened: 'Charged after cancelling.', startedOn: '2026-10-01', outcomeWanted: 'A refund' },
    evidence: { references: [], staff: [], calls: [], emails: [], attachmentIds: [] },
  };
}

const casesWithSummary = (summary: string) => Object.values(db.state.cases).filter((c) => c.complaint.summary === summary);

const failures = () => ({ duplicates: counts.duplicates, lost: counts.lost, failedWrites: counts.failedWrites });

/** Records one run's outcome: exactly one thing must exist. */
function tally(found: number) {
  counts.runs++;
  if (found > 1) counts.duplicates += found - 1;
  if (found === 0) counts.lost++;
}

interface Raw {
  status: number;
  type: string;
  body: Record<string, unknown> | null;
}

/** A request that bypasses the client (no retries, headers as given): what an attacker could send. */
async function raw(
  method: string,
  path: string,
  opts: { token?: string | null; body?: unknown; form?: FormData; key?: string; provider?: string } = {},
): Promise<Raw> {
  const headers = new Headers({ 'X-Redress-Provider': opts.provider ?? 'nasstar' });
  if (opts.token) headers.set('Authorization', `Bearer ${opts.token}`);
  if (opts.key) headers.set('Idempotency-Key', opts.key);
  let body: BodyInit | undefined;
  if (opts.form) body = opts.form;
  else if (opts.body !== undefined) {
    headers.set('Content-Type', 'application/json');
    body = JSON.stringify(opts.body);
  }
  const response = await fetch(`${BASE}${path}`, { method, headers, body });
  const text = await response.text();
  let parsed: Record<string, unknown> | null = null;
  try {
    parsed = text ? (JSON.parse(text) as Record<string, unknown>) : null;
  } catch {
    parsed = null;
  }
  return { status: response.status, type: response.headers.get('Content-Type') ?? '', body: parsed };
}

/** A fresh case and a guest session scoped to it. */
async function newCaseWithGuest(summary = `case ${newKey('c')}`) {
  token = null;
  const created = await apiRequest('/cases', { method: 'POST', body: submissionWith(summary), schema: caseResponseSchema, idempotencyKey: newKey('setup') });
  const guest = await apiRequest('/session/guest', { method: 'POST', body: { reference: created.case.reference, email: 'zoe@example.com' }, schema: sessionSchema });
  token = guest.token;
  return { reference: created.case.reference, token: guest.token };
}

const textFile = (name: string, text: string) => new File([new TextEncoder().encode(text)], name, { type: 'text/plain' });
const formWith = (file: File) => {
  const form = new FormData();
  form.set('file', file);
  return form;
};

// ---------- 1. exactly once ----------

type Scenario = 'doubleSubmit' | 'dropAfterStore' | 'serverErrorThenRetry' | 'reloadMidSubmit';
const scenarios: Scenario[] = ['doubleSubmit', 'dropAfterStore', 'serverErrorThenRetry', 'reloadMidSubmit'];

/**
 * Sends one keyed write under a scenario and returns whether the client got a success in the end.
 * `send(retry)` performs the client call with the same key each time.
 */
async function underScenario(scenario: Scenario, routeName: RouteName, run: number, send: (retry?: boolean) => Promise<unknown>): Promise<boolean> {
  const ok = (p: Promise<unknown>) => p.then(() => true, () => false);
  switch (scenario) {
    case 'doubleSubmit': {
      const [a, b] = await Promise.all([ok(send()), ok(send())]);
      return a && b;
    }
    case 'dropAfterStore':
      injectFaults(routeName, ['dropAfterStore']);
      return ok(send());
    case 'serverErrorThenRetry':
      injectFaults(routeName, ['500']);
      return ok(send());
    case 'reloadMidSubmit': {
      // The first attempt reaches the server (stored, or not: alternate runs) and the page dies before
      // the answer; the reopened page reads its persisted state and sends the same key again.
      const fault: Fault = run % 2 === 0 ? 'dropAfterStore' : 'network';
      injectFaults(routeName, [fault]);
      await send(false).catch(() => undefined);
      await db.open(persistence);
      return ok(send());
    }
  }
}

describe('exactly once', () => {
  for (const scenario of scenarios) {
    it(`complaint submission: ${scenario} × ${RUNS} → one case`, async () => {
      fastBackoff();
      const before = failures();
      for (let i = 0; i < RUNS; i++) {
        const summary = `exactly-once ${scenario} ${i}`;
        const key = newKey('draft');
        const body = submissionWith(summary);
        const ok = await underScenario(scenario, 'submitComplaint', i, (retry) =>
          apiRequest('/cases', { method: 'POST', body, schema: caseResponseSchema, idempotencyKey: key, ...(retry === false ? { retry } : {}) }),
        );
        if (!ok) counts.failedWrites++;
        tally(casesWithSummary(summary).length);
      }
      expect(failures()).toEqual(before);
    }, LOOP_TIMEOUT);

    it(`comment: ${scenario} × ${RUNS} → one comment`, async () => {
      fastBackoff();
      const before = failures();
      const { reference } = await newCaseWithGuest();
      for (let i = 0; i < RUNS; i++) {
        const text = `comment ${scenario} ${i}`;
        const key = newKey('comment');
        const ok = await underScenario(scenario, 'addComment', i, (retry) =>
          apiRequest(`/cases/${reference}/comments`, { method: 'POST', body: { text }, schema: timelineEventSchema, idempotencyKey: key, ...(retry === false ? { retry } : {}) }),
        );
        if (!ok) counts.failedWrites++;
        tally(db.state.timelines[reference]!.filter((e) => e.type === 'comment' && e.text === text).length);
      }
      expect(failures()).toEqual(before);
    }, LOOP_TIMEOUT);

    it(`evidence upload: ${scenario} × ${RUNS} → one file`, async () => {
      fastBackoff();
      const before = failures();
      let reference = '';
      for (let i = 0; i < RUNS; i++) {
        // A case takes at most 10 files: a fresh case every few runs.
        if (i % 5 === 0) ({ reference } = await newCaseWithGuest());
        const name = `receipt-${scenario}-${i}.txt`;
        const key = newKey('evidence');
        const form = formWith(textFile(name, `Receipt ${i}: £12.50 refunded? No.`));
        const ok = await underScenario(scenario, 'addEvidence', i, (retry) =>
          apiRequest(`/cases/${reference}/attachments`, { method: 'POST', form, schema: attachmentSchema, idempotencyKey: key, ...(retry === false ? { retry } : {}) }),
        );
        if (!ok) counts.failedWrites++;
        const c = db.state.cases[reference]!;
        tally(c.attachments.filter((a) => a.name === name).length);
      }
      expect(failures()).toEqual(before);
    }, LOOP_TIMEOUT);
  }
});

describe('retries: network errors and 5xx with backoff, 429 honours Retry-After, 4xx never', () => {
  it('a GET is retried after a network error and 5xx with growing backoff, then succeeds', async () => {
    const delays = fastBackoff();
    const { reference } = await newCaseWithGuest();
    requests = [];
    injectFaults('getCase', ['network', '500', '503']);
    const result = await apiRequest(`/cases/${reference}`, { schema: caseResponseSchema });
    expect(result.case.reference).toBe(reference);
    expect(requests.filter((r) => r.startsWith('GET /api/cases/'))).toHaveLength(4);
    // network: ~300 ms, 500: ~900 ms (±25 % jitter), 503: its Retry-After of 1 s
    expect(delays).toHaveLength(3);
    expect(delays[0]).toBeGreaterThanOrEqual(225);
    expect(delays[0]).toBeLessThanOrEqual(375);
    expect(delays[1]).toBeGreaterThanOrEqual(675);
    expect(delays[1]).toBeLessThanOrEqual(1125);
    expect(delays[2]).toBe(1000);
  });

  it('gives up after 3 retries with a serverError problem', async () => {
    fastBackoff();
    const { reference } = await newCaseWithGuest();
    requests = [];
    injectFaults('getTimeline', ['500', '500', '500', '500', '500']);
    const error = await apiRequest(`/cases/${reference}/timeline`, { schema: timelineResponseSchema }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe('serverError');
    expect(requests.filter((r) => r.endsWith('/timeline'))).toHaveLength(4);
  });

  it('429 with Retry-After: 1 waits one second before the retry (real clock)', async () => {
    const { reference } = await newCaseWithGuest();
    requests = [];
    injectFaults('getCase', ['429']);
    const started = performance.now();
    await apiRequest(`/cases/${reference}`, { schema: caseResponseSchema });
    const waited = performance.now() - started;
    expect(requests.filter((r) => r.startsWith('GET /api/cases/'))).toHaveLength(2);
    expect(waited).toBeGreaterThanOrEqual(990);
    expect(waited).toBeLessThan(2500);
  });

  it(`429 on a keyed POST × ${RUNS}: retried after exactly Retry-After, one comment`, async () => {
    const delays = fastBackoff();
    const { reference } = await newCaseWithGuest();
    for (let i = 0; i < RUNS; i++) {
      injectFaults('addComment', ['429']);
      const text = `after 429 ${i}`;
      await apiRequest(`/cases/${reference}/comments`, { method: 'POST', body: { text }, schema: timelineEventSchema, idempotencyKey: newKey('c429') });
      tally(db.state.timelines[reference]!.filter((e) => e.text === text).length);
    }
    expect(delays).toEqual(Array.from({ length: RUNS }, () => 1000));
  }, LOOP_TIMEOUT);

  it('Retry-After is capped at 30 s and ignored when not a number', () => {
    expect(retryDelay(0, '1')).toBe(1000);
    expect(retryDelay(0, '3600')).toBe(30_000);
    const fallback = retryDelay(0, 'soon');
    expect(fallback).toBeGreaterThanOrEqual(225);
    expect(fallback).toBeLessThanOrEqual(375);
  });

  it('4xx answers are thrown at once, never retried (one request each)', async () => {
    fastBackoff();
    const { reference } = await newCaseWithGuest();
    const cases: Array<[string, () => Promise<unknown>, number]> = [
      ['422 validation', () => apiRequest('/cases', { method: 'POST', body: { ...submissionWith('x'), kind: 'nope' }, schema: caseResponseSchema, idempotencyKey: newKey('bad') }), 422],
      ['404 not found', () => apiRequest('/cases/NAS2026-ZZZZZZZZ', { schema: caseResponseSchema }), 404],
      ['400 no key', () => apiRequest(`/cases/${reference}/comments`, { method: 'POST', body: { text: 'hi' }, schema: timelineEventSchema, retry: true }), 400],
      ['409 refused', () => apiRequest(`/cases/${reference}/feedback`, { method: 'POST', body: { rating: 5 }, schema: caseResponseSchema, retry: true }), 409],
      ['401 signed out', () => {
        token = null;
        return apiRequest(`/cases/${reference}`, { schema: caseResponseSchema });
      }, 401],
    ];
    for (const [label, call, status] of cases) {
      requests = [];
      const error = await call().catch((e: unknown) => e);
      expect(error, label).toBeInstanceOf(ApiError);
      expect((error as ApiError).status, label).toBe(status);
      expect(typeof (error as ApiError).code, label).toBe('string');
      if (requests.length !== 1) counts.wrongRetries++;
      expect(requests, label).toHaveLength(1);
    }
  });

  it('an unkeyed POST is not retried after a 500 (it might not be safe to repeat)', async () => {
    fastBackoff();
    const { reference } = await newCaseWithGuest();
    requests = [];
    injectFaults('requestDeadlockLetter', ['500']);
    await expect(apiRequest(`/cases/${reference}/deadlock-letter`, { method: 'POST', schema: null })).rejects.toMatchObject({ status: 500 });
    if (requests.length !== 1) counts.wrongRetries++;
    expect(requests).toHaveLength(1);
  });
});

// ---------- 3. nobody else's case ----------

describe("nobody else's case", () => {
  /** Every case-scoped endpoint, as an attacker would call it for `ref`. */
  function endpoints(ref: string, attachmentId: string, letterId: string) {
    return [
      { route: 'getCase', method: 'GET', path: `/cases/${ref}` },
      { route: 'getTimeline', method: 'GET', path: `/cases/${ref}/timeline` },
      { route: 'addComment', method: 'POST', path: `/cases/${ref}/comments`, body: { text: 'let me in' }, key: true },
      { route: 'addEvidence', method: 'POST', path: `/cases/${ref}/attachments`, form: true, key: true },
      { route: 'downloadAttachment', method: 'GET', path: `/cases/${ref}/attachments/${attachmentId}` },
      { route: 'decideResolution', method: 'POST', path: `/cases/${ref}/resolution`, body: { decision: 'accept' } },
      { route: 'requestEscalation', method: 'POST', path: `/cases/${ref}/escalations`, body: { reason: 'noProgress' } },
      { route: 'requestDeadlockLetter', method: 'POST', path: `/cases/${ref}/deadlock-letter` },
      { route: 'getLetter', method: 'GET', path: `/cases/${ref}/letters/${letterId}` },
      { route: 'referToAdr', method: 'POST', path: `/cases/${ref}/referral`, body: { schemeId: 'cisas', confirmed: true } },
      { route: 'giveFeedback', method: 'POST', path: `/cases/${ref}/feedback`, body: { rating: 1, comment: 'x' } },
    ] as const;
  }

  it('every case-scoped endpoint: another customer, another guest, signed out, wrong provider → 404/401, nothing changed', async () => {
    // The victim: a seeded small business, one of her cases with a file and a deadlock letter.
    const priya = await apiRequest('/session', { method: 'POST', body: { email: 'priya@harbourlane.example' }, schema: sessionSchema });
    token = priya.token;
    const victim = Object.values(db.state.cases).find((c) => c.customerId === (priya.scope.kind === 'customer' ? priya.scope.customer.id : '') && c.status !== 'resolved' && c.status !== 'closed' && !c.referral)!;
    const ref = victim.reference;
    const file = await apiRequest(`/cases/${ref}/attachments`, { method: 'POST', form: formWith(textFile('bank-statement.txt', 'Sort code 12-34-56')), schema: attachmentSchema, idempotencyKey: newKey('victim') });
    const letter = await raw('POST', `/cases/${ref}/deadlock-letter`, { token: priya.token });
    expect(letter.status).toBe(201);
    const letterId = String(letter.body?.id);
    const before = JSON.stringify({ c: db.state.cases[ref], t: db.state.timelines[ref] });

    const sam = await apiRequest('/session', { method: 'POST', body: { email: 'sam.taylor@example.com' }, schema: sessionSchema });
    const { token: otherGuest } = await newCaseWithGuest('someone else');
    const attackers: Array<{ who: string; token: string | null; provider?: string; status: number; code: string }> = [
      { who: 'another customer', token: sam.token, status: 404, code: 'caseNotFound' },
      { who: "a guest of another case", token: otherGuest, status: 404, code: 'caseNotFound' },
      { who: 'signed out', token: null, status: 401, code: 'signInRequired' },
      { who: 'a made-up token', token: 'A'.repeat(32), status: 401, code: 'signInRequired' },
      { who: "the owner's token at another provider", token: priya.token, provider: 'miso', status: 401, code: 'signInRequired' },
    ];
    const results: string[] = [];
    for (const attacker of attackers) {
      for (const e of endpoints(ref, file.id, letterId)) {
        const answer = await raw(e.method, e.path, {
          token: attacker.token,
          ...(attacker.provider ? { provider: attacker.provider } : {}),
          ...('body' in e ? { body: e.body } : {}),
          ...('form' in e ? { form: formWith(textFile('probe.txt', 'probe')) } : {}),
          ...('key' in e ? { key: newKey('probe') } : {}),
        });
        const text = JSON.stringify(answer.body);
        const leaked = answer.status !== attacker.status || answer.body?.code !== attacker.code || /priya|harbour|Sort code/i.test(text);
        if (leaked) {
          counts.leaks++;
          results.push(`${attacker.who} ${e.route}: ${answer.status} ${text}`);
        }
        expect(answer.type).toMatch(/^application\/problem\+json/);
      }
    }
    expect(results).toEqual([]);
    // Nothing the attackers sent changed the victim's case.
    expect(JSON.stringify({ c: db.state.cases[ref], t: db.state.timelines[ref] })).toBe(before);
    // The owner still sees it all.
    for (const e of endpoints(ref, file.id, letterId).filter((x) => x.method === 'GET')) {
      expect((await raw('GET', e.path, { token: priya.token })).status, e.route).toBe(200);
    }
  });

  it("lists only the caller's own cases; a guest sees one case", async () => {
    const sam = await apiRequest('/session', { method: 'POST', body: { email: 'sam.taylor@example.com' }, schema: sessionSchema });
    const samId = sam.scope.kind === 'customer' ? sam.scope.customer.id : '';
    const list = await raw('GET', '/cases', { token: sam.token });
    const refs = (list.body?.cases as Array<{ reference: string }>).map((c) => c.reference);
    const notMine = refs.filter((r) => db.state.cases[r]?.customerId !== samId);
    counts.leaks += notMine.length;
    expect(notMine).toEqual([]);
    const { reference, token: guest } = await newCaseWithGuest();
    const guestList = await raw('GET', '/cases', { token: guest });
    expect((guestList.body?.cases as Array<{ reference: string }>).map((c) => c.reference)).toEqual([reference]);
  });

  it('an unknown reference and a wrong email get the same answer at guest lookup and on the case', async () => {
    const { reference, token: guest } = await newCaseWithGuest();
    const wrongEmail = await raw('POST', '/session/guest', { body: { reference, email: 'mallory@example.com' } });
    const unknown = await raw('POST', '/session/guest', { body: { reference: 'NAS2026-00000000', email: 'zoe@example.com' } });
    expect(wrongEmail).toEqual(unknown);
    expect(wrongEmail.status).toBe(404);
    const other = db.state.cases[Object.keys(db.state.cases).find((r) => r !== reference)!]!.reference;
    expect(await raw('GET', `/cases/${other}`, { token: guest })).toEqual(await raw('GET', '/cases/NAS2026-00000000', { token: guest }));
  });

  it('references carry 40 random bits: format, alphabet and no repeats over many', async () => {
    const n = Math.max(20_000, RUNS * 1000);
    const seen = new Set<string>();
    const perPosition = Array.from({ length: 8 }, () => new Set<string>());
    for (let i = 0; i < n; i++) {
      const r = newReference('NAS-', new Date(NOW));
      expect(r).toMatch(/^NAS-2026-[0-9A-HJKMNP-TV-Z]{8}$/);
      seen.add(r);
      [...r.slice(-8)].forEach((ch, p) => perPosition[p]!.add(ch));
    }
    // Every position takes every one of the 32 symbols seen: 8 positions × log2(32) = 40 bits.
    expect(perPosition.map((s) => s.size)).toEqual(Array.from({ length: 8 }, () => 32));
    const bits = perPosition.reduce((sum, s) => sum + Math.log2(s.size), 0);
    expect(bits).toBeGreaterThanOrEqual(40);
    expect(seen.size).toBe(n);
    const { reference } = await newCaseWithGuest();
    expect(reference).toMatch(/^NAS-2026-[0-9A-HJKMNP-TV-Z]{8}$/);
  }, LOOP_TIMEOUT);
});

// ---------- 4. hostile input ----------

const enc = (text: string) => new TextEncoder().encode(text);
const concat = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};
/** A minimal PNG: signature, IHDR (1×1, 8-bit RGBA), IDAT, IEND. */
const PNG = concat(
  new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  new Uint8Array([0, 0, 0, 13]), enc('IHDR'), new Uint8Array([0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0]), new Uint8Array([0x1f, 0x15, 0xc4, 0x89]),
  new Uint8Array([0, 0, 0, 10]), enc('IDAT'), new Uint8Array([0x78, 0x9c, 0x63, 0, 1, 0, 0, 5, 0, 1]), new Uint8Array([0x0d, 0x0a, 0x2d, 0xb4]),
  new Uint8Array([0, 0, 0, 0]), enc('IEND'), new Uint8Array([0xae, 0x42, 0x60, 0x82]),
);
const PDF = enc('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const MZ = concat(new Uint8Array([0x4d, 0x5a, 0x90, 0x00, 0x03, 0, 0, 0, 0x04, 0, 0, 0, 0xff, 0xff, 0, 0]), new Uint8Array(112), enc('PE\0\0'), new Uint8Array(64));
const ELF = concat(new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), new Uint8Array(120));
const ZIP = concat(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0, 0, 0]), new Uint8Array(20), enc('payload.exe'));

interface HostileFile {
  label: string;
  name: string;
  type: string;
  bytes: Uint8Array;
  reasons: string[];
}

const hostileFiles: HostileFile[] = [
  { label: 'renamed Windows executable', name: 'invoice.pdf', type: 'application/pdf', bytes: MZ, reasons: ['notAllowedType'] },
  { label: 'renamed Linux executable', name: 'photo.png', type: 'image/png', bytes: ELF, reasons: ['notAllowedType'] },
  { label: 'executable as plain text', name: 'notes.txt', type: 'text/plain', bytes: MZ, reasons: ['notAllowedType'] },
  { label: 'HTML page', name: 'letter.html', type: 'text/html', bytes: enc('<!doctype html><script>alert(1)</script>'), reasons: ['notAllowedType'] },
  { label: 'HTML named .txt', name: 'letter.txt', type: 'text/plain', bytes: enc('<html><body><script>alert(1)</script></body></html>'), reasons: ['activeContent'] },
  { label: 'SVG with script', name: 'logo.svg', type: 'image/svg+xml', bytes: enc('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), reasons: ['notAllowedType'] },
  { label: 'SVG with script named .png', name: 'logo.png', type: 'image/png', bytes: enc('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>'), reasons: ['nameMismatch', 'notAllowedType', 'activeContent'] },
  { label: 'polyglot PNG + <script>', name: 'screenshot.png', type: 'image/png', bytes: concat(PNG, enc('<script>alert(document.cookie)</script>')), reasons: ['activeContent'] },
  { label: 'polyglot PNG + ZIP', name: 'screenshot.png', type: 'image/png', bytes: concat(PNG, ZIP), reasons: ['activeContent'] },
  { label: 'polyglot PDF + HTML', name: 'bill.pdf', type: 'application/pdf', bytes: concat(PDF, enc('<html><iframe src="javascript:alert(1)">')), reasons: ['activeContent'] },
  { label: 'polyglot PDF + MZ', name: 'bill.pdf', type: 'application/pdf', bytes: concat(PDF, MZ), reasons: ['activeContent'] },
  { label: 'lying MIME: PNG declared as PDF', name: 'scan.png', type: 'application/pdf', bytes: PNG, reasons: ['nameMismatch'] },
  { label: 'lying extension: PDF named .png', name: 'scan.png', type: 'image/png', bytes: PDF, reasons: ['nameMismatch'] },
  { label: 'lying MIME: text declared as HTML', name: 'notes.txt', type: 'text/html', bytes: enc('just words'), reasons: ['nameMismatch'] },
  { label: 'empty', name: 'empty.pdf', type: 'application/pdf', bytes: new Uint8Array(0), reasons: ['empty'] },
  { label: 'oversized (10 MB + 1 byte)', name: 'big.txt', type: 'text/plain', bytes: new Uint8Array(LIMITS.fileMaxBytes + 1).fill(0x61), reasons: ['tooLarge'] },
  { label: 'no extension', name: 'README', type: '', bytes: enc('hello'), reasons: ['notAllowedType'] },
];

const HOSTILE_TEXT = [
  '<script data-x>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '"><svg onload=alert(1)>',
  'javascript:alert(1)',
  "{{constructor.constructor('alert(1)')()}}",
  "'; DROP TABLE cases; --",
  '</textarea><iframe srcdoc="<script>parent.x=1</script>">',
];

/** Names and text in many scripts: accents, RTL Arabic and Hebrew, CJK, emoji (with ZWJ sequences). */
const WORLD_NAMES = [
  'Zoë Ğüneş-Ångström',
  'Łucja Żółkiewska',
  'محمد بن سلمان',
  'דוד בן־גוריון',
  '山田 太郎',
  '김민준',
  'Nguyễn Thị Minh Khai',
  'Ølga 👩🏽‍💻 Ramírez 🇮🇹',
  'Σωκράτης Παπαδόπουλος',
  'Владимир Иванович',
  'श्रीनिवास रामानुजन',
];

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
      token = null;
      const created = await apiRequest('/cases', { method: 'POST', body, schema: caseResponseSchema, idempotencyKey: newKey('xss') });
      const guest = await apiRequest('/session/guest', { method: 'POST', body: { reference: created.case.reference, email: 'zoe@example.com' }, schema: sessionSchema });
      token = guest.token;
      const read = await apiRequest(`/cases/${created.case.reference}`, { schema: caseResponseSchema });
      const { attachmentIds: _ids, ...evidence } = body.evidence;
      expect(read.case.aboutYou).toEqual(body.aboutYou);
      expect(read.case.complaint).toEqual(body.complaint);
      expect(read.case.evidence).toEqual(evidence);
      // The case-scoped free-text inputs too: comment and escalation details.
      await apiRequest(`/cases/${created.case.reference}/comments`, { method: 'POST', body: { text: payload }, schema: timelineEventSchema, idempotencyKey: newKey('xssc') });
      await apiRequest(`/cases/${created.case.reference}/escalations`, { method: 'POST', body: { reason: 'other', details: payload }, schema: caseResponseSchema });
      const timeline = await apiRequest(`/cases/${created.case.reference}/timeline`, { schema: timelineResponseSchema });
      expect(timeline.events.filter((e) => e.text === payload).map((e) => e.type).sort()).toEqual(['comment', 'escalationRequested']);
    }
  });

  it('a 100,000-character text is refused by the schema and by the server (422 problem+json) in every free-text field', async () => {
    const huge = 'A'.repeat(100_000);
    const { reference, token: guest } = await newCaseWithGuest();
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
    const check = (label: string, parsed: { success: boolean; error?: { issues: Array<{ path: PropertyKey[]; message: string }> } }, answer: Raw, path: string) => {
      const schemaRefused = !parsed.success && parsed.error!.issues.some((i) => i.path.join('.') === path && i.message === 'tooLong');
      const errors = (answer.body?.errors ?? []) as Array<{ path: string; code: string }>;
      const serverRefused = answer.status === 422 && answer.type.startsWith('application/problem+json') && errors.some((e) => e.path === path && e.code === 'tooLong');
      for (const refused of [schemaRefused, serverRefused]) {
        if (refused) counts.inputsRefused++;
        else counts.inputsAccepted++;
      }
      expect([label, schemaRefused, serverRefused]).toEqual([label, true, true]);
    };
    for (const [path, set] of complaintFields) {
      const body = structuredClone(base);
      set(body);
      check(path, complaintSubmissionSchema.safeParse(body), await raw('POST', '/cases', { body, key: newKey('huge') }), path);
    }
    check('comment', commentInputSchema.safeParse({ text: huge }), await raw('POST', `/cases/${reference}/comments`, { token: guest, body: { text: huge }, key: newKey('huge') }), 'text');
    check('escalation', escalationInputSchema.safeParse({ reason: 'other', details: huge }), await raw('POST', `/cases/${reference}/escalations`, { token: guest, body: { reason: 'other', details: huge } }), 'details');
    check('feedback', feedbackInputSchema.safeParse({ rating: 3, comment: huge }), await raw('POST', `/cases/${reference}/feedback`, { token: guest, body: { rating: 3, comment: huge } }), 'comment');
    // Rejecting a proposed resolution needs one on the case.
    const c = db.state.cases[reference]!;
    c.status = 'responseIssued';
    c.proposedResolution = { text: 'A £10 credit', proposedAt: NOW };
    check('rejection', resolutionDecisionSchema.safeParse({ decision: 'reject', reason: huge }), await raw('POST', `/cases/${reference}/resolution`, { token: guest, body: { decision: 'reject', reason: huge } }), 'reason');
    expect(db.state.timelines[reference]!.some((e) => (e.text ?? '').length > LIMITS.textMax)).toBe(false);
  });

  for (const f of hostileFiles) {
    it(`refuses an upload: ${f.label} (browser check and server)`, async () => {
      const check = await checkFile(f.name, f.type, f.bytes);
      const browserReason = check.ok ? 'accepted' : check.reason;
      const answer = await raw('POST', '/attachments', { form: formWith(new File([f.bytes as BlobPart], f.name, { type: f.type })) });
      const serverReason = (answer.body?.errors as Array<{ code: string }> | undefined)?.[0]?.code ?? `status ${answer.status}`;
      for (const reason of [browserReason, serverReason]) {
        if (f.reasons.includes(reason)) counts.inputsRefused++;
        else counts.inputsAccepted++;
      }
      expect({ browserReason, status: answer.status, code: answer.body?.code }).toMatchObject({ status: 422, code: 'fileRefused' });
      expect(f.reasons).toContain(browserReason);
      expect(serverReason).toBe(browserReason);
    });
  }

  it('control: ordinary evidence files are accepted', async () => {
    const ok = [
      ['screenshot.png', 'image/png', PNG],
      ['bill.pdf', 'application/pdf', PDF],
      ['notes.txt', 'text/plain', enc('Called on 2 Oct, spoke to Dave. Naïve café — 山田 🙂')],
      ['notes.txt', '', enc('No declared type')],
    ] as const;
    for (const [name, type, bytes] of ok) {
      expect(await checkFile(name, type, bytes), name).toMatchObject({ ok: true });
      expect((await raw('POST', '/attachments', { form: formWith(new File([bytes as BlobPart], name, { type })) })).status, name).toBe(201);
    }
  });

  it('too many files (11) and more than 25 MB in total are refused, in the browser and by the server', async () => {
    const MB = 1024 * 1024;
    const browser = [checkFileSet(Array.from({ length: 11 }, () => 100)), checkFileSet([9 * MB, 9 * MB, 9 * MB])];
    expect(browser).toEqual(['tooMany', 'totalTooLarge']);
    // Server, at submission: 11 uploaded files, then three of 9 MB.
    const upload = async (name: string, size: number) => {
      const answer = await raw('POST', '/attachments', { form: formWith(new File([new Uint8Array(size).fill(0x62)], name, { type: 'text/plain' })) });
      expect(answer.status).toBe(201);
      return String(answer.body?.id);
    };
    const eleven = await Promise.all(Array.from({ length: 11 }, (_, i) => upload(`f${i}.txt`, 10)));
    const big = [await upload('a.txt', 9 * MB), await upload('b.txt', 9 * MB), await upload('c.txt', 9 * MB)];
    const tooMany = await raw('POST', '/cases', { body: { ...submissionWith('eleven'), evidence: { ...submissionWith('').evidence, attachmentIds: eleven } }, key: newKey('many') });
    const tooBig = await raw('POST', '/cases', { body: { ...submissionWith('big'), evidence: { ...submissionWith('').evidence, attachmentIds: big } }, key: newKey('big') });
    const codes = [tooMany, tooBig].map((a) => [a.status, (a.body?.errors as Array<{ code: string }>)[0]?.code]);
    expect(codes).toEqual([[422, 'tooManyFiles'], [422, 'totalTooLarge']]);
    // Server, as evidence on a case: the 11th file and the file that crosses 25 MB.
    const { reference, token: guest } = await newCaseWithGuest();
    for (let i = 0; i < 10; i++) {
      expect((await raw('POST', `/cases/${reference}/attachments`, { token: guest, form: formWith(textFile(`e${i}.txt`, `file ${i}`)), key: newKey('ten') })).status).toBe(201);
    }
    const eleventh = await raw('POST', `/cases/${reference}/attachments`, { token: guest, form: formWith(textFile('e11.txt', 'one too many')), key: newKey('eleven') });
    const { reference: ref2, token: guest2 } = await newCaseWithGuest();
    const bigFile = (n: string) => formWith(new File([new Uint8Array(9 * MB).fill(0x63)], n, { type: 'text/plain' }));
    await raw('POST', `/cases/${ref2}/attachments`, { token: guest2, form: bigFile('1.txt'), key: newKey('big1') });
    await raw('POST', `/cases/${ref2}/attachments`, { token: guest2, form: bigFile('2.txt'), key: newKey('big2') });
    const third = await raw('POST', `/cases/${ref2}/attachments`, { token: guest2, form: bigFile('3.txt'), key: newKey('big3') });
    const evidenceCodes = [eleventh, third].map((a) => [a.status, a.body?.code, (a.body?.errors as Array<{ code: string }> | undefined)?.[0]?.code]);
    expect(evidenceCodes).toEqual([[422, 'fileRefused', 'tooMany'], [422, 'fileRefused', 'totalTooLarge']]);
    counts.inputsRefused += 2 + 2 + 2;
  }, 60_000);

  it('names and text in any script survive the round trip (case, comment, guest lookup)', async () => {
    for (const name of WORLD_NAMES) {
      token = null;
      const body = submissionWith(`${name} — ${newKey('n')}`, { name });
      body.complaint.whatHappened = `${name} a écrit : « ${name} » 🙂`;
      const created = await apiRequest('/cases', { method: 'POST', body, schema: caseResponseSchema, idempotencyKey: newKey('name') });
      const guest = await apiRequest('/session/guest', { method: 'POST', body: { reference: created.case.reference.toLowerCase(), email: 'ZOE@example.com' }, schema: sessionSchema });
      token = guest.token;
      await apiRequest(`/cases/${created.case.reference}/comments`, { method: 'POST', body: { text: name }, schema: timelineEventSchema, idempotencyKey: newKey('namec') });
      const read = await apiRequest(`/cases/${created.case.reference}`, { schema: caseResponseSchema });
      const timeline = await apiRequest(`/cases/${created.case.reference}/timeline`, { schema: timelineResponseSchema });
      expect(read.case.aboutYou.name).toBe(name);
      expect(read.case.complaint.summary).toBe(body.complaint.summary);
      expect(read.case.complaint.whatHappened).toBe(body.complaint.whatHappened);
      expect(timeline.events.find((e) => e.type === 'comment')?.text).toBe(name);
    }
    // A file name in any script survives upload and download.
    const { reference, token: guest } = await newCaseWithGuest();
    const fileName = 'فاتورة_請求書_🧾.txt';
    const up = await raw('POST', `/cases/${reference}/attachments`, { token: guest, form: formWith(textFile(fileName, 'x')), key: newKey('fname') });
    expect(up.body?.name).toBe(fileName);
    const res = await fetch(`${BASE}/cases/${reference}/attachments/${String(up.body?.id)}`, { headers: { Authorization: `Bearer ${guest}`, 'X-Redress-Provider': 'nasstar' } });
    expect(decodeURIComponent(/filename="([^"]+)"/.exec(res.headers.get('Content-Disposition') ?? '')?.[1] ?? '')).toBe(fileName);
    expect(res.headers.get('X-Content-Type-Options')).toBe('nosniff');
  });
});

// ---------- 6. errors the user can act on ----------

describe('errors are problem+json with a code', () => {
  it('every kind of refusal the back office makes', async () => {
    const { reference, token: guest } = await newCaseWithGuest();
    const key = newKey('reuse');
    await raw('POST', `/cases/${reference}/comments`, { token: guest, body: { text: 'first' }, key });
    const answers: Array<[string, Raw]> = [
      ['unknownProvider', await raw('GET', '/provider', { provider: 'acme' })],
      ['invalidJson', await raw('POST', '/session', { body: undefined, form: undefined })],
      ['unknownCustomer', await raw('POST', '/session', { body: { email: 'nobody@example.com' } })],
      ['idempotencyKeyReused', await raw('POST', `/cases/${reference}/comments`, { token: guest, body: { text: 'second' }, key })],
      ['idempotencyKeyRequired', await raw('POST', '/cases', { body: submissionWith('no key') })],
      ['attachmentNotFound', await raw('GET', `/cases/${reference}/attachments/att_nope`, { token: guest })],
      ['letterNotFound', await raw('GET', `/cases/${reference}/letters/letter_nope`, { token: guest })],
      ['noProposal', await raw('POST', `/cases/${reference}/resolution`, { token: guest, body: { decision: 'accept' } })],
      ['wrongScheme', await raw('POST', `/cases/${reference}/referral`, { token: guest, body: { schemeId: 'osc', confirmed: true } })],
      ['invalidUpload', await raw('POST', '/attachments', { body: 'not multipart' })],
    ];
    for (const [expected, answer] of answers) {
      const codes = [answer.body?.code, ...((answer.body?.errors as Array<{ code: string }> | undefined) ?? []).map((e) => e.code)];
      expect([expected, answer.status >= 400, answer.type.split(';')[0], codes.includes(expected)]).toEqual([expected, true, 'application/problem+json', true]);
    }
  });
});
