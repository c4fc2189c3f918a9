// Counter sales: staff hold seats for a customer at the box office (holds.create's own rules, under
// the holder "staff:<user id>", channel BOX_OFFICE: no booking fee), then the customer pays in cash
// (recorded against the seller's open shift, confirmed at once), by a UPI QR turned towards them
// (confirmed by the payment's webhook, as any QR), or gets the seats complimentary (managers only,
// with a reason: nothing to pay, no invoice). The tickets print at a kiosk of the cinema, or the
// e-ticket goes to the customer's email.
import type { TBoxOfficeHold, TCounterSale } from '@marquee/shared';
import type { THolder } from '../auth';
import { recordAudit, type TStaffActor } from '../audit/record-audit';
import { afterBookingChange, confirmPaidBooking, findBookingInCinema } from '../bookings';
import { recordCashPayment } from '../cash-shifts';
import { withTransaction, type TSql } from '../db/prisma';
import { AppError } from '../errors/app-error';
import { createHold, releaseHold } from '../holds';
import { createOrder } from '../payments';
import type { TServices } from '../services';

type TSaleServices = Pick<
  TServices,
  'prisma' | 'pg' | 'razorpay' | 'redis' | 'seatEvents' | 'bookingEvents' | 'jobs' | 'log' | 'env'
>;

export function counterHolder(actor: TStaffActor): THolder {
  return {
    key: `staff:${actor.userId}`,
    channel: 'BOX_OFFICE',
    kioskId: null,
    cinemaId: actor.cinemaId,
    outOfService: false,
  };
}

export async function holdAtCounter(
  services: TSaleServices,
  {
    actor,
    showtimeId,
    seatIds,
    now = new Date(),
  }: { actor: TStaffActor; showtimeId: string; seatIds: string[]; now?: Date },
): Promise<TBoxOfficeHold> {
  const hold = await createHold(services, { holder: counterHolder(actor), showtimeId, seatIds, now });
  await services.prisma.booking.update({ where: { id: hold.bookingId }, data: { soldById: actor.userId } });
  const seats = await services.prisma.bookingSeat.findMany({
    where: { bookingId: hold.bookingId },
    select: { pricePaise: true, seat: { select: { label: true } } },
  });
  return {
    ...hold,
    feePaise: 0,
    seats: seats
      .map((s) => ({ label: s.seat.label, pricePaise: s.pricePaise }))
      .sort((a, b) => a.label.localeCompare(b.label, 'en', { numeric: true })),
  };
}

/** The counter's PENDING hold, locked; refused if it is not the seller's, or no longer held. */
async function lockCounterHold(tx: TSql, actor: TStaffActor, bookingId: string, now: Date) {
  const { rows } = await tx.query<{
    status: string;
    amountPaise: number;
    showtimeId: string;
    startsAt: Date;
    razorpayQrId: string | null;
    expiresAt: Date;
    code: string;
  }>(
    `SELECT b.status::text AS status, b."amountPaise", b."showtimeId"::text, s."startsAt", b."razorpayQrId", b."expiresAt", b.code
       FROM "Booking" b JOIN "Showtime" s ON s.id = b."showtimeId" WHERE b.id = $1 AND b.holder = $2 FOR UPDATE OF b`,
    [bookingId, counterHolder(actor).key],
  );
  const held = rows[0];
  if (!held) throw new AppError('BOOKING_NOT_FOUND', { message: `counter hold ${bookingId} is not ${actor.userId}'s` });
  if (held.status === 'CONFIRMED')
    throw new AppError('BOOKING_ALREADY_PAID', { message: `counter hold ${bookingId} is confirmed` });
  if (held.status !== 'PENDING' || held.expiresAt <= now)
    throw new AppError('BOOKING_EXPIRED', { message: `counter hold ${bookingId} is ${held.status}` });
  return held;
}

/** Confirms a counter hold in one transaction with what `pay` records first (cash, or nothing). */
async function confirmAtCounter(
  services: TSaleServices,
  p: { actor: TStaffActor; bookingId: string; email?: string; now: Date },
  pay: (tx: TSql, held: Awaited<ReturnType<typeof lockCounterHold>>) => Promise<void>,
) {
  const confirmed = await withTransaction(services.pg, async (tx) => {
    const held = await lockCounterHold(tx, p.actor, p.bookingId, p.now);
    if (p.email)
      await tx.query(`UPDATE "Booking" SET "customerEmail" = $2 WHERE id = $1`, [p.bookingId, p.email.toLowerCase()]);
    await pay(tx, held);
    const done = await confirmPaidBooking(tx, services, { bookingId: p.bookingId, paymentId: null }, held, p.now);
    if (!done) throw new Error(`counter sale: ${p.bookingId} not PENDING under its lock`);
    return { done, held };
  });
  await afterBookingChange(services, { kind: 'confirmed', ...confirmed.done });
  return confirmed.held;
}

