// What the customer's side does: pay an order (Checkout) or a QR code (UPI app), and refunds; and
// what the account's capture setting does with a Checkout payment: captured at once (automatic, the
// default) or left authorized until the merchant captures it, lapsing into an automatic refund if
// nobody does (manual). Each changes the store as Razorpay would and sends the webhooks Razorpay would send.
import { createHmac } from 'node:crypto';
import { razorpayId, unixNow } from './ids';
import { badRequest, notFound } from './razorpay-error';
import type { SandboxStore, TPayment, TRefund } from './store';
import type { WebhookSender } from './webhooks';

function newPayment(fields: Partial<TPayment> & Pick<TPayment, 'amount' | 'method' | 'order_id'>): TPayment {
  const upi = fields.method === 'upi';
  return {
    id: razorpayId('pay'),
    entity: 'payment',
    currency: 'INR',
    status: 'created',
    invoice_id: null,
    international: false,
    amount_refunded: 0,
    refund_status: null,
    captured: false,
    description: null,
    card_id: upi ? null : `card_${razorpayId('pay').slice(4)}`,
    bank: null,
    wallet: null,
    vpa: upi ? 'customer@okbank' : null,
    email: 'customer@example.com',
    contact: '+919876543210',
    notes: [],
    fee: 0,
    tax: 0,
    error_code: null,
    error_description: null,
    error_source: null,
    error_step: null,
    error_reason: null,
    acquirer_data: upi
      ? { rrn: String(100000000000 + Math.floor(Math.random() * 8e11)) }
      : { auth_code: String(100000 + Math.floor(Math.random() * 8e5)) },
    created_at: unixNow(),
    ...fields,
  };
}

/** Real Razorpay refunds an authorization nobody captured after 5 days. */
export const RAZORPAY_AUTHORIZATION_LAPSE_MS = 5 * 24 * 3600_000;

/** The account's payment capture setting (Razorpay's Dashboard: Payment Capture). */
export interface TCaptureSettings {
  /** automatic: a Checkout payment is captured at once; manual: it stays authorized until captured. */
  mode: 'automatic' | 'manual';
  /** How long an uncaptured authorization lives before it is refunded automatically. */
  authorizationLapseMs: number;
}

