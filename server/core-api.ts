import { basePathOf, demoOperations, operations, providerOperations, type OperationId } from '@/api/operations';
import { seedOnce } from '@/core/demo-seed';
import { runDueCaseChecks } from '@/core/timed-checks';
import { BackOfficeApi, readCookie, scaledWriteLimits, SESSION_COOKIE, setCookiesOf } from '@/core/http';
import type { BackOfficeDeps } from '@/core/ports';
import type { Mail } from '@/api/schemas';
import type { ProviderId } from '@/domain/profile-schema';
import type { ApiBinding } from './app';
import type { ServerConfig } from './config';
import { problem } from './http/problem';

/**
 * The core's HTTP binding (src/core/http.ts) for this server: the production operations, plus the demo ones
 * when the server runs in demo mode (DEMO=1: seeded customers, the simulated provider on reads, a movable
 * clock and reset — for the demo and the conformance suite, never a real deployment). The session cookie is
 * HttpOnly, Secure and SameSite=Lax; a state-changing request from another origin is refused.
 */
export interface DemoState {
  /** null: real time. */
  frozenAt: Date | null;
  /** When the demo was seeded, on its clock: ADR letters falling due from then on go out as its clock moves (decision 0140). */
  startedAt?: Date | null;
}

export function coreApi(
  deps: BackOfficeDeps,
  config: ServerConfig,
  demo?: { state: DemoState; reset: () => Promise<void>; mailbox: (providerId: ProviderId) => Promise<Mail[]> },
  onMailError?: (error: unknown) => void,
): ApiBinding<OperationId> {
  // What had fallen due on the seeded cases by the demo's clock is recorded before the first request is answered,
  // not later by the jobs under someone's action (runDueCaseChecks).
  const seeding = seedOnce(deps.store, () => deps.time.now(), (providerId) => runDueCaseChecks(deps.store, providerId, deps.time.now()));
  const api = new BackOfficeApi(demo ? { ...deps, automaticLettersSince: () => demo.state.startedAt ?? null } : deps, {
    provider: config.provider,
    publicOrigin: config.publicUrl,
    ...(onMailError ? { onMailError } : {}),
    simulateProvider: Boolean(demo),
    cookieFlags: { httpOnly: true, secure: config.cookieSecure },
    writeLimits: config.writeRateLimits === null ? null : scaledWriteLimits(config.writeRateLimits),
    ...(demo
      ? {
          beforeRequest: async (providerId: ProviderId) => {
            await seeding.ensure(providerId);
            demo.state.startedAt ??= deps.time.now();
          },
          demo: {
            customers: (providerId: ProviderId) => deps.store.transaction((tx) => {
              tx.actFor({ providerId, kind: 'provider' });
              return tx.customers(providerId);
            }),
            clock: () => ({ now: deps.time.now().toISOString(), frozen: demo.state.frozenAt !== null }),
            setClock: async (frozenAt: Date | null) => {
              demo.state.frozenAt = frozenAt;
            },
            reset: async () => {
              await demo.reset();
              seeding.forget();
              demo.state.startedAt = null;
            },
            mailbox: demo.mailbox,
          },
        }
      : {}),
  });
  return {
    operations: [...operations, ...(demo ? demoOperations : []), ...providerOperations].map((o) => ({ id: o.id, method: o.method, path: o.path, base: basePathOf(o) })),
    writesHeaders: true,
    handle: async (request, route) => {
      if (!fromThePortal(request, config)) return problem(403, 'foreignOrigin', { ...route.headers, 'Cache-Control': 'no-store' });
      const response = await api.handle(request, {
        operationId: route.operationId,
        params: route.params,
        ...(route.clientIp ? { clientIp: route.clientIp } : {}),
        ...(route.headers ? { headers: route.headers } : {}),
      });
      for (const cookie of setCookiesOf(response)) response.headers.append('Set-Cookie', cookie);
      return response;
    },
  };
}

/**
 * Whether a request may change something (issue 20.14; with SameSite=Lax, a second lock). Reads always may. A
 * state-changing request naming another origin never may. One that carries a session cookie must show it
 * comes from the portal itself — its Origin is the portal's (PUBLIC_URL, the request's own, or one of
 * ALLOWED_ORIGINS), or, with no Origin, the browser says Sec-Fetch-Site: same-origin — not merely that it
 * names no foreign origin. Without a cookie there is no one to act as (curl, the provider API's keys).
 */
export function fromThePortal(request: Request, config: Pick<ServerConfig, 'publicUrl' | 'allowedOrigins'>): boolean {
  if (request.method === 'GET' || request.method === 'HEAD' || request.method === 'OPTIONS') return true;
  const origin = request.headers.get('Origin');
  const ours = origin !== null && (origin === new URL(request.url).origin || origin === new URL(config.publicUrl).origin || config.allowedOrigins.includes(origin));
  if (origin !== null && !ours) return false;
  const site = request.headers.get('Sec-Fetch-Site');
  if (site !== null && site !== 'same-origin' && !ours) return false;
  if (readCookie(request, SESSION_COOKIE) === null) return true;
  return ours || site === 'same-origin';
}
