import {
  ZCinemaSchema,
  ZCinemaScopeSchema,
  ZMoviesOutputSchema,
  ZSeatMapInputSchema,
  ZSeatMapSchema,
  ZShowtimesInputSchema,
  ZShowtimesOutputSchema,
} from '@marquee/shared';
import { z } from 'zod';
import { publicProcedure, router } from '../trpc';
import { catalogCinema, listCinemas } from './catalog-cinema';
import { cachedSeatMap } from './seat-map-cache';
import { listMovies } from './list-movies';
import { listShowtimes } from './list-showtimes';

export const catalogRouter = router({
  cinemas: publicProcedure.output(z.array(ZCinemaSchema)).query(({ ctx }) => listCinemas(ctx)),

  movies: publicProcedure
    .input(ZCinemaScopeSchema)
    .output(ZMoviesOutputSchema)
    .query(async ({ ctx, input }) =>
      listMovies({ prisma: ctx.prisma, cinemaId: (await catalogCinema(ctx, input?.cinema)).id }),
    ),

  showtimes: publicProcedure
    .input(ZShowtimesInputSchema)
    .output(ZShowtimesOutputSchema)
    .query(async ({ ctx, input }) =>
      listShowtimes({ prisma: ctx.prisma, input, cinema: await catalogCinema(ctx, input?.cinema) }),
    ),

  seatMap: publicProcedure
    .input(ZSeatMapInputSchema)
    .output(ZSeatMapSchema)
    .query(async ({ ctx, input }) => (await cachedSeatMap(ctx, input.showtimeId)).map),

  /** Programme changes as they happen (SSE): a show cancelled or scheduled. Apps refetch their lists. */
  onChange: publicProcedure.subscription(({ ctx, signal }) =>
    ctx.liveStreams.start({ address: ctx.req.ip, signal }, (stop) => ctx.catalogEvents.stream('all', stop)),
  ),
});
