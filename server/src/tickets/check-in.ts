// A ticket at the door: its signature, its show's hours, its booking's state, then "checked in"
// exactly once (one conditional UPDATE decides between any number of simultaneous scans).
import {
  cinemaDate,
  DOOR_OPENS_BEFORE_MS,
  encodeBase64Url,
  formatClock,
  verifyTicketToken,
  type TCheckInResult,
  type TCheckInSyncResult,
  type TDoorPack,
} from '@marquee/shared';
import { dayBounds } from '../catalog/cinema-day';
import { AppError } from '../errors/app-error';
import type { TServices } from '../services';
import { ticketPublicKeys } from './ticket-keys';
import { isUuid } from '../http/is-uuid';
import { recordAudit, type TStaffActor } from '../audit/record-audit';

interface TTicketRow {
  id: string;
  bookingId: string;
  bookingCode: string;
  bookingStatus: string;
  seatLabel: string;
  showtimeId: string;
  startsAt: Date;
  endsAt: Date;
  cancelled: boolean;
  movieTitle: string;
  screenName: string;
  timeZone: string;
  checkedInAt: Date | null;
  checkedInDoor: string | null;
}

const TICKET_SQL = `
  SELECT t.id::text, t."bookingId"::text, b.code AS "bookingCode", b.status::text AS "bookingStatus", t."seatLabel", t."showtimeId"::text,
         st."startsAt", st."endsAt", st.cancelled, m.title AS "movieTitle", sc.name AS "screenName", c."timeZone", t."checkedInAt", t."checkedInDoor"
  FROM "Ticket" t JOIN "Booking" b ON b.id = t."bookingId" JOIN "Showtime" st ON st.id = t."showtimeId"
  JOIN "Screen" sc ON sc.id = st."screenId" JOIN "Cinema" c ON c.id = sc."cinemaId" JOIN "Movie" m ON m.id = st."movieId"
  WHERE t.id = $1::uuid AND t.token = $2 AND sc."cinemaId" = $3::uuid`;

/** The ticket a token names, if the token is genuine and the ticket is this cinema's; else TICKET_INVALID. */
async function ticketOf(
  services: Pick<TServices, 'pg' | 'env' | 'log'>,
  token: string,
  cinemaId: string,
): Promise<TTicketRow> {
  const verified = verifyTicketToken(token, ticketPublicKeys(services.env));
  if (!verified.ok || !isUuid(verified.payload.tid)) {
    services.log.warn({ reason: verified.ok ? 'bad_ticket_id' : verified.reason }, 'door refused a token');
    throw new AppError('TICKET_INVALID', {
      message: `ticket token refused: ${verified.ok ? 'bad ticket id' : verified.reason}`,
    });
  }
  const { rows } = await services.pg.query<TTicketRow>(TICKET_SQL, [verified.payload.tid, token, cinemaId]);
  const ticket = rows[0];
  if (!ticket || ticket.bookingId !== verified.payload.bid || ticket.showtimeId !== verified.payload.st) {
    throw new AppError('TICKET_INVALID', {
      message: `signed ticket ${verified.payload.tid} unknown in cinema ${cinemaId}`,
    });
  }
  return ticket;
}

function usedError(ticket: TTicketRow, usedAt: Date, door: string | null): AppError {
  const where = door ? ` at ${door}` : '';
  return new AppError('TICKET_ALREADY_USED', {
    message: `ticket ${ticket.id} already checked in`,
    userMessage: `Already used at ${formatClock(usedAt.toISOString(), ticket.timeZone)}${where} (seat ${ticket.seatLabel}).`,
    data: { ticket: { seatLabel: ticket.seatLabel, usedAt: usedAt.toISOString(), usedAtDoor: door } },
  });
}

/** Refuses a ticket that may not enter at `at`: refunded, cancelled show, too early, show over. */
function assertAdmissible(ticket: TTicketRow, at: Date): void {
  const seat = { ticket: { seatLabel: ticket.seatLabel } };
  if (ticket.cancelled)
    throw new AppError('TICKET_SHOW_CANCELLED', { message: `ticket ${ticket.id}: show cancelled`, data: seat });
  if (ticket.bookingStatus === 'REFUNDED' || ticket.bookingStatus === 'CANCELLED')
    throw new AppError('TICKET_REFUNDED', {
      message: `ticket ${ticket.id}: booking ${ticket.bookingStatus}`,
      data: seat,
    });
  if (ticket.bookingStatus !== 'CONFIRMED')
    throw new AppError('TICKET_INVALID', { message: `ticket ${ticket.id}: booking ${ticket.bookingStatus}` });
  const opens = new Date(ticket.startsAt.getTime() - DOOR_OPENS_BEFORE_MS);
  if (at < opens) {
    throw new AppError('TICKET_TOO_EARLY', {
      message: `ticket ${ticket.id}: too early`,
      userMessage: `Too early: doors open at ${formatClock(opens.toISOString(), ticket.timeZone)} for the ${formatClock(ticket.startsAt.toISOString(), ticket.timeZone)} show.`,
      data: seat,
    });
  }
  if (at > ticket.endsAt)
    throw new AppError('TICKET_SHOW_OVER', {
      message: `ticket ${ticket.id}: show over`,
      userMessage: `This show ended at ${formatClock(ticket.endsAt.toISOString(), ticket.timeZone)}.`,
      data: seat,
    });
}

