import type { ProviderId } from '@/domain/profile-schema';
import type { BackOfficeDeps, BackOfficeTx, Caller, CaseScope, SessionScope, StoredSession } from '../ports';
import { randomToken } from '../references';
import { sha256 } from '../hash';
import { currentStaffMember } from '../staff-caller';
import type { Route } from './types';
import { cookieHeader, readCookie, tokenFrom, type CookieFlags } from './cookies';

/** Sessions: who a request's cookie says is asking, new sessions, and the cookie that carries them. */

export const SESSION_COOKIE = 'redress_session';
/** Idle timeout and absolute lifetime of a session. */
export const SESSION_IDLE_MS = 30 * 60_000;
export const SESSION_MAX_MS = 12 * 60 * 60_000;

/** The scope a new session's person acts in (a customer's organisation is read from their record later, in `callerOf`). */
export function sessionScopeOf(providerId: ProviderId, scope: SessionScope): CaseScope {
  switch (scope.kind) {
    case 'customer':
      return { providerId, kind: 'customer', customerId: scope.customerId, organisationId: null };
    case 'guest':
      return { providerId, kind: 'guest', reference: scope.reference };
    case 'staff':
      return { providerId, kind: 'staff', staffId: scope.staffId };
  }
}

/** Callers signed in with a session of their own (it ends when they sign out or sign in again). */
export const withSession = (caller: Caller): caller is Extract<Caller, { sessionId: string }> => caller.kind === 'customer' || caller.kind === 'guest' || caller.kind === 'staff';

export class Sessions {
  constructor(
    private readonly deps: BackOfficeDeps,
    private readonly cookieFlags: CookieFlags,
  ) {}

  /**
   * Sessions run on the real clock, not the back office's: moving the demo's clock weeks on must not sign
   * anyone out, and no simulated time can stretch a session's life.
   */
  realNow(): Date {
    return this.deps.realTime?.now() ?? new Date();
  }

  tokenOf(request: Request, route: Route): string | null {
    return tokenFrom(route.sessionToken !== undefined ? route.sessionToken : readCookie(request, SESSION_COOKIE));
  }

  /** Who asks: the session's customer, guest or staff member, or anonymous (no session, or one ended). */
  async callerOf(tx: BackOfficeTx, request: Request, providerId: ProviderId, route: Route): Promise<Caller> {
    const now = this.realNow();
    const token = this.tokenOf(request, route);
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
      // The session's own person is looked up under their scope (the staff policy: their provider's staff).
      tx.actFor({ providerId, kind: 'staff', staffId });
      const staff = await currentStaffMember(tx, providerId, staffId);
      return staff ? { kind: 'staff', providerId, sessionId: hash, staff } : { kind: 'anonymous', providerId };
    }
    const customerId = session.scope.customerId;
    // Their own record, under their own scope (the customers policy: their row); the organisation comes from it.
    tx.actFor({ providerId, kind: 'customer', customerId, organisationId: null });
    const customer = await tx.findCustomer(providerId, customerId);
    if (!customer) return { kind: 'anonymous', providerId };
    return { kind: 'customer', providerId, sessionId: hash, customer, organisationId: customer.organisationId ?? null };
  }

  /** Ends the session the request came with, if any (whoever signs in gets a new one). */
  async endCurrent(tx: BackOfficeTx, request: Request, providerId: ProviderId, route: Route): Promise<void> {
    const caller = await this.callerOf(tx, request, providerId, route);
    if (withSession(caller)) await tx.deleteSession(caller.sessionId);
  }

  /** A new session; returns its token (only its hash is stored). */
  async create(tx: BackOfficeTx, providerId: ProviderId, scope: StoredSession['scope']): Promise<string> {
    const now = this.realNow();
    const token = randomToken(43);
    await tx.insertSession({ tokenHash: await sha256(token), providerId, scope, createdAt: now.toISOString(), lastSeenAt: now.toISOString() });
    return token;
  }

  /** A new session for a guest on the case an answer names. */
  forGuest(tx: BackOfficeTx, providerId: ProviderId, body: unknown): Promise<string> {
    const c = (body as { case: { reference: string; aboutYou: { email: string } } }).case;
    return this.create(tx, providerId, { kind: 'guest', reference: c.reference, email: c.aboutYou.email });
  }

  /** The Set-Cookie for a token, or (null) the one that clears it. */
  cookie(token: string | null): string {
    return cookieHeader(SESSION_COOKIE, token, SESSION_MAX_MS / 1000, 'Lax', this.cookieFlags);
  }
}
