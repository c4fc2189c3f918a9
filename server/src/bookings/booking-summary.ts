// One line of a booking as the dashboard lists it, and the rows it is read from.
import type { TBookingSummary } from '@marquee/shared';
import type { Prisma } from '../generated/prisma/client';

export const summaryInclude = {
  seats: { include: { seat: { select: { label: true } } } },
  tickets: { select: { checkedInAt: true, bookingSeatId: true } },
  refunds: { select: { amountPaise: true, status: true } },
  showtime: {
    select: { startsAt: true, movie: { select: { title: true } }, screen: { select: { name: true, cinemaId: true } } },
  },
} satisfies Prisma.BookingInclude;
type TSummaryRow = Prisma.BookingGetPayload<{ include: typeof summaryInclude }>;

export function toSummary(b: TSummaryRow): TBookingSummary {
  return {
    id: b.id,
    code: b.code,
    status: b.status,
    channel: b.channel,
    customerEmail: b.customerEmail,
    customerPhone: b.customerPhone,
    amountPaise: b.amountPaise,
    // Given back so far: pending refunds are on their way; a failed one gave nothing back.
    refundedPaise: b.refunds.filter((r) => r.status !== 'FAILED').reduce((sum, r) => sum + r.amountPaise, 0),
    // A booking's standing seats; one that has none left (refunded, exchanged, expired) lists all it had.
    seatLabels: (b.seats.some((s) => s.active) ? b.seats.filter((s) => s.active) : b.seats)
      .map((s) => s.seat.label)
      .sort(),
    admitted: b.tickets.filter((t) => t.checkedInAt !== null).length,
    movieTitle: b.showtime.movie.title,
    screenName: b.showtime.screen.name,
    startsAt: b.showtime.startsAt.toISOString(),
    createdAt: b.createdAt.toISOString(),
  };
}
