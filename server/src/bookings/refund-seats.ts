// Some or all standing seats of a confirmed booking given back: their tickets void at once, the
// seats on sale again, the money worked out to the paisa (seat-refund.ts: the seats' prices and the
// fee in proportion), taken from the booking's payments newest first (an exchanged booking's value
// came from the one it replaced, so that one's payments follow), and a credit note of exactly the
// lines given back. Recorded in one transaction under the booking's lock: two staff giving back the
// same seat at once give it back once. Razorpay refunds are sent after COMMIT; cash is handed over
// at the counter, from the refunding staff member's open shift.
import { creditNoteLines, seatRefund, ZTaxLineSchema, type TSeatRefund } from '@marquee/shared';
import { v7 as uuidv7 } from 'uuid';
import { z } from 'zod';
import type { TSql } from '../db/prisma';
import { withTransaction } from '../db/prisma';
import type { TStaffActor } from '../audit/record-audit';
import { requireOpenShift } from '../cash-shifts';
import { AppError } from '../errors/app-error';
import type { TServices } from '../services';
import { issueCreditNote } from '../tax-invoices';
import { afterBookingChange } from './after-booking-change';

export type TRefundRequester = 'CUSTOMER_SERVICE' | 'SYSTEM' | 'MANAGER';

export interface TSeatRefundRequest {
  bookingId: string;
  /** The standing seats to give back, by label; 'all' for every standing seat. */
  seatLabels: readonly string[] | 'all';
  requestedBy: TRefundRequester;
  requestedById?: string | null;
  reason: string;
  /** The staff member refunding at the counter: money taken in cash goes back from their open shift. */
  cashier?: TStaffActor | null;
  now?: Date;
}

export interface TSeatRefundOutcome extends TSeatRefund {
  /** The first of the refund rows recorded (the one the credit note names); null when nothing was paid. */
  refundId: string | null;
  refundIds: string[];
  to: { method: 'RAZORPAY' | 'CASH'; amountPaise: number }[];
  gstPaise: number;
  creditNoteNumber: string | null;
  bookingRefunded: boolean;
  /** The whole booking had been refunded already: nothing changed. */
  alreadyRefunded: boolean;
}

interface TSeatRow {
  id: string;
  seatId: string;
  label: string;
  pricePaise: number;
  active: boolean;
}

export type TRefundPart = {
  paymentId: string;
  method: 'RAZORPAY' | 'CASH';
  razorpayPaymentId: string | null;
  amountPaise: number;
};

/**
 * The money still refundable from the payments behind a booking, newest first: its own captured
 * payments, then those of the booking it replaced, and so on. Cash comes back as cash; anything
 * paid through Razorpay goes back to that payment.
 */
export async function refundSources(tx: TSql, bookingId: string) {
  const { rows } = await tx.query<{
    id: string;
    method: 'CHECKOUT' | 'UPI_QR' | 'CASH';
    razorpayPaymentId: string | null;
    leftPaise: number;
  }>(
    `WITH RECURSIVE chain(id, depth) AS (
       SELECT id, 0 FROM "Booking" WHERE id = $1
       UNION ALL SELECT b."replacesBookingId", c.depth + 1 FROM "Booking" b JOIN chain c ON b.id = c.id
        WHERE b."replacesBookingId" IS NOT NULL AND c.depth < 20)
     SELECT pa.id::text, pa.method::text AS method, pa."razorpayPaymentId",
            (pa."amountPaise" - coalesce((SELECT sum(r."amountPaise") FROM "Refund" r
                                           WHERE r."paymentId" = pa.id AND r.status <> 'FAILED'), 0))::int AS "leftPaise"
       FROM chain c JOIN "PaymentAttempt" pa ON pa."bookingId" = c.id AND pa.status = 'CAPTURED'
      ORDER BY c.depth, pa."createdAt" DESC`,
    [bookingId],
  );
  return rows.filter((r) => r.leftPaise > 0);
}

