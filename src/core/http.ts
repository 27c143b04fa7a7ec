import type { z } from '@/domain/zod';
import { operation, type AnyOperation, type OperationId } from '@/api/operations';
import type { Customer, DemoClockInput, Mail, Problem, Session, SignInVerify } from '@/api/schemas';
import { CLOCK_ADVANCE_DAYS } from '@/api/demo-clock';
import { providerIdSchema, type ProviderId } from '@/domain/profile-schema';
import { deliverPending } from './notifications';
import type { BackOfficeDeps, BackOfficeTx, Caller, StoredSession } from './ports';
import { isJsonType, refuseUnkeepable, unkeepableFields } from './input';
import { problemResponse, Refusal } from './problem';
import { randomToken } from './references';
import { checkSignInCode, codeCheckLimits, codeRequestLimits, countAgainstLimits, createSignInCode, sha256, SIMULATED_SECRET, type CodeRequest } from './sign-in';
import * as uc from './use-cases';
import { dispatch, isDispatched } from './dispatch';
import type { HandlerInput, Reply } from './handler-types';
import { providerCallerOf } from './provider-api';

/**
 * The complaints API over web-standard Request and Response, shared by the simulated back office (MSW hands
 * it the intercepted Request) and the server (Hono hands it the incoming one). It reads the provider and the
 * session cookie, validates the input with the operation's schema, runs idempotent operations exactly once
 * and turns refusals into application/problem+json. The adapters only route the operation table to it.
 */

export const SESSION_COOKIE = 'redress_session';
/**
 * An anonymous client's own random token (issue 20.5), set on its first upload: the pending upload belongs to it
 * (its SHA-256 is the uploader), so only that browser can attach it to a complaint. SameSite=Strict: no other site
 * ever sends it.
 */
export const CLIENT_COOKIE = 'redress_client';
const CLIENT_COOKIE_MAX_AGE_S = 24 * 60 * 60; // as long as a pending upload is kept
/** Idle timeout and absolute lifetime of a session. */
export const SESSION_IDLE_MS = 30 * 60_000;
export const SESSION_MAX_MS = 12 * 60 * 60_000;
/**
 * A claimed Idempotency-Key is held on a lease (issue 20.13): the request renews it every IDEMPOTENCY_RENEW_MS
 * while it runs, so a claim not renewed for IDEMPOTENCY_LEASE_MS belongs to a request that died (a crashed
 * process) and may be claimed again — a retry after a crash goes through within seconds, not after a minute.
 */
export const IDEMPOTENCY_LEASE_MS = 10_000;
export const IDEMPOTENCY_RENEW_MS = 3_000;
const KEY_PATTERN = /^[A-Za-z0-9_-]{16,128}$/;

export interface ApiOptions {
  /** The provider this deployment serves; a request for another is refused. Unset: the X-Redress-Provider header decides. */
  provider?: ProviderId;
  /** The demo's simulated provider plays its part on cases as they are read. */
  simulateProvider: boolean;
  /** Attributes of the session cookie (the server adds HttpOnly and Secure). */
  cookieAttributes: string;
  /** Called once per request with the provider, before anything else (the demo seeds it). */
  beforeRequest?: (providerId: ProviderId) => Promise<void>;
  /** Demo-only operations (clock, reset, seeded customers), when this back office offers them. */
  demo?: DemoHooks;
  /**
   * The portal's own origin, for the link in a sign-in mail. Unset: the request's origin (the simulated back
   * office, which runs in the page). A server sets it from its configuration, never from a Host header.
   */
  publicOrigin?: string;
  /** A mail that could not be sent (the answer to the customer stays the same). */
  onMailError?: (error: unknown) => void;
  /**
   * Send the pending messages about cases once a request's unit of work has committed (the simulated back
   * office). The server leaves it unset: its job sends them (docs/decisions/0140-notifications.md).
   */
  deliverMessagesAfterCommit?: boolean;
}

export interface DemoHooks {
  customers(providerId: ProviderId): Promise<Customer[]>;
  clock(): { now: string; frozen: boolean };
  /** Freezes the back office's clock at an instant, or (null) lets it run in real time again. */
  setClock(frozenAt: Date | null): Promise<void>;
  reset(): Promise<void>;
  /** The latest mails sent, newest first. */
  mailbox(providerId: ProviderId): Promise<Mail[]>;
}

