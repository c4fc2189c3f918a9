import { metrics } from '../metrics/metrics';
import type { TServices } from '../services';
import { releaseSeats } from './redis-holds';

/**
 * Drops a booking's Redis hold keys once Postgres has freed its seats. Without Redis this is a
 * no-op: the keys expire by their TTL and Postgres already decides who gets a seat.
 */
export async function releaseSeatKeys(
  { redis, log }: Pick<TServices, 'redis' | 'log'>,
  opts: { bookingId: string; showtimeId: string; seatIds: string[] },
): Promise<void> {
  try {
    await releaseSeats(redis, opts);
  } catch (err) {
    metrics.degraded.inc({ operation: 'release' });
    log.warn({ err, bookingId: opts.bookingId }, 'hold keys not released in Redis; they expire by TTL');
  }
}
