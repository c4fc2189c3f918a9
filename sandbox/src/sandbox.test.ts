// The sandbox as the official razorpay SDK sees it (pointed at it by base URL), and its webhooks.
import { createHmac } from 'node:crypto';
import Fastify from 'fastify';
import Razorpay from 'razorpay';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSandbox, type TSandbox } from './sandbox-app';

const KEY_ID = 'rzp_test_SandboxTest01';
const KEY_SECRET = 'sandbox-test-secret';
const WEBHOOK_SECRET = 'sandbox-webhook-secret';

let sandbox: TSandbox;
let base: string;
let rp: Razorpay;
const received: { eventId: string; signature: string; body: string }[] = [];
let failNext = 0;
const receiver = Fastify();
receiver.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => done(null, body));
receiver.post('/hook', async (req, reply) => {
  received.push({
    eventId: String(req.headers['x-razorpay-event-id']),
    signature: String(req.headers['x-razorpay-signature']),
    body: req.body as string,
  });
  if (failNext > 0) {
    failNext -= 1;
    return reply.code(500).send('down');
  }
  return reply.send('ok');
});

function client(keyId = KEY_ID, keySecret = KEY_SECRET): Razorpay {
  const instance = new Razorpay({ key_id: keyId, key_secret: keySecret });
  // The SDK has no host option; this is how it is pointed at the sandbox
  // (docs/razorpay.md, "What the official SDK sends").
  (instance as unknown as { api: { rq: { defaults: { baseURL: string } } } }).api.rq.defaults.baseURL = base;
  return instance;
}

