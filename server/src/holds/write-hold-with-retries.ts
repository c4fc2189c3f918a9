// Postgres's answer for a hold, the one that counts: the partial unique index refuses a seat that is
// taken. A refusal with no seat taken is a booking-code collision or the same holder holding at the
// same moment (another tab); that is tried again, with a new code, up to PG_ATTEMPTS times.
import { AppError } from '../errors/app-error';
import { metrics } from '../metrics/metrics';
import { isUniqueViolation } from '../errors/unique-violation';
import type { TServices } from '../services';
import { generateBookingCode } from './booking-code';
import { postgresRefusedError } from './hold-refusals';
import { writeHold, type TNewHold } from './insert-hold';
import { loadHoldContext, type THoldContext } from './load-hold-context';

const PG_ATTEMPTS = 3;

/** Requested seats that Postgres says are taken (held, sold or blocked) right now. */
async function takenInPostgres(
  { prisma }: Pick<TServices, 'prisma'>,
  showtimeId: string,
  seatIds: string[],
  excludeBookingId: string | null,
): Promise<string[]> {
  const [booked, blocked] = await Promise.all([
    prisma.bookingSeat.findMany({
      where: {
        showtimeId,
        seatId: { in: seatIds },
        active: true,
        ...(excludeBookingId ? { bookingId: { not: excludeBookingId } } : {}),
      },
      select: { seatId: true },
    }),
    prisma.seatBlock.findMany({ where: { showtimeId, seatId: { in: seatIds } }, select: { seatId: true } }),
  ]);
  const taken = new Set([...booked, ...blocked].map((s) => s.seatId));
  return seatIds.filter((id) => taken.has(id));
}

/**
 * Writes the hold, closing the holder's previous one. Returns the seat version it was written at, its
 * booking code, and the previous hold it replaced (looked up again if a retry found it changed).
 * Before any refusal is thrown, `undoKeys` gives back what Redis granted.
 */
/** The SQLSTATE marquee_write_holds gives a hold one of whose seats was blocked meanwhile. */
const SEAT_BLOCKED_AT_WRITE = 'MQ409';
/** The SQLSTATE marquee_write_holds gives a hold of a show cancelled meanwhile. */
const SHOW_CANCELLED_AT_WRITE = 'MQ410';

export async function writeHoldWithRetries(
  services: Pick<TServices, 'pg' | 'prisma' | 'log'>,
  fields: Omit<TNewHold, 'code'>,
  {
    seatIds,
    previous,
    undoKeys,
  }: { seatIds: string[]; previous: THoldContext['previous']; undoKeys: (() => Promise<void>) | null },
): Promise<{ seatVersion: number; code: string; previous: THoldContext['previous'] }> {
  const { showtimeId, holder: holderKey, now } = fields;
  for (let attempt = 1; ; attempt++) {
    const hold = { ...fields, code: generateBookingCode() };
    try {
      // One call closes the previous hold (if any) and inserts the new one, in one transaction
      // with the other holds being written at the same moment (group commit, insert-hold.ts).
      const seatVersion = await writeHold(services.pg, previous?.id ?? null, hold);
      return { seatVersion, code: hold.code, previous };
    } catch (err) {
      if (!isUniqueViolation(err)) {
        if (undoKeys) await undoKeys();
        // A manager blocked one of these seats between the hold's checks and its write.
        if ((err as { code?: string }).code === SEAT_BLOCKED_AT_WRITE) {
          metrics.holds.inc({ result: 'conflict' });
          throw new AppError('HOLD_SEAT_BLOCKED', {
            message: `seats blocked while the hold was written: ${seatIds.join(', ')}`,
            data: { takenSeatIds: seatIds },
          });
        }
        // The show was cancelled between the hold's checks and its write: nothing is held for it.
        if ((err as { code?: string }).code === SHOW_CANCELLED_AT_WRITE) {
          metrics.holds.inc({ result: 'conflict' });
          throw new AppError('HOLD_SHOW_CANCELLED', {
            message: `showtime ${showtimeId} cancelled while the hold was written`,
          });
        }
        throw err;
      }
      const takenSeatIds = await takenInPostgres(services, showtimeId, seatIds, previous?.id ?? null);
      if (takenSeatIds.length > 0 || attempt >= PG_ATTEMPTS) {
        if (undoKeys) await undoKeys();
        metrics.holds.inc({ result: 'conflict' });
        throw postgresRefusedError(takenSeatIds, err);
      }
      // Their open hold may have changed, so look it up again and retry with a new code.
      services.log.warn({ err, attempt }, 'hold insert hit a unique index with no seat taken; retrying');
      previous = (await loadHoldContext(services.pg, { showtimeId, seatIds, holderKey, now }))?.previous ?? null;
    }
  }
}
