import { http, HttpResponse, type JsonBodyType } from 'msw';
import type { z } from '@/domain/zod';
import {
  attachmentSchema,
  commentInputSchema,
  complaintSubmissionSchema,
  demoClockInputSchema,
  escalationInputSchema,
  feedbackInputSchema,
  guestLookupSchema,
  letterRequestSchema,
  referralInputSchema,
  resolutionDecisionSchema,
  signInSchema,
  type Attachment,
  type Case,
  type CaseSummary,
  type Problem,
} from '@/api/schemas';
import { checkFile, checkFileSet } from '@/domain/files';
import { filterCases, makeDeadlineOf, sortCases } from '@/domain/cases';
import { caseStatusSchema } from '@/api/schemas';
import { providerIdSchema, type ProviderId } from '@/domain/profile-schema';
import { getProfile } from '@/domain/profiles';
import { adrEligibility } from '@/domain/eligibility';
import { db, type SessionScope, type StoredCase } from './db';
import { takeFault } from './faults';
import {
  addComment,
  addEvidence,
  createCase,
  decideResolution,
  escalate,
  giveFeedback,
  OperationRefused,
  refer,
  requestDeadlock,
} from './operations';
import { newId, randomToken } from './references';
import { seedProvider } from './seed';
import { advanceCase } from './simulator';

/**
 * The simulated back office: implements the complaints API (src/api/openapi.json) against the
 * mock database, with the same schemas and error shapes a real server would use.
 */

const api = (path: string) => `*/api${path}`;

const titles: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Content Too Large',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export function problem(status: number, code: string, errors?: Problem['errors'], headers?: HeadersInit) {
  const body: Problem = { type: `https://redress.example/problems/${code}`, title: titles[status] ?? 'Error', status, code, ...(errors ? { errors } : {}) };
  return HttpResponse.json(body, { status, headers: { 'Content-Type': 'application/problem+json', ...headers } });
}

function fieldErrors(error: z.ZodError): Problem['errors'] {
  return error.issues.map((issue) => ({ path: issue.path.join('.'), code: issue.message }));
}

class HttpFailure {
  constructor(readonly response: Response) {}
}

/** The provider whose back office this request is for. */
function providerOf(request: Request): ProviderId {
  const parsed = providerIdSchema.safeParse(request.headers.get('X-Redress-Provider'));
  if (!parsed.success) throw new HttpFailure(problem(400, 'unknownProvider'));
  seedProvider(db.state, parsed.data, db.now());
  return parsed.data;
}

function sessionOf(request: Request, providerId: ProviderId): { token: string; scope: SessionScope } | null {
  const token = request.headers.get('Authorization')?.match(/^Bearer (\S+)$/)?.[1];
  const session = token ? db.state.sessions[token] : undefined;
  return token && session && session.providerId === providerId ? { token, scope: session.scope } : null;
}

function requireSession(request: Request, providerId: ProviderId) {
  const session = sessionOf(request, providerId);
  if (!session) throw new HttpFailure(problem(401, 'signInRequired'));
  return session;
}

function canSee(scope: SessionScope, c: StoredCase): boolean {
  return scope.kind === 'customer' ? c.customerId === scope.customer.id : c.reference === scope.reference;
}

/** A case the caller may see, brought up to date with the mock clock; anyone else's is "not found". */
function caseFor(request: Request, reference: string | readonly string[] | undefined) {
  const providerId = providerOf(request);
  const session = requireSession(request, providerId);
  const c = typeof reference === 'string' ? db.state.cases[reference] : undefined;
  if (!c || c.providerId !== providerId || !canSee(session.scope, c)) throw new HttpFailure(problem(404, 'caseNotFound'));
  if (advanceCase(c, db.state.timelines[c.reference]!, db.now())) void db.save();
  return { c, session, providerId };
}

