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
  })
  // eslint-disable-next-line no-restricted-properties -- this process's one read of its settings
  .parse(process.env);

const publicUrl = `http://127.0.0.1:${env.RAZORPAY_SANDBOX_PORT}`;
const { app } = await buildSandbox({
  keyId: env.RAZORPAY_KEY_ID,
  keySecret: env.RAZORPAY_KEY_SECRET,
  publicUrl,
  webhook: {
    url: env.RAZORPAY_WEBHOOK_URL ?? null,
    secret: env.RAZORPAY_WEBHOOK_SECRET,
    retryBaseMs: 2_000,
    maxAttempts: 10,
  },
});
await app.listen({ host: '127.0.0.1', port: env.RAZORPAY_SANDBOX_PORT });
console.log(`Razorpay sandbox on ${publicUrl} (webhooks to ${env.RAZORPAY_WEBHOOK_URL ?? 'nowhere'})`);
const stop = () => void app.close().then(() => process.exit(0));
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
