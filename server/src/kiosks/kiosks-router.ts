import {
  ZBookingGetInputSchema,
  ZBookingSchema,
  ZKioskHeartbeatInputSchema,
  ZKioskRegisterInputSchema,
  ZKioskRegisterOutputSchema,
  ZKioskStateSchema,
} from '@marquee/shared';
import {
  ZKioskCollectInputSchema,
  ZKioskCollectOutputSchema,
  ZKioskPrintResultInputSchema,
} from '@marquee/shared/collect';
import { z } from 'zod';
import { limitByKey } from '../auth';
import { getBookingForKiosk } from '../bookings';
import { AppError } from '../errors/app-error';
import { mayReprint } from './reprint-grant';
import { kioskProcedure, publicProcedure, router } from '../trpc';
import { collectTickets } from './collect-tickets';
import { kioskCommandStream } from './kiosk-command-stream';
import { recordPrint } from './record-print';
import { recordHeartbeat } from './record-heartbeat';
import { registerKiosk } from './register-kiosk';

/** Collect attempts one kiosk may make a minute (a customer retyping a few times is well within it). */
export const COLLECTS_PER_MINUTE = 12;

export const kiosksRouter = router({
  /** A new device trades its one-time code for its device token (shown nowhere else, stored only hashed). */
  register: publicProcedure
    .input(ZKioskRegisterInputSchema)
    .output(ZKioskRegisterOutputSchema)
    .mutation(async ({ ctx, input }) => {
      await limitByKey(ctx, { name: 'kiosk-register', key: ctx.req.ip, perMinute: 10 });
      return registerKiosk(ctx, { code: input.code });
    }),

  /** Who this device is, and whether it may sell. */
  me: kioskProcedure.output(ZKioskStateSchema).query(async ({ ctx }) => {
    const kiosk = await ctx.prisma.kiosk.findUniqueOrThrow({
      where: { id: ctx.kioskId },
      select: { id: true, name: true, outOfService: true, cinema: { select: { name: true } } },
    });
    return { kioskId: kiosk.id, name: kiosk.name, cinemaName: kiosk.cinema.name, outOfService: kiosk.outOfService };
  }),

  heartbeat: kioskProcedure
    .input(ZKioskHeartbeatInputSchema)
    .output(z.object({ outOfService: z.boolean() }))
    .mutation(({ ctx, input }) => recordHeartbeat(ctx, { kioskId: ctx.kioskId, heartbeat: input })),

  /** The tickets to print again: a booking this kiosk sold, or one a manager just sent here to reprint. */
  reprintJob: kioskProcedure
    .input(ZBookingGetInputSchema)
    .output(ZBookingSchema)
    .query(async ({ ctx, input }) => {
      if (!(await mayReprint(ctx, { kioskId: ctx.kioskId, bookingId: input.bookingId }))) {
        throw new AppError('BOOKING_NOT_FOUND', {
          message: `kiosk ${ctx.kioskId} may not print booking ${input.bookingId}`,
        });
      }
      return getBookingForKiosk(ctx, input.bookingId);
    }),

  /**
   * A customer collects the tickets of a booking bought online: code and email or phone (or an
   * e-ticket QR). Opens a print attempt; the kiosk prints and reports with recordPrint.
   */
  collect: kioskProcedure
    .input(ZKioskCollectInputSchema)
    .output(ZKioskCollectOutputSchema)
    .mutation(async ({ ctx, input }) => {
      // Codes and contacts are guessable one by one: guessing is slowed per device.
      await limitByKey(ctx, { name: 'kiosk-collect', key: ctx.kioskId, perMinute: COLLECTS_PER_MINUTE });
      return collectTickets(ctx, { kioskId: ctx.kioskId, input });
    }),

  /** What the printer said about a collection, a sale's tickets or a reprint: the booking's timeline shows it. */
  recordPrint: kioskProcedure
    .input(ZKioskPrintResultInputSchema)
    .output(z.object({ recorded: z.boolean() }))
    .mutation(({ ctx, input }) => recordPrint(ctx, { kioskId: ctx.kioskId, input })),

  /** Out of service and back, reprints: pushed to the kiosk as they happen (SSE). */
  onCommand: kioskProcedure.subscription(({ ctx, signal }) =>
    kioskCommandStream(ctx, ctx.kioskId, signal ?? new AbortController().signal),
  ),
});
