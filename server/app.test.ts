import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type ApiBinding, type ApiRoute } from './app';
import { loadConfig } from './config';
import { clientIp, hostCheck } from './http/client-ip';
import { jsonLogger } from './http/log';
import { loadPortalHeaders, parseHeadersFile, resolvePortalFile } from './http/portal';

const headersFile = `/*
  Content-Security-Policy: default-src 'self'; script-src 'self' 'sha256-abc='; object-src 'none'
  X-Content-Type-Options: nosniff
  Referrer-Policy: strict-origin-when-cross-origin
  Permissions-Policy: camera=(), microphone=(), geolocation=()
  Strict-Transport-Security: max-age=63072000; includeSubDomains
/assets/*
  X-Other: not for every page
`;

let dist: string;
const logLines: string[] = [];
const routed: ApiRoute[] = [];

const api: ApiBinding = {
  operations: [
    { id: 'getCase', method: 'GET', path: '/cases/{reference}' },
    { id: 'addEvidence', method: 'POST', path: '/cases/{reference}/attachments' },
    { id: 'submitComplaint', method: 'POST', path: '/cases' },
    { id: 'crash', method: 'GET', path: '/crash' },
  ],
  async handle(request, route) {
    routed.push(route);
    if (route.operationId === 'crash') throw new Error('secret detail in /home/x/stack');
    if (request.method === 'POST') await request.arrayBuffer();
    return Response.json({ ok: route.operationId, ...route.params }, { status: request.method === 'POST' ? 201 : 200 });
  },
};

let databaseUp = true;
async function app() {
  const { headers } = await loadPortalHeaders(dist);
  return createApp({
    api,
    ping: async () => databaseUp,
    distDir: dist,
    securityHeaders: headers,
    logger: jsonLogger('info', (line) => logLines.push(line)),
    limits: { multipartBytes: 2048, otherBytes: 1024 },
  });
}

beforeAll(async () => {
  dist = await mkdtemp(join(tmpdir(), 'redress-dist-'));
  await mkdir(join(dist, 'assets'));
  await mkdir(join(dist, 'complaints'));
  await writeFile(join(dist, '_headers'), headersFile);
  await writeFile(join(dist, 'index.html'), '<!doctype html><title>home</title>');
  await writeFile(join(dist, 'track.html'), '<!doctype html><title>track</title>');
  await writeFile(join(dist, 'complaints', 'new.html'), '<!doctype html><title>new complaint</title>');
  await writeFile(join(dist, 'assets', 'index-Z5NFLS7L.js'), 'console.log(1)');
  await writeFile(join(dist, 'favicon.svg'), '<svg/>');
});
afterAll(async () => {
  await rm(dist, { recursive: true, force: true });
});

const securityHeaders = ['content-security-policy', 'x-content-type-options', 'referrer-policy', 'permissions-policy', 'strict-transport-security'];

