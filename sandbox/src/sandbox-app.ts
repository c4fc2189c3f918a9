// A Razorpay-compatible sandbox: the REST subset Marquee uses (orders, payments, refunds, UPI QR
// codes) with Razorpay's rules, ids, object and error shapes and Basic auth, signed webhooks with
// retries, and a control API (/_sandbox/...) with which people and tests play the customer's bank,
// set the account's payment capture (automatic, or manual with lapsing authorizations) and lose
// refunds' answers.
// The official `razorpay` SDK talks to it by base URL.
import { timingSafeEqual } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import QRCode from 'qrcode';
import { z } from 'zod';
import { Bank, RAZORPAY_AUTHORIZATION_LAPSE_MS, type TCaptureSettings } from './bank';
import { razorpayId, unixNow } from './ids';
import { registerPages } from './pages/pages';
import { badRequest, notFound, RazorpayError } from './razorpay-error';
import { collection, SandboxStore, type TNotes, type TOrder, type TQrCode } from './store';
import { WebhookSender, type TWebhookConfig } from './webhooks';

export type { TCaptureSettings } from './bank';

export interface TSandboxConfig {
  keyId: string;
  keySecret: string;
  webhook: Omit<TWebhookConfig, 'accountId'> & { accountId?: string };
  /** Base URL where this sandbox is reachable, for the QR codes' image_url. */
  publicUrl: string;
  /** The account's payment capture; automatic with Razorpay's 5-day lapse unless given. */
  capture?: Partial<TCaptureSettings>;
}

const QR_MIN_CLOSE_BY_S = 15 * 60;
const QR_MAX_CLOSE_BY_S = 45 * 24 * 3600;

const ZNotes = z
  .union([z.record(z.string(), z.string().max(256)), z.array(z.never()).length(0)])
  .refine((n) => Array.isArray(n) || Object.keys(n).length <= 15, 'notes can have at most 15 keys')
  .default({});

const ZOrderCreate = z.object({
  amount: z.number().int().min(100, 'The amount must be at least INR 1.00'),
  currency: z.literal('INR', 'Currency is not supported'),
  receipt: z.string().max(40, 'receipt must be at most 40 characters').optional(),
  notes: ZNotes,
  partial_payment: z.boolean().optional(),
});

const ZQrCreate = z.object({
  type: z.literal('upi_qr', 'type must be upi_qr'),
  name: z.string().optional(),
  usage: z.enum(['single_use', 'multiple_use']).default('multiple_use'),
  fixed_amount: z.boolean().default(false),
  payment_amount: z.number().int().min(100, 'The amount must be at least INR 1.00').optional(),
  description: z.string().optional(),
  customer_id: z.string().optional(),
  close_by: z.number().int().max(2147483647).optional(),
  notes: ZNotes,
});

const ZCapture = z.object({
  amount: z.coerce.number().int(),
  currency: z.string(),
});

const ZCaptureSettings = z.strictObject({
  mode: z.enum(['automatic', 'manual']).optional(),
  authorizationLapseMs: z
    .number()
    .int()
    .min(0)
    .max(2 ** 31 - 1)
    .optional(),
});

/** Test faults of the refund API, as a network between Marquee and Razorpay can produce them. */
export interface TRefundSettings {
  /** How many of the next refunds are made and then answered by a dropped connection, as a timeout or reset loses an answer. */
  loseAnswers: number;
}

const ZRefundSettings = z.strictObject({
  loseAnswers: z.number().int().min(0).max(1000).optional(),
});

const ZPage = z.object({
  count: z.coerce.number().int().min(1).max(100).default(10),
  skip: z.coerce.number().int().min(0).default(0),
});

const ZRefundCreate = z.object({
  amount: z.number().int().optional(),
  speed: z.enum(['normal', 'optimum']).optional(),
  notes: z.record(z.string(), z.string()).optional(),
  receipt: z.string().optional(),
});

function parse<T>(schema: z.ZodType<T>, body: unknown): T {
  const result = schema.safeParse(body ?? {});
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const field = issue.path.join('.') || null;
    throw badRequest(
      issue.code === 'invalid_type' && issue.input === undefined ? `The ${field} field is required.` : issue.message,
      field,
    );
  }
  return result.data;
}

function constantTimeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export interface TSandbox {
  app: FastifyInstance;
  store: SandboxStore;
  bank: Bank;
  setWebhookUrl: (url: string | null) => void;
}