async function parseJson<T extends z.ZodType>(request: Request, schema: T): Promise<z.infer<T>> {
  let raw: unknown;
  try {
    raw = await request.json();
  } catch {
    throw new HttpFailure(problem(400, 'invalidJson'));
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new HttpFailure(problem(422, 'validationFailed', fieldErrors(parsed.error)));
  return parsed.data;
}

function publicCase(c: StoredCase): Case {
  const { behaviour: _behaviour, ...rest } = c;
  return rest;
}

function summaryOf(c: StoredCase): CaseSummary {
  return {
    reference: c.reference,
    kind: c.kind,
    status: c.status,
    stageId: c.stageId,
    stageStartedAt: c.stageStartedAt,
    firstComplainedAt: c.firstComplainedAt,
    updatedAt: c.updatedAt,
    clocksMet: c.clocksMet,
    letters: c.letters,
    summary: c.complaint.summary,
  };
}

/** Requests being run for an Idempotency-Key right now: a second one with that key waits for the first. */
const inFlight = new Map<string, Promise<unknown>>();

/**
 * What a request asks for, so a retry can be told from a different request under the same key.
 * A multipart body is described by its parts, not its bytes: the boundary differs on every send.
 */
async function fingerprintOf(request: Request): Promise<string> {
  const head = `${request.method} ${new URL(request.url).pathname}`;
  if ((request.headers.get('Content-Type') ?? '').toLowerCase().startsWith('multipart/form-data')) {
    try {
      const form = await request.clone().formData();
      const parts: string[] = [];
      for (const [name, value] of form.entries()) {
        if (typeof value === 'string') parts.push(`${name}=${hash(value)}`);
        else parts.push(`${name}=file:${value.name}:${value.type}:${value.size}:${hashBytes(new Uint8Array(await value.arrayBuffer()))}`);
      }
      return `${head} multipart ${parts.join('&')}`;
    } catch {
      // not parseable: fall back to the raw body (the handler answers invalidUpload)
    }
  }
  const bodyText = await request.clone().text();
  return `${head} ${bodyText.length}:${hash(bodyText)}`;
}

/**
 * Idempotency-Key: the first answer for a key is stored with the change it made and replayed
 * for every retry, so a double click, a dropped connection or a retried 500 makes one case.
 * Requests with the same key are run one after the other, so two that arrive together (a
 * double click) cannot both make the change.
 */
async function idempotent(request: Request, scopeKey: string, run: () => Promise<{ status: number; body: JsonBodyType }>) {
  const key = request.headers.get('Idempotency-Key');
  if (!key || !/^[A-Za-z0-9_-]{16,128}$/.test(key)) throw new HttpFailure(problem(400, 'idempotencyKeyRequired'));
  const storeKey = `${scopeKey}:${key}`;
  const fingerprint = await fingerprintOf(request);
  // No await between this loop ending and inFlight.set below: the check and the claim are one step.
  for (let running = inFlight.get(storeKey); running; running = inFlight.get(storeKey)) {
    await running.catch(() => undefined);
  }
  const previous = db.state.idempotency[storeKey];
  if (previous) {
    if (previous.fingerprint !== fingerprint) throw new HttpFailure(problem(422, 'idempotencyKeyReused'));
    return HttpResponse.json(previous.body as JsonBodyType, { status: previous.status, headers: { 'Idempotent-Replayed': 'true' } });
  }
  const work = (async () => {
    const result = await run();
    db.state.idempotency[storeKey] = { fingerprint, status: result.status, body: result.body };
    await db.save();
    return result;
  })();
  inFlight.set(storeKey, work);
  try {
    const result = await work;
    return HttpResponse.json(result.body, { status: result.status });
  } finally {
    inFlight.delete(storeKey);
  }
}

function hashBytes(bytes: Uint8Array): string {
  let h = 0x811c9dc5;
  for (const b of bytes) h = Math.imul(h ^ b, 0x01000193);
  return (h >>> 0).toString(16);
}

function hash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(16);
}

/** Runs a handler, turning refusals into problem+json and applying injected faults. */
function route(name: string, run: (request: Request, params: Record<string, string | readonly string[] | undefined>) => Promise<Response>) {
  return async ({ request, params }: { request: Request; params: Record<string, string | readonly string[] | undefined> }) => {
    const fault = takeFault(name);
    if (fault === 'network') return HttpResponse.error();
    if (fault === '500') return problem(500, 'serverError');
    if (fault === '503') return problem(503, 'serviceUnavailable', undefined, { 'Retry-After': '1' });
    if (fault === '429') return problem(429, 'tooManyRequests', undefined, { 'Retry-After': '1' });
    try {
      const response = await run(request, params);
      // The change is stored, then the connection drops before the answer arrives.
      if (fault === 'dropAfterStore') return HttpResponse.error();
      return response;
    } catch (error) {
      if (error instanceof HttpFailure) return error.response;
      if (error instanceof OperationRefused) return problem(error.status, error.code);
      throw error;
    }
  };
}

