// Razorpay webhooks: each event id is recorded in the same transaction as its effect, so a replay
// does nothing and a crash half-way lets Razorpay's retry through.
// Deliveries are settled in batches with other settlements (settle-in-batches.ts). A payment.authorized
// is captured (or left to lapse) outside that transaction, since it calls Razorpay: its event id is
// recorded after, and a retry after a crash is safe because capture and settlement are idempotent per payment.
import type pg from 'pg';
import { v7 as uuidv7 } from 'uuid';
import { z } from 'zod';
import type { TConfirmBatch } from '../bookings';
import { AppError } from '../errors/app-error';
import type { TServices } from '../services';
import { captureAuthorizedPayment } from './capture-authorized-payment';
import { settleInBatch } from './settle-in-batches';
import { afterSettlement, settleCapturedPayment, type TSettlement } from './settle-payment';

const ZPayment = z.object({
  id: z.string(),
  amount: z.number().int(),
  status: z.string(),
  order_id: z.string().nullable(),
  error_code: z.string().nullable().optional(),
  error_description: z.string().nullable().optional(),
});

export const ZWebhookEnvelope = z.object({
  event: z.string(),
  payload: z.object({
    payment: z.object({ entity: ZPayment }).optional(),
    qr_code: z.object({ entity: z.object({ id: z.string() }) }).optional(),
    refund: z.object({ entity: z.object({ id: z.string(), status: z.string(), payment_id: z.string() }) }).optional(),
  }),
});
export type TWebhookEnvelope = z.infer<typeof ZWebhookEnvelope>;

async function bookingIdFor(
  tx: pg.PoolClient | pg.Pool,
  by: { orderId?: string | null; qrId?: string },
): Promise<string | null> {
  if (by.qrId)
    return (
      (await tx.query<{ id: string }>(`SELECT id::text FROM "Booking" WHERE "razorpayQrId" = $1`, [by.qrId])).rows[0]
        ?.id ?? null
    );
  if (by.orderId)
    return (
      (await tx.query<{ id: string }>(`SELECT id::text FROM "Booking" WHERE "razorpayOrderId" = $1`, [by.orderId]))
        .rows[0]?.id ?? null
    );
  return null;
}

async function applyEvent(
  tx: pg.PoolClient,
  services: TServices,
  envelope: TWebhookEnvelope,
  batch?: TConfirmBatch,
): Promise<TSettlement | null> {
  const payment = envelope.payload.payment?.entity;
  switch (envelope.event) {
    case 'payment.captured':
    case 'order.paid': {
      // A QR payment has no order; its qr_code.credited event carries the QR and settles it.
      if (!payment?.order_id || payment.status !== 'captured') return null;
      const bookingId = await bookingIdFor(tx, { orderId: payment.order_id });
      if (!bookingId) return null;
      return settleCapturedPayment(
        tx,
        services,
        {
          bookingId,
          paymentId: payment.id,
          orderId: payment.order_id,
          amountPaise: payment.amount,
          method: 'CHECKOUT',
        },
        undefined,
        batch,
      );
    }
    case 'qr_code.credited': {
      const qrId = envelope.payload.qr_code?.entity.id;
      if (!payment || !qrId) return null;
      const bookingId = await bookingIdFor(tx, { qrId });
      if (!bookingId) return null;
      return settleCapturedPayment(
        tx,
        services,
        {
          bookingId,
          paymentId: payment.id,
          orderId: null,
          amountPaise: payment.amount,
          method: 'UPI_QR',
        },
        undefined,
        batch,
      );
    }
    case 'payment.failed': {
      if (!payment?.order_id) return null;
      const bookingId = await bookingIdFor(tx, { orderId: payment.order_id });
      if (!bookingId) return null;
      // Recorded as an attempt; the booking stays PENDING so the customer can try again until it expires.
      await tx.query(
        `INSERT INTO "PaymentAttempt" (id, "bookingId", method, status, "razorpayOrderId", "razorpayPaymentId", "amountPaise", "errorCode", "errorDescription", "createdAt", "updatedAt")
         VALUES ($1, $2, 'CHECKOUT', 'FAILED', $3, $4, $5, $6, $7, now(), now()) ON CONFLICT ("razorpayPaymentId") DO NOTHING`,
        [
          uuidv7(),
          bookingId,
          payment.order_id,
          payment.id,
          payment.amount,
          payment.error_code ?? null,
          payment.error_description ?? null,
        ],
      );
      return null;
    }
    case 'refund.processed':
    case 'refund.failed': {
      const refund = envelope.payload.refund?.entity;
      if (!refund) return null;
      await tx.query(
        `UPDATE "Refund" SET status = $2::"RefundStatus", "processedAt" = CASE WHEN $2 = 'PROCESSED' THEN now() ELSE "processedAt" END WHERE "razorpayRefundId" = $1`,
        [refund.id, envelope.event === 'refund.processed' ? 'PROCESSED' : 'FAILED'],
      );
      return null;
    }
    default:
      return null;
  }
}

