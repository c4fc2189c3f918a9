// Compensation for a hold that Redis granted and Postgres then refused: the keys the script took go
// back, including the seats it took over from the holder's previous hold, which are that hold's again.
import type { TServices } from '../services';
import type { THoldContext } from './load-hold-context';
import { restoreSeats } from '../seat-keys';
import { releaseSeatKeys } from '../seat-keys';

export async function undoHoldKeys(
  services: Pick<TServices, 'redis' | 'log'>,
  {
    bookingId,
    showtimeId,
    seatIds,
    replaced,
  }: { bookingId: string; showtimeId: string; seatIds: string[]; replaced: THoldContext['previous'] },
): Promise<void> {
  await releaseSeatKeys(services, { bookingId, showtimeId, seatIds });
  const overlap = (replaced?.seatIds ?? []).filter((id) => seatIds.includes(id));
  if (replaced && overlap.length) {
    await restoreSeats(services.redis, {
      showtimeId,
      seatIds: overlap,
      bookingId: replaced.id,
      ttlMs: replaced.expiresAt.getTime() - Date.now(),
    }).catch((err: unknown) =>
      services.log.warn(
        { err, bookingId: replaced.id },
        'could not restore the previous hold keys; Postgres still arbitrates',
      ),
    );
  }
}
