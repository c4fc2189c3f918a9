import {
  ZBookingStatusSchema,
  ZCreateOrderInputSchema,
  ZCreateOrderOutputSchema,
  ZVerifyPaymentInputSchema,
} from '@marquee/shared';
import { z } from 'zod';
import { checkoutScriptUrl } from '../env';
import { holderProcedure, router } from '../trpc';
import { createOrder } from './create-order';
import { verifyPayment } from './verify-payment';

export const paymentsRouter = router({
  createOrder: holderProcedure
    .input(ZCreateOrderInputSchema)
    .output(ZCreateOrderOutputSchema)
    .mutation(async ({ ctx, input }) => ({
      ...(await createOrder(ctx, { holder: ctx.holder, bookingId: input.bookingId, method: input.method })),
      checkoutScriptUrl: checkoutScriptUrl(ctx.env),
    })),

  verify: holderProcedure
    .input(ZVerifyPaymentInputSchema)
    .output(z.object({ bookingId: z.uuid(), status: ZBookingStatusSchema }))
    .mutation(({ ctx, input }) =>
      verifyPayment(ctx, {
        holder: ctx.holder,
        bookingId: input.bookingId,
        orderId: input.razorpay_order_id,
        paymentId: input.razorpay_payment_id,
        signature: input.razorpay_signature,
      }),
    ),
});
