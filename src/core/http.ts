import { operation } from '@/api/operations';
import type { BackOfficeDeps, BackOfficeTx, Caller } from './ports';
import { refuseUnkeepable } from './input';
import { problemResponse, Refusal } from './problem';
import type * as uc from './use-cases';
import { dispatch, isDispatched } from './dispatch';
import type { HandlerInput, Reply } from './handler-types';
import { providerCallerOf } from './provider-api';
import { demoOperation } from './http/demo';
import { fingerprintOf } from './http/fingerprint';
import { idempotencyKeyOf, once } from './http/idempotency';
import { MailOut } from './http/mail-out';
import { jsonBody, parseWith, providerOf, queryOf } from './http/request';
import { addCookie, responseOf } from './http/responses';
import { Sessions } from './http/sessions';
import { signInOperation } from './http/sign-in';
import { clientCookie, ClientToken, uploadOnce } from './http/uploads';
import { limitWrites } from './http/write-limits';
import { sha256, SIMULATED_SECRET } from './hash';
import { scopeOf } from './visibility';
import type { ApiOptions, Route } from './http/types';

/**
 * The complaints API over web-standard Request and Response, shared by the simulated back office (MSW hands
 * it the intercepted Request) and the server (Hono hands it the incoming one). It reads the provider and the
 * session cookie, validates the input with the operation's schema, runs idempotent operations exactly once
 * and turns refusals into application/problem+json. The adapters only route the operation table to it.
 *
 * Each concern is a module of its own under ./http/: sessions and their cookie, idempotency, request
 * fingerprints, the request's input and upload, sign-in under its limits, the demo's operations, mails after
 * commit, and responses. This file only composes them.
 */

export type { ApiOptions, DemoHooks, Route } from './http/types';
export { SESSION_COOKIE, SESSION_IDLE_MS, SESSION_MAX_MS } from './http/sessions';
export { readCookie } from './http/cookies';
export { IDEMPOTENCY_LEASE_MS, IDEMPOTENCY_RENEW_MS } from './http/idempotency';
export { setCookiesOf } from './http/responses';
export { CLIENT_COOKIE } from './http/uploads';
export { frozenAtFor } from './http/demo';
export { scaledWriteLimits, WRITE_LIMITS, WRITE_WINDOW_MS, type WriteLimits } from './http/write-limits';

export class BackOfficeApi {
  private readonly sessions: Sessions;
  private readonly mailOut: MailOut;

  constructor(
    private readonly deps: BackOfficeDeps,
    private readonly options: ApiOptions,
  ) {
    this.sessions = new Sessions(deps, options.cookieFlags);
    this.mailOut = new MailOut(deps, options, () => this.sessions.realNow());
  }

  /** Answers one request routed to an operation of the table. Never throws: failures are problem+json. */
  async handle(request: Request, route: Route): Promise<Response> {
    // Any answer may carry personal data (a case, a name, who is signed in): no browser or shared cache keeps one
    // (issue 20.12). With the adapter's own headers, written into the answer as it is made (Route.headers).
    const headers = { ...route.headers, 'Cache-Control': 'no-store' };
    try {
      return await this.run(request, route, headers);
    } catch (error) {
      if (!(error instanceof Refusal)) throw error;
      return problemResponse(error.status, error.code, error.errors, { ...error.headers, ...headers });
    }
  }

  private respond(reply: Reply, headers: Readonly<Record<string, string>>): Response {
    return responseOf(reply, (token) => this.sessions.cookie(token), headers);
  }

