// Sales figures for a range of the cinema's days on the dashboard (sales.*); the CSV is sales-routes.ts.
import { ZSalesHourlyInputSchema, ZSalesHourlySchema, ZSalesInputSchema, ZSalesSchema } from '@marquee/shared';
import { router, staffProcedure } from '../trpc';
import { loadSales, loadSalesHourly } from './load-sales';

const manager = staffProcedure('MANAGER');

export const salesRouter = router({
  report: manager
    .input(ZSalesInputSchema)
    .output(ZSalesSchema)
    .query(({ ctx, input }) => loadSales(ctx, { ...input, cinemaId: ctx.actor.cinemaId })),
  /** One day hour by hour beside the same weekday a week earlier. */
  hourly: manager
    .input(ZSalesHourlyInputSchema)
    .output(ZSalesHourlySchema)
    .query(({ ctx, input }) => loadSalesHourly(ctx, { ...input, cinemaId: ctx.actor.cinemaId })),
});
