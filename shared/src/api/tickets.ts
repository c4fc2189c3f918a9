// Door check-in (tickets.*): a scanned ticket QR is checked in once; a door page that lost the
// network verifies signatures itself with the door pack, queues its scans and syncs them later.
import { z } from 'zod';

/** Doors open this long before a show; a ticket is good until the show ends. */
export const DOOR_OPENS_BEFORE_MS = 60 * 60_000;

const ZTokenSchema = z.string().trim().min(1, 'scan a ticket or type its code').max(1024);
export const ZDoorNameSchema = z.string().trim().min(1, 'name this door, e.g. "Door 2"').max(40);

export const ZCheckInInputSchema = z.strictObject({ token: ZTokenSchema, door: ZDoorNameSchema });

export const ZCheckInResultSchema = z.object({
  ticketId: z.uuid(),
  bookingCode: z.string(),
  seatLabel: z.string(),
  showtimeId: z.uuid(),
  movieTitle: z.string(),
  screenName: z.string(),
  startsAt: z.iso.datetime(),
  /** The running count for this show: tickets checked in so far, of all tickets sold. */
  checkedIn: z.int().nonnegative(),
  tickets: z.int().nonnegative(),
});
export type TCheckInResult = z.infer<typeof ZCheckInResultSchema>;

/** What a door needs to keep working offline for today's shows: keys, shows, refused and used tickets. */
export const ZDoorPackSchema = z.object({
  at: z.iso.datetime(),
  /** kid → Ed25519 public key, base64url. */
  publicKeys: z.record(z.string(), z.string()),
  shows: z.array(
    z.object({
      id: z.uuid(),
      movieTitle: z.string(),
      screenName: z.string(),
      startsAt: z.iso.datetime(),
      endsAt: z.iso.datetime(),
      cancelled: z.boolean(),
      tickets: z.int().nonnegative(),
    }),
  ),
  /** Tickets of these shows that must be refused (refunded or cancelled bookings). */
  refusedTicketIds: z.array(z.string()),
  /** The cinema's time zone: the door shows times on its clock, offline too. */
  timeZone: z.string(),
  /** Tickets already checked in: ticket id → when and where. */
  used: z.record(z.string(), z.object({ at: z.iso.datetime(), door: z.string().nullable() })),
});
export type TDoorPack = z.infer<typeof ZDoorPackSchema>;

/** Scans made while offline, sent once the network is back. */
export const ZCheckInSyncInputSchema = z.strictObject({
  door: ZDoorNameSchema,
  scans: z
    .array(z.strictObject({ token: ZTokenSchema, scannedAt: z.iso.datetime() }))
    .min(1)
    .max(500),
});

export const ZCheckInSyncResultSchema = z.array(
  z.object({
    token: z.string(),
    /** admitted: recorded now; already: this door's own earlier sync; conflict: used elsewhere first; refused: not valid. */
    outcome: z.enum(['admitted', 'already', 'conflict', 'refused']),
    message: z.string(),
    seatLabel: z.string().nullable(),
  }),
);
export type TCheckInSyncResult = z.infer<typeof ZCheckInSyncResultSchema>;

/**
 * What door staff type to find a booking without its QR (a customer whose phone died): the
 * 6-character booking code and either the last four digits of the booking's phone number or the
 * first three characters of its email. Four digits always mean the phone (an email's first three
 * characters are never four digits), so one field carries either.
 */
export type TDoorContact = { kind: 'phone4'; digits: string } | { kind: 'email3'; letters: string };

const BOOKING_CODE = /^[23456789ABCDEFGHJKMNPQRSTWXYZ]{6}$/;

/** The contact part of a door lookup, or null when it is neither four digits nor three email characters. */
export function parseDoorContact(raw: string): TDoorContact | null {
  const s = raw.trim().toLowerCase();
  if (/^\d{4}$/.test(s)) return { kind: 'phone4', digits: s };
  if (/^[a-z0-9._%+-]{3}$/.test(s)) return { kind: 'email3', letters: s };
  return null;
}

/** A booking code as typed (any case, spaces around): upper-cased, or null when it cannot be one. */
export function parseBookingCode(raw: string): string | null {
  const s = raw.trim().toUpperCase();
  return BOOKING_CODE.test(s) ? s : null;
}

export const ZDoorLookupInputSchema = z.strictObject({
  code: z
    .string()
    .max(20)
    .transform((s, ctx) => {
      const code = parseBookingCode(s);
      if (code === null) ctx.addIssue({ code: 'custom', message: 'must be the 6-character booking code, like K7M2QX' });
      return code ?? '';
    }),
  contact: z
    .string()
    .max(20)
    .transform((s, ctx): TDoorContact => {
      const contact = parseDoorContact(s);
      if (contact === null)
        ctx.addIssue({
          code: 'custom',
          message: 'type the last 4 digits of the phone number or the first 3 letters of the email',
        });
      return contact ?? { kind: 'phone4', digits: '' };
    }),
});
export type TDoorLookupInput = z.input<typeof ZDoorLookupInputSchema>;

/** A booking found at the door: its show and each ticket with its token, to admit like a scan. */
export const ZDoorLookupResultSchema = z.object({
  bookingCode: z.string(),
  showtimeId: z.uuid(),
  movieTitle: z.string(),
  screenName: z.string(),
  startsAt: z.iso.datetime(),
  tickets: z.array(
    z.object({
      ticketId: z.uuid(),
      seatLabel: z.string(),
      /** The ticket's signed token, what its QR carries: admitting it goes through tickets.checkIn. */
      token: z.string(),
      checkedInAt: z.iso.datetime().nullable(),
      checkedInDoor: z.string().nullable(),
    }),
  ),
});
export type TDoorLookupResult = z.infer<typeof ZDoorLookupResultSchema>;

/** How many of a show's sold tickets have been admitted so far. */
export const ZAdmittedCountSchema = z.object({
  showtimeId: z.uuid(),
  movieTitle: z.string(),
  startsAt: z.iso.datetime(),
  admitted: z.int().nonnegative(),
  sold: z.int().nonnegative(),
});
export type TAdmittedCount = z.infer<typeof ZAdmittedCountSchema>;
