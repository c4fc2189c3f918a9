// Redis's fast answer for a hold: one atomic script takes the seats' keys (and checks a web
// holder's per-address limits). Keys left behind by holds that are over are dropped, and the
// script runs once more. When Redis cannot answer, Postgres alone decides (degraded mode, counted).
import { AppError } from '../errors/app-error';
import { metrics } from '../metrics/metrics';
import type { TSql } from '../db/prisma';
import { isUuid } from '../http/is-uuid';
import type { TServices } from '../services';
import { addressLimitError } from './hold-refusals';
import { acquireSeats, releaseSeats, type TAddressLimits } from '../seat-keys';

/**
 * A hold key whose owner Postgres has never seen may be a hold between its script and its COMMIT,
 * a matter of milliseconds. Once the key is this old, its hold died in between (an API process
 * killed or stopped mid-request), and the key would otherwise keep the seat off sale until its TTL.
 */
const ORPHAN_KEY_AGE_MS = 60_000;

/** Of these booking ids, the ones Postgres knows, each with whether it is closed (expired, cancelled, refunded). */
async function knownBookings(pg: TSql, ids: string[]): Promise<Map<string, { closed: boolean }>> {
  ids = ids.filter(isUuid); // a key written by anything else is nobody's booking
  if (ids.length === 0) return new Map();
  const { rows } = await pg.query<{ id: string; closed: boolean }>({
    name: 'known-bookings',
    text: `SELECT id::text, status IN ('EXPIRED', 'CANCELLED', 'REFUNDED') AS closed FROM "Booking" WHERE id = ANY($1::uuid[])`,
    values: [ids],
  });
  return new Map(rows.map((r) => [r.id, { closed: r.closed }]));
}

/**
 * Runs the hold script; if Redis names seats whose keys are stale (their booking closed, or never
 * written and long gone), drops those keys and tries once more.
 * Returns false when Redis could not be asked (degraded mode).
 */
export async function holdSeatKeys(
  services: Pick<TServices, 'redis' | 'pg' | 'log'>,
  opts: {
    showtimeId: string;
    seatIds: string[];
    bookingId: string;
    ttlMs: number;
    replacesBookingId: string | null;
    limits: TAddressLimits | null;
  },
): Promise<boolean> {
  const { redis, pg, log } = services;
  if (redis.status !== 'ready') {
    metrics.degraded.inc({ operation: 'hold' });
    return false;
  }
  try {
    for (let attempt = 0; ; attempt++) {
      const result = await acquireSeats(redis, opts);
      if (result.ok) return true;
      if ('limit' in result) {
        throw addressLimitError(
          result.limit,
          `${opts.limits!.address} would hold ${result.seats} seats of showtime ${opts.showtimeId}`,
        );
      }
      // Stale: Postgres closed the owner (its keys outlived it: Redis was unreachable, or a replaced
      // hold's keys are not released yet), or never saw an owner whose key is old (an orphan).
      const known = await knownBookings(pg, [...new Set(result.owners)]);
      const stale = result.takenSeatIds.flatMap((seatId, i) => {
        const owner = known.get(result.owners[i]!);
        const isStale = owner ? owner.closed : opts.ttlMs - result.ttlsMs[i]! > ORPHAN_KEY_AGE_MS;
        return isStale ? [{ seatId, bookingId: result.owners[i]! }] : [];
      });
      if (stale.length === 0 || attempt > 0) {
        throw new AppError('HOLD_SEAT_TAKEN', {
          message: `seats held in Redis: ${result.takenSeatIds.join(', ')}`,
          data: { takenSeatIds: result.takenSeatIds },
        });
      }
      for (const { seatId, bookingId } of stale)
        await releaseSeats(redis, { showtimeId: opts.showtimeId, seatIds: [seatId], bookingId });
      log.debug({ showtimeId: opts.showtimeId, seatIds: stale.map((s) => s.seatId) }, 'dropped stale hold keys');
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    metrics.degraded.inc({ operation: 'hold' });
    log.warn({ err }, 'Redis hold script failed; Postgres alone arbitrates this hold');
    return false;
  }
}