export class Bank {
  private readonly lapses = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly store: SandboxStore,
    private readonly webhooks: WebhookSender,
    private readonly keySecret: string,
    readonly capture: TCaptureSettings = { mode: 'automatic', authorizationLapseMs: RAZORPAY_AUTHORIZATION_LAPSE_MS },
  ) {}

  /**
   * Checkout's outcome for an order: the handler's three fields (signed), or the payment.failed
   * error. A successful payment ('captured') is captured as the account's setting says;
   * 'authorized' leaves this one payment authorized whatever the setting.
   */
  payOrder(orderId: string, outcome: 'captured' | 'authorized' | 'failed', method: 'card' | 'upi' = 'card') {
    const order = this.store.orders.get(orderId);
    if (!order) throw notFound();
    if (order.status === 'paid') throw badRequest('Order has already been paid', 'order_id');
    if (this.store.paymentsOfOrder(orderId).some((p) => p.status === 'authorized'))
      throw badRequest('A payment of this order is authorized and awaiting capture', 'order_id');
    order.attempts += 1;
    order.status = 'attempted';
    const payment = newPayment({ amount: order.amount, method, order_id: order.id });
    this.store.payments.set(payment.id, payment);
    if (outcome === 'failed') {
      Object.assign(payment, {
        status: 'failed',
        error_code: 'BAD_REQUEST_ERROR',
        error_description: 'Payment failed',
        error_source: 'bank',
        error_step: 'payment_authorization',
        error_reason: 'payment_failed',
      });
      this.webhooks.send('payment.failed', { payment });
      return {
        error: {
          code: 'BAD_REQUEST_ERROR',
          description: 'Payment failed',
          source: 'bank',
          step: 'payment_authorization',
          reason: 'payment_failed',
          metadata: { order_id: order.id, payment_id: payment.id },
          field: null,
        },
      };
    }
    if (outcome === 'authorized' || this.capture.mode === 'manual') {
      payment.status = 'authorized';
      this.webhooks.send('payment.authorized', { payment });
      this.lapseLater(payment);
    } else {
      Object.assign(payment, { status: 'captured', captured: true });
      Object.assign(order, { status: 'paid', amount_paid: order.amount, amount_due: 0 });
      this.webhooks.send('payment.captured', { payment });
      this.webhooks.send('order.paid', { payment, order });
    }
    const signature = createHmac('sha256', this.keySecret).update(`${order.id}|${payment.id}`).digest('hex');
    return { razorpay_payment_id: payment.id, razorpay_order_id: order.id, razorpay_signature: signature };
  }

  /** The customer scanned the QR and paid its fixed amount in a UPI app. */
  payQr(qrId: string, amount?: number): TPayment {
    const qr = this.store.qrCodes.get(qrId);
    if (!qr) throw notFound();
    if (qr.status !== 'active') throw badRequest('The QR code is closed', 'qr_code_id');
    const paid = amount ?? qr.payment_amount;
    if (!paid || (qr.fixed_amount && paid !== qr.payment_amount))
      throw badRequest('The amount does not match the QR code', 'amount');
    const payment = newPayment({
      amount: paid,
      method: 'upi',
      order_id: null,
      status: 'captured',
      captured: true,
      description: 'QRv2 Payment',
      customer_id: qr.customer_id,
    });
    this.store.payments.set(payment.id, payment);
    this.store.qrPayments.set(qr.id, [...(this.store.qrPayments.get(qr.id) ?? []), payment.id]);
    qr.payments_amount_received += paid;
    qr.payments_count_received += 1;
    if (qr.usage === 'single_use') Object.assign(qr, { status: 'closed', closed_at: unixNow(), close_reason: 'paid' });
    this.webhooks.send('payment.captured', { payment });
    this.webhooks.send('qr_code.credited', { payment, qr_code: qr });
    return payment;
  }

  /**
   * POST /v1/payments/:id/capture: the merchant takes an authorized payment, exactly its amount.
   * Every call is logged in store.captures, refused ones too.
   */
  capturePayment(paymentId: string, body: { amount: number; currency: string }): TPayment {
    const call = { paymentId, amount: body.amount, at: Date.now(), ok: false, error: null as string | null };
    this.store.captures.push(call);
    try {
      const payment = this.store.payments.get(paymentId);
      if (!payment) throw notFound();
      if (payment.captured) throw badRequest('This payment has already been captured', 'payment_id');
      if (payment.status !== 'authorized')
        throw badRequest('Only payments which have been authorized and not yet captured can be captured', 'payment_id');
      if (body.currency !== payment.currency) throw badRequest('Currency is not supported', 'currency');
      if (body.amount !== payment.amount)
        throw badRequest('Capture amount must be equal to the amount authorized', 'amount');
      clearTimeout(this.lapses.get(paymentId));
      this.lapses.delete(paymentId);
      Object.assign(payment, { status: 'captured', captured: true });
      this.webhooks.send('payment.captured', { payment });
      const order = payment.order_id ? this.store.orders.get(payment.order_id) : undefined;
      if (order) {
        Object.assign(order, { status: 'paid', amount_paid: order.amount, amount_due: 0 });
        this.webhooks.send('order.paid', { payment, order });
      }
      call.ok = true;
      return payment;
    } catch (err) {
      call.error = err instanceof Error ? err.message : String(err);
      throw err;
    }
  }

  /** An authorization nobody captured in time is refunded in full, as Razorpay does (captured stays false). */
  private lapseLater(payment: TPayment): void {
    const timer = setTimeout(() => {
      this.lapses.delete(payment.id);
      if (payment.status !== 'authorized') return;
      const refund = this.newRefund(payment, payment.amount, {}, 'normal');
      Object.assign(payment, { status: 'refunded', amount_refunded: payment.amount, refund_status: 'full' });
      this.webhooks.send('refund.created', { refund, payment });
      this.webhooks.send('refund.processed', { refund, payment });
    }, this.capture.authorizationLapseMs);
    this.lapses.set(payment.id, timer);
  }

  /** Stops the lapse timers (the sandbox is closing). */
  close(): void {
    for (const timer of this.lapses.values()) clearTimeout(timer);
    this.lapses.clear();
  }

  private newRefund(
    payment: TPayment,
    amount: number,
    opts: { notes?: Record<string, string>; receipt?: string },
    speed: 'normal' | 'optimum',
  ): TRefund {
    const refund: TRefund = {
      id: razorpayId('rfnd'),
      entity: 'refund',
      amount,
      currency: 'INR',
      payment_id: payment.id,
      notes: opts.notes ?? {},
      receipt: opts.receipt ?? null,
      acquirer_data: { arn: null },
      created_at: unixNow(),
      batch_id: null,
      status: 'processed',
      speed_processed: 'normal',
      speed_requested: speed,
    };
    this.store.refunds.set(refund.id, refund);
    return refund;
  }

  refund(
    paymentId: string,
    opts: { amount?: number; speed?: 'normal' | 'optimum'; notes?: Record<string, string>; receipt?: string },
  ): TRefund {
    const payment = this.store.payments.get(paymentId);
    if (!payment) throw notFound();
    if (payment.status !== 'captured')
      throw badRequest('The payment has been fully refunded already or is not captured', 'payment_id');
    const remaining = payment.amount - payment.amount_refunded;
    const amount = opts.amount ?? remaining;
    if (!Number.isInteger(amount) || amount < 100) throw badRequest('The amount must be at least INR 1.00', 'amount');
    if (amount > remaining) throw badRequest('The refund amount provided is greater than amount captured', 'amount');
    const refund = this.newRefund(payment, amount, opts, opts.speed ?? 'normal');
    payment.amount_refunded += amount;
    payment.refund_status = payment.amount_refunded === payment.amount ? 'full' : 'partial';
    if (payment.refund_status === 'full') payment.status = 'refunded';
    this.webhooks.send('refund.processed', { refund, payment });
    return refund;
  }
}
