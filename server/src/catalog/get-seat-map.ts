import type { TSeatMap, TSeatState } from '@marquee/shared';
import type { PrismaClient } from '../db/prisma';
import { AppError } from '../errors/app-error';

/** Every seat of the showtime's screen with its state right now, and the showtime's seat version. */
export async function getSeatMap({
  prisma,
  showtimeId,
  now = new Date(),
}: {
  prisma: PrismaClient;
  showtimeId: string;
  now?: Date;
}): Promise<TSeatMap> {
  const showtime = await prisma.showtime.findUnique({
    where: { id: showtimeId },
    select: {
      id: true,
      screenId: true,
      seatVersion: true,
      cancelled: true,
      prices: { select: { seatType: true, pricePaise: true } },
      screen: { select: { cinema: { select: { noSingleSeatGap: true, kioskFeePaise: true, webFeePaise: true } } } },
    },
  });
  if (!showtime) throw new AppError('CATALOG_SHOWTIME_NOT_FOUND', { message: `showtime ${showtimeId} not found` });

  const [seats, booked, blocks] = await Promise.all([
    prisma.seat.findMany({ where: { screenId: showtime.screenId }, orderBy: [{ y: 'asc' }, { x: 'asc' }] }),
    prisma.bookingSeat.findMany({
      where: { showtimeId, active: true },
      select: { seatId: true, booking: { select: { status: true, expiresAt: true } } },
    }),
    prisma.seatBlock.findMany({ where: { showtimeId }, select: { seatId: true } }),
  ]);

  const state = new Map<string, TSeatState>();
  for (const { seatId } of blocks) state.set(seatId, 'blocked');
  for (const { seatId, booking } of booked) {
    if (booking.status === 'CONFIRMED') state.set(seatId, 'sold');
    else if (booking.status === 'PENDING' && booking.expiresAt > now && state.get(seatId) !== 'sold')
      state.set(seatId, 'held');
  }

  let columns = 0;
  let rows = 0;
  const mapped = seats.map((seat) => {
    columns = Math.max(columns, seat.x + 1);
    rows = Math.max(rows, seat.y + 1);
    return {
      id: seat.id,
      label: seat.label,
      row: seat.row,
      number: seat.number,
      type: seat.type,
      x: seat.x,
      y: seat.y,
      companionOfId: seat.companionOfId,
      // A cancelled show sells nothing: every seat reads as not available.
      state: showtime.cancelled ? ('blocked' as const) : (state.get(seat.id) ?? 'available'),
    };
  });
  const prices = [...showtime.prices].sort((a, b) => a.pricePaise - b.pricePaise);
  return {
    showtimeId,
    version: showtime.seatVersion,
    columns,
    rows,
    seats: mapped,
    prices,
    rules: { noSingleSeatGap: showtime.screen.cinema.noSingleSeatGap },
    fee: {
      kioskPerSeatPaise: showtime.screen.cinema.kioskFeePaise,
      webPerSeatPaise: showtime.screen.cinema.webFeePaise,
    },
  };
}