/** Splits an amount over the sources, newest first; throws if they hold less (an invariant). */
export function allocateRefund(
  sources: Awaited<ReturnType<typeof refundSources>>,
  amountPaise: number,
  bookingId: string,
): TRefundPart[] {
  const parts: TRefundPart[] = [];
  let left = amountPaise;
  for (const s of sources) {
    if (left === 0) break;
    const take = Math.min(left, s.leftPaise);
    parts.push({
      paymentId: s.id,
      method: s.method === 'CASH' ? 'CASH' : 'RAZORPAY',
      razorpayPaymentId: s.razorpayPaymentId,
      amountPaise: take,
    });
    left -= take;
  }
  if (left > 0)
    throw new Error(`refund: booking ${bookingId}'s payments hold ${amountPaise - left} of ${amountPaise} paise`);
  return parts;
}

/**
 * Records the refund rows of money going back, one per payment it comes from. Cash goes back from
 * the cashier's drawer (their open shift, locked until COMMIT); a cancelled show's cash is recorded
 * as owed, for the counter. The fee share is carried by the first rows, so each row's fee is part
 * of its amount. Razorpay rows stay PENDING until sent after COMMIT.
 */
export async function recordRefundRows(
  tx: TSql,
  p: {
    bookingId: string;
    parts: readonly TRefundPart[];
    feePaise: number;
    reason: string;
    requestedBy: TRefundRequester;
    requestedById: string | null;
    cashier: TStaffActor | null;
    /** Makes the refund happen once however often it is recorded (the first row carries it). */
    idempotencyKey?: string;
    now: Date;
  },
): Promise<string[]> {
  let shiftId: string | null = null;
  if (p.parts.some((part) => part.method === 'CASH')) {
    if (p.cashier) shiftId = await requireOpenShift(tx, p.cashier);
    else if (p.requestedBy !== 'SYSTEM')
      throw new AppError('SHIFT_NOT_OPEN', { message: `cash refund of booking ${p.bookingId} without a cashier` });
  }
  let feeLeft = p.feePaise;
  const refundIds: string[] = [];
  for (const [i, part] of p.parts.entries()) {
    const id = uuidv7();
    const fee = Math.min(feeLeft, part.amountPaise);
    feeLeft -= fee;
    const cashNow = part.method === 'CASH' && shiftId !== null;
    await tx.query(
      `INSERT INTO "Refund" (id, "bookingId", "paymentId", method, "razorpayPaymentId", "amountPaise", "feePaise", status,
         reason, "requestedBy", "requestedById", "shiftId", "idempotencyKey", "createdAt", "processedAt")
       VALUES ($1, $2, $3, $4::"RefundMethod", $5, $6, $7, $8::"RefundStatus", $9, $10::"RefundRequester", $11, $12, $13, $14, $15)`,
      [
        id,
        p.bookingId,
        part.paymentId,
        part.method,
        part.razorpayPaymentId,
        part.amountPaise,
        fee,
        cashNow ? 'PROCESSED' : 'PENDING',
        p.reason,
        p.requestedBy,
        p.requestedById,
        part.method === 'CASH' ? shiftId : null,
        i === 0 ? (p.idempotencyKey ?? null) : null,
        p.now,
        cashNow ? p.now : null,
      ],
    );
    refundIds.push(id);
  }
  return refundIds;
}

/**
 * Reads and checks what a seat refund would give back, under the booking's lock when called in its
 * transaction; only a confirmed booking's standing seats can be given back.
 */
export async function planSeatRefund(tx: TSql, p: Pick<TSeatRefundRequest, 'bookingId' | 'seatLabels'>, lock: boolean) {
  const { rows } = await tx.query<{ status: string; feePaise: number; showtimeId: string }>(
    `SELECT status, "feePaise", "showtimeId"::text FROM "Booking" WHERE id = $1 ${lock ? 'FOR UPDATE' : ''}`,
    [p.bookingId],
  );
  const booking = rows[0];
  if (!booking) throw new AppError('BOOKING_NOT_FOUND', { message: `booking ${p.bookingId} not found` });
  // Asked first: a booking refunded already has no standing seat, and that is not a wrong choice of seats.
  if (booking.status !== 'CONFIRMED') throw notChangeable(p.bookingId, booking.status);
  const seats = (
    await tx.query<TSeatRow>(
      `SELECT bs.id::text, bs."seatId"::text, s.label, bs."pricePaise", bs.active
         FROM "BookingSeat" bs JOIN "Seat" s ON s.id = bs."seatId" WHERE bs."bookingId" = $1`,
      [p.bookingId],
    )
  ).rows;
  const standing = seats.filter((s) => s.active);
  const labels = p.seatLabels === 'all' ? standing.map((s) => s.label) : [...p.seatLabels];
  const standingLabels = new Set(standing.map((s) => s.label));
  if (labels.some((l) => !standingLabels.has(l)) || labels.length === 0)
    throw new AppError('REFUND_SEATS_INVALID', {
      message: `booking ${p.bookingId}: ${labels.join(',')} are not all standing seats (${[...standingLabels].join(',')})`,
    });
  const money = seatRefund({
    seats,
    feePaise: booking.feePaise,
    standing: standing.map((s) => s.label),
    refunding: labels,
  });
  return { booking, seats, standing, labels, money };
}

