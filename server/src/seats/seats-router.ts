import { ZSeatsOnChangeInputSchema } from '@marquee/shared';
import { AppError } from '../errors/app-error';
import { publicProcedure, router } from '../trpc';

export const seatsRouter = router({
  /** Every change to a showtime's seats, over SSE. After a reconnect, clients resync from catalog.seatMap. */
  onChange: publicProcedure.input(ZSeatsOnChangeInputSchema).subscription(async function* ({ ctx, input, signal }) {
    const exists = await ctx.prisma.showtime.count({ where: { id: input.showtimeId } });
    if (!exists) throw new AppError('CATALOG_SHOWTIME_NOT_FOUND', { message: `showtime ${input.showtimeId} not found` });
    yield* ctx.seatEvents.stream(input.showtimeId, signal ?? new AbortController().signal);
  }),
});
