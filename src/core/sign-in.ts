import type { MailLanguage, SignInVerify } from '@/api/schemas';
import type { ProviderId } from '@/domain/profile-schema';
import { getProfile } from '@/domain/profiles';
import type { BackOfficeTx, SessionScope, StoredSignInCode } from './ports';
import { composeMail, type ComposedMail } from './mail';
import { Refusal } from './problem';
import { accountForInvitee, hasOpenInvitation } from './organisation';
import { newId, randomToken } from './references';

/**
 * Passwordless sign-in (docs/decisions/0080-passwordless-sign-in.md), after epic-stack's verification and
 * TOTP models: a 6-digit code and a link token, single use, valid for CODE_TTL_MS, stored as SHA-256 with a
 * tries counter. Rules only: the HTTP binding (./http.ts) commits what they record before it answers a
 * refusal, so a wrong try or a rate-limit hit counts even though the request fails.
 */

export const CODE_TTL_MS = 15 * 60_000;
/** Wrong codes before a code is burned. */
export const MAX_CODE_TRIES = 5;

export const RATE_WINDOW_MS = 15 * 60_000;
/** Code requests per address and per client IP in RATE_WINDOW_MS; code checks per client IP. */
export const CODE_REQUESTS_PER_ADDRESS = 5;
export const CODE_REQUESTS_PER_IP = 20;
export const CODE_CHECKS_PER_IP = 50;

/** Node's hash, when the core runs on the server: synchronous and far cheaper than Web Crypto's there (the same digest). */
type NodeCrypto = { createHash(algorithm: 'sha256'): { update(text: string, encoding: 'utf8'): { digest(encoding: 'hex'): string } } };
const nodeCrypto = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process?.getBuiltinModule?.('node:crypto') as NodeCrypto | undefined;

