// The Tonight board: the kiosks that need a person (what the fleet view says), then the cinema's
// shows of its local day with their figures, counted in SQL from the bookings, blocks, seats and
// tickets themselves.
import { cinemaDate, tonightShowState, type TTonight } from '@marquee/shared';
import { dayBounds } from '../catalog';
import { loadFleet } from '../kiosks';
import type { TServices } from '../services';

interface TShowRow {
  showtimeId: string;
  movieTitle: string;
  screenName: string;
  startsAt: Date;
  endsAt: Date;
  cancelled: boolean;
  sold: number;
  held: number;
  blocked: number;
  capacity: number;
  admitted: number;
}

export async function loadTonight(
  services: Pick<TServices, 'prisma'>,
  { cinemaId, now = new Date() }: { cinemaId: string; now?: Date },
): Promise<TTonight> {
  const { prisma } = services;
  const { timeZone } = await prisma.cinema.findUniqueOrThrow({ where: { id: cinemaId }, select: { timeZone: true } });
  const date = cinemaDate(now, timeZone);
  const day = dayBounds(date, timeZone);
  const [fleet, shows] = await Promise.all([
    loadFleet(services, { cinemaId, now }),
    prisma.$queryRaw<TShowRow[]>`
      SELECT st.id::text AS "showtimeId", m.title AS "movieTitle", sc.name AS "screenName",
             st."startsAt", st."endsAt", st.cancelled,
             (SELECT count(*) FROM "BookingSeat" bs JOIN "Booking" b ON b.id = bs."bookingId"
               WHERE bs."showtimeId" = st.id AND b.status = 'CONFIRMED')::int AS sold,
             (SELECT count(*) FROM "BookingSeat" bs JOIN "Booking" b ON b.id = bs."bookingId"
               WHERE bs."showtimeId" = st.id AND b.status = 'PENDING' AND b."expiresAt" > ${now})::int AS held,
             (SELECT count(*) FROM "SeatBlock" sb WHERE sb."showtimeId" = st.id)::int AS blocked,
             (SELECT count(*) FROM "Seat" s WHERE s."screenId" = st."screenId")::int AS capacity,
             (SELECT count(*) FROM "Ticket" t JOIN "Booking" b ON b.id = t."bookingId"
               WHERE t."showtimeId" = st.id AND b.status = 'CONFIRMED' AND t."voidedAt" IS NULL AND t."checkedInAt" IS NOT NULL)::int AS admitted
      FROM "Showtime" st
      JOIN "Screen" sc ON sc.id = st."screenId"
      JOIN "Movie" m ON m.id = st."movieId"
      WHERE sc."cinemaId" = ${cinemaId}::uuid AND st."startsAt" >= ${day.start} AND st."startsAt" < ${day.end}
      ORDER BY st."startsAt", sc.name`,
  ]);
  return {
    at: now.toISOString(),
    date,
    timeZone,
    alerts: fleet.kiosks.flatMap((k) => k.alerts.map((alert) => ({ kioskId: k.id, kioskName: k.name, alert }))),
    shows: shows.map((s) => ({
      showtimeId: s.showtimeId,
      movieTitle: s.movieTitle,
      screenName: s.screenName,
      startsAt: s.startsAt.toISOString(),
      endsAt: s.endsAt.toISOString(),
      state: tonightShowState(s, now),
      sold: s.sold,
      held: s.held,
      blocked: s.blocked,
      capacity: s.capacity,
      admitted: s.admitted,
    })),
  };
}