  private async run(request: Request, route: Route, headers: Readonly<Record<string, string>>): Promise<Response> {
    const op = operation(route.operationId);
    refuseUnkeepable(Object.entries(route.params));
    // The provider's API: the integration key decides the provider and the caller (./provider-api.ts).
    const keyed = op.access === 'provider' ? await this.deps.store.transaction((tx) => providerCallerOf(tx, request, this.options.provider)) : null;
    const providerId = keyed ? keyed.providerId : providerOf(request, this.options.provider);
    if (op.tag === 'demo') return this.respond(await demoOperation({ deps: this.deps, options: this.options, sessions: this.sessions }, op.id, providerId, request, route), headers);
    await this.options.beforeRequest?.(providerId);
    const now = this.deps.time.now();
    const { store } = this.deps;
    const { sessions, mailOut } = this;

    // An anonymous client's uploads are its token's (issue 20.5): the token is made on its first upload.
    const clientToken = await ClientToken.of(request, route);
    const respond = (reply: Reply) => {
      const response = this.respond(reply, headers);
      if (clientToken.newToken) addCookie(response, clientCookie(clientToken.newToken, this.options.cookieFlags));
      return response;
    };
    // Uploads are checked and their bytes stored before the unit of work (a refused file stores nothing).
    const storeUploadOnce = uploadOnce(this.deps, now, providerId, request, clientToken);

    try {
      const body = 'body' in op && op.body && op.body !== 'multipart' ? parseWith(op.body, await jsonBody(request)) : undefined;
      const query = 'query' in op && op.query ? parseWith(op.query, queryOf(request)) : undefined;
      const reference = route.params.reference ?? '';
      if (op.id === 'requestSignInCode' || op.id === 'verifySignInCode') return this.respond(await signInOperation({ deps: this.deps, sessions, mailOut }, op.id, body, request, route, providerId), headers);

      if (!isDispatched(op.id)) throw new Refusal(404, 'notFound');
      const id = op.id;
      // Writes count against the IP's and the client's (session, or anonymous client token) limits (issue 20.4).
      if (!keyed) {
        const clientOf = async () => {
          const sessionToken = sessions.tokenOf(request, route);
          return sessionToken ? `session:${await sha256(sessionToken)}` : id === 'uploadAttachment' ? await clientToken.anonymousUploader() : clientToken.client;
        };
        await limitWrites(store, this.deps.secret ?? SIMULATED_SECRET, this.options.writeLimits ?? null, id, route.clientIp ?? 'unknown', clientOf, sessions.realNow());
      }
      // Parsed by this operation's own schemas just above.
      const parsed = { body, query } as Pick<HandlerInput<typeof id>, 'body' | 'query'>;
      const execute = (tx: BackOfficeTx, caller: Caller): Promise<Reply> => {
        // The caller's scope for the policies on people's records (null: anonymous, or a session that ended).
        tx.actFor(scopeOf(caller));
        const ctx: uc.UseCaseContext = { ...this.deps, tx, caller, now, simulateProvider: this.options.simulateProvider, client: clientToken.client };
        return dispatch(id, ctx, {
          ...parsed,
          reference,
          params: route.params,
          origin: () => mailOut.originOf(request),
          storeUploadOnce,
          guestSession: (answer) => sessions.forGuest(tx, providerId, answer),
        });
      };
      const committed = async (reply: Reply): Promise<Response> => {
        await mailOut.sendMails(reply);
        await mailOut.deliverMessages(providerId, request);
        return respond(reply);
      };

      if (!op.idempotent) {
        return committed(await store.transaction(async (tx) => execute(tx, keyed ?? (await sessions.callerOf(tx, request, providerId, route)))));
      }

      const key = idempotencyKeyOf(request);
      // No session cookie: anonymous, with no unit of work to find that out.
      const caller = keyed ?? (sessions.tokenOf(request, route) ? await store.transaction((tx) => sessions.callerOf(tx, request, providerId, route)) : { kind: 'anonymous' as const, providerId });
      // Keyed by who asks and what for: the same key from another caller or on another case is another request.
      const scope = `${providerId}:${caller.kind === 'anonymous' ? 'anonymous' : caller.kind === 'provider' ? caller.actor : caller.sessionId}:${op.id}:${reference}`;
      const outcome = await once(store, { scope, key, fingerprint: await fingerprintOf(request, op), now: () => sessions.realNow() }, (tx) => execute(tx, caller));
      if ('reply' in outcome) return committed(outcome.reply);
      const replay = outcome.replayed;
      // A guest whose answer was lost keeps access to the case the first request made — when the replay comes from
      // the same session (the key's scope holds it). An anonymous replay could come from anyone who learnt the key
      // and the body: it gets the case's answer but no session (issue 20.14); the portal's confirmation then sends
      // the guest to Track, where the emailed code opens the case.
      if (op.id === 'submitComplaint' && caller.kind === 'guest') {
        replay.cookie = await store.transaction((tx) => sessions.forGuest(tx, providerId, replay.body));
      }
      return respond(replay);
    } catch (error) {
      await storeUploadOnce.discard();
      throw error;
    }
  }
}

