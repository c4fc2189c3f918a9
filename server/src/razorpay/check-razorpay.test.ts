// `pnpm razorpay:check` against the sandbox over HTTP: right keys pass and leave a ₹1 order, wrong
// ones fail in one line, and with the site's address its webhook route and Checkout policy are checked.
import { buildSandbox } from '@marquee/razorpay-sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseEnv } from '../env';
import { freePort } from '../test/redis-server';
import { startPaymentSandbox, TEST_RAZORPAY } from '../test/payment-sandbox';
import { createTestContext, type TTestContext } from '../test/test-context';
import { startTestServer, type TTestServer } from '../test/test-server';
import { checkRazorpay, formatReport, WEBHOOK_EVENTS, type TRazorpayCheckReport } from './check-razorpay';

let sandbox: Awaited<ReturnType<typeof startPaymentSandbox>>;
beforeAll(async () => {
  sandbox = await startPaymentSandbox();
});
afterAll(async () => {
  await sandbox?.app.close();
});

const sandboxEnv = (overrides: Record<string, string> = {}) =>
  parseEnv({ ...TEST_RAZORPAY, RAZORPAY_API_URL: sandbox.url, ...overrides });
const failures = (report: TRazorpayCheckReport) =>
  report.results.filter((r) => r.status === 'fail').map((r) => r.message);

describe('pnpm razorpay:check', () => {
  it('passes with the right keys, creating a ₹1 order and reading it back', async () => {
    const report = await checkRazorpay(sandboxEnv());
    expect(failures(report)).toEqual([]);
    expect(report.ok).toBe(true);
    const created = report.results.find((r) => r.message.startsWith('keys accepted'))?.message ?? '';
    const orderId = /order (order_\w+)/.exec(created)?.[1];
    expect(orderId).toBeDefined();
    expect(sandbox.store.orders.get(orderId!)).toMatchObject({ amount: 100, currency: 'INR', status: 'created' });
    expect(report.results.some((r) => r.message.includes('read back: ₹1, status created'))).toBe(true);
    expect(report.results.some((r) => r.status === 'ok' && r.message.includes('test-mode key'))).toBe(true);
  });

  it('says in one line that the keys are wrong when Razorpay answers 401', async () => {
    const report = await checkRazorpay(sandboxEnv({ RAZORPAY_KEY_SECRET: 'not-the-secret' }));
    expect(report.ok).toBe(false);
    const failed = failures(report);
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatch(/^RAZORPAY_KEY_ID \/ RAZORPAY_KEY_SECRET are wrong: Razorpay answered 401/);
    expect(failed[0]).not.toContain('\n');
    expect(formatReport(report)).toMatch(/Razorpay check FAILED/);
  });

  it('warns about live keys', async () => {
    const live = await startPaymentSandboxWithKey('rzp_live_MarqueeCheck');
    try {
      const report = await checkRazorpay(
        parseEnv({ ...TEST_RAZORPAY, RAZORPAY_KEY_ID: 'rzp_live_MarqueeCheck', RAZORPAY_API_URL: live.url }),
      );
      expect(report.ok).toBe(true);
      expect(report.results.find((r) => r.status === 'warn')?.message).toMatch(/LIVE key/);
    } finally {
      await live.app.close();
    }
  });

  it("refuses the sandbox's public keys and webhook secret against Razorpay itself, before calling it", async () => {
    const report = await checkRazorpay(parseEnv({}));
    expect(report.ok).toBe(false);
    expect(failures(report)).toEqual([expect.stringMatching(/are the sandbox’s public ones/)]);
  });

  it('fails a key id that is not a Razorpay one, and a webhook secret equal to the key secret', async () => {
    const report = await checkRazorpay(
      sandboxEnv({ RAZORPAY_KEY_ID: 'MarqueeTests', RAZORPAY_WEBHOOK_SECRET: TEST_RAZORPAY.RAZORPAY_KEY_SECRET }),
    );
    expect(failures(report)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/is not a Razorpay key id/),
        expect.stringMatching(/RAZORPAY_WEBHOOK_SECRET is the key secret/),
      ]),
    );
  });

  it('lists what only the dashboard shows: the webhook with its events and secret, capture, domains', async () => {
    const report = await checkRazorpay(sandboxEnv(), { site: 'http://127.0.0.1:1' });
    const text = formatReport(report);
    expect(text).toContain('http://127.0.0.1:1/webhooks/razorpay');
    for (const event of WEBHOOK_EVENTS) expect(text).toContain(event);
    expect(text).toMatch(/capture/i);
    expect(text).toContain('https://checkout.razorpay.com');
    // Nothing listens there: both site checks fail, each in its own line.
    expect(failures(report).filter((f) => f.startsWith('cannot reach http://127.0.0.1:1/'))).toHaveLength(2);
  });

  describe('with the site', () => {
    let ctx: TTestContext;
    let server: TTestServer;
    beforeAll(async () => {
      ctx = await createTestContext({ ...TEST_RAZORPAY, RAZORPAY_API_URL: sandbox.url });
      server = await startTestServer(ctx);
    });
    afterAll(async () => {
      await server?.close();
      await ctx?.close();
    });

    it("finds the webhook route refusing unsigned deliveries and the page admitting the sandbox's Checkout", async () => {
      const report = await checkRazorpay(ctx.env, { site: server.url });
      expect(failures(report)).toEqual([]);
      const messages = report.results.map((r) => r.message);
      expect(messages).toContain(
        `${server.url}/webhooks/razorpay answers, and refuses a delivery without Razorpay's signature`,
      );
      expect(messages).toContain(`${server.url}/ lets in the stand-in's Checkout, nothing of razorpay.com`);
    });
  });
});

/** A sandbox that knows another key id (the shared helper's is a test-mode one). */
async function startPaymentSandboxWithKey(keyId: string) {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const built = await buildSandbox({
    keyId,
    keySecret: TEST_RAZORPAY.RAZORPAY_KEY_SECRET,
    publicUrl: url,
    webhook: { url: null, secret: TEST_RAZORPAY.RAZORPAY_WEBHOOK_SECRET, retryBaseMs: 100, maxAttempts: 5 },
  });
  await built.app.listen({ host: '127.0.0.1', port });
  return { ...built, url };
}
