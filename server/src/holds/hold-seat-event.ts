// What live seat maps are told about a new hold: its seats are held, and the seats only the replaced
// hold had are available again. Those seats' Redis keys are released by the same script that
// publishes the event (one round trip), so the event comes with the function that publishes it.
import { metrics } from '../metrics/metrics';
import type { TServices } from '../services';
import type { THoldContext } from './load-hold-context';
import { releaseSeatsAndPublish } from '../seat-keys';

export function holdSeatEvent(
  services: Pick<TServices, 'redis'>,
  {
    showtimeId,
    seatIds,
    seatVersion,
    replaced,
  }: { showtimeId: string; seatIds: string[]; seatVersion: number; replaced: THoldContext['previous'] },
) {
  const previousOnly = (replaced?.seatIds ?? []).filter((id) => !seatIds.includes(id));
  const replacedId = replaced?.id;
  const event = {
    showtimeId,
    version: seatVersion,
    seats: [
      ...seatIds.map((id) => ({ id, state: 'held' as const })),
      ...previousOnly.map((id) => ({ id, state: 'available' as const })),
    ],
  };
  const releaseAndPublish =
    replacedId && previousOnly.length
      ? async (channel: string, message: string) => {
          try {
            await releaseSeatsAndPublish(services.redis, {
              showtimeId,
              seatIds: previousOnly,
              bookingId: replacedId,
              channel,
              message,
            });
          } catch (err) {
            metrics.degraded.inc({ operation: 'release' }); // the keys expire by their TTL
            throw err;
          }
        }
      : undefined;
  return { event, releaseAndPublish };
}
