import { describe, expect, it } from 'vitest';
import type { Customer } from '@/api/schemas';
import type { BackOfficeTx, StoredCase } from './ports';
import { createSignInCode, hmacSha256 } from './sign-in';

/**
 * Issue 20.8: asking for a code does the same work for an address that may sign in and one that may not, so
 * the time an answer takes does not tell them apart. The work is what the unit of work is asked to do (each
 * store call, in order, with what it writes) — compared call by call, not timed.
 */

const sam: Customer = { id: 'cus_sam', providerId: 'nasstar', kind: 'residential', name: 'Sam Taylor', email: 'sam@example.com', phone: '07911 123456' };
const guestCase = { reference: 'NAS2026-7KQ4M2ZX', aboutYou: { email: 'sam@example.com' } } as StoredCase;

/** A unit of work that records every call (its name, and the shape of what it was given) and answers from `known`. */
function recordingTx(known: boolean) {
  const calls: string[] = [];
  const answers: Partial<Record<keyof BackOfficeTx, unknown>> = {
    findCustomerByEmail: known ? sam : null,
    findCase: known ? guestCase : null,
    // No staff member and no invitation for either address: the same look-ups are made for both.
    invitationsFor: [],
  };
  const shape = (value: unknown): unknown =>
    value && typeof value === 'object' ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, typeof v === 'string' ? `string(${v.length})` : typeof v])) : typeof value;
  const tx = new Proxy({} as BackOfficeTx, {
    get: (_target, name: string) => async (...args: unknown[]) => {
      calls.push(`${name}(${JSON.stringify(args.map(shape))})`);
      return answers[name as keyof BackOfficeTx] ?? null;
    },
  });
  return { tx, calls };
}

describe('asking for a sign-in code', () => {
  it('issue 20.8: does the same work for a known and an unknown address, and for a right and a wrong reference', async () => {
    const now = new Date('2026-12-18T10:00:00.000Z');
    for (const request of [
      { purpose: 'signIn', email: 'sam@example.com', lng: 'en' },
      { purpose: 'guest', email: 'sam@example.com', reference: 'NAS2026-7KQ4M2ZX', lng: 'it' },
    ] as const) {
      const known = recordingTx(true);
      const unknown = recordingTx(false);
      const mail = await createSignInCode(known.tx, 's'.repeat(32), 'nasstar', request, now, 'https://portal.example');
      const none = await createSignInCode(unknown.tx, 's'.repeat(32), 'nasstar', request, now, 'https://portal.example');
      expect(mail?.to).toBe('sam@example.com');
      expect(none).toBeNull();
      // Same calls, same order, same shapes written: a code is stored for either (a void one for the unknown).
      expect(unknown.calls).toEqual(known.calls);
      expect(known.calls.some((c) => c.startsWith('insertSignInCode'))).toBe(true);
    }
  });

  it('hashes with HMAC-SHA-256 the same on Web Crypto as on Node', async () => {
    // RFC 4231 test case 2.
    expect(await hmacSha256('Jefe', 'what do ya want for nothing?')).toBe('5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843');
  });
});
