// The sandbox process that `npm start` runs (default http://127.0.0.1:3100).
import { z } from 'zod';
import { buildSandbox } from './sandbox-app';

const env = z
  .object({
    RAZORPAY_SANDBOX_PORT: z.coerce.number().int().default(3100),
    RAZORPAY_KEY_ID: z.string().default('rzp_test_MarqueeSandbox'),
    RAZORPAY_KEY_SECRET: z.string().default('marquee-sandbox-key-secret'),
    RAZORPAY_WEBHOOK_SECRET: z.string().default('marquee-sandbox-webhook-secret'),
    RAZORPAY_WEBHOOK_URL: z.url().optional(),
    /** The account's payment capture: automatic (Razorpay's default) or manual. */
    RAZORPAY_SANDBOX_CAPTURE: z.enum(['automatic', 'manual']).default('automatic'),
    /** How long an uncaptured authorization lives before its automatic refund (real Razorpay: 5 days). */
    RAZORPAY_SANDBOX_AUTHORIZATION_LAPSE_MS: z.coerce
      .number()
      .int()
      .min(0)
      .max(2 ** 31 - 1)
      .default(5 * 24 * 3600_000),
  })
  // eslint-disable-next-line no-restricted-properties -- this process's one read of its settings
  .parse(process.env);

const publicUrl = `http://127.0.0.1:${env.RAZORPAY_SANDBOX_PORT}`;
const { app } = await buildSandbox({
  keyId: env.RAZORPAY_KEY_ID,
  keySecret: env.RAZORPAY_KEY_SECRET,
  publicUrl,
  capture: { mode: env.RAZORPAY_SANDBOX_CAPTURE, authorizationLapseMs: env.RAZORPAY_SANDBOX_AUTHORIZATION_LAPSE_MS },
  webhook: {
    url: env.RAZORPAY_WEBHOOK_URL ?? null,
    secret: env.RAZORPAY_WEBHOOK_SECRET,
    retryBaseMs: 2_000,
    maxAttempts: 10,
  },
});
await app.listen({ host: '127.0.0.1', port: env.RAZORPAY_SANDBOX_PORT });
console.log(
  `Razorpay sandbox on ${publicUrl} (webhooks to ${env.RAZORPAY_WEBHOOK_URL ?? 'nowhere'}, ${env.RAZORPAY_SANDBOX_CAPTURE} capture)`,
);
const stop = () => void app.close().then(() => process.exit(0));
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
