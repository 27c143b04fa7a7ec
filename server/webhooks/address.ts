import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import type { WebhookAddressProblem } from '@/core/ports';

/**
 * Where the server may send a webhook (no server-side request forgery): https only, and never to an address of
 * its own networks — loopback, private, link-local (with the cloud metadata address), carrier-grade NAT,
 * unspecified, multicast and reserved ranges, IPv4 and IPv6. The name is resolved and every address checked, at
 * registration and again at each send; the request then goes to the checked address only (`pinnedLookup`), so a
 * name that resolves differently a moment later (DNS rebinding) cannot redirect it.
 * `allowLoopback` is for tests only (WEBHOOKS_TEST_ALLOW_LOOPBACK): plain http to 127.0.0.1.
 */

const blocked = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.0.2.0', 24], ['192.88.99.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['198.51.100.0', 24],
  ['203.0.113.0', 24], ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) blocked.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of [
  ['::', 128], ['::1', 128], ['100::', 64], ['2001:db8::', 32], ['fc00::', 7], ['fe80::', 10], ['fec0::', 10], ['ff00::', 8],
  ['fd00:ec2::254', 128],
] as const) blocked.addSubnet(net, prefix, 'ipv6');

export function isForbiddenAddress(address: string): boolean {
  // An IPv4 address written as IPv6 (::ffff:a.b.c.d, or NAT64's 64:ff9b::a.b.c.d) is judged as the IPv4 address.
  const mapped = /^(?:::ffff:|64:ff9b::)(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return isForbiddenAddress(mapped[1]!);
  if (/^(?:::ffff:|64:ff9b::)/i.test(address)) return true;
  const family = isIP(address);
  if (family === 0) return true;
  return blocked.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

export type Resolver = (host: string) => Promise<{ address: string; family: number }[]>;
export const systemResolver: Resolver = (host) => lookup(host, { all: true, verbatim: true });

export interface AddressPolicy {
  allowLoopback: boolean;
  resolve: Resolver;
}

export type CheckedAddress = { ok: true; address: string; family: number } | { ok: false; problem: WebhookAddressProblem };

export async function checkWebhookUrl(raw: string, policy: AddressPolicy): Promise<CheckedAddress> {
  const url = new URL(raw);
  if (url.username || url.password) return { ok: false, problem: 'credentialsInUrl' };
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const loopbackAllowed = policy.allowLoopback && (host === '127.0.0.1' || host === 'localhost');
  if (url.protocol !== 'https:' && !(loopbackAllowed && url.protocol === 'http:')) return { ok: false, problem: 'httpsRequired' };
  let addresses: { address: string; family: number }[];
  try {
    addresses = isIP(host) ? [{ address: host, family: isIP(host) }] : await policy.resolve(host);
  } catch {
    return { ok: false, problem: 'unresolvable' };
  }
  if (addresses.length === 0) return { ok: false, problem: 'unresolvable' };
  for (const a of addresses) {
    if (isForbiddenAddress(a.address) && !(loopbackAllowed && a.address === '127.0.0.1')) return { ok: false, problem: 'privateAddress' };
  }
  return { ok: true, address: addresses[0]!.address, family: addresses[0]!.family };
}
