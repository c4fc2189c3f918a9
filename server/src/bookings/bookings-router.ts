import {
  ZBookingFindInputSchema,
  ZBookingGetInputSchema,
  ZBookingSchema,
  ZBookingSetContactInputSchema,
} from '@marquee/shared';
import { z } from 'zod';
import { AppError } from '../errors/app-error';
import { holderProcedure, publicProcedure, router } from '../trpc';
import { bookingStatusStream } from './booking-status-stream';
import { limitByKey } from '../auth';
import { findBooking, getBooking } from './get-booking';
import { setContact } from './set-contact';

export const bookingsRouter = router({
  get: holderProcedure
    .input(ZBookingGetInputSchema)
    .output(ZBookingSchema)
    .query(({ ctx, input }) => getBooking(ctx, { holder: ctx.holder, bookingId: input.bookingId })),

  /** A customer finds their booking again (another phone, a lost email): code and email must both match. */
  find: publicProcedure
    .input(ZBookingFindInputSchema)
    .output(ZBookingSchema)
    .mutation(async ({ ctx, input }) => {
      // Codes are not secrets on their own: guessing pairs is slowed per address.
      await limitByKey(ctx, { name: 'booking-find', key: ctx.req.ip, perMinute: 10 });
      return findBooking(ctx, input);
    }),

  setContact: holderProcedure
    .input(ZBookingSetContactInputSchema)
    .output(z.object({ bookingId: z.uuid() }))
    .mutation(({ ctx, input }) => setContact(ctx, { holder: ctx.holder, ...input })),

  /** The holder's booking status now and on every change (SSE): a kiosk waiting on a UPI payment listens here. */
  onStatus: holderProcedure.input(ZBookingGetInputSchema).subscription(async ({ ctx, input, signal }) => {
    const owned = await ctx.prisma.booking.count({ where: { id: input.bookingId, holder: ctx.holder.key } });
    if (!owned)
      throw new AppError('BOOKING_NOT_FOUND', {
        message: `booking ${input.bookingId} not found for ${ctx.holder.key}`,
      });
    return ctx.liveStreams.start({ address: ctx.req.ip, signal }, (stop) =>
      bookingStatusStream(ctx, input.bookingId, stop),
    );
  }),
});
