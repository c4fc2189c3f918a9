// Cancelling a show from the dashboard, and following its refunds and emails (showtimes.*).
import {
  ZCancellationProgressSchema,
  ZShowtimeCancelInputSchema,
  ZShowtimeCancelOutputSchema,
  ZShowtimeIdInputSchema,
} from '@marquee/shared';
import { router, staffProcedure } from '../trpc';
import { cancellationProgress, cancelShowtime } from './cancel-showtime';

const manager = staffProcedure('MANAGER');

export const showtimesRouter = router({
  /** Cancels a show: off sale now, holds released, every paid booking refunded and emailed (refunds queue). */
  cancel: manager
    .input(ZShowtimeCancelInputSchema)
    .output(ZShowtimeCancelOutputSchema)
    .mutation(({ ctx, input }) => cancelShowtime(ctx, { actor: ctx.actor, ...input })),
  cancellationProgress: manager
    .input(ZShowtimeIdInputSchema)
    .output(ZCancellationProgressSchema)
    .query(({ ctx, input }) =>
      cancellationProgress(ctx, { cinemaId: ctx.actor.cinemaId, showtimeId: input.showtimeId }),
    ),
});
