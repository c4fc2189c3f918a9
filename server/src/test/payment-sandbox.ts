// The Razorpay sandbox for tests: a real HTTP server on a free port whose webhooks reach the API under test.
import { buildSandbox, type TSandbox } from '@marquee/razorpay-sandbox';
import { freePort } from './redis-server';

export const TEST_RAZORPAY = {
  RAZORPAY_KEY_ID: 'rzp_test_MarqueeTests',
  RAZORPAY_KEY_SECRET: 'test-key-secret',
  RAZORPAY_WEBHOOK_SECRET: 'test-webhook-secret',
};

export type TTestSandbox = TSandbox & {
  url: string;
  /** POSTs JSON to one of the sandbox's routes (its `/_sandbox/…` controls: pay an order, settings) over HTTP. */
  control: (path: string, body: object) => Promise<Record<string, string>>;
};

export async function startPaymentSandbox(): Promise<TTestSandbox> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const sandbox = await buildSandbox({
    keyId: TEST_RAZORPAY.RAZORPAY_KEY_ID,
    keySecret: TEST_RAZORPAY.RAZORPAY_KEY_SECRET,
    publicUrl: url,
    webhook: { url: null, secret: TEST_RAZORPAY.RAZORPAY_WEBHOOK_SECRET, retryBaseMs: 100, maxAttempts: 5 },
  });
  await sandbox.app.listen({ host: '127.0.0.1', port });
  const control = async (path: string, body: object): Promise<Record<string, string>> => {
    const res = await fetch(`${url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return (await res.json()) as Record<string, string>;
  };
  return { ...sandbox, url, control };
}
