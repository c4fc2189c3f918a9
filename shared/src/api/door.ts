// What the dashboard shows of the doors (door.*): tickets scanned at two doors while offline.
import { z } from 'zod';

export const ZDoorConflictSchema = z.object({
  at: z.iso.datetime(),
  bookingId: z.uuid(),
  seatLabel: z.string(),
  firstDoor: z.string().nullable(),
  firstAt: z.string(),
  secondDoor: z.string(),
  secondAt: z.string(),
});
export type TDoorConflict = z.infer<typeof ZDoorConflictSchema>;
