// The month's GST returns on the dashboard (taxReturns.*), for managers and admins of the cinema;
// the CSVs are tax-returns-routes.ts.
import { ZTaxReturnsInputSchema, ZTaxReturnsSchema } from '@marquee/shared';
import { router, staffProcedure } from '../trpc';
import { loadTaxReturns } from './load-tax-returns';

export const taxReturnsRouter = router({
  /** B2C rows by place of supply and rate, the document summary and the month's totals. */
  month: staffProcedure('MANAGER')
    .input(ZTaxReturnsInputSchema)
    .output(ZTaxReturnsSchema)
    .query(({ ctx, input }) => loadTaxReturns(ctx, { cinemaId: ctx.actor.cinemaId, month: input.month })),
});
