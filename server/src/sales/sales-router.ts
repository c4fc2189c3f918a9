// Sales figures for a range of the cinema's days on the dashboard (sales.*); the CSV is sales-routes.ts.
import { ZSalesInputSchema, ZSalesSchema } from '@marquee/shared';
import { router, staffProcedure } from '../trpc';
import { loadSales } from './load-sales';

const manager = staffProcedure('MANAGER');

export const salesRouter = router({
  report: manager
    .input(ZSalesInputSchema)
    .output(ZSalesSchema)
    .query(({ ctx, input }) => loadSales(ctx, { ...input, cinemaId: ctx.actor.cinemaId })),
});
