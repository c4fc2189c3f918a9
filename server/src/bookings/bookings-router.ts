import { ZBookingGetInputSchema, ZBookingSchema, ZBookingSetContactInputSchema } from '@marquee/shared';
import { z } from 'zod';
import { AppError } from '../errors/app-error';
import { holderProcedure, router } from '../trpc';
import { bookingStatusStream } from './booking-status-stream';
import { getBooking } from './get-booking';
import { setContact } from './set-contact';

export const bookingsRouter = router({
  get: holderProcedure
    .input(ZBookingGetInputSchema)
    .output(ZBookingSchema)
    .query(({ ctx, input }) => getBooking(ctx, { holder: ctx.holder, bookingId: input.bookingId })),

  setContact: holderProcedure
    .input(ZBookingSetContactInputSchema)
    .output(z.object({ bookingId: z.uuid() }))
    .mutation(({ ctx, input }) => setContact(ctx, { holder: ctx.holder, ...input })),

  /** The holder's booking status now and on every change (SSE): a kiosk waiting on a UPI payment listens here. */
  onStatus: holderProcedure.input(ZBookingGetInputSchema).subscription(async ({ ctx, input, signal }) => {
    const owned = await ctx.prisma.booking.count({ where: { id: input.bookingId, holder: ctx.holder.key } });
    if (!owned) throw new AppError('BOOKING_NOT_FOUND', { message: `booking ${input.bookingId} not found for ${ctx.holder.key}` });
    return bookingStatusStream(ctx, input.bookingId, signal ?? new AbortController().signal);
  }),
});
