import {
  ZCinemasOutputSchema,
  ZMoviesOutputSchema,
  ZSeatMapInputSchema,
  ZSeatMapSchema,
  ZShowtimesInputSchema,
  ZShowtimesOutputSchema,
} from '@marquee/shared';
import { publicProcedure, router } from '../trpc';
import { cachedSeatMap } from './seat-map-cache';
import { listCinemas } from './list-cinemas';
import { listMovies } from './list-movies';
import { listShowtimes } from './list-showtimes';

export const catalogRouter = router({
  /** The cinemas and their time zones: apps show "today" and every time on the cinema's clock. */
  cinemas: publicProcedure.output(ZCinemasOutputSchema).query(({ ctx }) => listCinemas({ prisma: ctx.prisma })),

  movies: publicProcedure.output(ZMoviesOutputSchema).query(({ ctx }) => listMovies({ prisma: ctx.prisma })),

  showtimes: publicProcedure
    .input(ZShowtimesInputSchema)
    .output(ZShowtimesOutputSchema)
    .query(({ ctx, input }) => listShowtimes({ prisma: ctx.prisma, input })),

  seatMap: publicProcedure
    .input(ZSeatMapInputSchema)
    .output(ZSeatMapSchema)
    .query(async ({ ctx, input }) => (await cachedSeatMap(ctx, input.showtimeId)).map),

  /** Programme changes as they happen (SSE): a show cancelled or scheduled. Apps refetch their lists. */
  onChange: publicProcedure.subscription(({ ctx, signal }) =>
    ctx.liveStreams.start({ address: ctx.req.ip, signal }, (stop) => ctx.catalogEvents.stream('all', stop)),
  ),
});
