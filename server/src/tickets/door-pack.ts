// The door pack: what a door keeps so that it can go on checking tickets when the network goes.
import { cinemaDate, DOOR_OPENS_BEFORE_MS, encodeBase64Url, type TDoorPack } from '@marquee/shared';
import { dayBounds } from '../catalog';
import type { TServices } from '../services';
import { ticketPublicKeys } from './ticket-keys';

/** Everything a door needs to check tickets for today's shows without the network. */
export async function doorPack(
  services: Pick<TServices, 'prisma' | 'env'>,
  { cinemaId, now = new Date() }: { cinemaId: string; now?: Date },
): Promise<TDoorPack> {
  const { timeZone } = await services.prisma.cinema.findUniqueOrThrow({
    where: { id: cinemaId },
    select: { timeZone: true },
  });
  const today = dayBounds(cinemaDate(now, timeZone), timeZone);
  const shows = await services.prisma.showtime.findMany({
    where: {
      screen: { cinemaId },
      startsAt: { lt: new Date(today.end.getTime() + DOOR_OPENS_BEFORE_MS) },
      endsAt: { gt: today.start },
    },
    include: { movie: { select: { title: true } }, screen: { select: { name: true } } },
    orderBy: { startsAt: 'asc' },
  });
  const tickets = await services.prisma.ticket.findMany({
    where: { showtimeId: { in: shows.map((s) => s.id) } },
    select: {
      id: true,
      showtimeId: true,
      checkedInAt: true,
      checkedInDoor: true,
      voidedAt: true,
      booking: { select: { status: true } },
    },
  });
  // A ticket admits while its booking is paid and its seat was not given back.
  const valid = (t: (typeof tickets)[number]) => t.booking.status === 'CONFIRMED' && t.voidedAt === null;
  const publicKeys = Object.fromEntries(
    [...ticketPublicKeys(services.env)].map(([kid, key]) => [kid, encodeBase64Url(key)]),
  );
  return {
    at: now.toISOString(),
    publicKeys,
    shows: shows.map((s) => ({
      id: s.id,
      movieTitle: s.movie.title,
      screenName: s.screen.name,
      startsAt: s.startsAt.toISOString(),
      endsAt: s.endsAt.toISOString(),
      cancelled: s.cancelled,
      tickets: tickets.filter((t) => t.showtimeId === s.id && valid(t)).length,
    })),
    refusedTicketIds: tickets.filter((t) => !valid(t)).map((t) => t.id),
    timeZone,
    used: Object.fromEntries(
      tickets
        .filter((t) => t.checkedInAt)
        .map((t) => [t.id, { at: t.checkedInAt!.toISOString(), door: t.checkedInDoor }]),
    ),
  };
}
