/**
 * SHA-256 in lower-case hex, the one way the back office hashes: session tokens, sign-in codes, integration keys
 * and request fingerprints. On the server Node's hash (synchronous and far cheaper than Web Crypto's there; the
 * same digest); in the browser Web Crypto.
 */

type NodeCrypto = {
  createHash(algorithm: 'sha256'): { update(data: string | Uint8Array): { digest(encoding: 'hex'): string } };
  createHmac(algorithm: 'sha256', key: string): { update(text: string, encoding: 'utf8'): { digest(encoding: 'hex'): string } };
};
/** Node's crypto when the core runs on the server; undefined in the browser (Web Crypto there). */
const nodeCrypto = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process?.getBuiltinModule?.('node:crypto') as NodeCrypto | undefined;

/** Bytes as lower-case hex: the one place a Web Crypto digest becomes text. */
export const toHex = (buffer: ArrayBuffer | Uint8Array) => Array.from(buffer instanceof Uint8Array ? buffer : new Uint8Array(buffer), (b) => b.toString(16).padStart(2, '0')).join('');

/** The SHA-256 of `data` (a string as UTF-8) in lower-case hex. */
export async function sha256(data: string | Uint8Array): Promise<string> {
  if (nodeCrypto) return nodeCrypto.createHash('sha256').update(data).digest('hex');
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
  return toHex(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
}

/**
 * The secret of the simulated back office, which runs in the page and keeps nothing worth protecting. A server
 * always passes its own (BackOfficeDeps.secret): from SERVER_SECRET, or generated into the data folder.
 */
export const SIMULATED_SECRET = 'redress-simulated-back-office';

const webKeys = new Map<string, Promise<CryptoKey>>();

/** HMAC-SHA-256 of `text` (UTF-8) with `secret`, in lower-case hex: what a stolen table cannot be checked against without the secret. */
export async function hmacSha256(secret: string, text: string): Promise<string> {
  if (nodeCrypto) return nodeCrypto.createHmac('sha256', secret).update(text, 'utf8').digest('hex');
  let key = webKeys.get(secret);
  if (!key) {
    key = crypto.subtle.importKey('raw', new TextEncoder().encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    webKeys.set(secret, key);
  }
  return toHex(await crypto.subtle.sign('HMAC', await key, new TextEncoder().encode(text)));
}

/** How a sign-in link is stored (its HMAC): the sign-in links (./sign-in.ts) and the case links in messages (./notifications.ts). */
export const linkHashOf = (secret: string, link: string, use = 'link') => hmacSha256(secret, `${use}:${link}`);
