import {
  ZCheckInInputSchema,
  ZCheckInResultSchema,
  ZCheckInSyncInputSchema,
  ZCheckInSyncResultSchema,
  ZDoorPackSchema,
} from '@marquee/shared';
import { router, staffProcedure } from '../trpc';
import { checkIn } from './check-in';
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
});
