// A customer who bought online collects their printed tickets at a kiosk: the booking code and the
// email or phone they booked with (or the QR of one of their e-tickets). Every refusal reads the same
// ("no paid booking for a show still to come matches"), whether the code is unknown, the contact
// wrong, the booking unpaid or another cinema's, so the kiosk tells a guesser nothing. A booking is
// collected once: the booking row is locked while the attempt is opened, and a partial unique index
// lets one COLLECT attempt be printing or printed (see TicketPrint in schema.prisma).
import { createHash, timingSafeEqual } from 'node:crypto';
import { formatShowTime } from '@marquee/shared';
import { normaliseContact, type TKioskCollectInput, type TKioskCollectOutput } from '@marquee/shared/collect';
import { getBookingForKiosk } from '../bookings';
import { withTransaction } from '../db/prisma';
import { AppError } from '../errors/app-error';
import { isUniqueViolation } from '../errors/unique-violation';
import type { TServices } from '../services';

/** An attempt whose kiosk never reported back (it crashed mid-print) stops blocking others after this. */
export const COLLECT_CLAIM_MS = 2 * 60_000;

const digest = (s: string) => createHash('sha256').update(s).digest();
/** Compares digests so the time taken does not depend on how much of the contact was right. */
const sameSecret = (a: string, b: string) => timingSafeEqual(digest(a), digest(b));

function notFound(reason: string): AppError {
  return new AppError('COLLECT_NOT_FOUND', { message: `collect refused: ${reason}` });
}

type TCandidate = {
  id: string;
  code: string;
  status: string;
  customerEmail: string | null;
  customerPhone: string | null;
  cinemaId: string;
  endsAt: Date;
  cancelled: boolean;
};

async function findCandidate(
  { prisma }: Pick<TServices, 'prisma'>,
  input: TKioskCollectInput,
): Promise<TCandidate | null> {
  const select = {
    id: true,
    code: true,
    status: true,
    customerEmail: true,
    customerPhone: true,
    showtime: { select: { endsAt: true, cancelled: true, screen: { select: { cinemaId: true } } } },
  } as const;
  const b =
    'code' in input
      ? await prisma.booking.findUnique({ where: { code: input.code }, select })
      : ((await prisma.ticket.findUnique({ where: { token: input.ticketToken }, select: { booking: { select } } }))
          ?.booking ?? null);
  if (!b) return null;
  return {
    id: b.id,
    code: b.code,
    status: b.status,
    customerEmail: b.customerEmail,
    customerPhone: b.customerPhone,
    cinemaId: b.showtime.screen.cinemaId,
    endsAt: b.showtime.endsAt,
    cancelled: b.showtime.cancelled,
  };
}

/** Whether the typed contact is the booking's email or phone; does the same work when there is no booking. */
function contactMatches(candidate: TCandidate | null, typed: string): boolean {
  const contact = normaliseContact(typed);
  const stored =
    contact?.kind === 'email'
      ? candidate?.customerEmail?.trim().toLowerCase()
      : contact?.kind === 'phone'
        ? candidate?.customerPhone?.replace(/\D/g, '').slice(-10)
        : undefined;
  const same = sameSecret(contact?.value ?? '', stored ?? '\u0000');
  return !!contact && !!stored && same;
}

export async function collectTickets(
  services: Pick<TServices, 'prisma' | 'pg' | 'log'>,
  { kioskId, input, now = new Date() }: { kioskId: string; input: TKioskCollectInput; now?: Date },
): Promise<TKioskCollectOutput> {
  const kiosk = await services.prisma.kiosk.findUniqueOrThrow({ where: { id: kioskId }, select: { cinemaId: true } });
  const candidate = await findCandidate(services, input);
  const contactOk = 'contact' in input ? contactMatches(candidate, input.contact) : true;
  if (!candidate) throw notFound('unknown code or ticket');
  if (!contactOk) throw notFound(`contact does not match booking ${candidate.id}`);
  if (candidate.cinemaId !== kiosk.cinemaId) throw notFound(`booking ${candidate.id} is another cinema's`);
  if (candidate.status !== 'CONFIRMED') throw notFound(`booking ${candidate.id} is ${candidate.status}`);
  if (candidate.cancelled || candidate.endsAt <= now) throw notFound(`booking ${candidate.id}: show over or cancelled`);

  const printId = await withTransaction(services.pg, async (tx) => {
    // Collects of one booking queue here, so the checks below see each other's attempts.
    const locked = await tx.query<{ status: string }>(`SELECT status FROM "Booking" WHERE id = $1 FOR UPDATE`, [
      candidate.id,
    ]);
    if (locked.rows[0]?.status !== 'CONFIRMED') throw notFound(`booking ${candidate.id} changed while collecting`);
    // This kiosk's own unfinished attempt (it restarted mid-print), or anyone's silent for too long, failed.
    await tx.query(
      `UPDATE "TicketPrint" SET ok = false, "errorCode" = 'NO_RESULT', "finishedAt" = $3
       WHERE "bookingId" = $1 AND kind = 'COLLECT' AND ok IS NULL AND ("kioskId" = $2 OR "createdAt" < $4)`,
      [candidate.id, kioskId, now, new Date(now.getTime() - COLLECT_CLAIM_MS)],
    );
    const done = await tx.query<{ kioskName: string; at: Date; timeZone: string }>(
      `SELECT k.name AS "kioskName", COALESCE(tp."finishedAt", tp."createdAt") AS at, c."timeZone"
       FROM "TicketPrint" tp JOIN "Kiosk" k ON k.id = tp."kioskId" JOIN "Cinema" c ON c.id = k."cinemaId"
       WHERE tp."bookingId" = $1 AND tp.kind IN ('COLLECT', 'SALE') AND tp.ok ORDER BY at LIMIT 1`,
      [candidate.id],
    );
    const first = done.rows[0];
    if (first) {
      throw new AppError('COLLECT_ALREADY_COLLECTED', {
        message: `booking ${candidate.id} already collected at ${first.kioskName}`,
        userMessage: `Already collected at ${first.kioskName} at ${formatShowTime(first.at.toISOString(), first.timeZone)}; ask at the box office.`,
        data: { collected: { kioskName: first.kioskName, at: first.at.toISOString(), timeZone: first.timeZone } },
      });
    }
    try {
      const row = await tx.query<{ id: string }>(
        `INSERT INTO "TicketPrint" (id, "bookingId", "kioskId", kind, "createdAt")
         VALUES (gen_random_uuid(), $1, $2, 'COLLECT', $3) RETURNING id::text`,
        [candidate.id, kioskId, now],
      );
      return row.rows[0]!.id;
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      throw new AppError('COLLECT_IN_PROGRESS', {
        message: `booking ${candidate.id} is being collected at another kiosk`,
        cause: err,
      });
    }
  });
  services.log.info({ bookingId: candidate.id, kioskId, printId }, 'collect: printing');
  return { printId, booking: await getBookingForKiosk(services, candidate.id) };
}
