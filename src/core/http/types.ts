import type { WriteLimits } from './write-limits';
import type { CookieFlags } from './cookies';
import type { OperationId } from '@/api/operations';
import type { Customer, Mail } from '@/api/schemas';
import type { ProviderId } from '@/domain/profile-schema';

/** What a back office's API is configured with (../http.ts) and how a request reaches it. */

export interface ApiOptions {
  /** The provider this deployment serves; a request for another is refused. Unset: the X-Redress-Provider header decides. */
  provider?: ProviderId;
  /** The demo's simulated provider plays its part on cases as they are read. */
  simulateProvider: boolean;
  /** The session and client cookies' flags (path / and SameSite are the core's): the server sets HttpOnly and, over https, Secure. */
  cookieFlags: CookieFlags;
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
  /**
   * Rate limits on submitting, uploading and commenting (./write-limits.ts; the server: WRITE_LIMITS). Unset: none
   * — the simulated back office in the demo runs in the customer's own browser, where a limit protects no one.
   */
  writeLimits?: WriteLimits | null;
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
  /**
   * Headers the adapter sends with every answer (the server: its security headers and the request's id), written into
   * the answer as it is made. Set on it afterwards, each costs the server a Headers object per request (decision 0191).
   */
  headers?: Readonly<Record<string, string>>;
}
