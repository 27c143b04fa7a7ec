// Verifying a Redress webhook (Node 18+), as docs/webhooks.md shows it. Pass the raw body, not parsed JSON.
import { createHmac, timingSafeEqual } from 'node:crypto';

export function verifyRedressWebhook(
  secret: string,
  headers: { 'redress-timestamp'?: string; 'redress-signature'?: string },
  rawBody: string,
  toleranceSeconds = 300,
): boolean {
  const timestamp = Number(headers['redress-timestamp']);
  const signature = headers['redress-signature'] ?? '';
  if (!Number.isInteger(timestamp) || Math.abs(Date.now() / 1000 - timestamp) > toleranceSeconds) return false;
  const expected = `v1=${createHmac('sha256', secret).update(`${timestamp}.${rawBody}`).digest('hex')}`;
  const a = Buffer.from(expected);
  const b = Buffer.from(signature);
  return a.length === b.length && timingSafeEqual(a, b);
}
