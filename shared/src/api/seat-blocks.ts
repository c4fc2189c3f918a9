// Seats a manager takes out of sale for a show, and puts back (seatBlocks.*).
import { z } from 'zod';
import { parseCalendarDate } from '../calendar-date';

export const ZSeatBlockInputSchema = z.strictObject({
  showtimeId: z.uuid(),
  seatIds: z.array(z.uuid()).min(1, 'pick at least one seat').max(200),
  reason: z.string().trim().min(3, 'say why, in a few words').max(200),
});
export const ZSeatUnblockInputSchema = z.strictObject({
  showtimeId: z.uuid(),
  seatIds: z.array(z.uuid()).min(1, 'pick at least one seat').max(200),
});
export const ZSeatBlockOutputSchema = z.object({ blocked: z.int() });
export const ZSeatUnblockOutputSchema = z.object({ unblocked: z.int() });

/** A real calendar date, YYYY-MM-DD (no 30 February). */
const ZBlockDateSchema = z
  .string('give a date like 2026-12-01')
  .trim()
  .refine((s) => parseCalendarDate(s) !== null, 'give a real date like 2026-12-01');

/** The longest range one action may block over ("house seats for a week", a festival fortnight). */
export const SEAT_BLOCK_RANGE_MAX_DAYS = 31;

/**
 * The same seats blocked in every show of one screen starting between two cinema dates (both
 * included), with one reason, as one group released together.
 */
export const ZSeatBlockRangeInputSchema = z
  .strictObject({
    screenId: z.uuid('choose a screen'),
    seatIds: z.array(z.uuid()).min(1, 'pick at least one seat').max(200),
    reason: z.string().trim().min(3, 'say why, in a few words').max(200),
    fromDate: ZBlockDateSchema,
    toDate: ZBlockDateSchema,
  })
  .refine((r) => r.fromDate <= r.toDate, { path: ['toDate'], message: 'the last day cannot be before the first day' })
  .refine(
    (r) => {
      const from = parseCalendarDate(r.fromDate);
      const to = parseCalendarDate(r.toDate);
      return !from || !to || (Date.parse(r.toDate) - Date.parse(r.fromDate)) / 86_400_000 < SEAT_BLOCK_RANGE_MAX_DAYS;
    },
    { path: ['toDate'], message: `block at most ${SEAT_BLOCK_RANGE_MAX_DAYS} days at a time` },
  );
export const ZSeatBlockRangeOutputSchema = z.object({
  groupId: z.uuid(),
  /** How many shows the seats were blocked in, and how many seat blocks that made. */
  shows: z.int(),
  blocked: z.int(),
});

export const ZSeatBlockGroupReleaseInputSchema = z.strictObject({ groupId: z.uuid() });
export const ZSeatBlockGroupReleaseOutputSchema = z.object({ shows: z.int(), unblocked: z.int() });

/** A show's blocked seats as staff see them: why, and the range group a block belongs to. */
export const ZSeatBlockListSchema = z.array(
  z.object({
    seatId: z.uuid(),
    reason: z.string(),
    groupId: z.uuid().nullable(),
    /** For a group: how many shows it covers, and the first and last show's start. */
    group: z.object({ shows: z.int(), firstStartsAt: z.iso.datetime(), lastStartsAt: z.iso.datetime() }).nullable(),
  }),
);
export type TSeatBlockList = z.infer<typeof ZSeatBlockListSchema>;
