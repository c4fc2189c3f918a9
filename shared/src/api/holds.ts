import { z } from 'zod';
import { MAX_SEATS_PER_HOLD } from '../limits';
import { ZPaiseSchema } from '../paise-schema';

export { MAX_SEATS_PER_HOLD };

export const ZHoldCreateInputSchema = z.strictObject({
  showtimeId: z.uuid(),
  seatIds: z
    .array(z.uuid())
    .min(1, 'pick at least one seat')
    .max(MAX_SEATS_PER_HOLD, `at most ${MAX_SEATS_PER_HOLD} seats at a time`)
    .refine((ids) => new Set(ids).size === ids.length, 'the same seat is listed twice'),
  /** A solved hold challenge (the ALTCHA widget's base64 payload), when the server asked for one. */
  challenge: z.string().min(1).max(8_000).optional(),
});
export type THoldCreateInput = z.infer<typeof ZHoldCreateInputSchema>;

export const ZHoldCreateOutputSchema = z.object({
  bookingId: z.uuid(),
  /** Short code a customer can read out, e.g. "K7M2QX". */
  code: z.string(),
  expiresAt: z.iso.datetime(),
  amountPaise: ZPaiseSchema,
});
export type THoldCreateOutput = z.infer<typeof ZHoldCreateOutputSchema>;

export const ZHoldReleaseInputSchema = z.strictObject({ bookingId: z.uuid() });

export const BOOKING_STATUSES = ['PENDING', 'CONFIRMED', 'EXPIRED', 'CANCELLED', 'REFUNDED', 'EXCHANGED'] as const;
export const ZBookingStatusSchema = z.enum(BOOKING_STATUSES);
export type TBookingStatus = z.infer<typeof ZBookingStatusSchema>;

export const ZHoldReleaseOutputSchema = z.object({ bookingId: z.uuid(), status: ZBookingStatusSchema });

export const ZHoldChallengeInputSchema = z.strictObject({ showtimeId: z.uuid() });
/** An ALTCHA v2 challenge, as its widget takes it. */
export const ZHoldChallengeOutputSchema = z.object({
  parameters: z.looseObject({ algorithm: z.string(), nonce: z.string(), salt: z.string(), cost: z.number() }),
  signature: z.string(),
});
export type THoldChallenge = z.infer<typeof ZHoldChallengeOutputSchema>;
