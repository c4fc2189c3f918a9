// Seats a manager takes out of sale for a show, and puts back (seatBlocks.*).
import {
  ZSeatBlockInputSchema,
  ZSeatBlockOutputSchema,
  ZSeatUnblockInputSchema,
  ZSeatUnblockOutputSchema,
} from '@marquee/shared';
import { router, staffProcedure } from '../trpc';
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
});
