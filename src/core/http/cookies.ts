import { parse, serialize } from 'hono/utils/cookie';

/**
 * The back office's two cookies, read and written with Hono's cookie utilities (the functions behind its
 * getCookie/setCookie, which need no Hono context: the core answers a web-standard Request for the server and
 * for MSW alike; docs/decisions/0162-maintained-libraries-over-hand-written.md).
 */

/** What differs between deployments: a service worker cannot set HttpOnly, and plain http cannot keep Secure. */
export interface CookieFlags {
  httpOnly: boolean;
  secure: boolean;
}

/** A cookie's value as the request carries it (decoded), or null when it has none. */
export function readCookie(request: Request, name: string): string | null {
  const header = request.headers.get('Cookie');
  if (!header) return null;
  return parse(header, name)[name] ?? null;
}

/** The shape of every token the back office hands out (./references.ts randomToken: Crockford base32). */
const TOKEN = /^[0-9A-HJKMNP-TV-Z]{20,128}$/;

/**
 * A token from a cookie, or null when it is not one the back office could have made. A value planted on the
 * domain — a malformed % escape among them, which Hono leaves undecoded — is no cookie, never an error (issue 20.10).
 */
export const tokenFrom = (value: string | null | undefined): string | null => (value && TOKEN.test(value) ? value : null);

/** The Set-Cookie for `value` (null: the one that removes the cookie), on path /. */
export function cookieHeader(name: string, value: string | null, maxAgeSeconds: number, sameSite: 'Lax' | 'Strict', flags: CookieFlags): string {
  return serialize(name, value ?? '', { path: '/', sameSite, httpOnly: flags.httpOnly, secure: flags.secure, maxAge: value === null ? 0 : maxAgeSeconds });
}
