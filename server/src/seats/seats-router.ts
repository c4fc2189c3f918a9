import { ZSeatsOnChangeInputSchema } from '@marquee/shared';
import { AppError } from '../errors/app-error';
import { publicProcedure, router } from '../trpc';

export const seatsRouter = router({
  /** Every change to a showtime's seats, over SSE. After a reconnect, clients resync from catalog.seatMap. */
  // Checked before the stream starts, so an unknown showtime is an HTTP 404, not a stream that errors.
  onChange: publicProcedure.input(ZSeatsOnChangeInputSchema).subscription(async ({ ctx, input, signal }) => {
    const exists = await ctx.prisma.showtime.count({ where: { id: input.showtimeId } });
    if (!exists)
      throw new AppError('CATALOG_SHOWTIME_NOT_FOUND', { message: `showtime ${input.showtimeId} not found` });
    return ctx.liveStreams.start({ address: ctx.req.ip, signal }, (stop) =>
      ctx.seatEvents.stream(input.showtimeId, stop),
    );
  }),
});