export async function invoiceLinesOf(tx: TSql, bookingId: string) {
  const { rows } = await tx.query<{ lines: unknown }>(
    `SELECT lines FROM "TaxDocument" WHERE "bookingId" = $1 AND kind = 'INVOICE'`,
    [bookingId],
  );
  return rows[0] ? z.array(ZTaxLineSchema).parse(rows[0].lines) : null;
}

/**
 * What giving back these seats ('all': every standing seat, as a full refund would) would refund,
 * and where the money would go; changes nothing.
 */
export async function quoteSeatRefund(
  services: Pick<TServices, 'pg'>,
  p: { bookingId: string; seatLabels: readonly string[] | 'all' },
): Promise<Pick<TSeatRefundOutcome, 'amountPaise' | 'seatsPaise' | 'feePaise' | 'gstPaise' | 'to'>> {
  return withTransaction(services.pg, async (tx) => {
    const plan = await planSeatRefund(tx, p, false);
    const lines = await invoiceLinesOf(tx, p.bookingId);
    const credit = lines
      ? creditNoteLines(lines, {
          seats: plan.seats,
          feePaise: plan.booking.feePaise,
          standing: plan.standing.map((s) => s.label),
          refunding: plan.labels,
        })
      : null;
    const parts =
      plan.money.amountPaise > 0
        ? allocateRefund(await refundSources(tx, p.bookingId), plan.money.amountPaise, p.bookingId)
        : [];
    return {
      ...plan.money,
      gstPaise: credit ? credit.totals.cgstPaise + credit.totals.sgstPaise : 0,
      to: mergeByMethod(parts),
    };
  });
}

function mergeByMethod(parts: TRefundPart[]): TSeatRefundOutcome['to'] {
  const out = new Map<'RAZORPAY' | 'CASH', number>();
  for (const part of parts) out.set(part.method, (out.get(part.method) ?? 0) + part.amountPaise);
  return [...out].map(([method, amountPaise]) => ({ method, amountPaise }));
}

function notChangeable(bookingId: string, status: string): AppError {
  return new AppError('BOOKING_NOT_CHANGEABLE', {
    message: `booking ${bookingId} is ${status}; only a paid booking's seats can be given back`,
    userMessage: 'Only a paid booking can be refunded.',
  });
}

/**
 * Gives back seats inside refundSeats' transaction, under the booking's lock. Returns the outcome
 * and the freed seats for afterBookingChange; the seat version is the caller's to move.
 */
