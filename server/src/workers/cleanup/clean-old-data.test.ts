import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { futureShowtime, seedCinema } from '../../test/fixtures';
import { createTestContext, type TTestContext } from '../../test/test-context';
import { cleanOldData } from './clean-old-data';

let ctx: TTestContext;
beforeAll(async () => {
  ctx = await createTestContext();
  await seedCinema(ctx.prisma);
});
afterAll(() => ctx.close());

const DAY = 86_400_000;

describe('weekly clean-up', () => {
  it('removes only unpaid holds, heartbeats, sessions and done outbox rows past their time, and keeps every paid or refunded booking', async () => {
    const now = new Date();
    const { showtime, seatIds } = await futureShowtime(ctx.prisma);
    let n = 0;
    const booking = (status: 'EXPIRED' | 'CANCELLED' | 'CONFIRMED' | 'REFUNDED' | 'PENDING', ageDays: number) =>
      ctx.prisma.booking.create({
        data: {
          code: `CLN${n++}`,
          showtimeId: showtime.id,
          status,
          channel: 'WEB',
          holder: `web:clean-${n}`,
          amountPaise: 100,
          expiresAt: new Date(now.getTime() - ageDays * DAY),
          seats: { create: [{ showtimeId: showtime.id, seatId: seatIds[n]!, pricePaise: 100, active: false }] },
        },
      });
    const oldExpired = await booking('EXPIRED', 31);
    const oldCancelled = await booking('CANCELLED', 40);
    const recentExpired = await booking('EXPIRED', 29);
    const oldConfirmed = await booking('CONFIRMED', 60);
    const oldRefunded = await booking('REFUNDED', 60);
    const payment = await ctx.prisma.paymentAttempt.create({
      data: {
        bookingId: oldRefunded.id,
        method: 'UPI_QR',
        status: 'CAPTURED',
        razorpayOrderId: 'qr_CleanupKeep01',
        razorpayPaymentId: 'pay_CleanupKeep01',
        amountPaise: 100,
      },
    });
    await ctx.prisma.refund.create({
      data: {
        bookingId: oldRefunded.id,
        paymentId: payment.id,
        razorpayPaymentId: 'pay_CleanupKeep01',
        amountPaise: 100,
        reason: 'x',
        requestedBy: 'MANAGER',
      },
    });
    const kiosk = await ctx.prisma.kiosk.findFirstOrThrow();
    await ctx.prisma.kioskEvent.createMany({
      data: [
        { kioskId: kiosk.id, type: 'HEARTBEAT', createdAt: new Date(now.getTime() - 31 * DAY) },
        { kioskId: kiosk.id, type: 'HEARTBEAT', createdAt: new Date(now.getTime() - DAY) },
      ],
    });
    const staff = await ctx.prisma.staffUser.findFirstOrThrow();
    await ctx.prisma.staffSession.createMany({
      data: [
        { userId: staff.id, tokenHash: 'old', expiresAt: new Date(now.getTime() - 1000) },
        { userId: staff.id, tokenHash: 'live', expiresAt: new Date(now.getTime() + DAY) },
      ],
    });

    const outboxRow = (jobId: string, doneDaysAgo: number | null) =>
      ctx.prisma.outboxEntry.create({
        data: {
          kind: 'RECEIPT',
          bookingId: oldConfirmed.id,
          jobId,
          dueAt: new Date(now.getTime() - 60 * DAY),
          doneAt: doneDaysAgo === null ? null : new Date(now.getTime() - doneDaysAgo * DAY),
        },
      });
    await outboxRow('receipt-clean-done-long-ago', 31);
    await outboxRow('receipt-clean-done-lately', 1);
    await outboxRow('receipt-clean-still-owed', null);

    const counts = await cleanOldData(ctx, now);
    expect(counts).toMatchObject({ bookings: 2, kioskEvents: 1, staffSessions: 1, outboxEntries: 1 });
    expect((await ctx.prisma.outboxEntry.findMany({ orderBy: { jobId: 'asc' } })).map((r) => r.jobId)).toEqual([
      'receipt-clean-done-lately',
      'receipt-clean-still-owed',
    ]);
    const left = new Set((await ctx.prisma.booking.findMany({ where: { showtimeId: showtime.id } })).map((b) => b.id));
    expect(left.has(oldExpired.id) || left.has(oldCancelled.id)).toBe(false);
    for (const kept of [recentExpired, oldConfirmed, oldRefunded]) expect(left.has(kept.id)).toBe(true);
    expect(await ctx.prisma.bookingSeat.count({ where: { bookingId: oldExpired.id } })).toBe(0);
    expect(await ctx.prisma.kioskEvent.count()).toBe(1);
    expect((await ctx.prisma.staffSession.findMany()).map((s) => s.tokenHash)).toEqual(['live']);
  });
});
