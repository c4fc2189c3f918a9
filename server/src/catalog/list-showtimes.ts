import type { TShowtime, TShowtimesInput } from '@marquee/shared';
import type { Prisma } from '../generated/prisma/client';
import type { PrismaClient } from '../db/prisma';
import { dayBounds } from './cinema-day';
import { countTakenSeats } from './count-taken-seats';

/**
 * A cinema's showtimes that are not cancelled, by start time. `date` is a calendar day in the
 * cinema's time zone; without it, every show that has not started yet.
 */
export async function listShowtimes({
  prisma,
  input,
  cinema,
  now = new Date(),
}: {
  prisma: PrismaClient;
  input: TShowtimesInput;
  cinema: { id: string; timeZone: string };
  now?: Date;
}): Promise<TShowtime[]> {
  const where: Prisma.ShowtimeWhereInput = {
    cancelled: false,
    screen: { cinemaId: cinema.id },
    ...(input?.movieId ? { movieId: input.movieId } : {}),
  };
  if (input?.date) {
    const { start, end } = dayBounds(input.date, cinema.timeZone);
    where.startsAt = { gte: start, lt: end };
  } else {
    where.startsAt = { gt: now };
  }

  const showtimes = await prisma.showtime.findMany({
    where,
    orderBy: [{ startsAt: 'asc' }, { id: 'asc' }],
    include: {
      movie: { select: { title: true } },
      screen: { select: { name: true, cinema: { select: { timeZone: true } } } },
      prices: true,
    },
  });
  const screenIds = [...new Set(showtimes.map((s) => s.screenId))];
  const [seatCounts, taken] = await Promise.all([
    prisma.seat.groupBy({ by: ['screenId'], where: { screenId: { in: screenIds } }, _count: { _all: true } }),
    countTakenSeats({ prisma, showtimeIds: showtimes.map((s) => s.id), now }),
  ]);
  const seatsPerScreen = new Map(seatCounts.map((c) => [c.screenId, c._count._all]));

  return showtimes.map((s) => {
    const prices = s.prices
      .map((p) => ({ seatType: p.seatType, pricePaise: p.pricePaise }))
      .sort((a, b) => a.pricePaise - b.pricePaise);
    return {
      id: s.id,
      movieId: s.movieId,
      movieTitle: s.movie.title,
      screenId: s.screenId,
      screenName: s.screen.name,
      startsAt: s.startsAt.toISOString(),
      endsAt: s.endsAt.toISOString(),
      timeZone: s.screen.cinema.timeZone,
      onSale: s.onSale,
      seatsAvailable: Math.max(0, (seatsPerScreen.get(s.screenId) ?? 0) - (taken.get(s.id) ?? 0)),
      prices,
      fromPricePaise: prices[0]?.pricePaise ?? 0,
    };
  });
}
