import { ZHoldCreateInputSchema, ZHoldCreateOutputSchema, ZHoldReleaseInputSchema, ZHoldReleaseOutputSchema } from '@marquee/shared';
import { holderProcedure, router } from '../trpc';
import { createHold } from './create-hold';
import { limitHolds } from './hold-rate-limit';
import { releaseHold } from './release-hold';

export const holdsRouter = router({
  create: holderProcedure
    .input(ZHoldCreateInputSchema)
    .output(ZHoldCreateOutputSchema)
    .mutation(async ({ ctx, input }) => {
      await limitHolds(ctx, ctx.holder.key);
      return createHold(ctx, { holder: ctx.holder, showtimeId: input.showtimeId, seatIds: input.seatIds });
    }),

  release: holderProcedure
    .input(ZHoldReleaseInputSchema)
    .output(ZHoldReleaseOutputSchema)
    .mutation(({ ctx, input }) => releaseHold(ctx, { holder: ctx.holder, bookingId: input.bookingId })),
});