export interface Route {
  operationId: OperationId;
  params: Record<string, string>;
  /** The session cookie's value when the adapter has read it itself (a browser's Request hides its Cookie header). */
  sessionToken?: string | null;
  /** The client's IP address, for rate limits (the simulated back office passes a fixed one). */
  clientIp?: string;
  /** The anonymous client token cookie's value, when the adapter has read it itself (as sessionToken). */
  clientToken?: string | null;
}

class BadInput extends Refusal {}

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });

function fieldErrors(error: z.ZodError): Problem['errors'] {
  return error.issues.map((issue) => ({ path: issue.path.join('.'), code: issue.message }));
}

function parseWith<T extends z.ZodType>(schema: T, raw: unknown): z.infer<T> {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new BadInput(422, 'validationFailed', fieldErrors(parsed.error));
  return parsed.data;
}

async function jsonBody(request: Request): Promise<unknown> {
  const text = await request.clone().text();
  const type = request.headers.get('Content-Type');
  if (!text.trim() && type === null) return {};
  // A JSON body says so (issue 20.14): a form or text/plain post is what another site's page can send unasked.
  if (!isJsonType(type)) throw new BadInput(415, 'unsupportedMediaType');
  if (!text.trim()) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text) as unknown;
  } catch {
    throw new BadInput(400, 'invalidJson');
  }
  const unkeepable = unkeepableFields(parsed);
  if (unkeepable.length) throw new BadInput(422, 'validationFailed', unkeepable);
  return parsed;
}

async function fileBody(request: Request): Promise<File> {
  let form: FormData;
  try {
    form = await request.clone().formData();
  } catch {
    throw new BadInput(400, 'invalidUpload');
  }
  const file = form.get('file');
  if (!(file instanceof File)) throw new BadInput(422, 'fileRefused', [{ path: 'file', code: 'empty' }]);
  refuseUnkeepable([['file', file.name]]);
  return file;
}

/** The query's parameters, none with text that cannot be kept. */
function queryOf(request: Request): Record<string, string> {
  const params = new URL(request.url).searchParams;
  refuseUnkeepable(params);
  return Object.fromEntries(params);
}

/** Where the demo's clock stops for a request: an instant, the current time moved on, or null (real time). */
export function frozenAtFor(input: DemoClockInput, now: Date): Date | null {
  if ('now' in input) return new Date(input.now);
  if ('reset' in input) return null;
  return new Date(now.getTime() + CLOCK_ADVANCE_DAYS[input.advance] * 86_400_000);
}

export function readCookie(request: Request, name: string): string | null {
  const header = request.headers.get('Cookie');
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0 || part.slice(0, eq).trim() !== name) continue;
    // A value that is not a well-formed escape (planted on the domain, say) is no cookie, never an error (issue 20.10).
    try {
      return decodeURIComponent(part.slice(eq + 1).trim());
    } catch {
      return null;
    }
  }
  return null;
}


/**
 * What a request asks for, so a retry can be told from a different request under the same key. A multipart
 * body is described by its parts, not its bytes: the boundary differs on every send.
 */
async function fingerprintOf(request: Request, op: AnyOperation): Promise<string> {
  if ('body' in op && op.body === 'multipart') {
    try {
      const form = await request.clone().formData();
      const parts: string[] = [];
      for (const [name, value] of form.entries()) {
        if (typeof value === 'string') parts.push(`${name}=${await sha256(value)}`);
        else parts.push(`${name}=file:${value.name}:${value.type}:${value.size}:${await sha256(new Uint8Array(await value.arrayBuffer()))}`);
      }
      return `${op.id} multipart ${parts.join('&')}`;
    } catch {
      // not parseable: fall back to the raw body (the operation answers invalidUpload)
    }
  }
  return `${op.id} ${await sha256(await request.clone().text())}`;
}

/** Callers signed in with a session of their own (it ends when they sign out or sign in again). */
const withSession = (caller: Caller): caller is Extract<Caller, { sessionId: string }> => caller.kind === 'customer' || caller.kind === 'guest' || caller.kind === 'staff';

/**
 * The Set-Cookie an answer carries, kept beside the Response: a browser's Response drops a Set-Cookie header,
 * so each adapter sets it its own way (the server as a header, the simulated back office through MSW).
 */
const setCookies = new WeakMap<Response, string[]>();
export function setCookiesOf(response: Response): string[] {
  return setCookies.get(response) ?? [];
}
const addCookie = (response: Response, cookie: string) => setCookies.set(response, [...setCookiesOf(response), cookie]);

