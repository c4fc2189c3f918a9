// Running the programme from the dashboard (programme.*): movies, screens and their layouts, price
// templates, and the day's shows with scheduling and sale.
import {
  ZCheckLayoutInputSchema,
  ZDayShowSchema,
  ZDayShowsInputSchema,
  ZManagerMovieSchema,
  ZMovieInputSchema,
  ZOkSchema,
  ZPriceTemplateInputSchema,
  ZPriceTemplateSchema,
  ZSavedIdSchema,
  ZSaveLayoutInputSchema,
  ZSaveLayoutOutputSchema,
  ZScheduleInputSchema,
  ZScheduleOutputSchema,
  ZScreenIdInputSchema,
  ZScreenLayoutSchema,
  ZScreenSummarySchema,
  ZSetOnSaleInputSchema,
  ZSetShowPricesInputSchema,
  ZSetShowPricesOutputSchema,
  ZUnchargeablePriceSchema,
} from '@marquee/shared';
import { z } from 'zod';
import { router, staffProcedure } from '../trpc';
import { findUnchargeablePrices } from './chargeable-prices';
import { getLayout, listScreens, saveLayout } from './layouts';
import { listDayShows } from './list-day-shows';
import { listPriceTemplates } from './list-price-templates';
import { listManagerMovies, saveMovie } from './movies';
import { savePriceTemplate } from './save-price-template';
import { scheduleShowtimes, setOnSale } from './schedule';
import { setShowPrices } from './show-prices';

const manager = staffProcedure('MANAGER');

export const programmeRouter = router({
  movies: manager.output(z.array(ZManagerMovieSchema)).query(({ ctx }) => listManagerMovies(ctx, ctx.actor.cinemaId)),
  saveMovie: manager
    .input(ZMovieInputSchema)
    .output(ZSavedIdSchema)
    .mutation(({ ctx, input }) => saveMovie(ctx, { actor: ctx.actor, input })),

  screens: manager
    .output(z.array(ZScreenSummarySchema))
    .query(({ ctx }) => listScreens(ctx, { cinemaId: ctx.actor.cinemaId })),
  layout: manager
    .input(ZScreenIdInputSchema)
    .output(ZScreenLayoutSchema)
    .query(({ ctx, input }) => getLayout(ctx, { cinemaId: ctx.actor.cinemaId, screenId: input.screenId })),
  /** Creates a screen (no screenId) or changes one's layout; the layout is validated as a whole. */
  saveLayout: manager
    .input(ZSaveLayoutInputSchema)
    .output(ZSaveLayoutOutputSchema)
    .mutation(({ ctx, input }) => saveLayout(ctx, { actor: ctx.actor, ...input })),
  /** Checks a layout (e.g. an imported JSON file) without saving it: the input schema is the check. */
  checkLayout: manager
    .input(ZCheckLayoutInputSchema)
    .output(ZOkSchema)
    .query(() => ({ ok: true as const })),

  priceTemplates: manager
    .output(z.array(ZPriceTemplateSchema))
    .query(({ ctx }) => listPriceTemplates(ctx, { cinemaId: ctx.actor.cinemaId })),
  savePriceTemplate: manager
    .input(ZPriceTemplateInputSchema)
    .output(ZSavedIdSchema)
    .mutation(({ ctx, input }) => savePriceTemplate(ctx, { actor: ctx.actor, ...input })),

  /** Saved prices GST cannot carry (templates, upcoming shows): the dashboard shows them until fixed. */
  unchargeablePrices: manager
    .output(z.array(ZUnchargeablePriceSchema))
    .query(({ ctx }) => findUnchargeablePrices(ctx, { cinemaId: ctx.actor.cinemaId })),

  /** The day's shows as the manager sees them: on sale or not, cancelled ones too, with seats sold. */
  shows: manager
    .input(ZDayShowsInputSchema)
    .output(z.array(ZDayShowSchema))
    .query(({ ctx, input }) => listDayShows(ctx, { cinemaId: ctx.actor.cinemaId, date: input.date })),
  schedule: manager
    .input(ZScheduleInputSchema)
    .output(ZScheduleOutputSchema)
    .mutation(({ ctx, input }) => scheduleShowtimes(ctx, { actor: ctx.actor, input })),
  /** A show's prices, until its first sale (a seat held or sold); audited, and customers' seat maps refresh. */
  setShowPrices: manager
    .input(ZSetShowPricesInputSchema)
    .output(ZSetShowPricesOutputSchema)
    .mutation(({ ctx, input }) => setShowPrices(ctx, { actor: ctx.actor, ...input })),
  setOnSale: manager
    .input(ZSetOnSaleInputSchema)
    .output(ZOkSchema)
    .mutation(async ({ ctx, input }) => {
      await setOnSale(ctx, { actor: ctx.actor, ...input });
      return { ok: true as const };
    }),
});
