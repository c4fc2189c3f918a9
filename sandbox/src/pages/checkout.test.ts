// checkout.js in a real browser (Debian's Chromium driven by playwright-core): a merchant page on
// another origin opens Checkout, and each outcome reaches the merchant through Checkout's contract.
import { createHmac } from 'node:crypto';
import { existsSync } from 'node:fs';
import Fastify from 'fastify';
import getPort from 'get-port';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSandbox, type TSandbox } from '../sandbox-app';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
// `npm test` installs Debian's chromium and passes CHROMIUM_PATH; under CI a missing browser fails,
// elsewhere (vitest run on its own) the test is skipped, loudly.
if (!hasChromium && process.env.CI) throw new Error(`CI needs Chromium at ${CHROMIUM} for the browser tests`);
if (!hasChromium)
  console.warn(
    `checkout.js browser test skipped: no Chromium at ${CHROMIUM} (npm test installs it; or apt-get install chromium)`,
  );

const KEY_ID = 'rzp_test_CheckoutTest01';
const KEY_SECRET = 'checkout-test-secret';

describe.skipIf(!hasChromium)('checkout.js stand-in', () => {
  let sandbox: TSandbox;
  let sandboxUrl: string;
  const merchant = Fastify();
  let merchantUrl: string;
  let browser: Browser;

  beforeAll(async () => {
    const port = await getPort({ host: '127.0.0.1' });
    sandboxUrl = `http://127.0.0.1:${port}`;
    sandbox = await buildSandbox({
      keyId: KEY_ID,
      keySecret: KEY_SECRET,
      publicUrl: sandboxUrl,
      webhook: { url: null, secret: 'x', retryBaseMs: 100, maxAttempts: 1 },
    });
    await sandbox.app.listen({ host: '127.0.0.1', port });
    // The merchant page is on another origin ("localhost" vs "127.0.0.1"), as a real shop's would be.
    merchant.get('/', async (_req, reply) =>
      reply
        .type('text/html')
        .send(
          `<!doctype html><html><body><h1>Shop</h1><script src="${sandboxUrl}/v1/checkout.js"></script></body></html>`,
        ),
    );
    await merchant.listen({ host: '127.0.0.1', port: 0 });
    merchantUrl = `http://localhost:${(merchant.server.address() as { port: number }).port}/`;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await merchant.close();
    await sandbox?.app.close();
  });

  async function openCheckout(amount: number): Promise<{ page: Page; orderId: string }> {
    const order = await fetch(`${sandboxUrl}/v1/orders`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Basic ${Buffer.from(`${KEY_ID}:${KEY_SECRET}`).toString('base64')}`,
      },
      body: JSON.stringify({ amount, currency: 'INR', receipt: 'T1' }),
    }).then((r) => r.json() as Promise<{ id: string }>);
    const page = await browser.newPage();
    await page.goto(merchantUrl);
    await page.evaluate(
      ({ key, orderId }) => {
        const w = window as unknown as Record<string, unknown> & {
          Razorpay: new (o: object) => { open(): void; on(e: string, f: (x: unknown) => void): void };
        };
        w.events = [];
        const rzp = new w.Razorpay({
          key,
          order_id: orderId,
          name: 'Marquee',
          description: 'Booking T1',
          handler: (r: unknown) => (w.events as unknown[]).push({ handler: r }),
          modal: { ondismiss: () => (w.events as unknown[]).push('dismissed') },
        });
        rzp.on('payment.failed', (e) => (w.events as unknown[]).push({ failed: e }));
        rzp.open();
      },
      { key: KEY_ID, orderId: order.id },
    );
    return { page, orderId: order.id };
  }

  const events = (page: Page) => page.evaluate(() => (window as unknown as { events: unknown[] }).events);
  const frame = (page: Page) => page.frameLocator('iframe[title="Razorpay sandbox checkout"]');

  it('calls the handler with a correctly signed response when the customer pays', async () => {
    const { page, orderId } = await openCheckout(25_000);
    await expect.poll(() => frame(page).getByText('₹250.00').first().isVisible()).toBe(true);
    await frame(page).getByRole('button', { name: 'Pay ₹250.00' }).click();
    await expect.poll(() => events(page)).toHaveLength(1);
    const [{ handler }] = (await events(page)) as [{ handler: Record<string, string> }];
    expect(handler.razorpay_order_id).toBe(orderId);
    expect(handler.razorpay_signature).toBe(
      createHmac('sha256', KEY_SECRET).update(`${orderId}|${handler.razorpay_payment_id}`).digest('hex'),
    );
    expect(await page.locator('iframe').count()).toBe(0);
    await page.close();
  });

  it('fires payment.failed and keeps the modal open for a retry, then ondismiss on cancel', async () => {
    const { page } = await openCheckout(10_000);
    await frame(page).getByRole('button', { name: 'Fail the payment' }).click();
    await expect.poll(() => events(page)).toHaveLength(1);
    expect(((await events(page)) as [{ failed: { error: { reason: string } } }])[0].failed.error.reason).toBe(
      'payment_failed',
    );
    expect(await page.locator('iframe').count()).toBe(1);
    await frame(page).getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => events(page)).toHaveLength(2);
    expect((await events(page))[1]).toBe('dismissed');
    expect(await page.locator('iframe').count()).toBe(0);
    await page.close();
  });

  it('shows a QR code to pay, and pays it', async () => {
    const qr = await fetch(`${sandboxUrl}/v1/payments/qr_codes`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Basic ${Buffer.from(`${KEY_ID}:${KEY_SECRET}`).toString('base64')}`,
      },
      body: JSON.stringify({
        type: 'upi_qr',
        usage: 'single_use',
        fixed_amount: true,
        payment_amount: 42_000,
        close_by: Math.floor(Date.now() / 1000) + 3600,
        description: 'Booking Q1',
      }),
    }).then((r) => r.json() as Promise<{ id: string }>);
    const page = await browser.newPage();
    await page.goto(`${sandboxUrl}/_sandbox/qr_codes/${qr.id}`);
    expect(
      await page.getByRole('img', { name: /UPI QR code/ }).evaluate((img: HTMLImageElement) => img.naturalWidth),
    ).toBeGreaterThan(100);
    await page.getByRole('button', { name: 'Pay ₹420.00 with UPI' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toMatch(/^Paid: pay_/);
    expect(sandbox.store.qrCodes.get(qr.id)?.status).toBe('closed');
    await page.close();
  });
});
