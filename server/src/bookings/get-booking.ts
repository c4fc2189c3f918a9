import type { TBooking } from '@marquee/shared';
import type { THolder } from '../auth';
import { AppError } from '../errors/app-error';
import type { Prisma } from '../generated/prisma/client';
import type { TServices } from '../services';
import { loadInvoice } from '../tax-invoices';

const bookingInclude = {
  seats: { include: { seat: { select: { label: true, type: true } } } },
  tickets: { where: { voidedAt: null }, orderBy: { seatLabel: 'asc' } },
  showtime: {
    select: {
      startsAt: true,
      movie: { select: { title: true, certificate: true } },
      screen: { select: { name: true, cinema: { select: { name: true, timeZone: true, feeGstRatePercent: true } } } },
    },
  },
} satisfies Prisma.BookingInclude;

type TBookingRow = Prisma.BookingGetPayload<{ include: typeof bookingInclude }>;

async function toBooking(prisma: Pick<TServices, 'prisma'>['prisma'], b: TBookingRow): Promise<TBooking> {
  const { showtime } = b;
  return {
    id: b.id,
    code: b.code,
    status: b.status,
    statusReason: b.statusReason,
    // Asked only of a booking that ended unpaid, where a late authorization can have been left to lapse.
    paymentNotTaken:
      (b.status === 'EXPIRED' || b.status === 'CANCELLED') &&
      (await prisma.paymentAttempt.count({ where: { bookingId: b.id, status: 'RELEASED', errorCode: 'HOLD_ENDED' } })) >
        0,
    showtimeId: b.showtimeId,
    amountPaise: b.amountPaise,
    feePaise: b.feePaise,
    feeGstRatePercent: showtime.screen.cinema.feeGstRatePercent,
    expiresAt: b.expiresAt.toISOString(),
    confirmedAt: b.confirmedAt?.toISOString() ?? null,
    showtime: {
      cinemaName: showtime.screen.cinema.name,
      movieTitle: showtime.movie.title,
      certificate: showtime.movie.certificate,
      screenName: showtime.screen.name,
      startsAt: showtime.startsAt.toISOString(),
      timeZone: showtime.screen.cinema.timeZone,
    },
    customerEmail: b.customerEmail,
    seats: b.seats.map((s) => ({ seatId: s.seatId, label: s.seat.label, type: s.seat.type, pricePaise: s.pricePaise })),
    tickets: b.tickets.map((t) => ({ id: t.id, seatLabel: t.seatLabel, token: t.token })),
    invoice: b.confirmedAt ? await loadInvoice(prisma, b.id) : null,
  };
}

/** A confirmed booking for printing at a kiosk that may print it (see mayReprint). */
export async function getBookingForKiosk({ prisma }: Pick<TServices, 'prisma'>, bookingId: string): Promise<TBooking> {
  const b = await prisma.booking.findUnique({ where: { id: bookingId }, include: bookingInclude });
  if (!b) throw new AppError('BOOKING_NOT_FOUND', { message: `booking ${bookingId} not found` });
  return toBooking(prisma, b);
}

/** The holder's booking with its seats and, once confirmed, its tickets. Others get NOT_FOUND. */
export async function getBooking(
  { prisma }: Pick<TServices, 'prisma'>,
  { holder, bookingId }: { holder: THolder; bookingId: string },
): Promise<TBooking> {
  const b = await prisma.booking.findFirst({ where: { id: bookingId, holder: holder.key }, include: bookingInclude });
  if (!b) throw new AppError('BOOKING_NOT_FOUND', { message: `booking ${bookingId} not found for ${holder.key}` });
  return toBooking(prisma, b);
}

/**
 * "Find my booking" from another device: the booking code and the email the receipt went to must
 * both match. Only bookings that were paid for are found; a wrong pair reads as not found.
 */
export async function findBooking(
  { prisma }: Pick<TServices, 'prisma'>,
  { code, email }: { code: string; email: string },
): Promise<TBooking> {
  const b = await prisma.booking.findFirst({
    where: {
      code,
      customerEmail: email.toLowerCase(),
      status: { in: ['CONFIRMED', 'REFUNDED', 'CANCELLED'] },
      confirmedAt: { not: null },
    },
    include: bookingInclude,
  });
  if (!b)
    throw new AppError('BOOKING_NOT_FOUND', {
      message: `no paid booking ${code} for that email`,
      userMessage: 'No booking matches that code and email.',
    });
  return toBooking(prisma, b);
}
