import type { OperationId } from '@/api/operations';
import type { BackOfficeStore } from '../ports';
import { hmacSha256 } from '../hash';
import { countAgainstLimits } from '../sign-in';

/**
 * Rate limits on what writes (issue 20.4; docs/decisions/0102): submitting a complaint, uploading (before
 * submitting, or as evidence on a case) and commenting, per client IP and per client — the session, or an
 * anonymous browser's client token. Counted by the one rate-limit window rule (sign-in's countAgainstLimits over
 * the store's hitRateLimit, src/core/windows.ts), in a unit of work of its own before the request's, so a refused
 * request still counts and a request's own unit of work never waits on a counter. Keys are HMACs: no IP or
 * token in clear. A request over a limit is 429 problem+json with Retry-After.
 */

export const WRITE_WINDOW_MS = 10 * 60_000;

export type WriteKind = 'complaint' | 'upload' | 'comment';
export type WriteLimits = Record<WriteKind, { perClient: number; perIp: number }>;

/**
 * Per 10 minutes. A person raises a complaint or two, adds at most 10 files to each and comments now and then; a
 * retry counts too. The per-IP figures leave room for an office behind one address (a business's members).
 */
export const WRITE_LIMITS: WriteLimits = {
  complaint: { perClient: 20, perIp: 100 },
  upload: { perClient: 40, perIp: 200 },
  comment: { perClient: 30, perIp: 200 },
};

const kindOf: Partial<Record<OperationId, WriteKind>> = {
  submitComplaint: 'complaint',
  uploadAttachment: 'upload',
  addEvidence: 'upload',
  addComment: 'comment',
};

/** The limits scaled by `factor` (the fault suite's hundreds of runs in one test). */
export function scaledWriteLimits(factor: number): WriteLimits {
  const scale = ({ perClient, perIp }: { perClient: number; perIp: number }) => ({ perClient: perClient * factor, perIp: perIp * factor });
  return { complaint: scale(WRITE_LIMITS.complaint), upload: scale(WRITE_LIMITS.upload), comment: scale(WRITE_LIMITS.comment) };
}

/**
 * Counts one write of the operation's kind against the IP's and the client's limits; throws 429 when over. `client`
 * is asked only for an operation that is limited: a read never pays for hashing who it is.
 */
export async function limitWrites(
  store: BackOfficeStore,
  secret: string,
  limits: WriteLimits | null,
  operationId: OperationId,
  ip: string,
  clientOf: () => Promise<string | null>,
  now: Date,
): Promise<void> {
  const kind = kindOf[operationId];
  if (!kind || !limits) return;
  const keys = [{ key: `write:${kind}:ip:${await hmacSha256(secret, ip)}`, max: limits[kind].perIp }];
  const client = await clientOf();
  if (client) keys.push({ key: `write:${kind}:client:${await hmacSha256(secret, client)}`, max: limits[kind].perClient });
  const refusal = await countAgainstLimits(store, now, keys, WRITE_WINDOW_MS);
  if (refusal) throw refusal;
}
