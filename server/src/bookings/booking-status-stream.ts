import type { TBookingStatusEvent } from '@marquee/shared';
import type { TServices } from '../services';

/**
 * The booking's status now, then every change. Listening starts before the current status is read,
 * so a change in between is not lost (at worst it arrives twice, which clients ignore).
 */
export async function* bookingStatusStream(
  services: Pick<TServices, 'prisma' | 'bookingEvents'>,
  bookingId: string,
  signal: AbortSignal,
): AsyncGenerator<TBookingStatusEvent> {
  const changes = services.bookingEvents.stream(bookingId, signal);
  const next = changes.next(); // registers the listener before we read
  const { status } = await services.prisma.booking.findUniqueOrThrow({
    where: { id: bookingId },
    select: { status: true },
  });
  yield { bookingId, status };
  const first = await next;
  if (first.done) return;
  yield first.value;
  yield* changes;
}
