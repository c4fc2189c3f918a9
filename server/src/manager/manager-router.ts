import {
  ZBookingDetailSchema,
  ZBookingIdInputSchema,
  ZBookingSearchInputSchema,
  ZBookingSummarySchema,
  ZFleetSchema,
  ZKioskNameSchema,
  ZManagerRefundInputSchema,
  ZManagerReprintInputSchema,
  ZQueueHealthSchema,
  ZQueueRetryInputSchema,
  ZSalesInputSchema,
  ZSalesSchema,
  ZSeatBlockInputSchema,
  ZSeatUnblockInputSchema,
  ZStaffAccountSchema,
  ZStaffCreateInputSchema,
  ZStaffDisableInputSchema,
  ZStaffLoginInputSchema,
  ZStaffUnlockInputSchema,
  ZStaffMeSchema,
} from '@marquee/shared';
import { z } from 'zod';
import { assertSameSite, currentStaff, logIn, logOut } from '../auth/staff-session';
import { issueRegistrationCode } from '../kiosks/registration-code';
import { revokeKiosk } from '../kiosks/revoke-kiosk';
import { setOutOfService } from '../kiosks/set-out-of-service';
import { AppError } from '../errors/app-error';
import { publicProcedure, router, staffProcedure } from '../trpc';
import { fleetStream, loadFleet } from './fleet';
import { blockSeats, managerRefund, managerReprint, managerResend, unblockSeats } from './manager-actions';
import { bookingDetail, searchBookings } from './manager-bookings';
import { loadQueueHealth, retryFailedJob } from './queue-health';
import { loadSales } from './sales';
import { createStaff, listStaff, setStaffDisabled, unlockStaff } from './staff-accounts';
import { cancellationProgress, cancelShowtime } from '../showtimes/cancel-showtime';
import { recordAudit } from '../audit/record-audit';

const manager = staffProcedure('MANAGER');
const admin = staffProcedure('ADMIN');

