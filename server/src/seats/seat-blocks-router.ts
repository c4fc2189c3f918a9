// Seats a manager takes out of sale for a show, and puts back (seatBlocks.*).
import {
  ZSeatBlockGroupReleaseInputSchema,
  ZSeatBlockGroupReleaseOutputSchema,
  ZSeatBlockInputSchema,
  ZSeatBlockListSchema,
  ZSeatBlockOutputSchema,
  ZSeatBlockRangeInputSchema,
  ZSeatBlockRangeOutputSchema,
  ZSeatUnblockInputSchema,
  ZSeatUnblockOutputSchema,
} from '@marquee/shared';
import { router, staffProcedure } from '../trpc';
import { z } from 'zod';
import { blockSeatRange, listSeatBlocks, releaseSeatBlockGroup } from './block-seat-range';
import { blockSeats } from './block-seats';
import { unblockSeats } from './unblock-seats';

const manager = staffProcedure('MANAGER');

export const seatBlocksRouter = router({
  block: manager
    .input(ZSeatBlockInputSchema)
    .output(ZSeatBlockOutputSchema)
    .mutation(({ ctx, input }) => blockSeats(ctx, { actor: ctx.actor, ...input })),
  unblock: manager
    .input(ZSeatUnblockInputSchema)
    .output(ZSeatUnblockOutputSchema)
    .mutation(({ ctx, input }) => unblockSeats(ctx, { actor: ctx.actor, ...input })),
  /** The same seats over every show of a screen between two cinema dates: one reason, one group. */
  blockRange: manager
    .input(ZSeatBlockRangeInputSchema)
    .output(ZSeatBlockRangeOutputSchema)
    .mutation(({ ctx, input }) => blockSeatRange(ctx, { actor: ctx.actor, ...input })),
  /** Puts every seat of a range group back on sale, in all its shows. */
  releaseGroup: manager
    .input(ZSeatBlockGroupReleaseInputSchema)
    .output(ZSeatBlockGroupReleaseOutputSchema)
    .mutation(({ ctx, input }) => releaseSeatBlockGroup(ctx, { actor: ctx.actor, ...input })),
  /** A show's blocked seats with why, for staff seat maps (customers see only "blocked"). */
  list: manager
    .input(z.strictObject({ showtimeId: z.uuid() }))
    .output(ZSeatBlockListSchema)
    .query(({ ctx, input }) => listSeatBlocks(ctx, { actor: ctx.actor, ...input })),
});