const json = (body: JsonBodyType, status = 200) => HttpResponse.json(body, { status });

async function storeAttachment(file: File, providerId: ProviderId, uploader: string): Promise<Attachment> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  const check = await checkFile(file.name, file.type, bytes);
  if (!check.ok) throw new HttpFailure(problem(422, 'fileRefused', [{ path: 'file', code: check.reason }]));
  const meta: Attachment = attachmentSchema.parse({
    id: newId('att'),
    name: file.name.slice(0, 255),
    kind: check.kind,
    size: bytes.length,
    uploadedAt: db.now().toISOString(),
  });
  await db.saveBlob(meta.id, bytes);
  db.state.attachments[meta.id] = { meta, providerId, caseRef: null, uploader };
  return meta;
}

async function fileFrom(request: Request): Promise<File> {
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    throw new HttpFailure(problem(400, 'invalidUpload'));
  }
  const file = form.get('file');
  if (!(file instanceof File)) throw new HttpFailure(problem(422, 'fileRefused', [{ path: 'file', code: 'empty' }]));
  return file;
}

export const handlers = [
  // ---- session ----
  http.post(api('/session'), route('signIn', async (request) => {
    const providerId = providerOf(request);
    const { email } = await parseJson(request, signInSchema);
    const customer = db.state.customers.find((c) => c.providerId === providerId && c.email.toLowerCase() === email.toLowerCase());
    if (!customer) return problem(401, 'unknownCustomer');
    const token = randomToken(32);
    const scope: SessionScope = { kind: 'customer', customer };
    db.state.sessions[token] = { scope, providerId };
    await db.save();
    return json({ token, scope }, 201);
  })),
  http.post(api('/session/guest'), route('guestLookup', async (request) => {
    const providerId = providerOf(request);
    const { reference, email } = await parseJson(request, guestLookupSchema);
    const c = db.state.cases[reference.trim().toUpperCase()];
    // One answer for a wrong reference and a wrong email, so neither can be probed.
    if (!c || c.providerId !== providerId || c.aboutYou.email.toLowerCase() !== email.toLowerCase()) {
      return problem(404, 'caseNotFound');
    }
    const token = randomToken(32);
    const scope: SessionScope = { kind: 'guest', reference: c.reference, email: c.aboutYou.email };
    db.state.sessions[token] = { scope, providerId };
    await db.save();
    return json({ token, scope }, 201);
  })),
  http.get(api('/session'), route('whoAmI', async (request) => {
    const session = requireSession(request, providerOf(request));
    return json({ token: session.token, scope: session.scope });
  })),
  http.delete(api('/session'), route('signOut', async (request) => {
    const session = sessionOf(request, providerOf(request));
    if (session) {
      delete db.state.sessions[session.token];
      await db.save();
    }
    return new HttpResponse(null, { status: 204 });
  })),

  // ---- provider ----
  http.get(api('/provider'), route('provider', async (request) => json(getProfile(providerOf(request))))),

  // ---- cases ----
  http.get(api('/cases'), route('listCases', async (request) => {
    const providerId = providerOf(request);
    const session = requireSession(request, providerId);
    const now = db.now();
    const url = new URL(request.url);
    let changed = false;
    const mine: StoredCase[] = [];
    for (const c of Object.values(db.state.cases)) {
      if (c.providerId !== providerId || !canSee(session.scope, c)) continue;
      changed = advanceCase(c, db.state.timelines[c.reference]!, now) || changed;
      mine.push(c);
    }
    if (changed) void db.save();
    const filtered = filterCases(mine.map(summaryOf), {
      status: caseStatusSchema.optional().catch(undefined).parse(url.searchParams.get('status') ?? undefined),
      stage: url.searchParams.get('stage') ?? undefined,
      q: url.searchParams.get('q') ?? undefined,
    });
    const sort = url.searchParams.get('sort') === 'deadline' ? 'deadline' : 'updated';
    return json({ asOf: now.toISOString(), cases: sortCases(filtered, sort, makeDeadlineOf(getProfile(providerId), now)) });
  })),
  http.get(api('/cases/:reference'), route('getCase', async (request, params) => {
    const { c } = caseFor(request, params.reference);
    return json({ asOf: db.now().toISOString(), case: publicCase(c) });
  })),
  http.get(api('/cases/:reference/timeline'), route('getTimeline', async (request, params) => {
    const { c } = caseFor(request, params.reference);
    return json({ events: db.state.timelines[c.reference] ?? [] });
  })),
  http.post(api('/cases'), route('submitComplaint', async (request) => {
    const providerId = providerOf(request);
    const session = sessionOf(request, providerId);
    return idempotent(request, providerId, async () => {
      const submission = await parseJson(request, complaintSubmissionSchema);
      const profile = getProfile(providerId);
      if (submission.kind === 'abuseReport' && !(profile.otherPromises ?? []).some((p) => p.kind === 'abuseReport')) {
        throw new HttpFailure(problem(422, 'validationFailed', [{ path: 'kind', code: 'notOffered' }]));
      }
      const attachments = submission.evidence.attachmentIds.map((id, i) => {
        const stored = db.state.attachments[id];
        if (!stored || stored.caseRef || stored.providerId !== providerId) {
          throw new HttpFailure(problem(422, 'validationFailed', [{ path: `evidence.attachmentIds.${i}`, code: 'unknownAttachment' }]));
        }
        return stored;
      });
      const setProblem = checkFileSet(attachments.map((a) => a.meta.size));
      if (setProblem) throw new HttpFailure(problem(422, 'validationFailed', [{ path: 'evidence.attachmentIds', code: setProblem }]));
      const c = createCase(db.state, {
        providerId,
        customerId: session?.scope.kind === 'customer' ? session.scope.customer.id : null,
        submission,
        attachments: attachments.map((a) => a.meta),
        at: db.now(),
      });
      for (const a of attachments) a.caseRef = c.reference;
      return { status: 201, body: { asOf: db.now().toISOString(), case: publicCase(c) } };
    });
  })),
  http.post(api('/attachments'), route('uploadAttachment', async (request) => {
    const providerId = providerOf(request);
    const session = sessionOf(request, providerId);
    const file = await fileFrom(request);
    const meta = await storeAttachment(file, providerId, session?.token ?? 'guest');
    await db.save();
    return json(meta, 201);
  })),
  http.get(api('/cases/:reference/attachments/:id'), route('downloadAttachment', async (request, params) => {
    const { c } = caseFor(request, params.reference);
    const meta = c.attachments.find((a) => a.id === params.id);
    const bytes = meta ? await db.loadBlob(meta.id) : null;
    if (!meta || !bytes) return problem(404, 'attachmentNotFound');
    return new HttpResponse(bytes, {
      headers: {
        'Content-Type': 'application/octet-stream',
        'Content-Disposition': `attachment; filename="${encodeURIComponent(meta.name)}"`,
        'X-Content-Type-Options': 'nosniff',
      },
    });
  })),
  http.post(api('/cases/:reference/attachments'), route('addEvidence', async (request, params) => {
    const { c, session, providerId } = caseFor(request, params.reference);
    return idempotent(request, `${providerId}:${c.reference}:evidence`, async () => {
      const file = await fileFrom(request);
      const setProblem = checkFileSet([...c.attachments.map((a) => a.size), file.size]);
      if (setProblem) throw new HttpFailure(problem(422, 'fileRefused', [{ path: 'file', code: setProblem }]));
      const meta = await storeAttachment(file, providerId, session.token);
      db.state.attachments[meta.id]!.caseRef = c.reference;
      addEvidence(db.state, c, [meta], db.now());
      return { status: 201, body: meta };
    });
  })),
  http.post(api('/cases/:reference/comments'), route('addComment', async (request, params) => {
    const { c, providerId } = caseFor(request, params.reference);
    return idempotent(request, `${providerId}:${c.reference}:comment`, async () => {
      const { text } = await parseJson(request, commentInputSchema);
      const event = addComment(db.state, c, text, db.now());
      return { status: 201, body: event };
    });
  })),
  http.post(api('/cases/:reference/resolution'), route('decideResolution', async (request, params) => {
    const { c } = caseFor(request, params.reference);
    const decision = await parseJson(request, resolutionDecisionSchema);
    decideResolution(db.state, c, decision, db.now());
    advanceCase(c, db.state.timelines[c.reference]!, db.now());
    await db.save();
    return json({ asOf: db.now().toISOString(), case: publicCase(c) });
  })),
  http.post(api('/cases/:reference/escalations'), route('requestEscalation', async (request, params) => {
    const { c } = caseFor(request, params.reference);
    const input = await parseJson(request, escalationInputSchema);
    escalate(db.state, c, input, db.now());
    await db.save();
    return json({ asOf: db.now().toISOString(), case: publicCase(c) }, 201);
  })),
  http.post(api('/cases/:reference/deadlock-letter'), route('requestDeadlockLetter', async (request, params) => {
    const { c } = caseFor(request, params.reference);
    // An empty body asks for a deadlock letter (older clients send none).
    const body = (await request.clone().text()).trim();
    const { kind } = body ? await parseJson(request, letterRequestSchema) : { kind: 'deadlock' as const };
    const letter = requestDeadlock(db.state, c, db.now(), kind);
    await db.save();
    return json(letter, 201);
  })),
  http.get(api('/cases/:reference/letters/:id'), route('getLetter', async (request, params) => {
    const { c } = caseFor(request, params.reference);
    const letter = c.letters.find((l) => l.id === params.id);
    if (!letter) return problem(404, 'letterNotFound');
    return json(letter);
  })),
  http.post(api('/cases/:reference/referral'), route('referToAdr', async (request, params) => {
    const { c } = caseFor(request, params.reference);
    const input = await parseJson(request, referralInputSchema);
    const profile = getProfile(c.providerId);
    if (input.schemeId !== profile.adr.schemeId) {
      return problem(422, 'validationFailed', [{ path: 'schemeId', code: 'wrongScheme' }]);
    }
    // The same rules the portal shows (8 weeks or a letter, 12 months, who, what, how much).
    const eligibility = adrEligibility({ profile, case: c, now: db.now() });
    if (c.kind !== 'complaint' || eligibility.status !== 'eligible') {
      return problem(409, eligibility.status === 'notEligible' && eligibility.reason === 'alreadyReferred' ? 'alreadyReferred' : 'notEligibleForAdr');
    }
    refer(db.state, c, input.schemeId, db.now());
    await db.save();
    return json({ asOf: db.now().toISOString(), case: publicCase(c) }, 201);
  })),
  http.post(api('/cases/:reference/feedback'), route('giveFeedback', async (request, params) => {
    const { c } = caseFor(request, params.reference);
    const input = await parseJson(request, feedbackInputSchema);
    giveFeedback(db.state, c, input.rating, input.comment, db.now());
    await db.save();
    return json({ asOf: db.now().toISOString(), case: publicCase(c) }, 201);
  })),

  // ---- demo only: seeded customers and the mock clock ----
  http.get(api('/demo/customers'), route('demoCustomers', async (request) => {
    const providerId = providerOf(request);
    return json({ customers: db.state.customers.filter((c) => c.providerId === providerId) });
  })),
  http.get(api('/demo/clock'), route('getClock', async () => json({ now: db.now().toISOString(), frozen: db.state.frozenAt !== null }))),
  http.put(api('/demo/clock'), route('setClock', async (request) => {
    const input = await parseJson(request, demoClockInputSchema);
    if ('now' in input) db.state.frozenAt = new Date(input.now).toISOString();
    else if ('reset' in input) db.state.frozenAt = null;
    else {
      const days = { P1D: 1, P1W: 7, P8W: 56 }[input.advance];
      db.state.frozenAt = new Date(db.now().getTime() + days * 86_400_000).toISOString();
    }
    await db.save();
    return json({ now: db.now().toISOString(), frozen: db.state.frozenAt !== null });
  })),
];
