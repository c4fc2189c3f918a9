// Finding a booking for a customer at the counter: by code, email, phone or seat.
import { cinemaDate, type TBookingSummary } from '@marquee/shared';
import { dayBounds } from '../catalog';
import { AppError } from '../errors/app-error';
import type { Prisma } from '../generated/prisma/client';
import type { TServices } from '../services';
import { summaryInclude, toSummary } from './booking-summary';

const CODE = /^[23456789ABCDEFGHJKMNPQRSTWXYZ]{6}$/;
const SEAT = /^[A-Z]{1,2}\d{1,3}$/;

/**
 * By booking code, email, phone (last 10 digits) or seat label (shows from today on, or of the
 * show given), and/or one show's bookings. Only this cinema's bookings, newest first, at most 50 (a show's: 1000);
 * abandoned holds are left out of seat and show searches.
 */
export async function searchBookings(
  { prisma }: Pick<TServices, 'prisma'>,
  {
    cinemaId,
    query,
    showtimeId,
    now = new Date(),
  }: { cinemaId: string; query?: string | undefined; showtimeId?: string | undefined; now?: Date },
): Promise<TBookingSummary[]> {
  const inCinema: Prisma.BookingWhereInput = { showtime: { screen: { cinemaId } } };
  const where: Prisma.BookingWhereInput[] = [inCinema];
  if (showtimeId !== undefined) {
    const show = await prisma.showtime.findFirst({
      where: { id: showtimeId, screen: { cinemaId } },
      select: { id: true },
    });
    if (!show)
      throw new AppError('CATALOG_SHOWTIME_NOT_FOUND', { message: `showtime ${showtimeId} not in cinema ${cinemaId}` });
    where.push({ showtimeId, status: { in: ['PENDING', 'CONFIRMED', 'REFUNDED', 'CANCELLED'] } });
  }
  if (query !== undefined)
    where.push(await matching(prisma, { cinemaId, query, now, inShow: showtimeId !== undefined }));
  const rows = await prisma.booking.findMany({
    where: { AND: where },
    include: summaryInclude,
    orderBy: { createdAt: 'desc' },
    take: showtimeId !== undefined ? 1000 : 50,
  });
  return rows.map(toSummary);
}

async function matching(
  prisma: TServices['prisma'],
  { cinemaId, query, now, inShow }: { cinemaId: string; query: string; now: Date; inShow: boolean },
): Promise<Prisma.BookingWhereInput> {
  const q = query.trim();
  const upper = q.toUpperCase().replace(/[\s-]/g, '');
  const digits = q.replace(/\D/g, '');
  if (q.includes('@')) return { customerEmail: { equals: q.toLowerCase(), mode: 'insensitive' } };
  if (digits.length >= 10 && digits.length === q.replace(/[\s+-]/g, '').length)
    return { customerPhone: { endsWith: digits.slice(-10) } };
  if (SEAT.test(upper) && !CODE.test(upper)) {
    // A seat of one show (its seat map on the dashboard), whatever its day.
    if (inShow) return { seats: { some: { seat: { label: upper } } } };
    const { timeZone } = await prisma.cinema.findUniqueOrThrow({ where: { id: cinemaId }, select: { timeZone: true } });
    const today = dayBounds(cinemaDate(now, timeZone), timeZone);
    return {
      seats: { some: { seat: { label: upper } } },
      showtime: { startsAt: { gte: today.start } },
      status: { in: ['PENDING', 'CONFIRMED', 'REFUNDED', 'CANCELLED'] },
    };
  }
  return { code: upper };
}
