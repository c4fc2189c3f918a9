// The sandbox's whole state, in memory: it is a stand-in for Razorpay's servers during development
// and tests, so a restart starting empty is what a fresh test account would look like.
export type TNotes = Record<string, string> | [];

export interface TOrder {
  id: string;
  entity: 'order';
  amount: number;
  amount_paid: number;
  amount_due: number;
  currency: string;
  receipt: string | null;
  status: 'created' | 'attempted' | 'paid';
  attempts: number;
  notes: TNotes;
  created_at: number;
}

export interface TPayment {
  id: string;
  entity: 'payment';
  amount: number;
  currency: string;
  status: 'created' | 'authorized' | 'captured' | 'refunded' | 'failed';
  order_id: string | null;
  invoice_id: null;
  international: false;
  method: 'upi' | 'card';
  amount_refunded: number;
  refund_status: null | 'partial' | 'full';
  captured: boolean;
  description: string | null;
  card_id: string | null;
  bank: null;
  wallet: null;
  vpa: string | null;
  email: string;
  contact: string;
  customer_id?: string | null;
  notes: TNotes;
  fee: number;
  tax: number;
  error_code: string | null;
  error_description: string | null;
  error_source: string | null;
  error_step: string | null;
  error_reason: string | null;
  acquirer_data: Record<string, string | null>;
  created_at: number;
}

export interface TRefund {
  id: string;
  entity: 'refund';
  amount: number;
  currency: string;
  payment_id: string;
  notes: TNotes;
  receipt: string | null;
  acquirer_data: { arn: string | null };
  created_at: number;
  batch_id: null;
  status: 'pending' | 'processed' | 'failed';
  speed_processed: 'normal';
  speed_requested: 'normal' | 'optimum';
}

export interface TQrCode {
  id: string;
  entity: 'qr_code';
  created_at: number;
  name: string | null;
  usage: 'single_use' | 'multiple_use';
  type: 'upi_qr';
  image_url: string;
  payment_amount: number | null;
  status: 'active' | 'closed';
  description: string | null;
  fixed_amount: boolean;
  payments_amount_received: number;
  payments_count_received: number;
  notes: TNotes;
  customer_id: string | null;
  close_by: number | null;
  closed_at: number | null;
  close_reason: null | 'on_demand' | 'paid';
}

export interface TWebhookDelivery {
  eventId: string;
  event: string;
  createdAt: number;
  attempts: { at: number; status: number | null; error: string | null }[];
  delivered: boolean;
}

/** One call to POST /v1/payments/:id/capture and how it ended (tests count the ones that succeeded). */
export interface TCaptureCall {
  paymentId: string;
  amount: unknown;
  at: number;
  ok: boolean;
  error: string | null;
}

export class SandboxStore {
  readonly orders = new Map<string, TOrder>();
  readonly payments = new Map<string, TPayment>();
  readonly refunds = new Map<string, TRefund>();
  readonly qrCodes = new Map<string, TQrCode>();
  /** Payments per QR code (QR payments carry no order id). */
  readonly qrPayments = new Map<string, string[]>();
  readonly webhooks: TWebhookDelivery[] = [];
  readonly captures: TCaptureCall[] = [];

  paymentsOfOrder(orderId: string): TPayment[] {
    return [...this.payments.values()].filter((p) => p.order_id === orderId);
  }
}

export const collection = <T>(items: T[]) => ({ entity: 'collection' as const, count: items.length, items });
