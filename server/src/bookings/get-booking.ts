import type { TBooking } from '@marquee/shared';
import type { THolder } from '../auth/holder';
import { AppError } from '../errors/app-error';
import type { TServices } from '../services';

/** The holder's booking with its seats and, once confirmed, its tickets. Others get NOT_FOUND. */
export async function getBooking({ prisma }: Pick<TServices, 'prisma'>, { holder, bookingId }: { holder: THolder; bookingId: string }): Promise<TBooking> {
  const b = await prisma.booking.findFirst({
    where: { id: bookingId, holder: holder.key },
    include: { seats: { include: { seat: { select: { label: true } } } }, tickets: { orderBy: { seatLabel: 'asc' } } },
  });
  if (!b) throw new AppError('BOOKING_NOT_FOUND', { message: `booking ${bookingId} not found for ${holder.key}` });
  return {
    id: b.id,
    code: b.code,
    status: b.status,
    statusReason: b.statusReason,
    showtimeId: b.showtimeId,
    amountPaise: b.amountPaise,
    feePaise: b.feePaise,
    expiresAt: b.expiresAt.toISOString(),
    confirmedAt: b.confirmedAt?.toISOString() ?? null,
    seats: b.seats.map((s) => ({ seatId: s.seatId, label: s.seat.label, pricePaise: s.pricePaise })),
    tickets: b.tickets.map((t) => ({ id: t.id, seatLabel: t.seatLabel, token: t.token })),
  };
}
