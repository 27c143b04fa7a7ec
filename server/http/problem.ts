/**
 * RFC 9457 problem responses the server itself makes (unknown route, too large, crash, database down). The
 * core makes its own with the same shape (`type`, `title`, `status`, `code`).
 */
const titles: Record<number, string> = {
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  413: 'Content Too Large',
  421: 'Misdirected Request',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export function problem(status: number, code: string, headers: Record<string, string> = {}): Response {
  const body = { type: `https://redress.example/problems/${code}`, title: titles[status] ?? 'Error', status, code };
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/problem+json', ...headers } });
}
