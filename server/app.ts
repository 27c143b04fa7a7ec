import { getConnInfo } from '@hono/node-server/conninfo';
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { Hono, type Context, type Next } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { compress } from 'hono/compress';
import type { Mail } from '@/api/schemas';
import { portalStylesheets, renderMailbox } from './http/dev-mailbox';
import { isDatabaseUnavailable, UNAVAILABLE_RETRY_AFTER_SECONDS } from './db/unavailable';
import { errorFields, type Logger } from './http/log';
import { resolvePortalFile } from './http/portal';
import type { FirstScreen } from './http/first-screen';
import { clientIp } from './http/client-ip';
import { problem } from './http/problem';

/**
 * The HTTP shell (docs/decisions/0071-hono-routed-from-the-operation-table.md): Hono routes each operation of
 * the table to the core's HTTP binding, which reads, validates and answers; this layer adds what belongs to a
 * deployment — health, limits, security headers, the built portal, logs, and a problem answer for anything
 * unexpected. It holds no state: several instances can share one database.
 */

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** `Id`: the binding's own operation ids, so a route names only operations it has. */
export interface ApiRoute<Id extends string = string> {
  operationId: Id;
  params: Record<string, string>;
  /** The client's IP address (rate limits). */
  clientIp?: string;
  /** What this shell sends with every API answer: the security headers, the request's id, Cache-Control: no-store. */
  headers?: Readonly<Record<string, string>>;
}

/** The core's side: the operation table to route, and the function that answers one operation. */
export interface ApiBinding<Id extends string = string> {
  /** `base`: where the path is mounted (default `/api`; the provider's API is under `/provider-api`). */
  operations: readonly { id: Id; method: HttpMethod; path: string; base?: string }[];
  handle(request: Request, route: ApiRoute<Id>): Promise<Response>;
  /**
   * Whether every answer `handle` makes already carries `route.headers`, written as it was made. The shell then sets
   * none afterwards: a header set on an answer costs @hono/node-server a Headers object and its conversions per
   * request (decision 0191). Unset: the shell sets them.
   */
  writesHeaders?: boolean;
}

export interface AppOptions<Id extends string = string> {
  api: ApiBinding<Id>;
  /** Whether the database answers (health). */
  ping(): Promise<boolean>;
  /** The built portal; null to serve the API only. */
  distDir: string | null;
  /** Sent with every response (from dist/_headers). */
  securityHeaders: Record<string, string>;
  logger: Logger;
  limits?: { multipartBytes?: number; otherBytes?: number };
  /**
   * How many trusted proxies append to X-Forwarded-For: the client's IP is the entry that many from the right
   * (issue 20.3; entries further left are the client's own words). 0 or unset: the socket's peer.
   */
  trustProxyHops?: number;
  /**
   * The Host names (with port, lower-case) an API request may be addressed to (issue 20.14); any other is
   * refused with 421 before it reaches the API. Unset: any. `/api/health` answers whatever the Host (probes).
   */
  allowedHosts?: (host: string) => boolean;
  /** The deployment's security contact, published as /.well-known/security.txt (RFC 9116); absent: not served. */
  securityTxt?: { contact: string; canonical: string; now?: () => Date };
  /**
   * A signed-in page's first screen rendered with the page (./http/first-screen.ts, decision 0179): the page's HTML,
   * or null to send the built page as it is.
   */
  firstScreen?: FirstScreen | null;
  /** Demo mode only: the outbox as a page at /dev/mailbox (`?provider=`, `?lng=`). */
  devMailbox?: (provider: string | undefined) => Promise<Mail[]>;
}

type Env = { Variables: { requestId: string; route: string } };

/** Evidence files are up to 10 MB each (LIMITS.fileMaxBytes), one per request, plus the multipart framing. */
export const MULTIPART_LIMIT_BYTES = 11 * 1024 * 1024;
/** The largest complaint (every text at its maximum, 50 of each kind of evidence) is well under this. */
export const JSON_LIMIT_BYTES = 2 * 1024 * 1024;

const REQUEST_ID = /^[A-Za-z0-9._-]{8,128}$/;

/** `/cases/{reference}` → `/cases/:reference` (Hono's form). */
export const honoPath = (path: string) => path.replace(/\{(\w+)\}/g, ':$1');

