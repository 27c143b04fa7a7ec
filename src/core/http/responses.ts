import type { Reply } from '../handler-types';

/** Turning a Reply into a web-standard Response, and the Set-Cookie kept beside it. */

export const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });

/**
 * The Set-Cookie an answer carries, kept beside the Response: a browser's Response drops a Set-Cookie header,
 * so each adapter sets it its own way (the server as a header, the simulated back office through MSW).
 */
const setCookies = new WeakMap<Response, string[]>();
export function setCookiesOf(response: Response): string[] {
  return setCookies.get(response) ?? [];
}
export const addCookie = (response: Response, cookie: string) => setCookies.set(response, [...setCookiesOf(response), cookie]);

/**
 * The Response for a reply; `cookie`: the Set-Cookie for the reply's session token, when it has one; `headers`: the
 * adapter's, over the reply's own.
 */
export function responseOf(reply: Reply, cookie: (token: string | null) => string, headers: Readonly<Record<string, string>> = {}): Response {
  const response = build(reply, headers);
  if (reply.cookie !== undefined) addCookie(response, cookie(reply.cookie));
  return response;
}

function build(reply: Reply, added: Readonly<Record<string, string>>): Response {
  const headers: Record<string, string> = { ...reply.headers, ...added };
  if (reply.file) {
    return new Response(reply.file.bytes as Uint8Array<ArrayBuffer>, {
      status: reply.status,
      headers: {
        ...reply.headers,
        'Content-Type': reply.file.type ?? 'application/octet-stream',
        'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(reply.file.name)}`,
        'X-Content-Type-Options': 'nosniff',
        ...added,
      },
    });
  }
  if (reply.body === undefined) return new Response(null, { status: reply.status, headers });
  return json(reply.body, reply.status, headers);
}