async function control(path: string, body: object) {
  const res = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

async function rejection(promise: Promise<unknown>) {
  return (await promise.then(
    () => null,
    (e: unknown) => e,
  )) as { statusCode: number; error: { code: string; description: string; field: string | null } };
}

beforeAll(async () => {
  await receiver.listen({ host: '127.0.0.1', port: 0 });
  const hookUrl = `http://127.0.0.1:${(receiver.server.address() as { port: number }).port}/hook`;
  sandbox = await buildSandbox({
    keyId: KEY_ID,
    keySecret: KEY_SECRET,
    publicUrl: 'http://sandbox.invalid',
    webhook: { url: hookUrl, secret: WEBHOOK_SECRET, retryBaseMs: 50, maxAttempts: 5 },
  });
  await sandbox.app.listen({ host: '127.0.0.1', port: 0 });
  base = `http://127.0.0.1:${(sandbox.app.server.address() as { port: number }).port}`;
  rp = client();
});
afterAll(async () => {
  await sandbox.app.close();
  await receiver.close();
});

describe('orders through the official SDK', () => {
  it('creates, fetches and pays an order; the Checkout response is signed with the key secret', async () => {
    const order = await rp.orders.create({
      amount: 50_000,
      currency: 'INR',
      receipt: 'MQ-ABC123',
      notes: { bookingId: 'b1' },
    });
    expect(order).toMatchObject({
      entity: 'order',
      amount: 50_000,
      amount_paid: 0,
      amount_due: 50_000,
      status: 'created',
      attempts: 0,
      receipt: 'MQ-ABC123',
    });
    expect(order.id).toMatch(/^order_[0-9A-Za-z]{14}$/);
    const paid = await control(`/_sandbox/orders/${order.id}/pay`, { outcome: 'captured' });
    const { razorpay_order_id, razorpay_payment_id, razorpay_signature } = paid.body as Record<string, string>;
    expect(razorpay_order_id).toBe(order.id);
    expect(razorpay_signature).toBe(
      createHmac('sha256', KEY_SECRET).update(`${order.id}|${razorpay_payment_id}`).digest('hex'),
    );
    expect(await rp.orders.fetch(order.id)).toMatchObject({
      status: 'paid',
      amount_paid: 50_000,
      amount_due: 0,
      attempts: 1,
    });
    const payments = await rp.orders.fetchPayments(order.id);
    expect(payments).toMatchObject({
      entity: 'collection',
      count: 1,
      items: [{ id: razorpay_payment_id, status: 'captured', captured: true, order_id: order.id }],
    });
    expect(await rp.payments.fetch(razorpay_payment_id!)).toMatchObject({ amount: 50_000, status: 'captured' });
  });

  it('records a failed attempt the way Checkout reports it, and keeps the order payable', async () => {
    const order = await rp.orders.create({ amount: 20_000, currency: 'INR' });
    const failed = await control(`/_sandbox/orders/${order.id}/pay`, { outcome: 'failed' });
    expect(failed.body).toMatchObject({
      error: { code: 'BAD_REQUEST_ERROR', reason: 'payment_failed', metadata: { order_id: order.id } },
    });
    expect(await rp.orders.fetch(order.id)).toMatchObject({ status: 'attempted', attempts: 1 });
    await control(`/_sandbox/orders/${order.id}/pay`, { outcome: 'captured' });
    const payments = await rp.orders.fetchPayments(order.id);
    expect(payments.items.map((p) => p.status).sort()).toEqual(['captured', 'failed']);
  });

  it('answers errors in Razorpay’s shape', async () => {
    expect(await rejection(rp.orders.create({ amount: 50, currency: 'INR' }))).toMatchObject({
      statusCode: 400,
      error: { code: 'BAD_REQUEST_ERROR', field: 'amount', description: 'The amount must be at least INR 1.00' },
    });
    expect(await rejection(rp.orders.fetch('order_DoesNotExist00'))).toMatchObject({
      statusCode: 400,
      error: { description: 'The id provided does not exist' },
    });
    expect(await rejection(client(KEY_ID, 'wrong').orders.fetch('order_x'))).toMatchObject({
      statusCode: 401,
      error: { description: 'Authentication failed' },
    });
    const res = await fetch(`${base}/v1/nothing-here`, {
      headers: { authorization: `Basic ${Buffer.from(`${KEY_ID}:${KEY_SECRET}`).toString('base64')}` },
    });
    expect(res.status).toBe(404);
  });
});

describe('UPI QR codes through the official SDK', () => {
  const closeBy = () => Math.floor(Date.now() / 1000) + 16 * 60;

  it('refuses a close_by less than 15 minutes ahead, and a fixed amount without its amount', async () => {
    const soon = Math.floor(Date.now() / 1000) + 10 * 60;
    expect(
      await rejection(
        rp.qrCode.create({
          type: 'upi_qr',
          usage: 'single_use',
          fixed_amount: true,
          payment_amount: 300,
          close_by: soon,
        }),
      ),
    ).toMatchObject({ statusCode: 400, error: { field: 'close_by' } });
    expect(
      await rejection(
        rp.qrCode.create({ type: 'upi_qr', usage: 'single_use', fixed_amount: true, close_by: closeBy() } as never),
      ),
    ).toMatchObject({ error: { field: 'payment_amount' } });
  });

  it('takes exactly the fixed amount once, then closes as paid', async () => {
    const qr = await rp.qrCode.create({
      type: 'upi_qr',
      name: 'Kiosk 1',
      usage: 'single_use',
      fixed_amount: true,
      payment_amount: 44_000,
      close_by: closeBy(),
      notes: { bookingId: 'b2' },
    });
    expect(qr).toMatchObject({ entity: 'qr_code', status: 'active', payment_amount: 44_000, close_reason: null });
    expect((await control(`/_sandbox/qr_codes/${qr.id}/pay`, { amount: 100 })).status).toBe(400);
    const payment = (await control(`/_sandbox/qr_codes/${qr.id}/pay`, {})).body;
    expect(payment).toMatchObject({
      amount: 44_000,
      method: 'upi',
      status: 'captured',
      order_id: null,
      description: 'QRv2 Payment',
    });
    expect(await rp.qrCode.fetch(qr.id)).toMatchObject({
      status: 'closed',
      close_reason: 'paid',
      payments_count_received: 1,
      payments_amount_received: 44_000,
    });
    expect(await rp.qrCode.fetchAllPayments(qr.id)).toMatchObject({ count: 1, items: [{ id: payment.id }] });
    expect((await control(`/_sandbox/qr_codes/${qr.id}/pay`, {})).status).toBe(400);
  });

  it('closes on demand (the SDK sends an empty form body) and refuses a second close', async () => {
    const qr = await rp.qrCode.create({
      type: 'upi_qr',
      usage: 'single_use',
      fixed_amount: true,
      payment_amount: 300,
      close_by: closeBy(),
    });
    expect(await rp.qrCode.close(qr.id)).toMatchObject({ status: 'closed', close_reason: 'on_demand' });
    expect(await rejection(rp.qrCode.close(qr.id))).toMatchObject({ statusCode: 400 });
    const image = await fetch(`${base}/_sandbox/qr_codes/${qr.id}/image.png`);
    expect(image.headers.get('content-type')).toBe('image/png');
    expect(
      Buffer.from(await image.arrayBuffer())
        .subarray(1, 4)
        .toString(),
    ).toBe('PNG');
  });
});

describe('refunds through the official SDK', () => {
  it('refunds a captured payment in full, once', async () => {
    const order = await rp.orders.create({ amount: 30_000, currency: 'INR' });
    const { razorpay_payment_id: paymentId } = (
      await control(`/_sandbox/orders/${order.id}/pay`, { outcome: 'captured' })
    ).body as Record<string, string>;
    const refund = await rp.payments.refund(paymentId!, {});
    expect(refund).toMatchObject({ entity: 'refund', amount: 30_000, payment_id: paymentId, status: 'processed' });
    expect(await rp.refunds.fetch(refund.id)).toMatchObject({ id: refund.id, amount: 30_000 });
    expect(await rp.payments.fetch(paymentId!)).toMatchObject({
      status: 'refunded',
      amount_refunded: 30_000,
      refund_status: 'full',
    });
    expect(await rejection(rp.payments.refund(paymentId!, {}))).toMatchObject({ statusCode: 400 });
  });

  it('keeps a refund’s receipt and notes, and lists a payment’s refunds newest first, page by page', async () => {
    const order = await rp.orders.create({ amount: 50_000, currency: 'INR' });
    const { razorpay_payment_id: paymentId } = (
      await control(`/_sandbox/orders/${order.id}/pay`, { outcome: 'captured' })
    ).body as Record<string, string>;
    const made = [];
    for (const n of [1, 2, 3])
      made.push(
        await rp.payments.refund(paymentId!, { amount: 10_000, receipt: `row-${n}`, notes: { refundId: `row-${n}` } }),
      );
    expect(made[0]).toMatchObject({ receipt: 'row-1', notes: { refundId: 'row-1' } });
    expect(await rp.refunds.fetch(made[0]!.id)).toMatchObject({ receipt: 'row-1' });
    const all = await rp.payments.fetchMultipleRefund(paymentId!);
    expect(all).toMatchObject({ entity: 'collection', count: 3 });
    expect(all.items.map((r) => r.receipt)).toEqual(['row-3', 'row-2', 'row-1']);
    const second = await rp.payments.fetchMultipleRefund(paymentId!, { count: 2, skip: 2 });
    expect(second.items.map((r) => r.receipt)).toEqual(['row-1']);
    expect(await rejection(rp.payments.fetchMultipleRefund(paymentId!, { count: 101 }))).toMatchObject({
      statusCode: 400,
    });
  });

  it('loses the answers of as many refunds as it is told to: the refund is made, the connection dropped', async () => {
    const order = await rp.orders.create({ amount: 30_000, currency: 'INR' });
    const { razorpay_payment_id: paymentId } = (
      await control(`/_sandbox/orders/${order.id}/pay`, { outcome: 'captured' })
    ).body as Record<string, string>;
    expect(await control('/_sandbox/settings/refunds', { loseAnswers: 1 })).toEqual({
      status: 200,
      body: { loseAnswers: 1 },
    });
    const lost = await rp.payments.refund(paymentId!, { amount: 10_000, receipt: 'lost-1' }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(lost).toBeInstanceOf(Error); // no answer: the SDK rejects with the connection's error
    expect((await rp.payments.fetchMultipleRefund(paymentId!)).items).toEqual([
      expect.objectContaining({ receipt: 'lost-1', amount: 10_000, status: 'processed' }),
    ]);
    expect(await rp.payments.fetch(paymentId!)).toMatchObject({ amount_refunded: 10_000 });
    // Only as many as told: the next refund is answered.
    expect(await rp.payments.refund(paymentId!, { amount: 10_000, receipt: 'answered' })).toMatchObject({
      receipt: 'answered',
    });
    expect((await fetch(`${base}/_sandbox/settings/refunds`)).status).toBe(200);
    expect(await control('/_sandbox/settings/refunds', { loseAnswers: -1 })).toMatchObject({ status: 400 });
  });
});

describe('webhooks', () => {
  it('are signed over the raw body, carry an event id, and are retried with the same id until accepted', async () => {
    received.length = 0;
    failNext = 2;
    const qr = await rp.qrCode.create({
      type: 'upi_qr',
      usage: 'single_use',
      fixed_amount: true,
      payment_amount: 500,
      close_by: Math.floor(Date.now() / 1000) + 3600,
    });
    await control(`/_sandbox/qr_codes/${qr.id}/pay`, {});
    // Both events (payment.captured, qr_code.credited) fail once, then go through on their retry.
    type TLog = { deliveries: { event: string; delivered: boolean; attempts: unknown[] }[] };
    let log: TLog = { deliveries: [] };
    for (const until = Date.now() + 5_000; Date.now() < until; await new Promise((r) => setTimeout(r, 20))) {
      log = (await (await fetch(`${base}/_sandbox/webhooks`)).json()) as TLog;
      const mine = log.deliveries.slice(-2);
      if (mine.length === 2 && mine.every((d) => d.delivered)) break;
    }
    expect(log.deliveries.slice(-2).map((d) => [d.event, d.attempts.length, d.delivered])).toEqual([
      ['payment.captured', 2, true],
      ['qr_code.credited', 2, true],
    ]);
    const credited = received.filter((r) => r.body.includes('"qr_code.credited"'));
    expect(credited).toHaveLength(2);
    for (const r of received) expect(Razorpay.validateWebhookSignature(r.body, r.signature, WEBHOOK_SECRET)).toBe(true);
    const envelope = JSON.parse(credited[0]!.body) as {
      event: string;
      contains: string[];
      payload: { payment: { entity: { amount: number } }; qr_code: { entity: { id: string } } };
    };
    expect(envelope).toMatchObject({ entity: 'event', event: 'qr_code.credited', contains: ['payment', 'qr_code'] });
    expect(envelope.payload.qr_code.entity.id).toBe(qr.id);
    // Each failed attempt was retried with the same event id: 4 deliveries, 2 distinct ids.
    expect(received).toHaveLength(4);
    expect(new Set(received.map((r) => r.eventId)).size).toBe(2);
  });
});

describe('manual capture', () => {
  const setCapture = (settings: object) => control('/_sandbox/settings/capture', settings);
  const authorizedPayment = async (amount: number) => {
    const order = await rp.orders.create({ amount, currency: 'INR' });
    const paid = (await control(`/_sandbox/orders/${order.id}/pay`, { outcome: 'captured' })).body;
    return { order, paymentId: String(paid.razorpay_payment_id), paid };
  };
  const successfulCaptures = (paymentId: string) =>
    sandbox.store.captures.filter((c) => c.paymentId === paymentId && c.ok).length;
  const deliveries = () => sandbox.store.webhooks.map((d) => d.event);

  afterAll(() => setCapture({ mode: 'automatic', authorizationLapseMs: 5 * 24 * 3600_000 }));

  it('leaves a Checkout payment authorized (signed handler response, payment.authorized) until it is captured once', async () => {
    await setCapture({ mode: 'manual' });
    const before = sandbox.store.webhooks.length;
    const { order, paymentId, paid } = await authorizedPayment(40_000);
    expect(paid.razorpay_signature).toBe(
      createHmac('sha256', KEY_SECRET).update(`${order.id}|${paymentId}`).digest('hex'),
    );
    expect(await rp.payments.fetch(paymentId)).toMatchObject({ status: 'authorized', captured: false });
    expect(await rp.orders.fetch(order.id)).toMatchObject({ status: 'attempted', amount_paid: 0 });
    // A second payment of the order waits for the first one's capture or lapse.
    expect((await control(`/_sandbox/orders/${order.id}/pay`, { outcome: 'captured' })).status).toBe(400);

    expect(await rp.payments.capture(paymentId, 40_000, 'INR')).toMatchObject({
      id: paymentId,
      status: 'captured',
      captured: true,
    });
    expect(await rp.orders.fetch(order.id)).toMatchObject({ status: 'paid', amount_paid: 40_000, amount_due: 0 });
    expect(deliveries().slice(before)).toEqual(['payment.authorized', 'payment.captured', 'order.paid']);
    expect(await rejection(rp.payments.capture(paymentId, 40_000, 'INR'))).toMatchObject({
      statusCode: 400,
      error: { code: 'BAD_REQUEST_ERROR', description: 'This payment has already been captured' },
    });
    expect(successfulCaptures(paymentId)).toBe(1);
  });

  it('captures only the exact authorized amount in INR, and only an authorized payment', async () => {
    await setCapture({ mode: 'manual' });
    const { paymentId } = await authorizedPayment(25_000);
    expect(await rejection(rp.payments.capture(paymentId, 24_900, 'INR'))).toMatchObject({
      statusCode: 400,
      error: { code: 'BAD_REQUEST_ERROR', field: 'amount' },
    });
    expect(await rejection(rp.payments.capture(paymentId, 25_000, 'USD'))).toMatchObject({
      statusCode: 400,
      error: { field: 'currency' },
    });
    expect(await rp.payments.fetch(paymentId)).toMatchObject({ status: 'authorized', captured: false });

    const failedOrder = await rp.orders.create({ amount: 25_000, currency: 'INR' });
    await control(`/_sandbox/orders/${failedOrder.id}/pay`, { outcome: 'failed' });
    const failed = (await rp.orders.fetchPayments(failedOrder.id)).items[0]!;
    expect(await rejection(rp.payments.capture(failed.id, 25_000, 'INR'))).toMatchObject({
      statusCode: 400,
      error: { description: 'Only payments which have been authorized and not yet captured can be captured' },
    });
    expect(await rejection(rp.payments.capture('pay_DoesNotExist00', 25_000, 'INR'))).toMatchObject({
      statusCode: 400,
      error: { description: 'The id provided does not exist' },
    });
    expect(successfulCaptures(paymentId)).toBe(0);
  });

  it('refunds an authorization nobody captured once it lapses, with the automatic refund’s webhooks', async () => {
    await setCapture({ mode: 'manual', authorizationLapseMs: 150 });
    received.length = 0;
    const { paymentId } = await authorizedPayment(30_000);
    await expect
      .poll(async () => (await rp.payments.fetch(paymentId)).status, { timeout: 5_000 })
      .not.toBe('authorized');
    expect(await rp.payments.fetch(paymentId)).toMatchObject({
      status: 'refunded',
      captured: false,
      amount_refunded: 30_000,
      refund_status: 'full',
    });
    expect(await rejection(rp.payments.capture(paymentId, 30_000, 'INR'))).toMatchObject({ statusCode: 400 });
    await expect.poll(() => received.length, { timeout: 5_000 }).toBeGreaterThanOrEqual(3);
    const events = received.map(
      (r) =>
        JSON.parse(r.body) as {
          event: string;
          payload: { payment: { entity: { id: string; captured: boolean } }; refund?: { entity: { amount: number } } };
        },
    );
    expect(events.map((e) => e.event)).toEqual(['payment.authorized', 'refund.created', 'refund.processed']);
    for (const e of events.slice(1)) {
      expect(e.payload.payment.entity).toMatchObject({ id: paymentId, captured: false });
      expect(e.payload.refund?.entity.amount).toBe(30_000);
    }
  });

  it('still lets one payment be left authorized while the account captures automatically', async () => {
    await setCapture({ mode: 'automatic' });
    const order = await rp.orders.create({ amount: 10_000, currency: 'INR' });
    const paid = (await control(`/_sandbox/orders/${order.id}/pay`, { outcome: 'authorized' })).body;
    expect(await rp.payments.fetch(String(paid.razorpay_payment_id))).toMatchObject({ status: 'authorized' });
    const captured = await authorizedPayment(10_000);
    expect(await rp.payments.fetch(captured.paymentId)).toMatchObject({ status: 'captured', captured: true });
  });
});