export async function checkIn(
  services: Pick<TServices, 'pg' | 'env' | 'log'>,
  { token, door, actor, at = new Date() }: { token: string; door: string; actor: TStaffActor; at?: Date },
): Promise<TCheckInResult> {
  const ticket = await ticketOf(services, token, actor.cinemaId);
  assertAdmissible(ticket, at);
  // Once: only the scan that finds it unused (and its booking still paid) marks it.
  const marked = await services.pg.query(
    `UPDATE "Ticket" t SET "checkedInAt" = $2, "checkedInDoor" = $3, "checkedInById" = $4::uuid
     WHERE t.id = $1::uuid AND t."checkedInAt" IS NULL AND EXISTS (SELECT 1 FROM "Booking" b WHERE b.id = t."bookingId" AND b.status = 'CONFIRMED')`,
    [ticket.id, at, door, actor.userId],
  );
  if (marked.rowCount !== 1) {
    const now = await ticketOf(services, token, actor.cinemaId);
    if (now.checkedInAt) throw usedError(now, now.checkedInAt, now.checkedInDoor);
    assertAdmissible(now, at); // refunded in the meantime
    throw new AppError('TICKET_INVALID', { message: `ticket ${ticket.id} could not be marked` });
  }
  const { rows } = await services.pg.query<{ checkedIn: number; tickets: number }>(
    `SELECT count(t."checkedInAt")::int AS "checkedIn", count(*)::int AS tickets
     FROM "Ticket" t JOIN "Booking" b ON b.id = t."bookingId" WHERE t."showtimeId" = $1::uuid AND b.status = 'CONFIRMED'`,
    [ticket.showtimeId],
  );
  return {
    ticketId: ticket.id,
    bookingCode: ticket.bookingCode,
    seatLabel: ticket.seatLabel,
    showtimeId: ticket.showtimeId,
    movieTitle: ticket.movieTitle,
    screenName: ticket.screenName,
    startsAt: ticket.startsAt.toISOString(),
    checkedIn: rows[0]!.checkedIn,
    tickets: rows[0]!.tickets,
  };
}

/**
 * Scans a door made offline, in the order they were made, each judged at its own scan time. A
 * ticket another door used first is a conflict: the customer is already inside, twice; the manager
 * sees it in the booking's timeline and the door conflicts list.
 */
export async function syncCheckIns(
  services: Pick<TServices, 'pg' | 'env' | 'log' | 'prisma'>,
  {
    door,
    scans,
    actor,
    now = new Date(),
  }: { door: string; scans: { token: string; scannedAt: string }[]; actor: TStaffActor; now?: Date },
): Promise<TCheckInSyncResult> {
  const results: TCheckInSyncResult = [];
  const ordered = [...scans].sort((a, b) => a.scannedAt.localeCompare(b.scannedAt));
  for (const scan of ordered) {
    // A door's clock may run ahead; a scan is never later than its arrival here.
    const at = new Date(Math.min(Date.parse(scan.scannedAt), now.getTime()));
    try {
      const done = await checkIn(services, { token: scan.token, door, actor, at });
      results.push({
        token: scan.token,
        outcome: 'admitted',
        message: `${done.seatLabel} checked in`,
        seatLabel: done.seatLabel,
      });
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      const seatLabel = err.data.ticket?.seatLabel ?? null;
      if (err.code !== 'TICKET_ALREADY_USED') {
        results.push({ token: scan.token, outcome: 'refused', message: err.userMessage, seatLabel });
        continue;
      }
      const usedAt = err.data.ticket!.usedAt!;
      const usedDoor = err.data.ticket!.usedAtDoor ?? null;
      if (usedDoor === door && Math.abs(Date.parse(usedAt) - at.getTime()) < 1000) {
        results.push({
          token: scan.token,
          outcome: 'already',
          message: `${seatLabel ?? ''} was already synced`,
          seatLabel,
        });
        continue;
      }
      const ticket = await ticketOf(services, scan.token, actor.cinemaId);
      const conflict = {
        seatLabel: ticket.seatLabel,
        ticketId: ticket.id,
        firstDoor: usedDoor,
        firstAt: usedAt,
        secondDoor: door,
        secondAt: at.toISOString(),
      };
      const known = await services.prisma.auditLog.findFirst({
        where: {
          action: 'ticket.double_scan',
          entityId: ticket.bookingId,
          AND: [
            { data: { path: ['ticketId'], equals: ticket.id } },
            { data: { path: ['secondAt'], equals: conflict.secondAt } },
          ],
        },
      });
      if (!known) {
        await recordAudit(services.prisma, {
          by: actor.userId,
          action: 'ticket.double_scan',
          entityType: 'Booking',
          entityId: ticket.bookingId,
          data: conflict,
        });
        services.log.warn(conflict, 'ticket scanned at two doors while offline');
      }
      results.push({
        token: scan.token,
        outcome: 'conflict',
        message: `${err.userMessage} This scan at ${door} came later; the manager has been told.`,
        seatLabel,
      });
    }
  }
  return results;
}

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
      booking: { select: { status: true } },
    },
  });
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
      tickets: tickets.filter((t) => t.showtimeId === s.id && t.booking.status === 'CONFIRMED').length,
    })),
    refusedTicketIds: tickets.filter((t) => t.booking.status !== 'CONFIRMED').map((t) => t.id),
    timeZone,
    used: Object.fromEntries(
      tickets
        .filter((t) => t.checkedInAt)
        .map((t) => [t.id, { at: t.checkedInAt!.toISOString(), door: t.checkedInDoor }]),
    ),
  };
}
