import type { MailLanguage, SignInVerify } from '@/api/schemas';
import type { ProviderId } from '@/domain/profile-schema';
import { getProfile } from '@/domain/profiles';
import type { BackOfficeStore, BackOfficeTx, SessionScope, StoredSignInCode } from './ports';
import { composeMail, type ComposedMail } from './mail';
import { Refusal } from './problem';
import { accountForInvitee, hasOpenInvitation } from './organisation';
import { newId, randomToken } from './references';
import { signInScope } from './visibility';

/**
 * Passwordless sign-in (docs/decisions/0080-passwordless-sign-in.md), after epic-stack's verification and
 * TOTP models: a 6-digit code and a link token, single use, valid for CODE_TTL_MS, stored as an HMAC with the
 * server's secret and a tries counter (docs/decisions/0100-sign-in-and-request-hardening.md). Rules only: the
 * HTTP binding (./http.ts) commits what they record before it answers a refusal, so a wrong try or a
 * rate-limit hit counts even though the request fails.
 */

export const CODE_TTL_MS = 15 * 60_000;
/** Wrong codes before a code is burned. */
export const MAX_CODE_TRIES = 5;

export const RATE_WINDOW_MS = 15 * 60_000;
/** Code requests per address and per client IP in RATE_WINDOW_MS; code checks per client IP. */
export const CODE_REQUESTS_PER_ADDRESS = 5;
export const CODE_REQUESTS_PER_IP = 20;
export const CODE_CHECKS_PER_IP = 50;

import { hmacSha256, linkHashOf, sha256, SIMULATED_SECRET } from './hash';

export { hmacSha256, linkHashOf, sha256, SIMULATED_SECRET };

/** Six decimal digits, uniformly drawn (rejection sampling: no digit more likely than another). */
export function sixDigitCode(): string {
  const word = new Uint32Array(1);
  const limit = Math.floor(0x1_0000_0000 / 1_000_000) * 1_000_000;
  for (;;) {
    crypto.getRandomValues(word);
    if (word[0]! < limit) return String(word[0]! % 1_000_000).padStart(6, '0');
  }
}

const codeHashOf = (secret: string, id: string, code: string, use = 'code') => hmacSha256(secret, `${use}:${id}:${code}`);
const normalEmail = (email: string) => email.trim().toLowerCase();

/** A refusal the binding answers after committing what the unit of work recorded (tries, counters). */
export type Outcome<T> = { ok: T } | { refusal: Refusal };

// ---------- rate limits ----------

/**
 * Counts one request against each key; the first over its limit refuses with 429 and Retry-After (seconds).
 * Keys name an address by its hash: the counters hold no address.
 */
export async function countAgainstLimits(store: BackOfficeStore, now: Date, limits: readonly { key: string; max: number }[], windowMs = RATE_WINDOW_MS): Promise<Refusal | null> {
  let refusal: Refusal | null = null;
  const hits = await store.hitRateLimits(limits.map((l) => l.key), now, windowMs);
  for (const [i, { max }] of limits.entries()) {
    const { count, resetAt } = hits[i]!;
    if (count > max && !refusal) {
      const seconds = Math.max(1, Math.ceil((resetAt.getTime() - now.getTime()) / 1000));
      refusal = new Refusal(429, 'tooManyRequests', undefined, { 'Retry-After': String(seconds) });
    }
  }
  return refusal;
}

export async function codeRequestLimits(secret: string, providerId: ProviderId, email: string, clientIp: string) {
  return [
    { key: `code:address:${providerId}:${await hmacSha256(secret, normalEmail(email))}`, max: CODE_REQUESTS_PER_ADDRESS },
    { key: `code:ip:${await hmacSha256(secret, clientIp)}`, max: CODE_REQUESTS_PER_IP },
  ];
}

export async function codeCheckLimits(secret: string, clientIp: string) {
  return [{ key: `check:ip:${await hmacSha256(secret, clientIp)}`, max: CODE_CHECKS_PER_IP }];
}

// ---------- asking for a code ----------

export type CodeRequest =
  | { purpose: 'signIn'; email: string; lng: MailLanguage }
  | { purpose: 'guest'; email: string; reference: string; lng: MailLanguage };

/**
 * Makes a code and link for an address that may use them — a customer's for 'signIn'; for 'guest', the
 * address a case with that reference was raised with — and returns the mail to send. Anything else: null,
 * and the caller answers exactly as it would have (no account or case can be probed).
 *
 * The same work for any address (issue 20.8): a code is drawn, hashed and stored whether or not the address
 * may sign in, and the mail composed; for an address that may not, the stored hash is void (no code matches
 * it) and the mail is dropped, so neither the answer nor its time tells a known address from an unknown one.
 * A new code does not void the ones already sent (issue 20.9): each stays good until it expires, is used, or
 * runs out of tries, so asking for codes for someone else's address cannot lock its owner out.
 */
