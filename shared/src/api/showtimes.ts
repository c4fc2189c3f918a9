// Cancelling a show from the dashboard, and following its refunds (showtimes.*).
import { z } from 'zod';

export const ZShowtimeCancelInputSchema = z.strictObject({
  showtimeId: z.uuid(),
  reason: z.string().trim().min(3, 'say why, in a few words').max(200),
});
export const ZShowtimeCancelOutputSchema = z.object({
  alreadyCancelled: z.boolean(),
  releasedHolds: z.int(),
  refunds: z.int(),
});
export const ZShowtimeIdInputSchema = z.strictObject({ showtimeId: z.uuid() });
export const ZCancellationProgressSchema = z.object({
  cancelled: z.boolean(),
  cancelledAt: z.string().nullable(),
  bookings: z.int(),
  /** Of `bookings`, those with an email address: the cancellation emails owed. */
  toEmail: z.int(),
  refunded: z.int(),
  processed: z.int(),
  emailed: z.int(),
});
export type TCancellationProgress = z.infer<typeof ZCancellationProgressSchema>;
