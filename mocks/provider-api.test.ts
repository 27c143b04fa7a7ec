import { describe, expect, it } from 'vitest';
import { backOffice } from './handlers';
import { demoProviderKey } from './provider-demo';

/** The simulated back office accepts its documented demo key on the provider's API, and only that. */
const call = (operationId: string, path: string, key: string | null, init: RequestInit = {}) =>
  backOffice.handle(
    new Request(`http://localhost/provider-api${path}`, { ...init, headers: { ...(key ? { Authorization: `Bearer ${key}` } : {}), 'X-Redress-Provider': 'nasstar', ...(init.headers as Record<string, string>) } }),
    { operationId: operationId as never, params: {} },
  );

describe('provider API in the simulated back office', () => {
  it('lists the seeded cases with the demo key and follows the feed', async () => {
    const res = await call('providerListCases', '/cases?limit=5', demoProviderKey('nasstar'));
    expect(res.status).toBe(200);
    const page = (await res.json()) as { total: number };
    expect(page.total).toBeGreaterThan(0);
    const feed = (await (await call('providerEvents', '/events?limit=3', demoProviderKey('nasstar'))).json()) as { events: { seq: string }[]; hasMore: boolean };
    expect(feed.events.map((e) => e.seq)).toEqual(['1', '2', '3']);
  });

  it('refuses no key, a wrong key and a malformed one with 401', async () => {
    for (const key of [null, 'demo_crm_key_wrongwrong', 'short']) {
      const res = await call('providerListCases', '/cases', key);
      expect(res.status).toBe(401);
      expect(res.headers.get('Content-Type')).toContain('application/problem+json');
    }
  });
});
