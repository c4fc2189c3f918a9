// Cancelling a show with 50 paid bookings against the real server, workers, payment sandbox and an
// SMTP server: 50 refunds and 50 emails, no more when jobs run again, holds released, apps told.
import type { TSandbox } from '@marquee/razorpay-sandbox';
import type { TCatalogChangeEvent, TSeatChangeEvent } from '@marquee/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMailer } from '../mail/mailer';
import { SmtpCatcher } from '../mail/smtp-catcher';
import { refundCancelledBooking } from '../workers/refunds/refund-worker';
import { startWorkers } from '../workers/start-workers';
import { createCustomerClient } from '../test/customer-client';
import { holdAndPay } from '../test/pay';
import { eventually } from '../test/eventually';
import { finishedJob } from '../test/jobs';
import { streamLive } from '../test/live';
import { futureShowtime, seedCinema } from '../test/fixtures';
import { startPaymentSandbox, TEST_RAZORPAY } from '../test/payment-sandbox';
import { freePort } from '../test/redis-server';
import { refusal } from '../test/refusal';
import { signedInStaff } from '../test/staff-client';
import { createTestContext, type TTestContext } from '../test/test-context';
import { startTestServer, type TTestServer } from '../test/test-server';

let sandbox: TSandbox & { url: string };
let ctx: TTestContext;
let server: TTestServer;
let workers: Awaited<ReturnType<typeof startWorkers>>;
let smtp: SmtpCatcher;
let cinemaId: string;

beforeAll(async () => {
  sandbox = await startPaymentSandbox();
  const smtpPort = await freePort();
  smtp = new SmtpCatcher();
  await smtp.listen(smtpPort);
  ctx = await createTestContext({
    ...TEST_RAZORPAY,
    RAZORPAY_API_URL: sandbox.url,
    SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
    HOLDS_PER_MINUTE: '100000',
  });
  ({ cinemaId } = await seedCinema(ctx.prisma));
  server = await startTestServer(ctx);
  sandbox.setWebhookUrl(`${server.url}/webhooks/razorpay`);
  workers = await startWorkers(ctx);
});
afterAll(async () => {
  await workers?.close();
  await server?.close();
  await sandbox?.app.close();
  await smtp?.close();
  await ctx?.close();
});

const auth = `Basic ${Buffer.from(`${TEST_RAZORPAY.RAZORPAY_KEY_ID}:${TEST_RAZORPAY.RAZORPAY_KEY_SECRET}`).toString('base64')}`;

/** One customer paying for one seat by Checkout, as the web app does. */
async function paidSeat(showtimeId: string, seatId: string, n: number) {
  return (
    await holdAndPay(createCustomerClient(server.url), sandbox.url, {
      showtimeId,
      seatIds: [seatId],
      email: `fan${n}@example.com`,
    })
  ).bookingId;
}

function collect<T>(subscribe: (h: { onData: (v: T) => void }) => { unsubscribe: () => void }) {
  const events: T[] = [];
  const sub = subscribe({ onData: (v) => events.push(v) });
  return { events, stop: () => sub.unsubscribe() };
}

