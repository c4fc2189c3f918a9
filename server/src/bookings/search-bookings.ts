// Finding a booking for a customer at the counter: by code, email, phone or seat.
import { cinemaDate, type TBookingSummary } from '@marquee/shared';
import { dayBounds } from '../catalog';
import type { Prisma } from '../generated/prisma/client';
import type { TServices } from '../services';
import { summaryInclude, toSummary } from './booking-summary';

const CODE = /^[23456789ABCDEFGHJKMNPQRSTWXYZ]{6}$/;
const SEAT = /^[A-Z]{1,2}\d{1,3}$/;

/**
 * By booking code, email, phone (last 10 digits) or seat label (shows from today on). Only this
 * cinema's bookings, newest first, at most 50; abandoned holds are left out of seat searches.
 */
export async function searchBookings(
  { prisma }: Pick<TServices, 'prisma'>,
  { cinemaId, query, now = new Date() }: { cinemaId: string; query: string; now?: Date },
): Promise<TBookingSummary[]> {
  const q = query.trim();
  const upper = q.toUpperCase().replace(/[\s-]/g, '');
  const digits = q.replace(/\D/g, '');
  const inCinema: Prisma.BookingWhereInput = { showtime: { screen: { cinemaId } } };
  let where: Prisma.BookingWhereInput;
  if (q.includes('@')) where = { customerEmail: { equals: q.toLowerCase(), mode: 'insensitive' } };
  else if (digits.length >= 10 && digits.length === q.replace(/[\s+-]/g, '').length)
    where = { customerPhone: { endsWith: digits.slice(-10) } };
  else if (SEAT.test(upper) && !CODE.test(upper)) {
    const { timeZone } = await prisma.cinema.findUniqueOrThrow({ where: { id: cinemaId }, select: { timeZone: true } });
    const today = dayBounds(cinemaDate(now, timeZone), timeZone);
    where = {
      seats: { some: { seat: { label: upper } } },
      showtime: { startsAt: { gte: today.start } },
      status: { in: ['PENDING', 'CONFIRMED', 'REFUNDED', 'CANCELLED'] },
    };
  } else where = { code: upper };
  const rows = await prisma.booking.findMany({
    where: { AND: [inCinema, where] },
    include: summaryInclude,
    orderBy: { createdAt: 'desc' },
    take: 50,
  });
  return rows.map(toSummary);
}
