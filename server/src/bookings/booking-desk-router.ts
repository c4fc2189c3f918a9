// Bookings on the dashboard (bookingDesk.*): find one for a customer at the counter, read its whole
// story, refund it, resend its receipt, reprint its tickets at a kiosk. This cinema's bookings only.
import {
  ZBookingDetailSchema,
  ZBookingIdInputSchema,
  ZBookingSearchInputSchema,
  ZBookingSummarySchema,
  ZManagerRefundInputSchema,
  ZManagerRefundOutputSchema,
  ZManagerReprintInputSchema,
  ZOkSchema,
  ZResendReceiptOutputSchema,
  ZSeatRefundInputSchema,
  ZSeatRefundQuoteSchema,
  ZSeatRefundResultSchema,
} from '@marquee/shared';
import { z } from 'zod';
import { router, staffProcedure } from '../trpc';
import { findBookingInCinema } from './find-booking-in-cinema';
import { getBookingDetail } from './get-booking-detail';
import { refundBookingForStaff } from './refund-booking-for-staff';
import { refundSeatsForStaff } from './refund-seats-for-staff';
import { quoteSeatRefund } from './refund-seats';
import { resendReceiptForStaff } from './resend-receipt-for-staff';
import { searchBookings } from './search-bookings';
import { sendReprint } from './send-reprint';

const manager = staffProcedure('MANAGER');

export const bookingDeskRouter = router({
  search: manager
    .input(ZBookingSearchInputSchema)
    .output(z.array(ZBookingSummarySchema))
    .query(({ ctx, input }) => searchBookings(ctx, { cinemaId: ctx.actor.cinemaId, ...input })),
  detail: manager
    .input(ZBookingIdInputSchema)
    .output(ZBookingDetailSchema)
    .query(({ ctx, input }) => getBookingDetail(ctx, { cinemaId: ctx.actor.cinemaId, bookingId: input.bookingId })),

  refund: manager
    .input(ZManagerRefundInputSchema)
    .output(ZManagerRefundOutputSchema)
    .mutation(({ ctx, input }) => refundBookingForStaff(ctx, { actor: ctx.actor, ...input })),
  refundSeatsQuote: manager
    .input(ZSeatRefundInputSchema.omit({ reason: true }))
    .output(ZSeatRefundQuoteSchema)
    .query(async ({ ctx, input }) => {
      await findBookingInCinema(ctx, input.bookingId, ctx.actor.cinemaId);
      return quoteSeatRefund(ctx, input);
    }),
  // What refunding the booking in full would give back now: every standing seat, after any seats
  // already given back, worked out exactly as the refund will.
  refundQuote: manager
    .input(ZBookingIdInputSchema)
    .output(ZSeatRefundQuoteSchema)
    .query(async ({ ctx, input }) => {
      await findBookingInCinema(ctx, input.bookingId, ctx.actor.cinemaId);
      return quoteSeatRefund(ctx, { bookingId: input.bookingId, seatLabels: 'all' });
    }),
  refundSeats: manager
    .input(ZSeatRefundInputSchema)
    .output(ZSeatRefundResultSchema)
    .mutation(({ ctx, input }) => refundSeatsForStaff(ctx, { actor: ctx.actor, ...input })),
  resendReceipt: manager
    .input(ZBookingIdInputSchema)
    .output(ZResendReceiptOutputSchema)
    .mutation(({ ctx, input }) => resendReceiptForStaff(ctx, { actor: ctx.actor, bookingId: input.bookingId })),
  reprint: manager
    .input(ZManagerReprintInputSchema)
    .output(ZOkSchema)
    .mutation(async ({ ctx, input }) => {
      await sendReprint(ctx, { actor: ctx.actor, ...input });
      return { ok: true as const };
    }),
});
