/** Crockford base32 without I, L, O, U: easy to read out on the phone, hard to guess. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export function randomToken(length: number): string {
  const bytes = new Uint8Array(length);
  crypto.getRandomValues(bytes);
  let out = '';
  for (const b of bytes) out += ALPHABET[b % 32];
  return out;
}

/**
 * A case reference in the provider's style: its prefix, the year, and 8 random characters
 * (40 bits), so one customer's reference says nothing about another's.
 */
export function newReference(prefix: string, at: Date): string {
  return `${prefix}${at.getUTCFullYear()}-${randomToken(8)}`;
}

export function newId(kind: string): string {
  return `${kind}_${randomToken(16)}`;
}
