import { describe, expect, it } from 'vitest';
import { fromThePortal } from './core-api';

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