/** The SHA-256 of `text` (UTF-8) in lower-case hex. */
export async function sha256(text: string): Promise<string> {
  if (nodeCrypto) return nodeCrypto.createHash('sha256').update(text, 'utf8').digest('hex');
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Six decimal digits, uniformly drawn (rejection sampling: no digit more likely than another). */
export function sixDigitCode(): string {
  const word = new Uint32Array(1);
  const limit = Math.floor(0x1_0000_0000 / 1_000_000) * 1_000_000;
  for (;;) {
    crypto.getRandomValues(word);
    if (word[0]! < limit) return String(word[0]! % 1_000_000).padStart(6, '0');
  }
}

const codeHashOf = (id: string, code: string) => sha256(`${id}:${code}`);
const normalEmail = (email: string) => email.trim().toLowerCase();

/** A refusal the binding answers after committing what the unit of work recorded (tries, counters). */
export type Outcome<T> = { ok: T } | { refusal: Refusal };

// ---------- rate limits ----------

/**
 * Counts one request against each key; the first over its limit refuses with 429 and Retry-After (seconds).
 * Keys name an address by its hash: the counters hold no address.
 */
export async function countAgainstLimits(tx: BackOfficeTx, now: Date, limits: readonly { key: string; max: number }[]): Promise<Refusal | null> {
  let refusal: Refusal | null = null;
  for (const { key, max } of limits) {
    const { count, resetAt } = await tx.hitRateLimit(key, now, RATE_WINDOW_MS);
    if (count > max && !refusal) {
      const seconds = Math.max(1, Math.ceil((resetAt.getTime() - now.getTime()) / 1000));
      refusal = new Refusal(429, 'tooManyRequests', undefined, { 'Retry-After': String(seconds) });
    }
  }
  return refusal;
}

export async function codeRequestLimits(providerId: ProviderId, email: string, clientIp: string) {
  return [
    { key: `code:address:${providerId}:${await sha256(normalEmail(email))}`, max: CODE_REQUESTS_PER_ADDRESS },
    { key: `code:ip:${clientIp}`, max: CODE_REQUESTS_PER_IP },
  ];
}

export function codeCheckLimits(clientIp: string) {
  return [{ key: `check:ip:${clientIp}`, max: CODE_CHECKS_PER_IP }];
}

// ---------- asking for a code ----------

export type CodeRequest =
  | { purpose: 'signIn'; email: string; lng: MailLanguage }
  | { purpose: 'guest'; email: string; reference: string; lng: MailLanguage };

/**
 * Makes a code and link for an address that may use them — a customer's for 'signIn'; for 'guest', the
 * address a case with that reference was raised with — and returns the mail to send. Anything else: null,
 * and the caller answers exactly as it would have (no account or case can be probed).
 */
export async function createSignInCode(
  tx: BackOfficeTx,
  providerId: ProviderId,
  request: CodeRequest,
  now: Date,
  origin: string,
): Promise<ComposedMail | null> {
  const email = normalEmail(request.email);
  let reference: string | null = null;
  if (request.purpose === 'signIn') {
    // An address with no account gets a code only when an organisation has invited it (decision 0105).
    if (!(await tx.findCustomerByEmail(providerId, email)) && !(await hasOpenInvitation(tx, providerId, email, now))) return null;
  } else {
    const c = await tx.findCase({ providerId, kind: 'provider' }, request.reference.trim().toUpperCase());
    if (!c || normalEmail(c.aboutYou.email) !== email) return null;
    reference = c.reference;
  }
  const id = newId('code');
  const code = sixDigitCode();
  const link = randomToken(40);
  await tx.deleteSignInCodes(providerId, email);
  await tx.insertSignInCode({
    id,
    providerId,
    email,
    purpose: request.purpose,
    reference,
    codeHash: await codeHashOf(id, code),
    linkHash: await sha256(link),
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
  return composeMail(request.purpose === 'guest' ? 'guest' : 'signIn', { providerId, address: request.email, lng: request.lng }, values);
}

// ---------- signing in with it ----------

const codeRefusal = (code: 'codeInvalid' | 'codeExpired' | 'codeTooManyTries') => new Refusal(422, code, [{ path: 'code', code }]);

/**
 * Checks a code (with its address) or a link token. A wrong code counts a try; the fifth burns the code. A
 * good one is spent and names who signs in: the customer with that address — who also gets the cases they
 * raised as a guest with it — or, for a guest code and no account, the guest of that one case.
 */
export async function checkSignInCode(tx: BackOfficeTx, providerId: ProviderId, input: SignInVerify, now: Date): Promise<Outcome<SessionScope>> {
  let found: StoredSignInCode | null;
  if ('token' in input) found = await tx.findSignInCodeByLink(providerId, await sha256(input.token));
  else found = await tx.latestSignInCode(providerId, normalEmail(input.email));
  if (!found || found.usedAt) return { refusal: codeRefusal('codeInvalid') };
  if (Date.parse(found.expiresAt) <= now.getTime()) return { refusal: codeRefusal('codeExpired') };
  if (found.tries >= MAX_CODE_TRIES) return { refusal: codeRefusal('codeTooManyTries') };
  if ('code' in input && (await codeHashOf(found.id, input.code.trim())) !== found.codeHash) {
    const tries = found.tries + 1;
    await tx.updateSignInCode({ ...found, tries });
    return { refusal: codeRefusal(tries >= MAX_CODE_TRIES ? 'codeTooManyTries' : 'codeInvalid') };
  }
  // Spent: this code, and any other sent to the address.
  await tx.deleteSignInCodes(providerId, found.email);

  const customer = (await tx.findCustomerByEmail(providerId, found.email)) ?? (found.purpose === 'signIn' ? await accountForInvitee(tx, providerId, found.email, now) : null);
  if (customer) {
    // A guest's cases become the customer's own, never their organisation's (decision 0105).
    await tx.attachGuestCases(providerId, found.email, customer.id);
    return { ok: { kind: 'customer', customerId: customer.id } };
  }
  if (found.purpose === 'guest' && found.reference) {
    const c = await tx.findCase({ providerId, kind: 'provider' }, found.reference);
    if (c) return { ok: { kind: 'guest', reference: c.reference, email: c.aboutYou.email } };
  }
  return { refusal: codeRefusal('codeInvalid') };
}