export interface TWebhookDelivery {
  eventId: string;
  envelope: TWebhookEnvelope;
}

export type TWebhookOutcome = 'applied' | 'duplicate';

async function recordAndApply(
  tx: pg.PoolClient,
  services: TServices,
  { eventId, envelope }: TWebhookDelivery,
  batch?: TConfirmBatch,
): Promise<'duplicate' | TSettlement | null> {
  const recorded = await tx.query(
    `INSERT INTO "WebhookEvent" (id, "eventId", event, payload, "receivedAt") VALUES ($1, $2, $3, $4, now()) ON CONFLICT ("eventId") DO NOTHING RETURNING id`,
    [uuidv7(), eventId, envelope.event, JSON.stringify(envelope)],
  );
  if (recorded.rowCount === 0) return 'duplicate';
  return applyEvent(tx, services, envelope, batch);
}

async function recordEvent(services: TServices, { eventId, envelope }: TWebhookDelivery): Promise<boolean> {
  const recorded = await services.pg.query(
    `INSERT INTO "WebhookEvent" (id, "eventId", event, payload, "receivedAt") VALUES ($1, $2, $3, $4, now()) ON CONFLICT ("eventId") DO NOTHING`,
    [uuidv7(), eventId, envelope.event, JSON.stringify(envelope)],
  );
  return (recorded.rowCount ?? 0) > 0;
}

/** An authorized Checkout payment: captured while its booking's hold stands, else left to lapse. */
async function handleAuthorized(services: TServices, delivery: TWebhookDelivery): Promise<TWebhookOutcome> {
  const seen = await services.pg.query(`SELECT 1 FROM "WebhookEvent" WHERE "eventId" = $1`, [delivery.eventId]);
  if (seen.rowCount) return 'duplicate';
  const payment = delivery.envelope.payload.payment?.entity;
  const bookingId =
    payment?.order_id && payment.status === 'authorized'
      ? await bookingIdFor(services.pg, { orderId: payment.order_id })
      : null;
  if (payment?.order_id && bookingId) {
    const outcome = await captureAuthorizedPayment(services, {
      bookingId,
      paymentId: payment.id,
      orderId: payment.order_id,
      amountPaise: payment.amount,
    }).catch((err: unknown) => {
      // Razorpay refused the capture: a retry would be refused again, so the event is recorded
      // (reconciliation tries once more while the hold stands). No answer (PAY_PROVIDER_UNAVAILABLE)
      // goes up: the webhook answers 502 and Razorpay sends it again.
      if (!(err instanceof AppError && err.code === 'PAY_CAPTURE_REFUSED')) throw err;
      services.log.error({ err, bookingId, paymentId: payment.id }, 'Razorpay refused to capture a payment');
      return null;
    });
    if (outcome?.kind === 'settled') await afterSettlement(services, outcome.settlement, 'webhook');
  } else {
    services.log.info(
      { eventId: delivery.eventId, paymentId: payment?.id, orderId: payment?.order_id },
      'payment.authorized for no booking of ours; recorded only',
    );
  }
  return (await recordEvent(services, delivery)) ? 'applied' : 'duplicate';
}

/** Returns 'duplicate' for an event id seen before (nothing happens again). */
export async function handleWebhook(services: TServices, delivery: TWebhookDelivery): Promise<TWebhookOutcome> {
  const { envelope } = delivery;
  if (envelope.event === 'payment.authorized') return handleAuthorized(services, delivery);
  const outcome = await settleInBatch(services, {
    booking: {
      orderId: envelope.payload.payment?.entity.order_id,
      qrId: envelope.event === 'qr_code.credited' ? envelope.payload.qr_code?.entity.id : null,
    },
    run: (tx, batch) => recordAndApply(tx, services, delivery, batch),
  });
  if (outcome === 'duplicate') return 'duplicate';
  if (outcome) await afterSettlement(services, outcome, 'webhook');
  return 'applied';
}
