// Films made tax-free by a state (filmTaxWaivers.*): managers see the waivers; only an admin
// records or removes one.
import {
  ZFilmTaxWaiverCreateInputSchema,
  ZFilmTaxWaiverListInputSchema,
  ZFilmTaxWaiverRemoveInputSchema,
  ZFilmTaxWaiverSchema,
  ZOkSchema,
} from '@marquee/shared';
import { z } from 'zod';
import { router, staffProcedure } from '../trpc';
import { createFilmTaxWaiver, listFilmTaxWaivers, removeFilmTaxWaiver } from './film-tax-waivers';

export const filmTaxWaiversRouter = router({
  list: staffProcedure('MANAGER')
    .input(ZFilmTaxWaiverListInputSchema)
    .output(z.array(ZFilmTaxWaiverSchema))
    .query(({ ctx, input }) => listFilmTaxWaivers(ctx, { cinemaId: ctx.actor.cinemaId, movieId: input.movieId })),
  /** Refuses another cinema's film, a state not in use, dates that are not real or out of order, and an overlap. */
  create: staffProcedure('ADMIN')
    .input(ZFilmTaxWaiverCreateInputSchema)
    .output(ZFilmTaxWaiverSchema)
    .mutation(({ ctx, input }) => createFilmTaxWaiver(ctx, { actor: ctx.actor, input })),
  /** A waiver whose period has begun needs begunAcknowledged; issued invoices are never changed. */
  remove: staffProcedure('ADMIN')
    .input(ZFilmTaxWaiverRemoveInputSchema)
    .output(ZOkSchema)
    .mutation(({ ctx, input }) => removeFilmTaxWaiver(ctx, { actor: ctx.actor, input })),
});