export class BackOfficeApi {
  constructor(
    private readonly deps: BackOfficeDeps,
    private readonly options: ApiOptions,
  ) {}

  private providerOf(request: Request): ProviderId {
    const header = request.headers.get('X-Redress-Provider');
    if (this.options.provider) {
      if (header && header !== this.options.provider) throw new BadInput(400, 'unknownProvider');
      return this.options.provider;
    }
    const parsed = providerIdSchema.safeParse(header);
    if (!parsed.success) throw new BadInput(400, 'unknownProvider');
    return parsed.data;
  }

  /**
   * Sessions run on the real clock, not the back office's: moving the demo's clock weeks on must not sign
   * anyone out, and no simulated time can stretch a session's life.
   */
  private realNow(): Date {
    return this.deps.realTime?.now() ?? new Date();
  }

  private sessionTokenOf(request: Request, route: Route): string | null {
    return route.sessionToken !== undefined ? route.sessionToken : readCookie(request, SESSION_COOKIE);
  }

  private async callerOf(tx: BackOfficeTx, request: Request, providerId: ProviderId, _backOfficeNow: Date, route: Route): Promise<Caller> {
    const now = this.realNow();
    const token = this.sessionTokenOf(request, route);
    if (!token) return { kind: 'anonymous', providerId };
    const hash = await sha256(token);
    const session = await tx.findSession(hash);
    if (!session || session.providerId !== providerId) return { kind: 'anonymous', providerId };
    const idle = now.getTime() - Date.parse(session.lastSeenAt);
    const age = now.getTime() - Date.parse(session.createdAt);
    if (idle > SESSION_IDLE_MS || age > SESSION_MAX_MS || idle < -SESSION_MAX_MS) {
      await tx.deleteSession(hash);
      return { kind: 'anonymous', providerId };
    }
    if (idle > 60_000) await tx.touchSession(hash, now);
    if (session.scope.kind === 'guest') {
      return { kind: 'guest', providerId, sessionId: hash, reference: session.scope.reference, email: session.scope.email };
    }
    if (session.scope.kind === 'staff') {
      const staffId = session.scope.staffId;
      const staff = (await tx.staffMembers(providerId)).find((s) => s.id === staffId && s.removedAt === null);
      return staff ? { kind: 'staff', providerId, sessionId: hash, staff } : { kind: 'anonymous', providerId };
    }
    const customerId = session.scope.customerId;
    const customer = await tx.findCustomer(providerId, customerId);
    if (!customer) return { kind: 'anonymous', providerId };
    return { kind: 'customer', providerId, sessionId: hash, customer, organisationId: customer.organisationId ?? null };
  }

  private async newSession(tx: BackOfficeTx, providerId: ProviderId, scope: StoredSession['scope'], _backOfficeNow: Date): Promise<string> {
    const now = this.realNow();
    const token = randomToken(43);
    await tx.insertSession({ tokenHash: await sha256(token), providerId, scope, createdAt: now.toISOString(), lastSeenAt: now.toISOString() });
    return token;
  }

  private cookie(token: string | null): string {
    const attributes = this.options.cookieAttributes;
    if (token === null) return `${SESSION_COOKIE}=; Max-Age=0; ${attributes}`;
    return `${SESSION_COOKIE}=${encodeURIComponent(token)}; Max-Age=${SESSION_MAX_MS / 1000}; ${attributes}`;
  }

  private clientCookie(token: string): string {
    const attributes = this.options.cookieAttributes.replace(/SameSite=\w+/i, 'SameSite=Strict');
    return `${CLIENT_COOKIE}=${encodeURIComponent(token)}; Max-Age=${CLIENT_COOKIE_MAX_AGE_S}; ${/samesite=/i.test(attributes) ? attributes : `${attributes}; SameSite=Strict`}`;
  }

  /** Answers one request routed to an operation of the table. Never throws: failures are problem+json. */
  async handle(request: Request, route: Route): Promise<Response> {
    let response: Response;
    try {
      response = await this.run(request, route);
    } catch (error) {
      if (!(error instanceof Refusal)) throw error;
      response = problemResponse(error.status, error.code, error.errors, error.headers);
    }
    // Any answer may carry personal data (a case, a name, who is signed in): no browser or shared cache keeps one (issue 20.12).
    response.headers.set('Cache-Control', 'no-store');
    return response;
  }

