import { createHmac, timingSafeEqual } from 'node:crypto';

function hmacHex(secret: string, data: string | Buffer): string {
  return createHmac('sha256', secret).update(data).digest('hex');
}

/** Constant-time comparison of two hex signatures (a length mismatch is simply false). */
function sameSignature(expected: string, given: string): boolean {
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(given, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Checkout's handler signature: HMAC-SHA256(key_secret, order_id + "|" + payment_id). */
export function isValidCheckoutSignature(p: {
  orderId: string;
  paymentId: string;
  signature: string;
  keySecret: string;
}): boolean {
  return sameSignature(hmacHex(p.keySecret, `${p.orderId}|${p.paymentId}`), p.signature);
}

/** Webhook signature: HMAC-SHA256(webhook_secret, raw body bytes). */
export function isValidWebhookSignature(p: { rawBody: Buffer; signature: string; secret: string }): boolean {
  return sameSignature(hmacHex(p.secret, p.rawBody), p.signature);
}