export async function createSignInCode(
  tx: BackOfficeTx,
  secret: string,
  providerId: ProviderId,
  request: CodeRequest,
  now: Date,
  origin: string,
): Promise<ComposedMail | null> {
  const email = normalEmail(request.email);
  let reference: string | null = null;
  let allowed: boolean;
  if (request.purpose === 'signIn') {
    // A customer's account, a member of the provider's staff (./staff.ts), or an address an organisation has
    // invited (decision 0105): the same code. Any other address does the same work, with a code that never matches.
    // The lookups see only the records with this address (the sign-in scope: docs/decisions/0136-sign-in-scope.md).
    tx.actFor(signInScope(providerId, email));
    const customer = await tx.findCustomerByEmail(providerId, email);
    const member = await tx.findStaffByEmail(providerId, email);
    const invited = await hasOpenInvitation(tx, providerId, email, now);
    allowed = customer !== null || member !== null || invited;
  } else {
    const c = await tx.findCase({ providerId, kind: 'provider' }, request.reference.trim().toUpperCase());
    allowed = c !== null && normalEmail(c.aboutYou.email) === email;
    // Kept as asked when it is not theirs: the stored code is void either way, and the row the same shape.
    reference = allowed && c ? c.reference : request.reference.trim().toUpperCase();
  }
  const id = newId('code');
  const code = sixDigitCode();
  const link = randomToken(40);
  // For an address that may not sign in, hashes no code or link can match (an HMAC of another message), never sent.
  const [codeHash, linkHash] = await Promise.all([codeHashOf(secret, id, code, allowed ? 'code' : 'void'), linkHashOf(secret, link, allowed ? 'link' : 'void-link')]);
  await tx.insertSignInCode({
    id,
    providerId,
    email,
    purpose: request.purpose,
    reference,
    codeHash,
    linkHash,
    tries: 0,
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + CODE_TTL_MS).toISOString(),
    usedAt: null,
  });
  const values: Record<string, string> = {
    provider: getProfile(providerId).name,
    code,
    reference: reference ?? '',
    minutes: String(CODE_TTL_MS / 60_000),
    link: `${origin}/sign-in?token=${link}&lng=${request.lng}`,
  };
  const mail = composeMail(request.purpose === 'guest' ? 'guest' : 'signIn', { providerId, address: request.email, lng: request.lng }, values);
  return allowed ? mail : null;
}

// ---------- signing in with it ----------

const codeRefusal = (code: 'codeInvalid' | 'codeExpired' | 'codeTooManyTries') => new Refusal(422, code, [{ path: 'code', code }]);

/**
 * Checks a code (with its address) or a link token. Every code check counts a try on each live code of the
 * address, atomically in the store (issue 20.2: concurrent checks cannot share a count), before comparing; a
 * code that has had MAX_CODE_TRIES is burned. A good one is spent with every other code of the address and
 * names who signs in: the customer with that address — who also gets the cases they raised as a guest with
 * it — or, for a guest code and no account, the guest of that one case.
 */
export async function checkSignInCode(tx: BackOfficeTx, secret: string, providerId: ProviderId, input: SignInVerify, now: Date): Promise<Outcome<SessionScope>> {
  let found: StoredSignInCode | null = null;
  if ('token' in input) {
    found = await tx.findSignInCodeByLink(providerId, await linkHashOf(secret, input.token));
    if (!found || found.usedAt) return { refusal: codeRefusal('codeInvalid') };
    if (Date.parse(found.expiresAt) <= now.getTime()) return { refusal: codeRefusal('codeExpired') };
    if (found.tries >= MAX_CODE_TRIES) return { refusal: codeRefusal('codeTooManyTries') };
  } else {
    const email = normalEmail(input.email);
    const live = await tx.countSignInCodeTry(providerId, email, now, MAX_CODE_TRIES);
    const code = input.code.trim();
    for (const candidate of live) {
      if ((await codeHashOf(secret, candidate.id, code)) === candidate.codeHash) found = candidate;
    }
    if (!found) {
      if (live.length > 0) return { refusal: codeRefusal(live.every((c) => c.tries >= MAX_CODE_TRIES) ? 'codeTooManyTries' : 'codeInvalid') };
      // No try was counted: say why the newest code no longer works.
      const latest = await tx.latestSignInCode(providerId, email);
      if (!latest || latest.usedAt) return { refusal: codeRefusal('codeInvalid') };
      if (Date.parse(latest.expiresAt) <= now.getTime()) return { refusal: codeRefusal('codeExpired') };
      return { refusal: codeRefusal(latest.tries >= MAX_CODE_TRIES ? 'codeTooManyTries' : 'codeInvalid') };
    }
  }
  // Spent: this code, and any other sent to the address.
  await tx.deleteSignInCodes(providerId, found.email);

  tx.actFor(signInScope(providerId, found.email));
  const customer = (await tx.findCustomerByEmail(providerId, found.email)) ?? (found.purpose === 'signIn' ? await accountForInvitee(tx, providerId, found.email, now) : null);
  if (customer) {
    // A guest's cases become the customer's own, never their organisation's (decision 0105).
    await tx.attachGuestCases(providerId, found.email, customer.id);
    return { ok: { kind: 'customer', customerId: customer.id } };
  }
  // Under the sign-in scope again (looking for an invitation took the provider's).
  tx.actFor(signInScope(providerId, found.email));
  const staff = found.purpose === 'signIn' ? await tx.findStaffByEmail(providerId, found.email) : null;
  if (staff) return { ok: { kind: 'staff', staffId: staff.id } };
  if (found.purpose === 'guest' && found.reference) {
    const c = await tx.findCase({ providerId, kind: 'provider' }, found.reference);
    if (c) return { ok: { kind: 'guest', reference: c.reference, email: c.aboutYou.email } };
  }
  return { refusal: codeRefusal('codeInvalid') };
}
