// Seats a manager takes out of sale for a show, and puts back (seatBlocks.*).
import { z } from 'zod';

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