export const managerRouter = router({
  login: publicProcedure
    .input(ZStaffLoginInputSchema)
    .output(ZStaffMeSchema)
    .mutation(({ ctx, input }) => {
      assertSameSite(ctx.req);
      return logIn(ctx, { req: ctx.req, res: ctx.res, email: input.email, password: input.password });
    }),

  logout: publicProcedure.output(z.object({ ok: z.literal(true) })).mutation(async ({ ctx }) => {
    assertSameSite(ctx.req);
    await logOut(ctx, { res: ctx.res, staff: await currentStaff(ctx, ctx.req) });
    return { ok: true as const };
  }),

  /** Who is signed in here, or null (the dashboard then shows its sign-in form). */
  me: publicProcedure.output(ZStaffMeSchema.nullable()).query(async ({ ctx }) => {
    const staff = await currentStaff(ctx, ctx.req);
    return (
      staff && {
        id: staff.id,
        email: staff.email,
        name: staff.name,
        role: staff.role,
        cinemaName: staff.cinemaName,
        cinemaTimeZone: staff.cinemaTimeZone,
      }
    );
  }),

  fleet: manager.output(ZFleetSchema).query(({ ctx }) => loadFleet(ctx, { cinemaId: ctx.actor.cinemaId })),
  /** The fleet now, then whenever a kiosk changes or falls silent (SSE). */
  onFleet: manager.subscription(({ ctx, signal }) =>
    fleetStream(ctx, { cinemaId: ctx.actor.cinemaId, signal: signal ?? new AbortController().signal }),
  ),

  /** A one-time code for a new (or replaced) kiosk device; shown once. */
  kioskCode: admin
    .input(z.strictObject({ name: ZKioskNameSchema }))
    .output(z.object({ kioskId: z.uuid(), code: z.string(), expiresAt: z.iso.datetime() }))
    .mutation(async ({ ctx, input }) => {
      const issued = await issueRegistrationCode(ctx, { cinemaId: ctx.actor.cinemaId, name: input.name });
      await recordAudit(ctx.prisma, {
        by: ctx.actor.userId,
        action: 'kiosk.code',
        entityType: 'Kiosk',
        entityId: issued.kioskId,
        data: { name: input.name },
      });
      await ctx.fleetEvents.publish({ cinemaId: ctx.actor.cinemaId, kioskId: issued.kioskId });
      return { kioskId: issued.kioskId, code: issued.code, expiresAt: issued.expiresAt.toISOString() };
    }),

  setOutOfService: manager
    .input(z.strictObject({ kioskId: z.uuid(), outOfService: z.boolean() }))
    .output(z.object({ ok: z.literal(true) }))
    .mutation(async ({ ctx, input }) => {
      const kiosk = await ctx.prisma.kiosk.findFirst({
        where: { id: input.kioskId, cinemaId: ctx.actor.cinemaId },
        select: { id: true },
      });
      if (!kiosk)
        throw new AppError('INPUT_INVALID', {
          message: `kiosk ${input.kioskId} not in cinema`,
          userMessage: 'No such kiosk here.',
        });
      await setOutOfService(ctx, { kioskId: kiosk.id, outOfService: input.outOfService, byUserId: ctx.actor.userId });
      return { ok: true as const };
    }),

  /** Revokes a kiosk's device token: its calls are refused at once and it shows its registration screen. */
  revokeKiosk: admin
    .input(z.strictObject({ kioskId: z.uuid() }))
    .output(z.object({ alreadyRevoked: z.boolean() }))
    .mutation(({ ctx, input }) =>
      revokeKiosk(ctx, { cinemaId: ctx.actor.cinemaId, kioskId: input.kioskId, byUserId: ctx.actor.userId }),
    ),

  sales: manager
    .input(ZSalesInputSchema)
    .output(ZSalesSchema)
    .query(({ ctx, input }) => loadSales(ctx, { ...input, cinemaId: ctx.actor.cinemaId })),

  searchBookings: manager
    .input(ZBookingSearchInputSchema)
    .output(z.array(ZBookingSummarySchema))
    .query(({ ctx, input }) => searchBookings(ctx, { cinemaId: ctx.actor.cinemaId, query: input.query })),
  booking: manager
    .input(ZBookingIdInputSchema)
    .output(ZBookingDetailSchema)
    .query(({ ctx, input }) => bookingDetail(ctx, { cinemaId: ctx.actor.cinemaId, bookingId: input.bookingId })),

  refund: manager
    .input(ZManagerRefundInputSchema)
    .output(z.object({ refundId: z.uuid(), alreadyRefunded: z.boolean() }))
    .mutation(({ ctx, input }) =>
      managerRefund(ctx, { actor: ctx.actor, bookingId: input.bookingId, reason: input.reason }),
    ),
  resendReceipt: manager
    .input(ZBookingIdInputSchema)
    .output(z.object({ jobId: z.string() }))
    .mutation(({ ctx, input }) => managerResend(ctx, { actor: ctx.actor, bookingId: input.bookingId })),
  reprint: manager
    .input(ZManagerReprintInputSchema)
    .output(z.object({ ok: z.literal(true) }))
    .mutation(async ({ ctx, input }) => {
      await managerReprint(ctx, { actor: ctx.actor, ...input });
      return { ok: true as const };
    }),

  blockSeats: manager
    .input(ZSeatBlockInputSchema)
    .output(z.object({ blocked: z.int() }))
    .mutation(({ ctx, input }) => blockSeats(ctx, { actor: ctx.actor, ...input })),
  unblockSeats: manager
    .input(ZSeatUnblockInputSchema)
    .output(z.object({ unblocked: z.int() }))
    .mutation(({ ctx, input }) => unblockSeats(ctx, { actor: ctx.actor, ...input })),

  /** Tickets scanned at two doors while offline (reported when the doors synced), newest first. */
  doorConflicts: manager
    .output(
      z.array(
        z.object({
          at: z.iso.datetime(),
          bookingId: z.uuid(),
          seatLabel: z.string(),
          firstDoor: z.string().nullable(),
          firstAt: z.string(),
          secondDoor: z.string(),
          secondAt: z.string(),
        }),
      ),
    )
    .query(async ({ ctx }) => {
      const rows = await ctx.prisma.auditLog.findMany({
        where: { action: 'ticket.double_scan', createdAt: { gte: new Date(Date.now() - 7 * 86_400_000) } },
        orderBy: { createdAt: 'desc' },
        take: 100,
      });
      const inCinema = await ctx.prisma.booking.findMany({
        where: { id: { in: rows.map((r) => r.entityId) }, showtime: { screen: { cinemaId: ctx.actor.cinemaId } } },
        select: { id: true },
      });
      const mine = new Set(inCinema.map((b) => b.id));
      return rows
        .filter((r) => mine.has(r.entityId))
        .map((r) => ({
          at: r.createdAt.toISOString(),
          bookingId: r.entityId,
          ...(r.data as {
            seatLabel: string;
            firstDoor: string | null;
            firstAt: string;
            secondDoor: string;
            secondAt: string;
          }),
        }));
    }),

  /** Cancels a show: off sale now, holds released, every paid booking refunded and emailed (refunds queue). */
  cancelShowtime: manager
    .input(
      z.strictObject({ showtimeId: z.uuid(), reason: z.string().trim().min(3, 'say why, in a few words').max(200) }),
    )
    .output(z.object({ alreadyCancelled: z.boolean(), releasedHolds: z.int(), refunds: z.int() }))
    .mutation(({ ctx, input }) => cancelShowtime(ctx, { actor: ctx.actor, ...input })),
  cancellationProgress: manager
    .input(z.strictObject({ showtimeId: z.uuid() }))
    .output(
      z.object({
        cancelled: z.boolean(),
        cancelledAt: z.string().nullable(),
        bookings: z.int(),
        refunded: z.int(),
        processed: z.int(),
        emailed: z.int(),
      }),
    )
    .query(({ ctx, input }) =>
      cancellationProgress(ctx, { cinemaId: ctx.actor.cinemaId, showtimeId: input.showtimeId }),
    ),

  queues: admin.output(ZQueueHealthSchema).query(({ ctx }) => loadQueueHealth(ctx, { cinemaId: ctx.actor.cinemaId })),
  retryJob: admin
    .input(ZQueueRetryInputSchema)
    .output(z.object({ ok: z.literal(true) }))
    .mutation(async ({ ctx, input }) => {
      await retryFailedJob(ctx, { ...input, userId: ctx.actor.userId, cinemaId: ctx.actor.cinemaId });
      return { ok: true as const };
    }),

  staff: admin
    .output(z.array(ZStaffAccountSchema))
    .query(({ ctx }) => listStaff(ctx, { cinemaId: ctx.actor.cinemaId })),
  createStaff: admin
    .input(ZStaffCreateInputSchema)
    .output(z.object({ id: z.uuid() }))
    .mutation(({ ctx, input }) => createStaff(ctx, { actor: ctx.actor, ...input })),
  setStaffDisabled: admin
    .input(ZStaffDisableInputSchema)
    .output(z.object({ ok: z.literal(true) }))
    .mutation(async ({ ctx, input }) => {
      await setStaffDisabled(ctx, { actor: ctx.actor, ...input });
      return { ok: true as const };
    }),
  /** Ends every address's wait after wrong passwords, so the owner can sign in again at once. */
  unlockStaff: admin
    .input(ZStaffUnlockInputSchema)
    .output(z.object({ cleared: z.int() }))
    .mutation(({ ctx, input }) => unlockStaff(ctx, { actor: ctx.actor, userId: input.userId })),
});
