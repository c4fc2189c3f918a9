// The dashboard's Tonight board (tonight.*): the kiosks that need a person, then the cinema's shows
// of its local day with what is sold, held, blocked and admitted, live.
import { z } from 'zod';

/** Doors open this long before a show starts; the board shows the show as "doors open" from then. */
export const DOORS_OPEN_BEFORE_MINUTES = 20;

export const TONIGHT_SHOW_STATES = ['ON_SALE', 'DOORS_OPEN', 'PLAYING', 'OVER', 'CANCELLED'] as const;
export type TTonightShowState = (typeof TONIGHT_SHOW_STATES)[number];

/** Where a show stands at `now`: cancelled first, then by its hours. */
export function tonightShowState(
  show: { startsAt: Date; endsAt: Date; cancelled: boolean },
  now: Date,
): TTonightShowState {
  if (show.cancelled) return 'CANCELLED';
  const t = now.getTime();
  if (t >= show.endsAt.getTime()) return 'OVER';
  if (t >= show.startsAt.getTime()) return 'PLAYING';
  if (t >= show.startsAt.getTime() - DOORS_OPEN_BEFORE_MINUTES * 60_000) return 'DOORS_OPEN';
  return 'ON_SALE';
}

export const ZTonightShowSchema = z.object({
  showtimeId: z.uuid(),
  movieTitle: z.string(),
  screenName: z.string(),
  startsAt: z.iso.datetime(),
  endsAt: z.iso.datetime(),
  state: z.enum(TONIGHT_SHOW_STATES),
  /** Seats of CONFIRMED bookings. */
  sold: z.int().nonnegative(),
  /** Seats of PENDING bookings whose hold has not expired. */
  held: z.int().nonnegative(),
  /** Seats blocked by staff for this show. */
  blocked: z.int().nonnegative(),
  /** Seats of the screen. */
  capacity: z.int().nonnegative(),
  /** Tickets of CONFIRMED bookings checked in at the door. */
  admitted: z.int().nonnegative(),
});
export type TTonightShow = z.infer<typeof ZTonightShowSchema>;

export const ZTonightAlertSchema = z.object({ kioskId: z.uuid(), kioskName: z.string(), alert: z.string() });
export type TTonightAlert = z.infer<typeof ZTonightAlertSchema>;

export const ZTonightSchema = z.object({
  at: z.iso.datetime(),
  /** The cinema's local day (YYYY-MM-DD) the shows are of. */
  date: z.string(),
  timeZone: z.string(),
  alerts: z.array(ZTonightAlertSchema),
  shows: z.array(ZTonightShowSchema),
});
export type TTonight = z.infer<typeof ZTonightSchema>;

/** Pushed between API instances when something on a cinema's board changed outside a seat event (a check-in). */
export const ZTonightEventSchema = z.object({ cinemaId: z.uuid() });
export type TTonightEvent = z.infer<typeof ZTonightEventSchema>;
