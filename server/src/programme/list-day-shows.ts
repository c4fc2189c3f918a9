// One of the cinema's days as the manager sees it: every show, on sale or not, cancelled ones too,
// with seats sold, the screen's capacity, and its prices (and whether they may still change).
import type { TDayShow } from '@marquee/shared';
import { dayBounds } from '../catalog';
import type { TServices } from '../services';

export async function listDayShows(
  { prisma }: Pick<TServices, 'prisma'>,
  { cinemaId, date, now = new Date() }: { cinemaId: string; date: string; now?: Date },
): Promise<TDayShow[]> {
  const cinema = await prisma.cinema.findUniqueOrThrow({ where: { id: cinemaId } });
  const day = dayBounds(date, cinema.timeZone);
  const shows = await prisma.showtime.findMany({
    where: { screen: { cinemaId: cinema.id }, startsAt: { gte: day.start, lt: day.end } },
    include: {
      movie: { select: { title: true } },
      prices: { select: { seatType: true, pricePaise: true } },
      screen: { select: { name: true, _count: { select: { seats: true } } } },
    },
    orderBy: [{ startsAt: 'asc' }],
  });
  const sold = await prisma.bookingSeat.groupBy({
    by: ['showtimeId'],
    where: { showtimeId: { in: shows.map((s) => s.id) }, active: true, booking: { status: 'CONFIRMED' } },
    _count: { _all: true },
  });
  const soldBy = new Map(sold.map((s) => [s.showtimeId, s._count._all]));
  // Prices change only before the first sale: a seat held (PENDING) or ever sold (CONFIRMED, REFUNDED) fixes them.
  const touched = await prisma.booking.groupBy({
    by: ['showtimeId'],
    where: { showtimeId: { in: shows.map((s) => s.id) }, status: { in: ['PENDING', 'CONFIRMED', 'REFUNDED'] } },
  });
  const fixed = new Set(touched.map((t) => t.showtimeId));
  return shows.map((s) => ({
    id: s.id,
    movieTitle: s.movie.title,
    screenName: s.screen.name,
    startsAt: s.startsAt.toISOString(),
    endsAt: s.endsAt.toISOString(),
    onSale: s.onSale,
    cancelled: s.cancelled,
    sold: soldBy.get(s.id) ?? 0,
    capacity: s.screen._count.seats,
    prices: Object.fromEntries(s.prices.map((p) => [p.seatType, p.pricePaise])),
    pricesEditable: !s.cancelled && s.startsAt > now && !fixed.has(s.id),
  }));
}