  private async run(request: Request, route: Route): Promise<Response> {
    const op = operation(route.operationId);
    refuseUnkeepable(Object.entries(route.params));
    // The provider's API: the integration key decides the provider and the caller (./provider-api.ts).
    const keyed = op.access === 'provider' ? await this.deps.store.transaction((tx) => providerCallerOf(tx, request, this.options.provider)) : null;
    const providerId = keyed ? keyed.providerId : this.providerOf(request);
    if (op.tag === 'demo') return this.respond(await this.demoOperation(op.id, providerId, request, route));
    await this.options.beforeRequest?.(providerId);
    const now = this.deps.time.now();
    const { store } = this.deps;

    // An anonymous client's uploads are its token's (issue 20.5): the token is made on its first upload.
    const clientToken = route.clientToken !== undefined ? route.clientToken : readCookie(request, CLIENT_COOKIE);
    let client = clientToken ? `client:${await sha256(clientToken)}` : null;
    let newClientToken: string | null = null;
    const respond = (reply: Reply) => {
      const response = this.respond(reply);
      if (newClientToken) addCookie(response, this.clientCookie(newClientToken));
      return response;
    };
    const anonymousUploader = async () => {
      if (client) return client;
      newClientToken = randomToken(43);
      return (client = `client:${await sha256(newClientToken)}`);
    };

    // Uploads are checked and their bytes stored before the unit of work (a refused file stores nothing).
    let upload: Awaited<ReturnType<typeof uc.storeUpload>> | null = null;
    const storeUploadOnce = async (caller: Caller) =>
      (upload ??= await uc.storeUpload({ ...this.deps, now }, providerId, await fileBody(request), caller.kind === 'anonymous' ? await anonymousUploader() : caller.kind === 'provider' ? caller.actor : caller.sessionId));

    const body = 'body' in op && op.body && op.body !== 'multipart' ? parseWith(op.body, await jsonBody(request)) : undefined;
    const query = 'query' in op && op.query ? parseWith(op.query, queryOf(request)) : undefined;
    const reference = route.params.reference ?? '';
    if (op.id === 'requestSignInCode' || op.id === 'verifySignInCode') return this.respond(await this.signInOperation(op.id, body, request, route, providerId));

    if (!isDispatched(op.id)) throw new Refusal(404, 'notFound');
    const id = op.id;
    // Parsed by this operation's own schemas just above.
    const parsed = { body, query } as Pick<HandlerInput<typeof id>, 'body' | 'query'>;
    const execute = (tx: BackOfficeTx, caller: Caller): Promise<Reply> => {
      const ctx: uc.UseCaseContext = { ...this.deps, tx, caller, now, simulateProvider: this.options.simulateProvider, client };
      return dispatch(id, ctx, {
        ...parsed,
        reference,
        params: route.params,
        origin: () => this.originOf(request),
        storeUploadOnce,
        guestSession: (answer) => this.guestSessionFor(tx, providerId, answer, now),
      });
    };

    if (!op.idempotent) {
      const reply = await store.transaction(async (tx) => execute(tx, keyed ?? (await this.callerOf(tx, request, providerId, now, route))));
      await this.sendMails(reply);
      await this.deliverMessages(providerId, request);
      return respond(reply);
    }

    const key = request.headers.get('Idempotency-Key');
    if (!key || !KEY_PATTERN.test(key)) throw new BadInput(400, 'idempotencyKeyRequired');
    // No session cookie: anonymous, with no unit of work to find that out.
    const caller = keyed ?? (this.sessionTokenOf(request, route) ? await store.transaction((tx) => this.callerOf(tx, request, providerId, now, route)) : { kind: 'anonymous' as const, providerId });
    // Keyed by who asks and what for: the same key from another caller or on another case is another request.
    const scope = `${providerId}:${caller.kind === 'anonymous' ? 'anonymous' : caller.kind === 'provider' ? caller.actor : caller.sessionId}:${op.id}:${reference}`;
    const fingerprint = await fingerprintOf(request, op);
    // Leases run on the real clock: the demo's movable clock must not make a live claim look stale.
    const claim = await store.claimIdempotency(scope, key, fingerprint, this.realNow(), IDEMPOTENCY_LEASE_MS);
    if (claim.state === 'inProgress') throw new Refusal(409, 'idempotencyInProgress', undefined, { 'Retry-After': '1' });
    if (claim.state === 'done') {
      if (claim.fingerprint !== fingerprint) throw new BadInput(422, 'idempotencyKeyReused');
      const replay: Reply = { status: claim.reply.status, body: claim.reply.body, headers: { 'Idempotent-Replayed': 'true' } };
      // A guest whose answer was lost keeps access to the case the first request made — when the replay comes from
      // the same session (the key's scope holds it). An anonymous replay could come from anyone who learnt the key
      // and the body: it gets the case's answer but no session (issue 20.14); the portal's confirmation then sends
      // the guest to Track, where the emailed code opens the case.
      if (op.id === 'submitComplaint' && caller.kind === 'guest') {
        replay.cookie = await store.transaction((tx) => this.guestSessionFor(tx, providerId, claim.reply.body, now));
      }
      return respond(replay);
    }
    const renewal = setInterval(() => {
      store.renewIdempotency(scope, key, this.realNow()).catch(() => undefined); // a missed renewal only shortens the lease
    }, IDEMPOTENCY_RENEW_MS);
    try {
      const reply = await store.transaction(async (tx) => {
        const result = await execute(tx, caller);
        await tx.completeIdempotency(scope, key, fingerprint, { status: result.status, body: result.body });
        return result;
      });
      clearInterval(renewal);
      await this.sendMails(reply);
      await this.deliverMessages(providerId, request);
      return respond(reply);
    } catch (error) {
      clearInterval(renewal);
      await store.releaseIdempotency(scope, key);
      throw error;
    }
  }

