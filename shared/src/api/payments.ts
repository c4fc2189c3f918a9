import { z } from 'zod';
import { ZPaiseSchema } from '../paise-schema';

export const PAYMENT_METHODS = ['checkout', 'upi_qr'] as const;

export const ZCreateOrderInputSchema = z.strictObject({
  bookingId: z.uuid(),
  method: z.enum(PAYMENT_METHODS),
});

/** What Razorpay Checkout needs (never the key secret), and for UPI the QR to show. */
export const ZCreateOrderOutputSchema = z.object({
  bookingId: z.uuid(),
  keyId: z.string(),
  orderId: z.string(),
  amountPaise: ZPaiseSchema,
  currency: z.literal('INR'),
  name: z.string(),
  description: z.string(),
  prefill: z.object({ email: z.string().optional(), contact: z.string().optional() }),
  expiresAt: z.iso.datetime(),
  /** For upi_qr: the QR's id and its image, served by Marquee's own API. */
  qr: z.object({ id: z.string(), imageUrl: z.string() }).nullable(),
  /** Where the browser loads Checkout's script from (Razorpay's, or the sandbox's in development). */
  checkoutScriptUrl: z.url(),
});
export type TCreateOrderOutput = z.infer<typeof ZCreateOrderOutputSchema>;

const razorpayId = (prefix: string) =>
  z.string().regex(new RegExp(`^${prefix}_[0-9A-Za-z]{1,40}$`), `must be a Razorpay ${prefix} id`);

/** The three fields Checkout's handler receives, plus the booking they are for. */
export const ZVerifyPaymentInputSchema = z.strictObject({
  bookingId: z.uuid(),
  razorpay_order_id: razorpayId('order'),
  razorpay_payment_id: razorpayId('pay'),
  razorpay_signature: z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 hex characters'),
});