export async function sellForCash(
  services: TSaleServices,
  {
    actor,
    bookingId,
    receivedPaise,
    email,
    now = new Date(),
  }: { actor: TStaffActor; bookingId: string; receivedPaise: number; email?: string; now?: Date },
): Promise<TCounterSale> {
  const held = await confirmAtCounter(services, { actor, bookingId, email, now }, async (tx, h) => {
    if (receivedPaise < h.amountPaise)
      throw new AppError('CASH_SHORT', { message: `received ${receivedPaise} of ${h.amountPaise} paise` });
    await recordCashPayment(tx, { actor, bookingId, amountPaise: h.amountPaise, now });
  });
  await recordAudit(services.prisma, {
    by: actor.userId,
    action: 'booking.cash-sale',
    entityType: 'Booking',
    entityId: bookingId,
    data: { amountPaise: held.amountPaise, receivedPaise },
  });
  services.log.info({ bookingId, amountPaise: held.amountPaise, by: actor.userId }, 'box office cash sale');
  return {
    bookingId,
    code: held.code,
    status: 'CONFIRMED',
    amountPaise: held.amountPaise,
    changePaise: receivedPaise - held.amountPaise,
    qr: null,
  };
}

export async function giveComplimentary(
  services: TSaleServices,
  {
    actor,
    bookingId,
    reason,
    email,
    now = new Date(),
  }: { actor: TStaffActor; bookingId: string; reason: string; email?: string; now?: Date },
): Promise<TCounterSale> {
  const held = await confirmAtCounter(services, { actor, bookingId, email, now }, async (tx, h) => {
    // Nothing to pay: no supply for consideration, so the confirmation issues no invoice.
    await tx.query(`UPDATE "BookingSeat" SET "pricePaise" = 0 WHERE "bookingId" = $1`, [bookingId]);
    await tx.query(`UPDATE "Booking" SET "amountPaise" = 0, "feePaise" = 0, "complimentaryReason" = $2 WHERE id = $1`, [
      bookingId,
      reason,
    ]);
    h.amountPaise = 0;
  });
  await recordAudit(services.prisma, {
    by: actor.userId,
    action: 'booking.complimentary',
    entityType: 'Booking',
    entityId: bookingId,
    data: { reason },
  });
  return { bookingId, code: held.code, status: 'CONFIRMED', amountPaise: 0, changePaise: null, qr: null };
}

export async function sellByUpi(
  services: TSaleServices,
  { actor, bookingId, email, now = new Date() }: { actor: TStaffActor; bookingId: string; email?: string; now?: Date },
): Promise<TCounterSale> {
  if (email)
    await services.prisma.booking.updateMany({
      where: { id: bookingId, holder: counterHolder(actor).key, status: 'PENDING' },
      data: { customerEmail: email.toLowerCase() },
    });
  const order = await createOrder(services, { holder: counterHolder(actor), bookingId, method: 'upi_qr', now });
  const booking = await services.prisma.booking.findUniqueOrThrow({ where: { id: bookingId }, select: { code: true } });
  await recordAudit(services.prisma, {
    by: actor.userId,
    action: 'booking.upi-qr-shown',
    entityType: 'Booking',
    entityId: bookingId,
    data: { amountPaise: order.amountPaise, qrId: order.qr!.id },
  });
  return {
    bookingId,
    code: booking.code,
    status: 'PENDING',
    amountPaise: order.amountPaise,
    changePaise: null,
    qr: { id: order.qr!.id, imageUrl: order.qr!.imageUrl, amountPaise: order.amountPaise },
  };
}

/** Where a counter sale or an exchange's new booking stands (the dashboard polls it while a QR shows). */
export async function counterSaleStatus(
  services: Pick<TServices, 'prisma'>,
  { actor, bookingId }: { actor: TStaffActor; bookingId: string },
): Promise<TCounterSale> {
  const b = await findBookingInCinema(services, bookingId, actor.cinemaId);
  const row = await services.prisma.booking.findUniqueOrThrow({
    where: { id: b.id },
    select: { code: true, status: true, amountPaise: true, creditPaise: true, razorpayQrId: true },
  });
  const due = row.amountPaise - row.creditPaise;
  return {
    bookingId,
    code: row.code,
    status: row.status,
    amountPaise: due,
    changePaise: null,
    qr:
      row.status === 'PENDING' && row.razorpayQrId
        ? { id: row.razorpayQrId, imageUrl: `/payments/qr/${row.razorpayQrId}.png`, amountPaise: due }
        : null,
  };
}

export async function releaseCounterHold(
  services: TSaleServices,
  { actor, bookingId }: { actor: TStaffActor; bookingId: string },
): Promise<void> {
  await releaseHold(services, { holder: counterHolder(actor), bookingId });
}