  private async guestSessionFor(tx: BackOfficeTx, providerId: ProviderId, body: unknown, now: Date): Promise<string> {
    const c = (body as { case: { reference: string; aboutYou: { email: string } } }).case;
    return this.newSession(tx, providerId, { kind: 'guest', reference: c.reference, email: c.aboutYou.email }, now);
  }

  private originOf(request: Request): string {
    return this.options.publicOrigin ?? new URL(request.url).origin;
  }

  /**
   * Sends a committed reply's mails, stamped with the real time they leave (the demo's movable clock is the
   * cases' time, not the mailbox's); a failure to send is reported and never changes the answer.
   */
  private async sendMails(reply: Reply): Promise<void> {
    for (const mail of reply.mails ?? []) {
      try {
        await this.deps.mailer.send({ ...mail, sentAt: this.realNow().toISOString() });
      } catch (error) {
        this.options.onMailError?.(error);
      }
    }
  }

  /** The simulated back office sends the messages a committed unit of work recorded (never those of one undone). */
  private async deliverMessages(providerId: ProviderId, request: Request): Promise<void> {
    if (!this.options.deliverMessagesAfterCommit) return;
    try {
      await deliverPending({ store: this.deps.store, mailer: this.deps.mailer, ...(this.deps.realTime ? { realTime: this.deps.realTime } : {}), ...(this.deps.secret ? { secret: this.deps.secret } : {}) }, providerId, this.originOf(request));
    } catch (error) {
      this.options.onMailError?.(error);
    }
  }

  private respond(reply: Reply): Response {
    const response = this.build(reply);
    if (reply.cookie !== undefined) addCookie(response, this.cookie(reply.cookie));
    return response;
  }

  private build(reply: Reply): Response {
    const headers: Record<string, string> = { ...reply.headers };
    if (reply.file) {
      return new Response(reply.file.bytes as Uint8Array<ArrayBuffer>, {
        status: reply.status,
        headers: {
          ...headers,
          'Content-Type': reply.file.type ?? 'application/octet-stream',
          'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(reply.file.name)}`,
          'X-Content-Type-Options': 'nosniff',
        },
      });
    }
    if (reply.body === undefined) return new Response(null, { status: reply.status, headers });
    return json(reply.body, reply.status, headers);
  }

