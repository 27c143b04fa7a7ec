/**
 * The client's IP address for rate limits (issue 20.3). Behind `hops` trusted proxies, each appending the
 * address it was reached from to X-Forwarded-For, the client is the entry `hops` places from the right: the
 * last proxy appended the one before it, …, the first proxy appended the client. Whatever stands further left
 * came from the client itself and is never believed. With fewer entries than hops the request did not come
 * through every proxy: the socket's peer answers, as with no proxy at all.
 */
export function clientIp(peer: string, forwardedFor: string | undefined, hops: number): string {
  if (hops <= 0 || !forwardedFor) return peer;
  const entries = forwardedFor
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  const entry = entries[entries.length - hops];
  return entry ?? peer;
}

/**
 * Whether a Host header names this deployment (issue 20.14): the public address's host (PUBLIC_URL) or one of
 * ALLOWED_ORIGINS'; with no PUBLIC_URL configured, a loopback name on any port (a local `npm start`).
 */
export function hostCheck(publicUrl: string | null, allowedOrigins: readonly string[]): (host: string) => boolean {
  const hosts = new Set<string>();
  for (const origin of [...(publicUrl ? [publicUrl] : []), ...allowedOrigins]) {
    try {
      hosts.add(new URL(origin).host.toLowerCase());
    } catch {
      // not a URL: ALLOWED_ORIGINS is checked as origins elsewhere
    }
  }
  const loopback = /^(localhost|127\.0\.0\.1|\[::1\])(:\d{1,5})?$/;
  return (host) => hosts.has(host) || (publicUrl === null && loopback.test(host));
}
