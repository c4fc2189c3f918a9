// One of the cinema's days as the manager sees it: every show, on sale or not, cancelled ones too,
// with seats sold and the screen's capacity.
import type { TDayShow } from '@marquee/shared';
import { dayBounds } from '../catalog';
import type { TServices } from '../services';

export async function listDayShows(
  { prisma }: Pick<TServices, 'prisma'>,
  { cinemaId, date }: { cinemaId: string; date: string },
): Promise<TDayShow[]> {
  const cinema = await prisma.cinema.findUniqueOrThrow({ where: { id: cinemaId } });
  const day = dayBounds(date, cinema.timeZone);
  const shows = await prisma.showtime.findMany({
    where: { screen: { cinemaId: cinema.id }, startsAt: { gte: day.start, lt: day.end } },
    include: {
      movie: { select: { title: true } },
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
  }));
}
