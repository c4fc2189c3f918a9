import {
  ZLayoutSchema,
  ZManagerMovieSchema,
  ZMovieInputSchema,
  ZPriceTemplateInputSchema,
  ZPriceTemplateSchema,
  ZSaveLayoutInputSchema,
  ZScheduleInputSchema,
  ZScreenLayoutSchema,
  ZScreenSummarySchema,
  ZUnchargeablePriceSchema,
  type TPriceList,
} from '@marquee/shared';
import { z } from 'zod';
import { dayBounds } from '../catalog/cinema-day';
import { isUniqueViolation } from '../errors/unique-violation';
import { AppError } from '../errors/app-error';
import { assertChargeable, findUnchargeablePrices, tablesForTemplates } from './chargeable-prices';
import { router, staffProcedure } from '../trpc';
import { getLayout, listScreens, saveLayout } from './layouts';
import { listManagerMovies, saveMovie } from './movies';
import { scheduleShowtimes, setOnSale } from './schedule';
import { recordAudit } from '../audit/record-audit';

const manager = staffProcedure('MANAGER');

export const programmeRouter = router({
  movies: manager.output(z.array(ZManagerMovieSchema)).query(({ ctx }) => listManagerMovies(ctx, ctx.actor.cinemaId)),
  saveMovie: manager
    .input(ZMovieInputSchema)
    .output(z.object({ id: z.uuid() }))
    .mutation(({ ctx, input }) => saveMovie(ctx, { actor: ctx.actor, input })),

  screens: manager
    .output(z.array(ZScreenSummarySchema))
    .query(({ ctx }) => listScreens(ctx, { cinemaId: ctx.actor.cinemaId })),
  layout: manager
    .input(z.strictObject({ screenId: z.uuid() }))
    .output(ZScreenLayoutSchema)
    .query(({ ctx, input }) => getLayout(ctx, { cinemaId: ctx.actor.cinemaId, screenId: input.screenId })),
  /** Creates a screen (no screenId) or changes one's layout; the layout is validated as a whole. */
  saveLayout: manager
    .input(ZSaveLayoutInputSchema)
    .output(z.object({ screenId: z.uuid(), added: z.int(), changed: z.int(), removed: z.int() }))
    .mutation(({ ctx, input }) => saveLayout(ctx, { actor: ctx.actor, ...input })),
  /** Checks a layout (e.g. an imported JSON file) without saving it. */
  checkLayout: manager
    .input(z.strictObject({ layout: ZLayoutSchema }))
    .output(z.object({ ok: z.literal(true) }))
    .query(() => ({ ok: true as const })),

  priceTemplates: manager.output(z.array(ZPriceTemplateSchema)).query(async ({ ctx }) => {
    const rows = await ctx.prisma.priceTemplate.findMany({
      where: { cinemaId: ctx.actor.cinemaId },
      orderBy: { name: 'asc' },
    });
    return rows.map((t) => ({ id: t.id, name: t.name, prices: t.prices as TPriceList }));
  }),
  savePriceTemplate: manager
    .input(ZPriceTemplateInputSchema)
    .output(z.object({ id: z.uuid() }))
    .mutation(async ({ ctx, input }) => {
      assertChargeable(input.prices, tablesForTemplates(new Date()));
      try {
        const data = { name: input.name, prices: input.prices };
        const saved = input.id
          ? await ctx.prisma.priceTemplate.update({ where: { id: input.id, cinemaId: ctx.actor.cinemaId }, data })
          : await ctx.prisma.priceTemplate.create({ data: { ...data, cinemaId: ctx.actor.cinemaId } });
        await recordAudit(ctx.prisma, {
          by: ctx.actor.userId,
          action: input.id ? 'prices.update' : 'prices.create',
          entityType: 'PriceTemplate',
          entityId: saved.id,
          data,
        });
        return { id: saved.id };
      } catch (err) {
        if (isUniqueViolation(err))
          throw new AppError('INPUT_INVALID', {
            message: `template ${input.name} exists`,
            userMessage: `There is already a price template called "${input.name}".`,
            data: { fieldErrors: { name: 'already used' } },
          });
        throw err;
      }
    }),

  /** Saved prices GST cannot carry (templates, upcoming shows): the dashboard shows them until fixed. */
  unchargeablePrices: manager
    .output(z.array(ZUnchargeablePriceSchema))
    .query(({ ctx }) => findUnchargeablePrices(ctx, { cinemaId: ctx.actor.cinemaId })),

  /** The day's shows as the manager sees them: on sale or not, cancelled ones too, with seats sold. */
  shows: manager
    .input(z.strictObject({ date: z.iso.date() }))
    .output(
      z.array(
        z.object({
          id: z.uuid(),
          movieTitle: z.string(),
          screenName: z.string(),
          startsAt: z.iso.datetime(),
          endsAt: z.iso.datetime(),
          onSale: z.boolean(),
          cancelled: z.boolean(),
          sold: z.int(),
          capacity: z.int(),
        }),
      ),
    )
    .query(async ({ ctx, input }) => {
      const cinema = await ctx.prisma.cinema.findUniqueOrThrow({ where: { id: ctx.actor.cinemaId } });
      const day = dayBounds(input.date, cinema.timeZone);
      const shows = await ctx.prisma.showtime.findMany({
        where: { screen: { cinemaId: cinema.id }, startsAt: { gte: day.start, lt: day.end } },
        include: {
          movie: { select: { title: true } },
          screen: { select: { name: true, _count: { select: { seats: true } } } },
        },
        orderBy: [{ startsAt: 'asc' }],
      });
      const sold = await ctx.prisma.bookingSeat.groupBy({
        by: ['showtimeId'],
        where: { showtimeId: { in: shows.map((s) => s.id) }, active: true, booking: { status: 'CONFIRMED' } },
        _count: { _all: true },
      });
      const soldBy = new Map(sold.map((s) => [s.showtimeId, s._count._all]));
      return shows.map((s) => ({
        id: s.id,
        movieTitle: s.movie.title,
        screenName: s.screen.name,
        startsAt: s.startsAt.toISOString(),
        endsAt: s.endsAt.toISOString(),
        onSale: s.onSale,
        cancelled: s.cancelled,
        sold: soldBy.get(s.id) ?? 0,
        capacity: s.screen._count.seats,
      }));
    }),
  schedule: manager
    .input(ZScheduleInputSchema)
    .output(z.object({ created: z.array(z.uuid()) }))
    .mutation(({ ctx, input }) => scheduleShowtimes(ctx, { actor: ctx.actor, input })),
  setOnSale: manager
    .input(z.strictObject({ showtimeId: z.uuid(), onSale: z.boolean() }))
    .output(z.object({ ok: z.literal(true) }))
    .mutation(async ({ ctx, input }) => {
      await setOnSale(ctx, { actor: ctx.actor, ...input });
      return { ok: true as const };
    }),
});
