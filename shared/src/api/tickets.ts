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
