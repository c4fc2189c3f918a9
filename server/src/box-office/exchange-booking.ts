// Moves and exchanges: a confirmed booking is replaced by a new one for other seats of the same show
// (a move) or of another show (an exchange). The old booking's standing seats and fee are worth a
// credit; the new seats are held first (holds.create's own rules and atomicity, under the holder
// "exchange:<old booking id>"), then one transaction confirms the new booking with new tickets and
// its invoice, ends the old one as EXCHANGED with its tickets void and a credit note, and settles the
// difference: a cheaper exchange refunds it (once, keyed by the new booking), a dearer one takes it in
// cash into the cashier's shift. A dearer one paid by UPI waits for the QR's payment, and the
// payment's settlement (payments/settle-payment.ts) finishes it with completeExchange (bookings/).
import type { TExchangeQuote, TExchangeResult } from '@marquee/shared';
import type { THolder } from '../auth';
import { recordAudit, type TStaffActor } from '../audit/record-audit';
import {
  afterBookingChange,
  allocateRefund,
  assertChangeable,
  completeExchange,
  confirmPaidBooking,
  finishConfirmBatch,
  findBookingInCinema,
  lockBookings,
  readExchangedBooking,
  recordRefundRows,
  refundSources,
  type TConfirmBatchEntry,
  type TExchangedBooking,
} from '../bookings';
import { recordCashPayment } from '../cash-shifts';
import { withTransaction } from '../db/prisma';
import { AppError } from '../errors/app-error';
import { createHold, quoteHold, releaseHold } from '../holds';
import { createOrder } from '../payments';
import type { TServices } from '../services';

type TExchangeServices = Pick<
  TServices,
  'prisma' | 'pg' | 'razorpay' | 'redis' | 'seatEvents' | 'bookingEvents' | 'jobs' | 'log' | 'env'
>;

/** What an exchange to these seats would cost or give back; changes nothing. */
export async function quoteExchange(
  services: Pick<TServices, 'pg'>,
  {
    cinemaId,
    bookingId,
    showtimeId,
    seatIds,
    now = new Date(),
  }: { cinemaId: string; bookingId: string; showtimeId: string; seatIds: string[]; now?: Date },
): Promise<TExchangeQuote> {
  const old = await readExchangedBooking(services.pg, bookingId, false);
  assertChangeable(old, now);
  const { amountPaise } = await quoteHold(services, {
    holder: exchangeHolder(old, cinemaId),
    showtimeId,
    seatIds,
    now,
  });
  return { newAmountPaise: amountPaise, creditPaise: old.creditPaise, differencePaise: amountPaise - old.creditPaise };
}

/** The new booking keeps the old one's channel, so its fee is charged as the old one's was. */
function exchangeHolder(old: TExchangedBooking, cinemaId: string): THolder {
  return { key: `exchange:${old.id}`, channel: old.channel, kioskId: null, cinemaId, outOfService: false };
}

/**
 * Moves or exchanges a booking of the actor's cinema (see the top of this file). Asking twice at
 * once exchanges it once: the two share a holder, so the later hold replaces the earlier, and the
 * old booking's lock lets one transaction end it; the other is refused and its seats released.
 */
