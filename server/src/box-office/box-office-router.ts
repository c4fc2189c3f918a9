// boxOffice.*: counter sales from the dashboard (hold, then cash, a UPI QR or complimentary), where
// a sale stands, and printing it at a kiosk; and the booking desk's moves and exchanges.
import {
  ZBoxOfficeHoldInputSchema,
  ZBoxOfficeHoldSchema,
  ZCashSaleInputSchema,
  ZComplimentaryInputSchema,
  ZCounterKioskSchema,
  ZCounterSaleSchema,
  ZCounterSaleStatusInputSchema,
  ZExchangeInputSchema,
  ZExchangeQuoteInputSchema,
  ZExchangeQuoteSchema,
  ZExchangeResultSchema,
  ZManagerReprintInputSchema,
  ZOkSchema,
  ZReleaseCounterHoldInputSchema,
  ZUpiSaleInputSchema,
} from '@marquee/shared';
import { findBookingInCinema, sendReprint } from '../bookings';
import { loadFleet } from '../kiosks';
import { z } from 'zod';
import { router, staffProcedure } from '../trpc';
import {
  counterSaleStatus,
  giveComplimentary,
  holdAtCounter,
  releaseCounterHold,
  sellByUpi,
  sellForCash,
} from './counter-sales';
import { exchangeBooking, quoteExchange } from './exchange-booking';

const staff = staffProcedure('STAFF');
const manager = staffProcedure('MANAGER');

export const boxOfficeRouter = router({
  hold: staff
    .input(ZBoxOfficeHoldInputSchema)
    .output(ZBoxOfficeHoldSchema)
    .mutation(({ ctx, input }) => holdAtCounter(ctx, { actor: ctx.actor, ...input })),
  payCash: staff
    .input(ZCashSaleInputSchema)
    .output(ZCounterSaleSchema)
    .mutation(({ ctx, input }) =>
      sellForCash(ctx, {
        actor: ctx.actor,
        bookingId: input.bookingId,
        receivedPaise: input.receivedPaise,
        email: input.contact?.email,
      }),
    ),
  payUpi: staff
    .input(ZUpiSaleInputSchema)
    .output(ZCounterSaleSchema)
    .mutation(({ ctx, input }) =>
      sellByUpi(ctx, { actor: ctx.actor, bookingId: input.bookingId, email: input.contact?.email }),
    ),
  complimentary: manager
    .input(ZComplimentaryInputSchema)
    .output(ZCounterSaleSchema)
    .mutation(({ ctx, input }) =>
      giveComplimentary(ctx, {
        actor: ctx.actor,
        bookingId: input.bookingId,
        reason: input.reason,
        email: input.contact?.email,
      }),
    ),
  status: staff
    .input(ZCounterSaleStatusInputSchema)
    .output(ZCounterSaleSchema)
    .query(({ ctx, input }) => counterSaleStatus(ctx, { actor: ctx.actor, bookingId: input.bookingId })),
  release: staff
    .input(ZReleaseCounterHoldInputSchema)
    .output(ZOkSchema)
    .mutation(async ({ ctx, input }) => {
      await releaseCounterHold(ctx, { actor: ctx.actor, bookingId: input.bookingId });
      return { ok: true as const };
    }),
  /** The kiosks a counter clerk may print at: the fleet's registered ones, without its manager detail. */
  kiosks: staff
    .output(z.array(ZCounterKioskSchema))
    .query(async ({ ctx }) =>
      (await loadFleet(ctx, { cinemaId: ctx.actor.cinemaId })).kiosks
        .filter((k) => k.registered)
        .map((k) => ({ id: k.id, name: k.name, online: k.online })),
    ),
  print: staff
    .input(ZManagerReprintInputSchema)
    .output(ZOkSchema)
    .mutation(async ({ ctx, input }) => {
      await sendReprint(ctx, { actor: ctx.actor, ...input });
      return { ok: true as const };
    }),
});

/** The booking desk's moves and exchanges (merged into bookingDesk.* by the root router). */
export const exchangeDeskRouter = router({
  exchangeQuote: manager
    .input(ZExchangeQuoteInputSchema)
    .output(ZExchangeQuoteSchema)
    .query(async ({ ctx, input }) => {
      await findBookingInCinema(ctx, input.bookingId, ctx.actor.cinemaId);
      return quoteExchange(ctx, { cinemaId: ctx.actor.cinemaId, ...input });
    }),
  exchange: manager
    .input(ZExchangeInputSchema)
    .output(ZExchangeResultSchema)
    .mutation(({ ctx, input }) => exchangeBooking(ctx, { actor: ctx.actor, ...input })),
});
