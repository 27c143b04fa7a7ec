/**
 * SHA-256 in lower-case hex, the one way the back office hashes: session tokens, sign-in codes, integration keys
 * and request fingerprints. On the server Node's hash (synchronous and far cheaper than Web Crypto's there; the
 * same digest); in the browser Web Crypto.
 */

type NodeCrypto = { createHash(algorithm: 'sha256'): { update(data: string | Uint8Array): { digest(encoding: 'hex'): string } } };
const nodeCrypto = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process?.getBuiltinModule?.('node:crypto') as NodeCrypto | undefined;

/** The SHA-256 of `data` (a string as UTF-8) in lower-case hex. */
export async function sha256(data: string | Uint8Array): Promise<string> {
  if (nodeCrypto) return nodeCrypto.createHash('sha256').update(data).digest('hex');
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
  const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}