describe('cancelling a show', () => {
  it('refunds and emails each of 50 paid bookings exactly once, releases holds, and tells every app at once', async () => {
    await ctx.prisma.cinema.updateMany({ data: { noSingleSeatGap: false } });
    const { showtime, seats } = await futureShowtime(ctx.prisma);
    const sellable = seats.filter((s) => s.type !== 'COMPANION' && s.type !== 'WHEELCHAIR');
    // 50 paid, ten at a time; one more customer is still choosing (a hold).
    const bookingIds: string[] = [];
    for (let i = 0; i < 50; i += 10)
      bookingIds.push(
        ...(await Promise.all(Array.from({ length: 10 }, (_, k) => paidSeat(showtime.id, sellable[i + k]!.id, i + k)))),
      );
    const holder = createCustomerClient(server.url);
    const hold = await holder.holds.create.mutate({ showtimeId: showtime.id, seatIds: [sellable[60]!.id] });

    const seatEvents = collect<TSeatChangeEvent>((h) =>
      createCustomerClient(server.url).seats.onChange.subscribe({ showtimeId: showtime.id }, h),
    );
    const catalogEvents = collect<TCatalogChangeEvent>((h) =>
      createCustomerClient(server.url).catalog.onChange.subscribe(undefined, h),
    );
    await streamLive(ctx.seatEvents, showtime.id);
    await streamLive(ctx.catalogEvents, 'all');
    const manager = await signedInStaff(ctx, server.url, { cinemaId, role: 'MANAGER' });
    try {
      const result = await manager.client.showtimes.cancel.mutate({
        showtimeId: showtime.id,
        reason: 'projector broke down',
      });
      expect(result).toEqual({ alreadyCancelled: false, releasedHolds: 1, refunds: 50 });

      // Off sale at once: lists, seat map, holds; and every open app heard it.
      const anyone = createCustomerClient(server.url);
      expect((await anyone.catalog.showtimes.query()).some((s) => s.id === showtime.id)).toBe(false);
      expect(
        (await anyone.catalog.seatMap.query({ showtimeId: showtime.id })).seats.every((s) => s.state === 'blocked'),
      ).toBe(true);
      expect(
        await refusal(anyone.holds.create.mutate({ showtimeId: showtime.id, seatIds: [sellable[70]!.id] })),
      ).toMatchObject({ data: { appCode: 'HOLD_SHOW_CANCELLED' } });
      await eventually(
        () => catalogEvents.events,
        (e) => e.some((x) => x.showtimeId === showtime.id && x.change === 'cancelled'),
        3000,
      );
      await eventually(
        () => seatEvents.events,
        (e) => e.some((x) => x.seats.length === seats.length && x.seats.every((s) => s.state === 'blocked')),
        3000,
      );
      expect(await ctx.prisma.booking.findUniqueOrThrow({ where: { id: hold.bookingId } })).toMatchObject({
        status: 'CANCELLED',
      });

      // The refunds queue does the rest; the manager watches it get there.
      await eventually(
        () => manager.client.showtimes.cancellationProgress.query({ showtimeId: showtime.id }),
        (p) => p.refunded === 50 && p.emailed === 50,
        30_000,
      );
      const cancellations = () => smtp.messages.filter((m) => m.subject?.startsWith('Cancelled:'));
      await eventually(cancellations, (m) => m.length === 50, 10_000);

      // Jobs run again (a retry after a crash, the sweeper, a second click): nothing more happens.
      const mailer = createMailer(ctx.env);
      try {
        for (const id of bookingIds.slice(0, 10))
          expect(await refundCancelledBooking(ctx, mailer, id)).toBe('already refunded');
      } finally {
        mailer.close();
      }
      await expect(
        manager.client.showtimes.cancel.mutate({ showtimeId: showtime.id, reason: 'again' }),
      ).resolves.toMatchObject({ alreadyCancelled: true });
      const sweep = await ctx.jobs.refunds.add('sweep', {}, { jobId: `sweep-${showtime.id}` });
      expect(await finishedJob(ctx.jobs.refunds, sweep.id!)).toBe('completed');
      expect((await ctx.jobs.refunds.getJob(sweep.id!))?.returnvalue).toBe('queued 0');
      // Every booking's refund job has run to its end: no email can still be on its way.
      for (const id of bookingIds)
        expect(await finishedJob(ctx.jobs.refunds, `show-cancelled-${id}`)).toBe('completed');

      expect(cancellations()).toHaveLength(50);
      expect(new Set(cancellations().map((m) => (m.to as { text: string }).text)).size).toBe(50);
      // Each email names the credit note its refund issued and the invoice it cancels.
      const notes = await ctx.prisma.taxDocument.findMany({
        where: { kind: 'CREDIT_NOTE', bookingId: { in: bookingIds } },
      });
      expect(notes).toHaveLength(50);
      for (const note of notes) {
        const invoice = await ctx.prisma.taxDocument.findFirstOrThrow({
          where: { kind: 'INVOICE', bookingId: note.bookingId },
        });
        const booking = await ctx.prisma.booking.findUniqueOrThrow({ where: { id: note.bookingId } });
        const mail = cancellations().find((m) => m.subject?.includes(booking.code));
        expect(mail?.text).toContain(`Credit note ${note.number} cancels tax invoice ${invoice.number}.`);
      }
      const refunds = await ctx.prisma.refund.findMany({ where: { booking: { showtimeId: showtime.id } } });
      expect(refunds).toHaveLength(50);
      expect(await ctx.prisma.booking.count({ where: { id: { in: bookingIds }, status: 'REFUNDED' } })).toBe(50);
      // And at Razorpay, one refund per payment.
      for (const r of refunds.slice(0, 10)) {
        const atRazorpay = (await (
          await fetch(`${sandbox.url}/v1/payments/${r.razorpayPaymentId}/refunds`, { headers: { authorization: auth } })
        ).json()) as { count: number };
        expect(atRazorpay.count).toBe(1);
      }
      expect(await ctx.prisma.auditLog.count({ where: { action: 'showtime.cancel', entityId: showtime.id } })).toBe(1);
    } finally {
      seatEvents.stop();
      catalogEvents.stop();
    }
  }, 90_000);

  it('owes emails only to bookings with an email address: one without is refunded, not counted as unsent', async () => {
    const { showtime, seats } = await futureShowtime(ctx.prisma);
    const sellable = seats.filter((s) => s.type !== 'COMPANION' && s.type !== 'WHEELCHAIR');
    const customer = () => createCustomerClient(server.url);
    await holdAndPay(customer(), sandbox.url, { showtimeId: showtime.id, seatIds: [sellable[0]!.id] });
    await holdAndPay(customer(), sandbox.url, {
      showtimeId: showtime.id,
      seatIds: [sellable[1]!.id],
      email: 'has.email@example.com',
    });
    const manager = await signedInStaff(ctx, server.url, { cinemaId, role: 'MANAGER' });
    await manager.client.showtimes.cancel.mutate({ showtimeId: showtime.id, reason: 'no power' });
    const done = await eventually(
      () => manager.client.showtimes.cancellationProgress.query({ showtimeId: showtime.id }),
      (p) => p.processed === 2 && p.emailed === 1,
      30_000,
    );
    expect(done).toMatchObject({ bookings: 2, refunded: 2, processed: 2, emailed: 1, toEmail: 1 });
  }, 60_000);

  it('refuses a door staff member, a show of another cinema, and a show that is over', async () => {
    const { showtime } = await futureShowtime(ctx.prisma);
    const door = await signedInStaff(ctx, server.url, { cinemaId, role: 'STAFF' });
    expect(await refusal(door.client.showtimes.cancel.mutate({ showtimeId: showtime.id, reason: 'no' }))).toMatchObject(
      { data: { code: 'FORBIDDEN' } },
    );
    const elsewhere = await ctx.prisma.cinema.create({
      data: { slug: 'cancel-elsewhere', name: 'Elsewhere', city: 'Pune' },
    });
    const stranger = await signedInStaff(ctx, server.url, { cinemaId: elsewhere.id, role: 'MANAGER' });
    expect(
      await refusal(stranger.client.showtimes.cancel.mutate({ showtimeId: showtime.id, reason: 'not mine' })),
    ).toMatchObject({ data: { code: 'NOT_FOUND' } });
    const manager = await signedInStaff(ctx, server.url, { cinemaId, role: 'MANAGER' });
    await ctx.prisma.showtime.update({
      where: { id: showtime.id },
      data: { startsAt: new Date(Date.now() - 4 * 3600_000), endsAt: new Date(Date.now() - 3600_000) },
    });
    expect(
      await refusal(manager.client.showtimes.cancel.mutate({ showtimeId: showtime.id, reason: 'too late' })),
    ).toMatchObject({ message: 'This show is already over; refund single bookings instead.' });
    expect((await ctx.prisma.showtime.findUniqueOrThrow({ where: { id: showtime.id } })).cancelled).toBe(false);
  });
});
