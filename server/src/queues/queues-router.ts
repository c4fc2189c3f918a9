// The background queues on the dashboard (queues.*): counts, this cinema's failed jobs, retry. Admins only.
import { ZOkSchema, ZQueueHealthSchema, ZQueueRetryInputSchema } from '@marquee/shared';
import { router, staffProcedure } from '../trpc';
import { loadQueueHealth } from './load-queue-health';
import { retryFailedJob } from './retry-failed-job';

const admin = staffProcedure('ADMIN');

export const queuesRouter = router({
  health: admin.output(ZQueueHealthSchema).query(({ ctx }) => loadQueueHealth(ctx, { cinemaId: ctx.actor.cinemaId })),
  retry: admin
    .input(ZQueueRetryInputSchema)
    .output(ZOkSchema)
    .mutation(async ({ ctx, input }) => {
      await retryFailedJob(ctx, { ...input, userId: ctx.actor.userId, cinemaId: ctx.actor.cinemaId });
      return { ok: true as const };
    }),
});
