import { z } from 'zod';
import { ZSeatStateSchema } from '../seat-map';

export const ZSeatsOnChangeInputSchema = z.strictObject({ showtimeId: z.uuid() });

/**
 * Seats of one showtime whose state changed, with the showtime's seat version after the change.
 * A client whose last version is not `version - 1` missed something and refetches catalog.seatMap.
 */
export const ZSeatChangeEventSchema = z.object({
  showtimeId: z.uuid(),
  version: z.number().int().nonnegative(),
  seats: z.array(z.object({ id: z.uuid(), state: ZSeatStateSchema })),
});
export type TSeatChangeEvent = z.infer<typeof ZSeatChangeEventSchema>;
