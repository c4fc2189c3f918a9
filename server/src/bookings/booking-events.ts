import type { TBookingStatus } from '@marquee/shared';
import type { TServices } from '../services';

/** Tells every instance that a booking changed state (bookings.onStatus listens on this channel). */
export function bookingChannel(env: Pick<TServices['env'], 'REDIS_PREFIX'>, bookingId: string): string {
  return `${env.REDIS_PREFIX}booking:${bookingId}`;
}

export async function announceBookingStatus({ redis, log, env }: Pick<TServices, 'redis' | 'log' | 'env'>, bookingId: string, status: TBookingStatus): Promise<void> {
  try {
    await redis.publish(bookingChannel(env, bookingId), JSON.stringify({ bookingId, status }));
  } catch (err) {
    log.warn({ err, bookingId }, 'booking status not published; clients see it on their next fetch');
  }
}
