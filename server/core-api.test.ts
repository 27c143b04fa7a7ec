import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from './app';
import { loadConfig } from './config';
import { coreApi, fromThePortal } from './core-api';
import type { DatabaseHandle } from './db/connect';
import { jsonLogger } from './http/log';
import { PgStore } from './store/pg-store';
import { openTestDatabase } from './test/database';

describe('which requests may change something', () => {
  const config = { publicUrl: 'https://complaints.example.net', allowedOrigins: ['https://www.example.net'] };
  const request = (method: string, headers: Record<string, string>) => new Request('http://10.0.0.7:3000/api/cases', { method, headers });
  const cookie = { Cookie: 'redress_session=abc' };

  it('issue 20.14: a state-changing request with a session cookie must show it comes from the portal, not merely name no foreign origin', () => {
    // Before: no Origin passed as "not foreign". Now a cookie needs the portal's Origin or Sec-Fetch-Site: same-origin.
    expect(fromThePortal(request('POST', cookie), config)).toBe(false);
    expect(fromThePortal(request('DELETE', cookie), config)).toBe(false);
    expect(fromThePortal(request('POST', { ...cookie, 'Sec-Fetch-Site': 'same-origin' }), config)).toBe(true);
    expect(fromThePortal(request('POST', { ...cookie, Origin: 'https://complaints.example.net' }), config)).toBe(true);
    expect(fromThePortal(request('POST', { ...cookie, Origin: 'https://www.example.net', 'Sec-Fetch-Site': 'same-site' }), config)).toBe(true);
    expect(fromThePortal(request('POST', { ...cookie, Origin: 'http://10.0.0.7:3000' }), config)).toBe(true);
    // Another site, or a sibling one, or a sandboxed page: refused, cookie or not.
    expect(fromThePortal(request('POST', { ...cookie, 'Sec-Fetch-Site': 'same-site' }), config)).toBe(false);
    expect(fromThePortal(request('POST', { ...cookie, 'Sec-Fetch-Site': 'cross-site' }), config)).toBe(false);
    expect(fromThePortal(request('POST', { ...cookie, Origin: 'null' }), config)).toBe(false);
    expect(fromThePortal(request('POST', { Origin: 'https://attacker.example' }), config)).toBe(false);
    expect(fromThePortal(request('POST', { 'Sec-Fetch-Site': 'cross-site' }), config)).toBe(false);
    // No cookie, no browser's word: a script with nobody to act as (a guest's first complaint from curl, the provider API).
    expect(fromThePortal(request('POST', {}), config)).toBe(true);
    // Reads are never refused here.
    expect(fromThePortal(request('GET', { ...cookie, Origin: 'https://attacker.example' }), config)).toBe(true);
  });
});

describe('decision 0191: every answer of the real API carries the shell’s headers, written as it is made', () => {
  let handle: DatabaseHandle;
  let app: ReturnType<typeof createApp>;
  const security = { 'Content-Security-Policy': "default-src 'self'", 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'no-referrer' };

  beforeAll(async () => {
    handle = await openTestDatabase();
    const deps = { store: new PgStore(handle.db), files: { put: async () => undefined, get: async () => null, delete: async () => undefined, list: async function* () { yield* []; } }, time: { now: () => new Date() }, mailer: { send: async () => undefined } };
    app = createApp({ api: coreApi(deps, loadConfig({ COOKIE_SECURE: 'false', LOG_LEVEL: 'silent' })), ping: async () => true, distDir: null, securityHeaders: security, logger: jsonLogger('silent') });
  });
  afterAll(async () => {
    await handle?.close();
  });

  const complaint = {
    kind: 'complaint',
    aboutYou: { customerKind: 'residential', name: 'Header Check', email: 'headers@example.com', phone: '07911 654321', replyBy: 'email' },
    complaint: { category: 'billing', summary: 'Charged twice', whatHappened: 'I was charged twice in November.', startedOn: '2026-11-01', outcomeWanted: 'A refund' },
    evidence: { references: [], staff: [], calls: [], emails: [], attachmentIds: [] },
  };

  it('a creation with its cookie, a read, a calendar file, a refusal, a problem from the core and a foreign origin', async () => {
    const answers: [string, Response][] = [];
    const created = await app.request('/api/cases', { method: 'POST', body: JSON.stringify(complaint), headers: { 'Content-Type': 'application/json', 'Idempotency-Key': 'headers-check-0001' } });
    answers.push(['created', created]);
    const cookie = created.headers.get('set-cookie')?.split(';')[0] ?? '';
    expect(cookie).toMatch(/^redress_session=/);
    const { case: made } = (await created.clone().json()) as { case: { reference: string } };
    answers.push(['read', await app.request(`/api/cases/${made.reference}`, { headers: { Cookie: cookie } })]);
    answers.push(['calendar', await app.request(`/api/cases/${made.reference}/calendar`, { headers: { Cookie: cookie } })]);
    answers.push(['not signed in', await app.request(`/api/cases/${made.reference}`)]);
    answers.push(['invalid', await app.request('/api/cases', { method: 'POST', body: '{}', headers: { 'Content-Type': 'application/json', 'Idempotency-Key': 'headers-check-0002' } })]);
    answers.push(['foreign origin', await app.request('/api/cases', { method: 'POST', body: '{}', headers: { Cookie: cookie, Origin: 'https://attacker.example' } })]);
    expect(answers.map(([name, a]) => `${name} ${a.status}`)).toEqual(['created 201', 'read 200', 'calendar 200', 'not signed in 401', 'invalid 422', 'foreign origin 403']);
    for (const [name, answer] of answers) {
      const said = (header: string) => `${name}: ${header} ${answer.headers.get(header)}`;
      for (const [header, value] of Object.entries(security)) expect(said(header)).toBe(`${name}: ${header} ${value}`);
      expect(said('Cache-Control')).toBe(`${name}: Cache-Control no-store`);
      expect(said('X-Request-Id')).toMatch(/X-Request-Id [0-9a-f-]{36}$/);
    }
    expect(answers.find(([name]) => name === 'calendar')?.[1].headers.get('content-type')).toBe('text/calendar; charset=utf-8');
  });
});