describe('the server shell', () => {
  it('reads the `/*` block of dist/_headers', () => {
    expect(parseHeadersFile(headersFile)).toEqual({
      'Content-Security-Policy': "default-src 'self'; script-src 'self' 'sha256-abc='; object-src 'none'",
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'strict-origin-when-cross-origin',
      'Permissions-Policy': 'camera=(), microphone=(), geolocation=()',
      'Strict-Transport-Security': 'max-age=63072000; includeSubDomains',
    });
  });

  it('answers health with the database’s state', async () => {
    const a = await app();
    databaseUp = true;
    let res = await a.request('/api/health');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', database: 'up' });
    databaseUp = false;
    res = await a.request('/api/health');
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ database: 'down' });
    databaseUp = true;
  });

  it('routes each operation of the table to the core with its id and path parameters', async () => {
    const a = await app();
    const res = await a.request('/api/cases/NAS-2026-7KQ4M2ZX');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: 'getCase', reference: 'NAS-2026-7KQ4M2ZX' });
    // No socket under app.request: the client's address is unknown (rate limits still count it).
    expect(routed.at(-1)).toMatchObject({ operationId: 'getCase', params: { reference: 'NAS-2026-7KQ4M2ZX' }, clientIp: 'unknown' });
    // What the shell sends with every API answer, given to the binding (decision 0191).
    expect(routed.at(-1)?.headers).toMatchObject({ 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' });
    for (const name of securityHeaders) expect(res.headers.get(name)).toBeTruthy();
    expect(res.headers.get('x-other')).toBeNull();
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('issue 20.3: takes the client address TRUST_PROXY_HOPS entries from the right of X-Forwarded-For, never what the client wrote', async () => {
    // The client wrote 198.51.100.66 itself; a cloud load balancer appended the client (203.0.113.9), nginx the balancer (10.0.0.1).
    const headers = { 'X-Forwarded-For': '198.51.100.66, 203.0.113.9, 10.0.0.1' };
    await (await app()).request('/api/cases/NAS-2026-7KQ4M2ZX', { headers });
    expect(routed.at(-1)?.clientIp).toBe('unknown');
    const { headers: security } = await loadPortalHeaders(dist);
    const behind = (hops: number) => createApp({ api, ping: async () => true, distDir: dist, securityHeaders: security, logger: jsonLogger('silent'), trustProxyHops: hops });
    await behind(1).request('/api/cases/NAS-2026-7KQ4M2ZX', { headers });
    expect(routed.at(-1)?.clientIp).toBe('10.0.0.1');
    await behind(2).request('/api/cases/NAS-2026-7KQ4M2ZX', { headers });
    expect(routed.at(-1)?.clientIp).toBe('203.0.113.9');
    // Fewer entries than trusted hops: the request skipped a proxy; the socket's peer counts, not the header.
    await behind(2).request('/api/cases/NAS-2026-7KQ4M2ZX', { headers: { 'X-Forwarded-For': '198.51.100.66' } });
    expect(routed.at(-1)?.clientIp).toBe('unknown');
    expect(clientIp('192.0.2.1', ' 198.51.100.66 ,203.0.113.9', 1)).toBe('203.0.113.9');
    expect(clientIp('192.0.2.1', undefined, 1)).toBe('192.0.2.1');
    expect(clientIp('192.0.2.1', '203.0.113.9', 0)).toBe('192.0.2.1');
    // TRUST_PROXY=true, the older switch, is one hop: the rightmost entry, no longer the first.
    expect(loadConfig({ TRUST_PROXY: 'true' }).trustProxyHops).toBe(1);
    expect(loadConfig({ TRUST_PROXY_HOPS: '2' }).trustProxyHops).toBe(2);
    expect(loadConfig({}).trustProxyHops).toBe(0);
  });

  it('issue 20.12: every API answer, success or problem, says Cache-Control: no-store; the portal’s pages keep theirs', async () => {
    const a = await app();
    for (const [path, init] of [
      ['/api/cases/NAS-2026-7KQ4M2ZX', {}],
      ['/api/cases', { method: 'POST', body: '{}' }],
      ['/api/nothing/here', {}],
      ['/api/crash', {}],
      ['/api/health', {}],
      ['/api/cases', { method: 'POST', body: 'x'.repeat(2000) }],
    ] as const) {
      const res = await a.request(path, init);
      expect(`${path} ${res.status} ${res.headers.get('cache-control')}`).toBe(`${path} ${res.status} no-store`);
    }
    expect((await a.request('/assets/index-Z5NFLS7L.js')).headers.get('cache-control')).toContain('immutable');
  });

  it('decision 0181: an API answer goes out as the core made it, its headers added in place, and a GET’s body is never asked for', async () => {
    const made: Response[] = [];
    const watching: ApiBinding = {
      operations: api.operations,
      async handle() {
        const response = Response.json({ ok: true });
        made.push(response);
        return response;
      },
    };
    const { headers } = await loadPortalHeaders(dist);
    const a = createApp({ api: watching, ping: async () => true, distDir: dist, securityHeaders: headers, logger: jsonLogger('error', () => undefined) });
    // The request's body getter, watched: on @hono/node-server, asking for it builds the full Request object.
    const request = new Request('http://localhost/api/cases/NAS-2026-7KQ4M2ZX');
    let bodyAsked = 0;
    Object.defineProperty(request, 'body', { get: () => (bodyAsked++, null) });
    const res = await a.fetch(request);
    expect(res).toBe(made[0]);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(bodyAsked).toBe(0);
  });

  it('decision 0191: a binding that writes the headers into its answers gets them all, and the shell never touches the answer’s headers', async () => {
    const made: Response[] = [];
    let headersRead = 0;
    const writing: ApiBinding = {
      operations: api.operations,
      writesHeaders: true,
      async handle(_request, route) {
        const response = new Response(JSON.stringify({ ok: true }), { status: 200, headers: { 'Content-Type': 'application/json', ...route.headers } });
        // Reading an answer's headers is what costs @hono/node-server a Headers object: watched.
        const real = response.headers;
        Object.defineProperty(response, 'headers', { get: () => (headersRead++, real) });
        made.push(response);
        return response;
      },
    };
    const { headers } = await loadPortalHeaders(dist);
    const a = createApp({ api: writing, ping: async () => true, distDir: dist, securityHeaders: headers, logger: jsonLogger('error', () => undefined) });
    const res = await a.request('/api/cases/NAS-2026-7KQ4M2ZX', { headers: { 'X-Request-Id': 'req-0123456789' } });
    expect(res).toBe(made[0]);
    expect(headersRead).toBe(0);
    for (const name of securityHeaders) expect(res.headers.get(name)).toBe(headers[Object.keys(headers).find((k) => k.toLowerCase() === name)!]);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('x-request-id')).toBe('req-0123456789');
  });

  it('SECURITY.md: a deployment with SECURITY_CONTACT publishes /.well-known/security.txt (RFC 9116); without it, none', async () => {
    const { headers: security } = await loadPortalHeaders(dist);
    const now = () => new Date('2026-12-06T10:00:00Z');
    const published = createApp({
      api, ping: async () => true, distDir: dist, securityHeaders: security, logger: jsonLogger('silent'),
      securityTxt: { contact: 'mailto:security@provider.example', canonical: 'https://complaints.provider.example/.well-known/security.txt', now },
    });
    const res = await published.request('/.well-known/security.txt');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(await res.text()).toBe(
      'Contact: mailto:security@provider.example\nExpires: 2027-06-04T10:00:00Z\nPreferred-Languages: en, it\nCanonical: https://complaints.provider.example/.well-known/security.txt\n',
    );
    expect((await createApp({ api, ping: async () => true, distDir: null, securityHeaders: security, logger: jsonLogger('silent') }).request('/.well-known/security.txt')).status).toBe(404);
    expect(() => loadConfig({ SECURITY_CONTACT: 'security@x.example' })).toThrow(/SECURITY_CONTACT/);
    expect(loadConfig({ SECURITY_CONTACT: 'mailto:security@x.example' }).securityContact).toBe('mailto:security@x.example');
  });

  it('issue 20.14: an API request addressed to another Host is refused with 421 (health probes answer on any)', async () => {
    const { headers: security } = await loadPortalHeaders(dist);
    const hosts = hostCheck('https://complaints.example.net', ['https://www.example.net']);
    const guarded = createApp({ api, ping: async () => true, distDir: dist, securityHeaders: security, logger: jsonLogger('silent'), allowedHosts: hosts });
    const at = (host: string, path = '/api/cases/NAS-2026-7KQ4M2ZX') => guarded.request(`http://${host}${path}`, { headers: { Host: host } });
    expect((await at('complaints.example.net')).status).toBe(200);
    expect((await at('www.example.net')).status).toBe(200);
    const foreign = await at('attacker.example');
    expect([foreign.status, foreign.headers.get('content-type'), ((await foreign.json()) as { code: string }).code]).toEqual([421, 'application/problem+json', 'unknownHost']);
    expect((await at('localhost:3000')).status).toBe(421);
    expect((await at('10.0.0.7:3000', '/api/health')).status).toBe(200);
    // No PUBLIC_URL: a local server answers on loopback names only.
    const local = hostCheck(null, []);
    expect(['localhost', 'localhost:3000', '127.0.0.1:4190', '[::1]:3000'].map(local)).toEqual([true, true, true, true]);
    expect(['evil.example', 'localhost.evil.example', '127.0.0.1.nip.io'].map(local)).toEqual([false, false, false]);
  });

  it('answers an unknown API address with a 404 problem', async () => {
    const res = await (await app()).request('/api/nothing/here');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(await res.json()).toMatchObject({ status: 404, code: 'notFound' });
  });

  it('answers anything thrown with a 500 problem that gives nothing away', async () => {
    const res = await (await app()).request('/api/crash');
    expect(res.status).toBe(500);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    const text = await res.text();
    expect(JSON.parse(text)).toEqual({ type: 'https://redress.example/problems/serverError', title: 'Internal Server Error', status: 500, code: 'serverError' });
    expect(text).not.toContain('secret');
    for (const name of securityHeaders) expect(res.headers.get(name)).toBeTruthy();
  });

  it('refuses a body over the limit with 413, a multipart upload with a larger one', async () => {
    const a = await app();
    const big = 'x'.repeat(1500);
    let res = await a.request('/api/cases', { method: 'POST', body: JSON.stringify({ big }), headers: { 'Content-Type': 'application/json' } });
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ code: 'payloadTooLarge' });

    const form = new FormData();
    form.set('file', new File([big], 'bill.txt', { type: 'text/plain' }));
    res = await a.request('/api/cases/NAS-1/attachments', { method: 'POST', body: form });
    expect(res.status).toBe(201);
    form.set('file', new File(['x'.repeat(3000)], 'bill.txt', { type: 'text/plain' }));
    res = await a.request('/api/cases/NAS-1/attachments', { method: 'POST', body: form });
    expect(res.status).toBe(413);
  });

  it('decision 0182: judges a body of declared length by its Content-Length, without asking for the body stream', async () => {
    const a = await app();
    const small = JSON.stringify({ reference: 'NAS-1' });
    // Over the limit by its header: refused, the body stream never asked for (on @hono/node-server that builds the
    // full Request and reads the body through web streams; Node's parser holds a body to its declared length).
    const request = new Request('http://localhost/api/cases', { method: 'POST', body: small, headers: { 'Content-Type': 'application/json', 'Content-Length': '1500' } });
    let bodyAsked = 0;
    Object.defineProperty(request, 'body', { get: () => (bodyAsked++, null) });
    let res = await a.fetch(request);
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ code: 'payloadTooLarge' });
    expect(bodyAsked).toBe(0);
    // Within it: the request goes on, and the body is read as usual.
    res = await a.request('/api/cases', { method: 'POST', body: small, headers: { 'Content-Type': 'application/json', 'Content-Length': String(small.length) } });
    expect(res.status).not.toBe(413);
    // A multipart upload has the larger limit by its header too.
    res = await a.request('/api/cases/NAS-1/attachments', { method: 'POST', body: 'x', headers: { 'Content-Type': 'multipart/form-data; boundary=b', 'Content-Length': '2000' } });
    expect(res.status).not.toBe(413);
    res = await a.request('/api/cases/NAS-1/attachments', { method: 'POST', body: 'x', headers: { 'Content-Type': 'multipart/form-data; boundary=b', 'Content-Length': '3000' } });
    expect(res.status).toBe(413);
  });

  it('serves the built portal: pre-rendered pages, the shell for other pages, hashed assets for a year', async () => {
    const a = await app();
    const page = async (path: string) => {
      const res = await a.request(path);
      return { status: res.status, type: res.headers.get('content-type'), cache: res.headers.get('cache-control'), body: await res.text(), res };
    };
    const home = await page('/');
    expect(home).toMatchObject({ status: 200, type: 'text/html; charset=utf-8', cache: 'no-cache', body: '<!doctype html><title>home</title>' });
    for (const name of securityHeaders) expect(home.res.headers.get(name)).toBeTruthy();
    expect((await page('/complaints/new')).body).toContain('new complaint');
    expect((await page('/track')).body).toContain('track');
    expect((await page('/cases/NAS-2026-7KQ4M2ZX')).body).toContain('home');
    expect(await page('/assets/index-Z5NFLS7L.js')).toMatchObject({ status: 200, type: 'text/javascript; charset=utf-8', cache: 'public, max-age=31536000, immutable' });
    expect((await page('/assets/gone-AAAA.js')).status).toBe(404);
    expect((await page('/_headers')).status).toBe(404);
    // The URL parser resolves the dots first; whatever is left is looked up inside dist/ only.
    expect((await page('/%2e%2e/%2e%2e/etc/passwd')).body).toContain('home');
    expect(await resolvePortalFile(dist, '/../../etc/passwd')).toBeNull();
    expect(await resolvePortalFile(dist, '/assets/%2e%2e/%2e%2e/etc/passwd')).toBeNull();
    const head = await a.request('/', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-security-policy')).toContain("default-src 'self'");
  });

  it('logs one line per request with the route pattern, never the address or anything personal', async () => {
    logLines.length = 0;
    const a = await app();
    await a.request('/api/cases/NAS-2026-SECRETREF', { headers: { 'X-Request-Id': 'req-12345678' } });
    await a.request('/api/crash');
    const lines = logLines.map((l) => JSON.parse(l) as Record<string, unknown>);
    const requests = lines.filter((l) => l.msg === 'request');
    expect(requests).toHaveLength(2);
    expect(requests[0]).toMatchObject({ level: 'info', method: 'GET', route: '/api/cases/{reference}', status: 200, requestId: 'req-12345678' });
    expect(typeof requests[0]!.ms).toBe('number');
    expect(requests[1]).toMatchObject({ level: 'error', route: '/api/crash', status: 500 });
    const all = logLines.join('\n');
    expect(all).not.toContain('SECRETREF');
    expect(all).not.toContain('secret detail');
  });

  it('shows the outbox at /dev/mailbox only when given one (demo mode), every text escaped, in the language asked', async () => {
    // Without one, /dev/mailbox is just another page address: the portal's shell, which has no such page.
    expect(await (await (await app()).request('/dev/mailbox')).text()).toBe('<!doctype html><title>home</title>');
    const { headers } = await loadPortalHeaders(dist);
    const asked: (string | undefined)[] = [];
    const demo = createApp({
      api,
      ping: async () => true,
      distDir: dist,
      securityHeaders: headers,
      logger: jsonLogger('silent', () => undefined),
      devMailbox: async (provider) => {
        asked.push(provider);
        return [{ id: 'mail_1', to: 'sam@example.com', subject: 'Code <b>123456</b>', text: '<script>alert(1)</script>\n123456', lng: 'en', sentAt: '2026-12-01T10:00:00.000Z' }];
      },
    });
    const page = await demo.request('/dev/mailbox?provider=ask4&lng=it');
    expect(page.status).toBe(200);
    expect(page.headers.get('Content-Security-Policy')).toContain("default-src 'self'");
    const html = await page.text();
    expect(asked).toEqual(['ask4']);
    expect(html).toContain('<html lang="it">');
    expect(html).toContain('Casella di posta della demo');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('<script');
    expect(html).toContain('Code &lt;b&gt;123456&lt;/b&gt;');
  });
});
