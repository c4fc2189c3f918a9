import {
  ZHoldCreateInputSchema,
  ZHoldCreateOutputSchema,
  ZHoldReleaseInputSchema,
  ZHoldReleaseOutputSchema,
} from '@marquee/shared';
import { AppError } from '../errors/app-error';
import { holderProcedure, router } from '../trpc';
import { createHold } from './create-hold';
import { limitHolds } from './hold-rate-limit';
import { releaseHold } from './release-hold';

export const holdsRouter = router({
  create: holderProcedure
    .input(ZHoldCreateInputSchema)
    .output(ZHoldCreateOutputSchema)
    .mutation(async ({ ctx, input }) => {
      if (ctx.holder.outOfService)
        throw new AppError('KIOSK_OUT_OF_SERVICE', { message: `${ctx.holder.key} is out of service` });
      await limitHolds(ctx, ctx.holder.key);
      return createHold(ctx, { holder: ctx.holder, showtimeId: input.showtimeId, seatIds: input.seatIds });
    }),

  release: holderProcedure
    .input(ZHoldReleaseInputSchema)
    .output(ZHoldReleaseOutputSchema)
    .mutation(({ ctx, input }) => releaseHold(ctx, { holder: ctx.holder, bookingId: input.bookingId })),
});