async function recordSeatRefund(
  tx: TSql,
  p: TSeatRefundRequest & { now: Date },
): Promise<{ outcome: TSeatRefundOutcome; showtimeId: string; freedSeatIds: string[] }> {
  const plan = await planSeatRefund(tx, p, true);
  const parts =
    plan.money.amountPaise > 0
      ? allocateRefund(await refundSources(tx, p.bookingId), plan.money.amountPaise, p.bookingId)
      : [];
  const refundIds = await recordRefundRows(tx, {
    bookingId: p.bookingId,
    parts,
    feePaise: plan.money.feePaise,
    reason: p.reason,
    requestedBy: p.requestedBy,
    requestedById: p.requestedById ?? null,
    cashier: p.cashier ?? null,
    now: p.now,
  });
  const refundId = refundIds[0] ?? null;
  const refunding = plan.standing.filter((s) => plan.labels.includes(s.label));
  await tx.query(`UPDATE "BookingSeat" SET active = false, "refundId" = $2 WHERE id = ANY($1::uuid[])`, [
    refunding.map((s) => s.id),
    refundId,
  ]);
  await tx.query(`UPDATE "Ticket" SET "voidedAt" = $2 WHERE "bookingSeatId" = ANY($1::uuid[]) AND "voidedAt" IS NULL`, [
    refunding.map((s) => s.id),
    p.now,
  ]);
  const bookingRefunded = refunding.length === plan.standing.length;
  if (bookingRefunded)
    await tx.query(
      `UPDATE "Booking" SET status = 'REFUNDED', "statusReason" = $2, "closedAt" = $3, "updatedAt" = $3 WHERE id = $1`,
      [p.bookingId, p.reason, p.now],
    );
  else await tx.query(`UPDATE "Booking" SET "updatedAt" = $2 WHERE id = $1`, [p.bookingId, p.now]);

  const lines = await invoiceLinesOf(tx, p.bookingId);
  let creditNoteNumber: string | null = null;
  let gstPaise = 0;
  if (lines && refundId) {
    const credit = creditNoteLines(lines, {
      seats: plan.seats,
      feePaise: plan.booking.feePaise,
      standing: plan.standing.map((s) => s.label),
      refunding: plan.labels,
    });
    if (credit.totals.totalPaise !== plan.money.amountPaise)
      throw new Error(`refund: credit note ${credit.totals.totalPaise} ≠ refund ${plan.money.amountPaise} paise`);
    const note = await issueCreditNote(tx, { bookingId: p.bookingId, refundId, now: p.now, ...credit });
    creditNoteNumber = note?.number ?? null;
    gstPaise = credit.totals.cgstPaise + credit.totals.sgstPaise;
  }
  return {
    outcome: {
      ...plan.money,
      refundId,
      refundIds,
      to: mergeByMethod(parts),
      gstPaise,
      creditNoteNumber,
      bookingRefunded,
      alreadyRefunded: false,
    },
    showtimeId: plan.booking.showtimeId,
    freedSeatIds: refunding.map((s) => s.seatId),
  };
}

/** Gives back seats of a confirmed booking, and puts them on sale; see the top of this file. */
export async function refundSeats(
  services: Pick<TServices, 'pg' | 'prisma' | 'razorpay' | 'seatEvents' | 'bookingEvents' | 'log'>,
  p: TSeatRefundRequest,
): Promise<TSeatRefundOutcome> {
  const now = p.now ?? new Date();
  const result = await withTransaction(services.pg, async (tx) => {
    if (p.seatLabels === 'all') {
      // Refunding a whole booking twice is answered with the first refund.
      const { rows } = await tx.query<{ status: string }>(`SELECT status FROM "Booking" WHERE id = $1 FOR UPDATE`, [
        p.bookingId,
      ]);
      if (rows[0]?.status === 'REFUNDED') {
        const first = await tx.query<{ id: string }>(
          `SELECT id::text FROM "Refund" WHERE "bookingId" = $1 ORDER BY "createdAt", id LIMIT 1`,
          [p.bookingId],
        );
        return { already: first.rows[0]?.id ?? null } as const;
      }
    }
    const recorded = await recordSeatRefund(tx, { ...p, now });
    const bumped = await tx.query<{ seatVersion: number }>(
      `UPDATE "Showtime" SET "seatVersion" = "seatVersion" + 1, "updatedAt" = $2 WHERE id = $1 RETURNING "seatVersion"`,
      [recorded.showtimeId, now],
    );
    return { ...recorded, seatVersion: bumped.rows[0]!.seatVersion };
  });
  if ('already' in result)
    return {
      amountPaise: 0,
      seatsPaise: 0,
      feePaise: 0,
      gstPaise: 0,
      to: [],
      refundId: result.already ?? null,
      refundIds: [],
      creditNoteNumber: null,
      bookingRefunded: true,
      alreadyRefunded: true,
    };
  services.log.info(
    {
      bookingId: p.bookingId,
      requestedBy: p.requestedBy,
      requestedById: p.requestedById,
      seats: result.freedSeatIds.length,
      amountPaise: result.outcome.amountPaise,
    },
    result.outcome.bookingRefunded ? 'booking refunded' : 'seats of a booking refunded',
  );
  await afterBookingChange(services, {
    kind: 'refunded',
    bookingId: p.bookingId,
    status: result.outcome.bookingRefunded ? 'REFUNDED' : 'CONFIRMED',
    showtimeId: result.showtimeId,
    seatIds: result.freedSeatIds,
    seatVersion: result.seatVersion,
    refundIds: result.outcome.refundIds,
  });
  return result.outcome;
}
