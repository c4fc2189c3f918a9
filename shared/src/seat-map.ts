import { z } from 'zod';
import type { TBookingFeeRule } from './booking-fee';
import { ZPaiseSchema } from './paise-schema';
import { SEAT_STATES, SEAT_TYPES } from './seat-types';

export { SEAT_STATES, SEAT_TYPES };

export const ZBookingFeeRuleSchema = z.object({
  kioskPerSeatPaise: ZPaiseSchema,
  webPerSeatPaise: ZPaiseSchema,
}) satisfies z.ZodType<TBookingFeeRule>;

export const ZSeatTypeSchema = z.enum(SEAT_TYPES);
export type TSeatType = z.infer<typeof ZSeatTypeSchema>;

export const ZSeatStateSchema = z.enum(SEAT_STATES);
export type TSeatState = z.infer<typeof ZSeatStateSchema>;

export const ZSeatSchema = z.object({
  id: z.uuid(),
  label: z.string(),
  row: z.string(),
  number: z.number().int(),
  type: ZSeatTypeSchema,
  /** Grid column; aisles are columns with no seat. */
  x: z.number().int().nonnegative(),
  /** Grid row; 0 is the row nearest the screen. */
  y: z.number().int().nonnegative(),
  companionOfId: z.uuid().nullable(),
  state: ZSeatStateSchema,
});
export type TSeat = z.infer<typeof ZSeatSchema>;

export const ZSeatPriceSchema = z.object({ seatType: ZSeatTypeSchema, pricePaise: ZPaiseSchema });

export const ZSeatMapSchema = z.object({
  showtimeId: z.uuid(),
  /** Grows with every seat change of this showtime; a client that missed updates refetches. */
  version: z.number().int().nonnegative(),
  columns: z.number().int().nonnegative(),
  rows: z.number().int().nonnegative(),
  seats: z.array(ZSeatSchema),
  prices: z.array(ZSeatPriceSchema),
  /** The cinema's seat rules, so the map can explain them before holds.create refuses. */
  rules: z.object({ noSingleSeatGap: z.boolean() }),
  /** The cinema's booking fee per seat by channel, so the map shows the total the customer will pay. */
  fee: ZBookingFeeRuleSchema,
});
export type TSeatMap = z.infer<typeof ZSeatMapSchema>;

/** Counts seats by state, e.g. for "42 seats left". */
export function countSeatStates(seats: readonly Pick<TSeat, 'state'>[]): Record<TSeatState, number> {
  const counts: Record<TSeatState, number> = { available: 0, held: 0, sold: 0, blocked: 0 };
  for (const seat of seats) counts[seat.state] += 1;
  return counts;
}