  /**
   * Asking for a sign-in code and signing in with it (./sign-in.ts). Each runs in units of work of its own:
   * the rate-limit counters and a wrong code's try are committed even when the answer is a refusal.
   */
  private async signInOperation(id: 'requestSignInCode' | 'verifySignInCode', body: unknown, request: Request, route: Route, providerId: ProviderId): Promise<Reply> {
    const now = this.realNow();
    const ip = route.clientIp ?? 'unknown';
    const { store } = this.deps;
    const secret = this.deps.secret ?? SIMULATED_SECRET;
    if (id === 'requestSignInCode') {
      const input = body as CodeRequest;
      const limits = await codeRequestLimits(secret, providerId, input.email, ip);
      const limited = await store.transaction((tx) => countAgainstLimits(tx, now, limits));
      if (limited) throw limited;
      const origin = this.originOf(request);
      const mail = await store.transaction((tx) => createSignInCode(tx, secret, providerId, input, now, origin));
      const reply: Reply = { status: 202, body: { sent: true }, mails: mail ? [mail] : [] };
      await this.sendMails(reply);
      // The same answer whether or not a mail went out.
      return reply;
    }
    const checkLimits = await codeCheckLimits(secret, ip);
    const limited = await store.transaction((tx) => countAgainstLimits(tx, now, checkLimits));
    if (limited) throw limited;
    const outcome = await store.transaction(async (tx) => {
      const checked = await checkSignInCode(tx, secret, providerId, body as SignInVerify, now);
      if ('refusal' in checked) return checked;
      // A new session for whoever signs in; the one this browser had (if any) ends.
      const caller = await this.callerOf(tx, request, providerId, now, route);
      if (withSession(caller)) await tx.deleteSession(caller.sessionId);
      const token = await this.newSession(tx, providerId, checked.ok, now);
      let session: Session;
      if (checked.ok.kind === 'guest') session = { scope: checked.ok };
      else if (checked.ok.kind === 'staff') {
        const staffId = checked.ok.staffId;
        session = { scope: { kind: 'staff', staff: (await tx.staffMembers(providerId)).find((s) => s.id === staffId)! } };
      } else {
        const customerId = checked.ok.customerId;
        const customer = (await tx.findCustomer(providerId, customerId))!;
        session = { scope: { kind: 'customer', customer } };
      }
      return { ok: { token, session } };
    });
    if ('refusal' in outcome) throw outcome.refusal;
    return { status: 201, body: outcome.ok.session, cookie: outcome.ok.token };
  }

  /** Demo-only operations run outside any unit of work: they replace the whole back office's state. */
  private async demoOperation(id: OperationId, providerId: ProviderId, request: Request, route: Route): Promise<Reply> {
    const demo = this.options.demo;
    if (!demo) throw new Refusal(404, 'notFound');
    switch (id) {
      case 'demoCustomers':
        await this.options.beforeRequest?.(providerId);
        return { status: 200, body: { customers: await demo.customers(providerId) } };
      case 'getClock':
        return { status: 200, body: demo.clock() };
      case 'setClock':
        await demo.setClock(frozenAtFor(parseWith(operation('setClock').body, await jsonBody(request)), this.deps.time.now()));
        return { status: 200, body: demo.clock() };
      case 'demoSignIn': {
        // The demo's one-click sign-in as a seeded customer: an address alone, no code.
        await this.options.beforeRequest?.(providerId);
        const { email } = parseWith(operation('demoSignIn').body, await jsonBody(request));
        return this.deps.store.transaction(async (tx) => {
          const now = this.realNow();
          const customer = await tx.findCustomerByEmail(providerId, email);
          // The demo's seeded staff sign in with one click too (./demo-seed.ts).
          const staff = customer ? null : await tx.findStaffByEmail(providerId, email);
          if (!customer && !staff) throw new Refusal(401, 'unknownCustomer');
          const caller = await this.callerOf(tx, request, providerId, now, route);
          if (withSession(caller)) await tx.deleteSession(caller.sessionId);
          if (staff) {
            const token = await this.newSession(tx, providerId, { kind: 'staff', staffId: staff.id }, now);
            return { status: 201, body: { scope: { kind: 'staff', staff } } satisfies Session, cookie: token };
          }
          const token = await this.newSession(tx, providerId, { kind: 'customer', customerId: customer!.id }, now);
          return { status: 201, body: { scope: { kind: 'customer', customer: customer! } } satisfies Session, cookie: token };
        });
      }
      case 'demoStaff':
        await this.options.beforeRequest?.(providerId);
        return { status: 200, body: { staff: await this.deps.store.transaction((tx) => tx.staffMembers(providerId)) } };
      case 'demoMailbox':
        return { status: 200, body: { mails: await demo.mailbox(providerId) } };
      case 'demoReset':
        await demo.reset();
        return { status: 204, cookie: null };
      default:
        throw new Refusal(404, 'notFound');
    }
  }
}