/** The API answers made with all of this shell's headers already in them (ApiBinding.writesHeaders). */
const complete = new WeakSet<Response>();

/**
 * Sets headers on the answer: in place when its headers can change, so the answer stays the one the route made —
 * assigning `c.res` again makes Hono copy it, which builds the full Response object and streams its body
 * (decision 0181). Only an answer with immutable headers (a Response from fetch) is copied once, then set.
 */
function setHeaders(c: { res: Response }, headers: Record<string, string>): void {
  const entries = Object.entries(headers);
  try {
    for (const [name, value] of entries) c.res.headers.set(name, value);
  } catch {
    const copy = new Response(c.res.body, c.res);
    for (const [name, value] of entries) copy.headers.set(name, value);
    c.res = copy;
  }
}

export function createApp<Id extends string>(options: AppOptions<Id>): Hono<Env> {
  const { api, logger } = options;
  const app = new Hono<Env>();
  const tooLarge = () => problem(413, 'payloadTooLarge');
  const multipartMax = options.limits?.multipartBytes ?? MULTIPART_LIMIT_BYTES;
  const otherMax = options.limits?.otherBytes ?? JSON_LIMIT_BYTES;
  const multipartLimit = bodyLimit({ maxSize: multipartMax, onError: tooLarge });
  const otherLimit = bodyLimit({ maxSize: otherMax, onError: tooLarge });

  // Outermost: request id, timing, the log line and the security headers, whatever happened inside.
  app.use('*', async (c, next) => {
    const started = performance.now();
    const given = c.req.header('X-Request-Id');
    const requestId = given && REQUEST_ID.test(given) ? given : randomUUID();
    c.set('requestId', requestId);
    c.set('route', 'unmatched');
    await next();
    if (!complete.has(c.res)) setHeaders(c, { ...options.securityHeaders, 'X-Request-Id': requestId });
    logger.log(c.res.status >= 500 ? 'error' : 'info', 'request', {
      method: c.req.method,
      route: c.get('route'),
      status: c.res.status,
      ms: Math.round((performance.now() - started) * 10) / 10,
      requestId,
    });
  });

  app.onError((error, c) => {
    // The database down or restarting: the request was fine and will succeed later (issue 20.13).
    if (isDatabaseUnavailable(error)) {
      logger.log('error', 'database unavailable', { ...errorFields(error), route: c.get('route'), requestId: c.get('requestId') });
      return problem(503, 'serviceUnavailable', { 'Retry-After': String(UNAVAILABLE_RETRY_AFTER_SECONDS), 'Cache-Control': 'no-store' });
    }
    logger.log('error', 'unhandled', { ...errorFields(error), route: c.get('route'), requestId: c.get('requestId') });
    return problem(500, 'serverError');
  });

  const isApiPath = (path: string) => /^\/(api|provider-api)(\/|$)/.test(path);
  app.notFound((c) => problem(404, isApiPath(c.req.path) ? 'notFound' : 'pageNotFound'));

  const securityTxt = options.securityTxt;
  if (securityTxt) {
    app.get('/.well-known/security.txt', (c) => {
      c.set('route', '/.well-known/security.txt');
      // RFC 9116: Expires is required and should be less than a year ahead; this one is always 180 days from now.
      const expires = new Date((securityTxt.now?.() ?? new Date()).getTime() + 180 * 86_400_000);
      const body = [
        `Contact: ${securityTxt.contact}`,
        `Expires: ${expires.toISOString().replace(/\.\d{3}Z$/, 'Z')}`,
        'Preferred-Languages: en, it',
        `Canonical: ${securityTxt.canonical}`,
        '',
      ].join('\n');
      return c.text(body, 200, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'max-age=86400' });
    });
  }

  app.get('/api/health', async (c) => {
    c.set('route', '/api/health');
    const up = await options.ping();
    const headers: Record<string, string> = { 'Cache-Control': 'no-store', ...(up ? {} : { 'Retry-After': String(UNAVAILABLE_RETRY_AFTER_SECONDS) }) };
    return c.json({ status: up ? 'ok' : 'unavailable', database: up ? 'up' : 'down' }, up ? 200 : 503, headers);
  });

  // Every API answer may carry personal data: none is kept by a browser or a shared cache (issue 20.12); and an
  // API request must be addressed to this deployment's own host (issue 20.14: no DNS rebinding, no Host games).
  const apiGuard = async (c: Context<Env, string>, next: Next) => {
    const allowed = options.allowedHosts;
    if (allowed && !allowed((c.req.header('Host') ?? new URL(c.req.url).host).toLowerCase())) {
      c.res = problem(421, 'unknownHost', { 'Cache-Control': 'no-store' });
      return;
    }
    await next();
    if (!complete.has(c.res)) setHeaders(c, { 'Cache-Control': 'no-store' });
  };
  app.use('/api/*', apiGuard);
  app.use('/provider-api/*', apiGuard);

  const limit = async (c: Context<Env, string>, next: Next) => {
    // A GET or HEAD carries no body (a Request cannot have one): asking for it would only build the full Request
    // object @hono/node-server otherwise never makes — most of the cost of a read's HTTP layer (decision 0181).
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    const multipart = (c.req.header('Content-Type') ?? '').toLowerCase().startsWith('multipart/form-data');
    // A body of a declared length (Node's parser holds it to that length) is judged by the header, as hono's bodyLimit
    // would, without asking for the body stream: that too builds the full Request, and the body is then read through
    // web streams instead of @hono/node-server's direct read (decision 0182). Only a chunked body is counted as read.
    const declared = c.req.header('Content-Length');
    if (declared !== undefined && c.req.header('Transfer-Encoding') === undefined) {
      return Number.parseInt(declared, 10) > (multipart ? multipartMax : otherMax) ? tooLarge() : next();
    }
    return (multipart ? multipartLimit : otherLimit)(c, next);
  };
  app.use('/api/*', limit);
  app.use('/provider-api/*', limit);

  /** The socket's peer address, or the trusted proxies' word for it (./http/client-ip.ts). */
  const clientIpOf = (c: Context<Env, string>): string => {
    let peer = 'unknown';
    try {
      peer = getConnInfo(c).remote.address ?? 'unknown';
    } catch {
      // not served by @hono/node-server (app.fetch in tests)
    }
    return clientIp(peer, c.req.header('X-Forwarded-For'), options.trustProxyHops ?? 0);
  };

  const apiHeaders = { ...options.securityHeaders, 'Cache-Control': 'no-store' };
  for (const op of api.operations) {
    const base = op.base ?? '/api';
    const pattern = `${base}${op.path}`;
    app.on(op.method, `${base}${honoPath(op.path)}`, async (c) => {
      c.set('route', pattern);
      const headers = { ...apiHeaders, 'X-Request-Id': c.get('requestId') };
      const response = await api.handle(c.req.raw, { operationId: op.id, params: c.req.param(), clientIp: clientIpOf(c), headers });
      if (api.writesHeaders) complete.add(response);
      return response;
    });
  }

  const devMailbox = options.devMailbox;
  if (devMailbox) {
    const stylesheets = portalStylesheets(options.distDir);
    app.get('/dev/mailbox', async (c) => {
      c.set('route', '/dev/mailbox');
      const html = renderMailbox(await devMailbox(c.req.query('provider')), c.req.query('lng') === 'it' ? 'it' : 'en', await stylesheets);
      return c.html(html, 200, { 'Cache-Control': 'no-store' });
    });
  }

  if (options.distDir) {
    const distDir = options.distDir;
    const firstScreen = options.firstScreen;
    app.use('*', compress());
    app.get('*', async (c: Context<Env>) => {
      if (isApiPath(c.req.path)) return c.notFound();
      if (firstScreen && c.req.header('Cookie')) {
        let html: string | null = null;
        try {
          html = await firstScreen(c.req.raw);
        } catch (error) {
          // The page as it is built still works: it asks for its data once it has booted.
          logger.log('error', 'first screen', { ...errorFields(error), requestId: c.get('requestId') });
        }
        if (html) {
          c.set('route', 'portal:first-screen');
          // This answer holds the signed-in person's data: never kept by a shared cache, nor by the browser.
          return new Response(html, { headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'private, no-store', Vary: 'Cookie' } });
        }
      }
      const file = await resolvePortalFile(distDir, c.req.path);
      if (!file) return c.notFound();
      c.set('route', 'portal');
      return new Response(await readFile(file.path), { headers: { 'Content-Type': file.contentType, 'Cache-Control': file.cacheControl } });
    });
  }

  return app;
}
