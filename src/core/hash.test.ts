import { describe, expect, it } from 'vitest';
import { hmacSha256, sha256, toHex } from './hash';

describe('hash: SHA-256 to hex in one place', () => {
  it('sha256 and hmacSha256 give the known lower-case hex digests', async () => {
    expect(await sha256('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(await sha256(new TextEncoder().encode('abc'))).toBe(await sha256('abc'));
    expect(await hmacSha256('key', 'The quick brown fox jumps over the lazy dog')).toBe('f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8');
  });

  it("toHex turns Web Crypto's digest into the same text as Node's hash (the browser's path)", async () => {
    const bytes = new TextEncoder().encode('redress – è');
    // Under vitest sha256 and hmacSha256 take Node's path; Web Crypto's bytes through toHex must match them.
    expect(toHex(await crypto.subtle.digest('SHA-256', bytes))).toBe(await sha256(bytes));
    const key = await crypto.subtle.importKey('raw', new TextEncoder().encode('s'), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    expect(toHex(await crypto.subtle.sign('HMAC', key, bytes))).toBe(await hmacSha256('s', 'redress – è'));
    expect(toHex(new Uint8Array([0, 15, 255]))).toBe('000fff');
  });
});
