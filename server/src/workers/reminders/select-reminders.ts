import { dayBounds } from '../../catalog';
import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import type { PrismaClient } from '../../db/prisma';

/** The calendar day `now` falls on in a time zone, as YYYY-MM-DD. */
export function cinemaDate(now: Date, timeZone: string): string {
  return format(new TZDate(now.getTime(), timeZone), 'yyyy-MM-dd');
}

/**
 * Bookings to remind at the daily run: CONFIRMED, with an email, for a show on the cinema's
 * calendar day of `now` that has not started yet. Refunded, cancelled or past shows are left out.
 */
export async function selectDailyReminders(
  prisma: PrismaClient,
  now: Date,
): Promise<{ bookingId: string; date: string }[]> {
  const cinemas = await prisma.cinema.findMany({ select: { id: true, timeZone: true } });
  const picked: { bookingId: string; date: string }[] = [];
  for (const cinema of cinemas) {
    const date = cinemaDate(now, cinema.timeZone);
    const { end } = dayBounds(date, cinema.timeZone);
    const bookings = await prisma.booking.findMany({
      where: {
        status: 'CONFIRMED',
        customerEmail: { not: null },
        showtime: { cancelled: false, startsAt: { gt: now, lt: end }, screen: { cinemaId: cinema.id } },
      },
      select: { id: true },
      orderBy: { id: 'asc' },
    });
    picked.push(...bookings.map((b) => ({ bookingId: b.id, date })));
  }
  return picked;
}