export async function buildSandbox(config: TSandboxConfig): Promise<TSandbox> {
  const store = new SandboxStore();
  const app = Fastify({ logger: false });
  const webhooks = new WebhookSender(store, { accountId: 'acc_MarqueeSandbox1', ...config.webhook }, (m) =>
    app.log.warn(m),
  );
  const bank = new Bank(store, webhooks, config.keySecret, {
    mode: config.capture?.mode ?? 'automatic',
    authorizationLapseMs: config.capture?.authorizationLapseMs ?? RAZORPAY_AUTHORIZATION_LAPSE_MS,
  });
  const refundSettings: TRefundSettings = { loseAnswers: 0 };
  app.addHook('onClose', () => {
    webhooks.close();
    bank.close();
  });

  // The SDK closes QR codes with an empty form-encoded body.
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });

  app.setErrorHandler((err, _req, reply) => {
    if (err instanceof RazorpayError) return reply.code(err.statusCode).send(err.toBody());
    const statusCode = (err as { statusCode?: number }).statusCode;
    if (statusCode && statusCode < 500)
      return reply.code(400).send(badRequest(err instanceof Error ? err.message : 'Bad request').toBody());
    app.log.error(err);
    return reply
      .code(500)
      .send(
        new RazorpayError(
          500,
          'SERVER_ERROR',
          'We are facing some trouble completing your request at the moment. Please try again shortly.',
        ).toBody(),
      );
  });
  app.setNotFoundHandler((_req, reply) =>
    reply
      .code(404)
      .send(new RazorpayError(404, 'BAD_REQUEST_ERROR', 'The requested URL was not found on the server.').toBody()),
  );

  // --- Razorpay's API, behind Basic auth -----------------------------------------------------
  await app.register(
    (api, _opts, done) => {
      api.addHook('onRequest', async (req) => {
        const header = req.headers.authorization ?? '';
        const [scheme, encoded] = header.split(' ');
        const [id, secret] = Buffer.from(encoded ?? '', 'base64')
          .toString()
          .split(':');
        if (
          scheme !== 'Basic' ||
          !constantTimeEqual(id ?? '', config.keyId) ||
          !constantTimeEqual(secret ?? '', config.keySecret)
        ) {
          throw new RazorpayError(401, 'BAD_REQUEST_ERROR', 'Authentication failed');
        }
      });

      api.post('/orders', async (req) => {
        const body = parse(ZOrderCreate, { currency: 'INR', ...(req.body as object) });
        const order: TOrder = {
          id: razorpayId('order'),
          entity: 'order',
          amount: body.amount,
          amount_paid: 0,
          amount_due: body.amount,
          currency: body.currency,
          receipt: body.receipt ?? null,
          status: 'created',
          attempts: 0,
          notes: body.notes as TNotes,
          created_at: unixNow(),
        };
        store.orders.set(order.id, order);
        return order;
      });
      api.get<{ Params: { id: string } }>(
        '/orders/:id',
        async (req) => store.orders.get(req.params.id) ?? Promise.reject(notFound()),
      );
      api.get<{ Params: { id: string } }>('/orders/:id/payments', async (req) => {
        if (!store.orders.has(req.params.id)) throw notFound();
        return collection(store.paymentsOfOrder(req.params.id));
      });

      api.get<{ Params: { id: string } }>(
        '/payments/:id',
        async (req) => store.payments.get(req.params.id) ?? Promise.reject(notFound()),
      );
      api.post<{ Params: { id: string } }>('/payments/:id/capture', async (req) =>
        bank.capturePayment(req.params.id, parse(ZCapture, req.body)),
      );
      api.post<{ Params: { id: string } }>('/payments/:id/refund', async (req, reply) => {
        const refund = bank.refund(req.params.id, parse(ZRefundCreate, req.body));
        if (refundSettings.loseAnswers > 0) {
          // The refund is made; its answer never arrives.
          refundSettings.loseAnswers -= 1;
          reply.hijack();
          req.raw.socket.destroy();
          return;
        }
        return refund;
      });
      // Newest first, `count` (at most 100, 10 unless given) from `skip`, as Razorpay pages them.
      api.get<{ Params: { id: string } }>('/payments/:id/refunds', async (req) => {
        if (!store.payments.has(req.params.id)) throw notFound();
        const { count, skip } = parse(ZPage, req.query);
        const refunds = [...store.refunds.values()].filter((r) => r.payment_id === req.params.id).reverse();
        return collection(refunds.slice(skip, skip + count));
      });
      api.get<{ Params: { id: string; rid: string } }>('/payments/:id/refunds/:rid', async (req) => {
        const refund = store.refunds.get(req.params.rid);
        if (!refund || refund.payment_id !== req.params.id) throw notFound();
        return refund;
      });
      api.get<{ Params: { id: string } }>(
        '/refunds/:id',
        async (req) => store.refunds.get(req.params.id) ?? Promise.reject(notFound()),
      );

      api.post('/payments/qr_codes', async (req) => {
        const body = parse(ZQrCreate, req.body);
        if (body.fixed_amount && body.payment_amount === undefined)
          throw badRequest('The payment amount field is required when fixed amount is true.', 'payment_amount');
        const now = unixNow();
        if (body.close_by !== undefined && body.close_by < now + QR_MIN_CLOSE_BY_S) {
          throw badRequest('close_by should be at least 15 minutes after current time', 'close_by');
        }
        if (body.usage === 'single_use' && body.close_by !== undefined && body.close_by > now + QR_MAX_CLOSE_BY_S) {
          throw badRequest('close_by should be within 45 days for single use QR codes', 'close_by');
        }
        const id = razorpayId('qr');
        const qr: TQrCode = {
          id,
          entity: 'qr_code',
          created_at: now,
          name: body.name ?? null,
          usage: body.usage,
          type: 'upi_qr',
          image_url: `${config.publicUrl}/_sandbox/qr_codes/${id}/image.png`,
          payment_amount: body.fixed_amount ? body.payment_amount! : null,
          status: 'active',
          description: body.description ?? null,
          fixed_amount: body.fixed_amount,
          payments_amount_received: 0,
          payments_count_received: 0,
          notes: body.notes as TNotes,
          customer_id: body.customer_id ?? null,
          close_by: body.close_by ?? (body.usage === 'single_use' ? now + QR_MAX_CLOSE_BY_S : null),
          closed_at: null,
          close_reason: null,
        };
        store.qrCodes.set(id, qr);
        return qr;
      });
      api.get<{ Params: { id: string } }>(
        '/payments/qr_codes/:id',
        async (req) => store.qrCodes.get(req.params.id) ?? Promise.reject(notFound()),
      );
      api.post<{ Params: { id: string } }>('/payments/qr_codes/:id/close', async (req) => {
        const qr = store.qrCodes.get(req.params.id);
        if (!qr) throw notFound();
        if (qr.status === 'closed') throw badRequest('The QR code is already closed', 'qr_code_id');
        return Object.assign(qr, { status: 'closed', closed_at: unixNow(), close_reason: 'on_demand' });
      });
      api.get<{ Params: { id: string } }>('/payments/qr_codes/:id/payments', async (req) => {
        if (!store.qrCodes.has(req.params.id)) throw notFound();
        return collection((store.qrPayments.get(req.params.id) ?? []).map((id) => store.payments.get(id)!));
      });
      done();
    },
    { prefix: '/v1' },
  );

  // --- The customer's side and debugging (no auth: this is the "bank" and the test harness) ----
  app.post<{ Params: { id: string }; Body: { outcome?: string; method?: string } }>(
    '/_sandbox/orders/:id/pay',
    async (req) => {
      const { outcome, method } = parse(
        z.object({
          outcome: z.enum(['captured', 'authorized', 'failed']),
          method: z.enum(['card', 'upi']).default('card'),
        }),
        req.body,
      );
      return bank.payOrder(req.params.id, outcome, method);
    },
  );
  app.post<{ Params: { id: string }; Body: { amount?: number } }>('/_sandbox/qr_codes/:id/pay', async (req) => {
    const { amount } = parse(z.object({ amount: z.number().int().optional() }), req.body);
    return bank.payQr(req.params.id, amount);
  });
  app.get('/_sandbox/webhooks', async () => ({ deliveries: store.webhooks }));
  // The account's payment capture, for the payments made from now on (a test switches it per case).
  app.get('/_sandbox/settings/capture', async () => bank.capture);
  app.post('/_sandbox/settings/capture', async (req) => Object.assign(bank.capture, parse(ZCaptureSettings, req.body)));
  app.get('/_sandbox/captures', async () => ({ captures: store.captures }));
  // Faults of the refund API, for the refunds made from now on (a test sets them per case).
  app.get('/_sandbox/settings/refunds', async () => refundSettings);
  app.post('/_sandbox/settings/refunds', async (req) =>
    Object.assign(refundSettings, parse(ZRefundSettings, req.body)),
  );
  registerPages(app, { store, keyId: config.keyId, publicUrl: config.publicUrl });
  app.get<{ Params: { id: string } }>('/_sandbox/qr_codes/:id/image.png', async (req, reply) => {
    const qr = store.qrCodes.get(req.params.id);
    if (!qr) throw notFound();
    // What a UPI app would scan: a upi://pay intent naming this QR as the transaction reference.
    const amount = qr.payment_amount === null ? '' : `&am=${(qr.payment_amount / 100).toFixed(2)}`;
    const png = await QRCode.toBuffer(`upi://pay?pa=marquee@sandbox&pn=Marquee&tr=${qr.id}${amount}&cu=INR`, {
      type: 'png',
      width: 360,
      margin: 2,
    });
    return reply.type('image/png').header('cache-control', 'no-store').send(png);
  });

  return { app, store, bank, setWebhookUrl: (url) => webhooks.setUrl(url) };
}
