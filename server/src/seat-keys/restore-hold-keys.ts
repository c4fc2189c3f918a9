import type { TServices } from '../services';
import { restoreSeats } from './redis-holds';

/**
 * Rebuilds Redis hold keys from Postgres' open holds, after Redis lost them (flush, restart,
 * outage). Only missing keys are set. Returns how many keys it set.
 */
export async function restoreHoldKeys(
  { prisma, redis, log }: Pick<TServices, 'prisma' | 'redis' | 'log'>,
  now = new Date(),
): Promise<number> {
  const open = await prisma.booking.findMany({
    where: { status: 'PENDING', expiresAt: { gt: now } },
    select: {
      id: true,
      showtimeId: true,
      expiresAt: true,
      seats: { where: { active: true }, select: { seatId: true } },
    },
  });
  let restored = 0;
  for (const booking of open) {
    restored += await restoreSeats(redis, {
      showtimeId: booking.showtimeId,
      seatIds: booking.seats.map((s) => s.seatId),
      bookingId: booking.id,
      ttlMs: booking.expiresAt.getTime() - now.getTime(),
    });
  }
  if (restored) log.info({ restored, openHolds: open.length }, 'restored missing hold keys in Redis');
  return restored;
}
