// Marquee's one door to Razorpay, through the official SDK. With RAZORPAY_API_URL set it talks to
// the sandbox (or any compatible server); unset, to Razorpay itself. Nothing else knows which.
import Razorpay from 'razorpay';
import type { TEnv } from '../env';

/** A Razorpay API refusal or outage, as an Error (the SDK rejects with plain objects). */
export class RazorpayApiError extends Error {
  override name = 'RazorpayApiError';
  constructor(
    readonly statusCode: number | null,
    readonly code: string,
    description: string,
    readonly field: string | null = null,
  ) {
    super(`Razorpay ${statusCode ?? 'unreachable'} ${code}: ${description}`);
  }
}

export interface TRzpPayment {
  id: string;
  amount: number;
  status: string;
  order_id: string | null;
  method: string;
  /** False for an authorization (and for one refunded because nobody captured it). */
  captured: boolean;
  error_code?: string | null;
  error_description?: string | null;
}
export interface TRzpOrder {
  id: string;
  amount: number;
  status: string;
}
export interface TRzpQr {
  id: string;
  status: 'active' | 'closed';
  image_url: string;
  close_reason: string | null;
}
export interface TRzpRefund {
  id: string;
  amount: number;
  status: 'pending' | 'processed' | 'failed';
  payment_id: string;
  receipt: string | null;
  /** An object, or [] when it has none (Razorpay's way of writing empty notes). */
  notes: Record<string, string> | [];
}

/** Refunds listed per request: Razorpay's most (its default is 10). */
const REFUNDS_PAGE = 100;

async function call<T>(what: string, fn: () => Promise<unknown>): Promise<T> {
  try {
    return (await fn()) as T;
  } catch (err) {
    const e = err as
      { statusCode?: number; error?: { code?: string; description?: string; field?: string | null } } | Error;
    if (e instanceof Error) throw new RazorpayApiError(null, 'NETWORK_ERROR', `${what}: ${e.message}`);
    throw new RazorpayApiError(
      e.statusCode ?? null,
      e.error?.code ?? 'UNKNOWN',
      `${what}: ${e.error?.description ?? 'no description'}`,
      e.error?.field ?? null,
    );
  }
}

export class RazorpayGateway {
  readonly keyId: string;
  private readonly rp: Razorpay;

  constructor(env: Pick<TEnv, 'RAZORPAY_KEY_ID' | 'RAZORPAY_KEY_SECRET' | 'RAZORPAY_API_URL'>) {
    this.keyId = env.RAZORPAY_KEY_ID;
    this.rp = new Razorpay({ key_id: env.RAZORPAY_KEY_ID, key_secret: env.RAZORPAY_KEY_SECRET });
    // The SDK has no host option; its axios instance is where the base URL lives
    // (docs/razorpay.md, "What the official SDK sends").
    const rq = (this.rp as unknown as { api: { rq: { defaults: { baseURL: string; timeout: number } } } }).api.rq;
    if (env.RAZORPAY_API_URL) rq.defaults.baseURL = env.RAZORPAY_API_URL.replace(/\/$/, '');
    rq.defaults.timeout = 10_000;
  }

  createOrder(p: { amount: number; receipt: string; notes: Record<string, string> }): Promise<TRzpOrder> {
    return call('create order', () =>
      this.rp.orders.create({ amount: p.amount, currency: 'INR', receipt: p.receipt, notes: p.notes }),
    );
  }

  fetchOrder(orderId: string): Promise<TRzpOrder> {
    return call('fetch order', () => this.rp.orders.fetch(orderId));
  }

  fetchOrderPayments(orderId: string): Promise<{ items: TRzpPayment[] }> {
    return call('fetch order payments', () => this.rp.orders.fetchPayments(orderId));
  }

  fetchPayment(paymentId: string): Promise<TRzpPayment> {
    return call('fetch payment', () => this.rp.payments.fetch(paymentId));
  }

  /** Takes an authorized payment: exactly its authorized amount, in INR. Refused once it is captured. */
  capturePayment(paymentId: string, amountPaise: number): Promise<TRzpPayment> {
    return call('capture payment', () => this.rp.payments.capture(paymentId, amountPaise, 'INR'));
  }

  createQr(p: {
    amount: number;
    closeBy: number;
    name: string;
    description: string;
    notes: Record<string, string>;
  }): Promise<TRzpQr> {
    return call('create QR code', () =>
      this.rp.qrCode.create({
        type: 'upi_qr',
        usage: 'single_use',
        fixed_amount: true,
        payment_amount: p.amount,
        close_by: p.closeBy,
        name: p.name,
        description: p.description,
        notes: p.notes,
      }),
    );
  }

  fetchQr(qrId: string): Promise<TRzpQr> {
    return call('fetch QR code', () => this.rp.qrCode.fetch(qrId));
  }

  closeQr(qrId: string): Promise<TRzpQr> {
    return call('close QR code', () => this.rp.qrCode.close(qrId));
  }

  fetchQrPayments(qrId: string): Promise<{ items: TRzpPayment[] }> {
    return call('fetch QR payments', () => this.rp.qrCode.fetchAllPayments(qrId));
  }

  refund(
    paymentId: string,
    p: { amount: number; receipt: string; notes: Record<string, string> },
  ): Promise<TRzpRefund> {
    return call('refund', () =>
      this.rp.payments.refund(paymentId, { amount: p.amount, speed: 'normal', receipt: p.receipt, notes: p.notes }),
    );
  }

  /** Every refund of a payment, page by page. */
  async fetchPaymentRefunds(paymentId: string): Promise<TRzpRefund[]> {
    const refunds: TRzpRefund[] = [];
    for (let skip = 0; ; skip += REFUNDS_PAGE) {
      const page = await call<{ items: TRzpRefund[] }>('fetch payment refunds', () =>
        this.rp.payments.fetchMultipleRefund(paymentId, { count: REFUNDS_PAGE, skip }),
      );
      refunds.push(...page.items);
      if (page.items.length < REFUNDS_PAGE) return refunds;
    }
  }
}
