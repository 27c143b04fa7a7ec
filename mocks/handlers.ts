import { http, HttpResponse } from 'msw';
import { basePathOf, demoOperations, operations, providerOperations, routePattern, type OperationId } from '@/api/operations';
import { BackOfficeApi, CLIENT_COOKIE, readCookie, SESSION_COOKIE, setCookiesOf, type WriteLimits } from '@/core/http';
import { seedOnce } from '@/core/demo-seed';
import { problemResponse } from '@/core/problem';
import { db } from './db';
import { takeFault } from './faults';

/**
 * The simulated back office: the core's complaints API (src/core/http.ts) over the in-browser database,
 * routed by the operation table, with injected faults for the reliability tests. Nothing here decides a
 * rule: the core does, exactly as on the server.
 */

const seeding = seedOnce(db, () => db.now());

/**
 * The real clock as the simulated back office reads it (sessions, sign-in codes, rate limits). Tests move it on
 * to see a code or a session expire; the demo never does.
 */
export const realClock = {
  offsetMs: 0,
  now: () => new Date(Date.now() + realClock.offsetMs),
};

/** Every request of the simulated back office comes from this one client address (its rate limits). */
export const SIMULATED_CLIENT_IP = '127.0.0.1';
/** The simulated back office's write limits (issue 20.4): none in the demo; the conformance suite turns them on. */
export const simulatedWriteLimits: { current: WriteLimits | null } = { current: null };

export const backOffice = new BackOfficeApi(
  {
    store: db,
    files: db.files,
    time: { now: () => db.now() },
    realTime: realClock,
    mailer: { send: (mail) => db.sendMail(mail) },
    automaticLettersSince: () => (db.state.startedAt ? new Date(db.state.startedAt) : null),
  },
  {
    simulateProvider: true,
    deliverMessagesAfterCommit: true,
    // No write limits in the demo (it runs in the customer's own browser); the conformance suite sets them.
    get writeLimits() {
      return simulatedWriteLimits.current;
    },
    // A service worker cannot set an HttpOnly cookie: the simulated session cookie is readable, the real one is not.
    cookieFlags: { httpOnly: false, secure: false },
    beforeRequest: async (providerId) => {
      await seeding.ensure(providerId);
      // The back office runs from here: the seed's histories are from before it (decision 0140).
      db.state.startedAt ??= db.now().toISOString();
    },
    demo: {
      customers: async (providerId) => db.state.customers.filter((c) => c.providerId === providerId),
      clock: () => ({ now: db.now().toISOString(), frozen: db.state.frozenAt !== null }),
      setClock: async (frozenAt) => {
        db.state.frozenAt = frozenAt ? frozenAt.toISOString() : null;
        await db.save();
      },
      reset: async () => {
        await db.reset();
        seeding.forget();
      },
      mailbox: async (providerId) =>
        db.state.mails
          .filter((m) => m.providerId === providerId)
          .reverse()
          .map(({ providerId: _providerId, ...mail }) => mail),
    },
  },
);

/** Forgets which providers were seeded (after the database was wiped or replaced). */
export function forgetSeeding() {
  seeding.forget();
}

function route(id: OperationId) {
  return async ({ request, params, cookies }: { request: Request; params: Record<string, string | readonly string[] | undefined>; cookies: Record<string, string> }) => {
    const fault = takeFault(id);
    if (fault === 'network') return HttpResponse.error();
    if (fault === '500') return problemResponse(500, 'serverError');
    if (fault === '503') return problemResponse(503, 'serviceUnavailable', undefined, { 'Retry-After': '1' });
    if (fault === '429') return problemResponse(429, 'tooManyRequests', undefined, { 'Retry-After': '1' });
    const strings = Object.fromEntries(Object.entries(params).flatMap(([k, v]) => (typeof v === 'string' ? [[k, v]] : [])));
    const response = await backOffice.handle(request, { operationId: id, params: strings, sessionToken: cookies[SESSION_COOKIE] ?? readCookie(request, SESSION_COOKIE), clientToken: cookies[CLIENT_COOKIE] ?? readCookie(request, CLIENT_COOKIE), clientIp: SIMULATED_CLIENT_IP });
    // The change is stored, then the connection drops before the answer arrives.
    if (fault === 'dropAfterStore') return HttpResponse.error();
    const setCookies = setCookiesOf(response);
    if (setCookies.length === 0) return response;
    // MSW's own response type carries a Set-Cookie through to the page's cookies.
    const headers = new Headers(response.headers);
    for (const cookie of setCookies) headers.append('Set-Cookie', cookie);
    return new HttpResponse(response.body, { status: response.status, headers });
  };
}

const methods = { GET: http.get, POST: http.post, PUT: http.put, DELETE: http.delete } as const;

export const handlers = [...operations, ...demoOperations, ...providerOperations].map((op) =>
  methods[op.method](`*${basePathOf(op)}${routePattern(op.path)}`, route(op.id)),
);
