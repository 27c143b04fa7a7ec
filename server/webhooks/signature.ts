import { createHmac } from 'node:crypto';

/**
 * How a delivery is signed (docs/webhooks.md): `Redress-Signature: v1=<hex>` where hex is HMAC-SHA256 with the
 * endpoint's secret over `<timestamp>.<body>`, the timestamp (Unix seconds) sent as `Redress-Timestamp`, the
 * event's id as `Redress-Event-Id`. Receivers check with server/webhooks/verify-example.ts, quoted in the docs.
 */
export function signDelivery(secret: string, timestamp: number, body: string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}
