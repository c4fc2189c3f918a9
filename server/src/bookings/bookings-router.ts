import { ZBookingGetInputSchema, ZBookingSchema } from '@marquee/shared';
import { holderProcedure, router } from '../trpc';
import { getBooking } from './get-booking';

export const bookingsRouter = router({
  get: holderProcedure
    .input(ZBookingGetInputSchema)
    .output(ZBookingSchema)
    .query(({ ctx, input }) => getBooking(ctx, { holder: ctx.holder, bookingId: input.bookingId })),
});
