import {
  ZAdmittedCountSchema,
  ZCheckInInputSchema,
  ZCheckInResultSchema,
  ZCheckInSyncInputSchema,
  ZCheckInSyncResultSchema,
  ZDoorLookupInputSchema,
  ZDoorLookupResultSchema,
  ZDoorPackSchema,
} from '@marquee/shared';
import { z } from 'zod';
import { addressKey } from '../http/client-address';
import { router, staffProcedure } from '../trpc';
import { checkIn } from './check-in';
import { admittedCount, lookupBookingAtDoor } from './door-lookup';
import { doorPack } from './door-pack';
import { syncCheckIns } from './sync-check-ins';

// Door staff, managers and admins all work the doors.
const door = staffProcedure('STAFF');

export const ticketsRouter = router({
  /** A scanned ticket: admitted once, or refused with the reason (used, refunded, too early, forged...). */
  checkIn: door
    .input(ZCheckInInputSchema)
    .output(ZCheckInResultSchema)
    .mutation(async ({ ctx, input }) => {
      const admitted = await checkIn(ctx, { ...input, actor: ctx.actor });
      // The managers' Tonight board counts admissions.
      await ctx.tonightEvents.publish({ cinemaId: ctx.actor.cinemaId });
      return admitted;
    }),
  /** Keys, today's shows, refunded and used tickets: what a door needs to keep going offline. */
  doorPack: door.output(ZDoorPackSchema).query(({ ctx }) => doorPack(ctx, { cinemaId: ctx.actor.cinemaId })),
  /** The scans a door made while offline. */
  sync: door
    .input(ZCheckInSyncInputSchema)
    .output(ZCheckInSyncResultSchema)
    .mutation(async ({ ctx, input }) => {
      const synced = await syncCheckIns(ctx, { ...input, actor: ctx.actor });
      await ctx.tonightEvents.publish({ cinemaId: ctx.actor.cinemaId });
      return synced;
    }),
  /**
   * A booking found by its code and the last 4 digits of its phone or the first 3 letters of its
   * email (no QR to scan); its tickets are then admitted through checkIn like scans. Rate-limited.
   */
  lookup: door
    .input(ZDoorLookupInputSchema)
    .output(ZDoorLookupResultSchema)
    .mutation(({ ctx, input }) =>
      lookupBookingAtDoor(ctx, { ...input, actor: ctx.actor, address: addressKey(ctx.req.ip) }),
    ),
  /** "Admitted 37 of 120 sold" for the show being admitted. */
  admittedCount: door
    .input(z.strictObject({ showtimeId: z.uuid() }))
    .output(ZAdmittedCountSchema)
    .query(({ ctx, input }) => admittedCount(ctx, { cinemaId: ctx.actor.cinemaId, showtimeId: input.showtimeId })),
});