export async function exchangeBooking(
  services: TExchangeServices,
  p: {
    actor: TStaffActor;
    bookingId: string;
    showtimeId: string;
    seatIds: string[];
    payment?: 'cash' | 'upi';
    receivedPaise?: number;
    reason: string;
    now?: Date;
  },
): Promise<TExchangeResult> {
  const now = p.now ?? new Date();
  await findBookingInCinema(services, p.bookingId, p.actor.cinemaId);
  const quote = await quoteExchange(services, { cinemaId: p.actor.cinemaId, ...p, now });
  const due = quote.differencePaise;
  if (due > 0 && !p.payment)
    throw new AppError('INPUT_INVALID', {
      message: 'a dearer exchange needs a payment method',
      userMessage: 'This exchange costs more: take the difference in cash or by UPI.',
    });
  if (due > 0 && p.payment === 'cash' && (p.receivedPaise ?? 0) < due)
    throw new AppError('CASH_SHORT', { message: `received ${p.receivedPaise ?? 0} of ${due} paise` });

  const old = await readExchangedBooking(services.pg, p.bookingId, false);
  const hold = await createHold(services, {
    holder: exchangeHolder(old, p.actor.cinemaId),
    showtimeId: p.showtimeId,
    seatIds: p.seatIds,
    now,
  });
  const audit = (action: string) =>
    recordAudit(services.prisma, {
      by: p.actor.userId,
      action: `booking.${action}`,
      entityType: 'Booking',
      entityId: p.bookingId,
      data: { reason: p.reason, newBookingId: hold.bookingId, differencePaise: due },
    });
  const kind = p.showtimeId === old.showtimeId ? 'move' : 'exchange';

  try {
    // The seats were priced again as they were held: a price changed since the quote is quoted again.
    if (hold.amountPaise - quote.creditPaise !== due)
      throw new AppError('INPUT_INVALID', {
        message: `exchange of ${p.bookingId}: held for ${hold.amountPaise}, quoted ${quote.newAmountPaise}`,
        userMessage: 'The price of those seats changed a moment ago. Check the new amount and try again.',
      });
    await services.prisma.booking.update({
      where: { id: hold.bookingId },
      data: {
        replacesBookingId: p.bookingId,
        creditPaise: Math.min(quote.creditPaise, hold.amountPaise),
        customerEmail: old.customerEmail,
        customerPhone: old.customerPhone,
        soldById: p.actor.userId,
      },
    });
    if (due > 0 && p.payment === 'upi') {
      const order = await createOrder(services, {
        holder: exchangeHolder(old, p.actor.cinemaId),
        bookingId: hold.bookingId,
        method: 'upi_qr',
        now,
      });
      await audit(`${kind}-started`);
      return {
        kind: 'awaiting-payment',
        newBookingId: hold.bookingId,
        newCode: hold.code,
        differencePaise: due,
        changePaise: null,
        qr: { id: order.qr!.id, imageUrl: order.qr!.imageUrl, amountPaise: order.amountPaise },
      };
    }
    const done = await withTransaction(services.pg, async (tx) => {
      // The lock order of bookings/lock-bookings.ts: both bookings first; the credit note's counter
      // (completeExchange); both shows in id order and the invoice's counter at the end
      // (finishConfirmBatch), as a batch of settlements takes them.
      await lockBookings(tx, [hold.bookingId, p.bookingId]);
      const { rows } = await tx.query<{ status: string; startsAt: Date; razorpayQrId: string | null }>(
        `SELECT b.status::text AS status, s."startsAt", b."razorpayQrId" FROM "Booking" b JOIN "Showtime" s ON s.id = b."showtimeId"
          WHERE b.id = $1`,
        [hold.bookingId],
      );
      const held = rows[0]!;
      if (held.status !== 'PENDING')
        throw new AppError('BOOKING_EXPIRED', { message: `exchange hold ${hold.bookingId} is ${held.status}` });
      if (due > 0) await recordCashPayment(tx, { actor: p.actor, bookingId: hold.bookingId, amountPaise: due, now });
      const exchanged = await completeExchange(tx, {
        oldBookingId: p.bookingId,
        newCode: hold.code,
        worthPaise: quote.creditPaise,
        now,
        batched: true,
      });
      const entries: TConfirmBatchEntry[] = [];
      const confirmed = await confirmPaidBooking(
        tx,
        services,
        { bookingId: hold.bookingId, paymentId: null },
        { showtimeId: p.showtimeId, startsAt: held.startsAt, razorpayQrId: held.razorpayQrId },
        now,
        { add: (c, invoice) => entries.push({ confirmed: c, invoice }) },
      );
      if (!confirmed) throw new Error(`exchange: hold ${hold.bookingId} is not PENDING under its lock`);
      Object.assign(confirmed, { exchanged });
      let refundIds: string[] = [];
      if (due < 0) {
        const parts = allocateRefund(await refundSources(tx, p.bookingId), -due, p.bookingId);
        refundIds = await recordRefundRows(tx, {
          bookingId: p.bookingId,
          parts,
          feePaise: 0,
          reason: `difference of the ${kind} to booking ${hold.code}`,
          requestedBy: 'MANAGER',
          requestedById: p.actor.userId,
          cashier: p.actor,
          idempotencyKey: `exchange:${hold.bookingId}`,
          now,
        });
      }
      // Fills in both seat versions (the old show's first) and numbers the invoice.
      await finishConfirmBatch(tx, entries, now);
      return { confirmed, refundIds };
    });
    await afterBookingChange(services, { kind: 'confirmed', ...done.confirmed });
    for (const refundId of done.refundIds) await afterBookingChange(services, { kind: 'refund-recorded', refundId });
    await audit(kind);
    services.log.info({ bookingId: p.bookingId, newBookingId: hold.bookingId, due, kind }, 'booking exchanged');
    return {
      kind: 'done',
      newBookingId: hold.bookingId,
      newCode: hold.code,
      differencePaise: due,
      changePaise: due > 0 && p.payment === 'cash' ? (p.receivedPaise ?? 0) - due : null,
      qr: null,
    };
  } catch (err) {
    // Nothing was exchanged: the seats held for it go back on sale.
    await releaseHold(services, { holder: exchangeHolder(old, p.actor.cinemaId), bookingId: hold.bookingId }).catch(
      (closeErr: unknown) =>
        services.log.error({ err: closeErr, bookingId: hold.bookingId }, 'exchange hold not released'),
    );
    throw err;
  }
}
