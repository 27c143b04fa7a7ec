import { describe, expect, it } from 'vitest';
import { cookieHeader, readCookie, tokenFrom } from './cookies';

const withCookie = (cookie: string) => new Request('http://x/api', { headers: { Cookie: cookie } });
const TOKEN = '0123456789ABCDEFGHJKMNPQRSTVWXYZ0123456789A';

describe('cookies: read and written with Hono, tokens only of our shape', () => {
  it('reads one cookie among several, decoded; none when absent', () => {
    expect(readCookie(withCookie(`a=1; redress_session=${TOKEN}; b=%20x`), 'redress_session')).toBe(TOKEN);
    expect(readCookie(withCookie('a=1; b=%20x'), 'b')).toBe(' x');
    expect(readCookie(withCookie('a=1'), 'redress_session')).toBeNull();
    expect(readCookie(new Request('http://x/api'), 'redress_session')).toBeNull();
  });

  it('issue 20.10: a malformed % escape, or anything not shaped like our tokens, is no token', () => {
    expect(tokenFrom(readCookie(withCookie('redress_session=%E0%A4%A'), 'redress_session'))).toBeNull();
    expect(tokenFrom('%E0%A4%A')).toBeNull();
    expect(tokenFrom('short')).toBeNull();
    expect(tokenFrom(`${TOKEN.slice(0, 30)}i`)).toBeNull(); // Crockford base32 has no I, L, O, U
    expect(tokenFrom(null)).toBeNull();
    expect(tokenFrom(TOKEN)).toBe(TOKEN);
  });

  it('writes the same flags as before: Max-Age, Path=/, HttpOnly and Secure when asked, SameSite', () => {
    expect(cookieHeader('redress_session', TOKEN, 43_200, 'Lax', { httpOnly: true, secure: true })).toBe(`redress_session=${TOKEN}; Max-Age=43200; Path=/; HttpOnly; Secure; SameSite=Lax`);
    expect(cookieHeader('redress_client', TOKEN, 86_400, 'Strict', { httpOnly: false, secure: false })).toBe(`redress_client=${TOKEN}; Max-Age=86400; Path=/; SameSite=Strict`);
    expect(cookieHeader('redress_session', null, 43_200, 'Lax', { httpOnly: true, secure: false })).toBe('redress_session=; Max-Age=0; Path=/; HttpOnly; SameSite=Lax');
  });
});
