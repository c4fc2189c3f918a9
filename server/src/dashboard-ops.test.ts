// Running the day from the dashboard, over HTTP against the real server, workers, payment sandbox
// and an SMTP server: the live fleet, refunds, resends, reprints, seat blocks and the queues.
import type { TSandbox } from '@marquee/razorpay-sandbox';
import type { TFleet, TKioskCommand } from '@marquee/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from './auth/password';
import { startWorkers } from './workers/start-workers';
import { generateDeviceToken, hashToken } from './auth/device-token';
import { SmtpCatcher } from './mail/smtp-catcher';
import { receiptJobId, type TReceiptJob } from './jobs/receipts';
import { createCustomerClient } from './test/customer-client';
import { holdAndPay } from './test/pay';
import { eventually } from './test/eventually';
import { streamLive } from './test/live';
import { finishedJob } from './test/jobs';
import { futureShowtime, seedCinema } from './test/fixtures';
import { startPaymentSandbox, TEST_RAZORPAY } from './test/payment-sandbox';
import { freePort } from './test/redis-server';
import { refusal } from './test/refusal';
import { createStaffClient, signedInStaff } from './test/staff-client';
import { createTestContext, type TTestContext } from './test/test-context';
import { startTestServer, type TTestServer } from './test/test-server';

let sandbox: TSandbox & { url: string };
let ctx: TTestContext;
let server: TTestServer;
let workers: Awaited<ReturnType<typeof startWorkers>>;
let smtp: SmtpCatcher;
let cinemaId: string;
let manager: ReturnType<typeof createStaffClient>;
let managerId: string;

beforeAll(async () => {
  sandbox = await startPaymentSandbox();
  const smtpPort = await freePort();
  smtp = new SmtpCatcher();
  await smtp.listen(smtpPort);
  ctx = await createTestContext({
    ...TEST_RAZORPAY,
    RAZORPAY_API_URL: sandbox.url,
    SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
  });
  ({ cinemaId } = await seedCinema(ctx.prisma));
  server = await startTestServer(ctx);
  sandbox.setWebhookUrl(`${server.url}/webhooks/razorpay`);
  workers = await startWorkers(ctx);
  const user = await ctx.prisma.staffUser.create({
    data: {
      email: 'ops@cinema.test',
      name: 'Ops Manager',
      role: 'MANAGER',
      cinemaId,
      passwordHash: await hashPassword('ops manager password'),
    },
  });
  managerId = user.id;
  manager = createStaffClient(server.url);
  await manager.manager.login.mutate({ email: 'ops@cinema.test', password: 'ops manager password' });
});
afterAll(async () => {
  await workers?.close();
  await server?.close();
  await sandbox?.app.close();
  await smtp?.close();
  await ctx?.close();
});

async function newKiosk(name: string) {
  const token = generateDeviceToken();
  const kiosk = await ctx.prisma.kiosk.create({
    data: { cinemaId, name, tokenHash: hashToken(token), registeredAt: new Date() },
  });
  return { kiosk, client: createCustomerClient(server.url, { kioskToken: token }) };
}

/** A customer holds seats, leaves an email, and pays by Checkout. */
async function paidBooking(seats: number, email: string, kioskClient?: ReturnType<typeof createCustomerClient>) {
  const { showtime, seatIds } = await futureShowtime(ctx.prisma);
  const customer = kioskClient ?? createCustomerClient(server.url);
  const { bookingId, code } = await holdAndPay(customer, sandbox.url, {
    showtimeId: showtime.id,
    seatIds: seatIds.slice(0, seats),
    email,
  });
  return { customer, bookingId, code, showtimeId: showtime.id, seatIds };
}

/** Collects a subscription's events until stopped. */
function collect<T>(
  subscribe: (handlers: { onData: (v: T) => void; onError: (e: unknown) => void }) => { unsubscribe: () => void },
) {
  const events: T[] = [];
  const errors: unknown[] = [];
  const sub = subscribe({ onData: (v) => events.push(v), onError: (e) => errors.push(e) });
  return { events, errors, stop: () => sub.unsubscribe() };
}

const heartbeat = { appVersion: '0.1.0', screen: 'attract', printer: 'ok', lastError: null } as const;

describe('the live fleet', () => {
  it('follows heartbeats, printer trouble and silence, and today’s sales per kiosk', async () => {
    const { kiosk, client } = await newKiosk('Fleet kiosk');
    const fleet = collect<TFleet>((h) => manager.fleet.onChange.subscribe(undefined, h));
    const mine = (f: TFleet | undefined) => f?.kiosks.find((k) => k.id === kiosk.id);
    const latest = () => mine(fleet.events.at(-1));
    try {
      await eventually(latest, (k) => k?.alerts.includes('never connected') === true);
      expect(latest()).toMatchObject({ online: false, registered: true });

      await client.kiosks.heartbeat.mutate({
        ...heartbeat,
        screen: 'seat-map',
        printer: 'paper_out',
        lastError: 'PRINTER_PAPER_OUT',
      });
      const alive = await eventually(latest, (k) => k?.online === true);
      expect(alive).toMatchObject({
        currentScreen: 'seat-map',
        printerStatus: 'PAPER_OUT',
        lastError: 'PRINTER_PAPER_OUT',
        appVersion: '0.1.0',
        alerts: ['printer out of paper'],
      });

      await client.kiosks.heartbeat.mutate(heartbeat);
      await eventually(latest, (k) => k?.printerStatus === 'OK' && k.alerts.length === 0);

      const sale = await paidBooking(2, 'fleet@example.com', client);
      const amount = (await ctx.prisma.booking.findUniqueOrThrow({ where: { id: sale.bookingId } })).amountPaise;
      await client.kiosks.heartbeat.mutate(heartbeat);
      await eventually(latest, (k) => k?.todayTickets === 2);
      expect(latest()).toMatchObject({ todaySalesPaise: amount });

      // Silence: the last heartbeat 46 s ago. Nothing is sent; the dashboard notices on its own.
      await ctx.prisma.kiosk.update({
        where: { id: kiosk.id },
        data: { lastHeartbeatAt: new Date(Date.now() - 46_000) },
      });
      await eventually(latest, (k) => k?.online === false, 12_000);
      expect(latest()!.alerts).toEqual(['offline']);
      expect(fleet.errors).toEqual([]);
    } finally {
      fleet.stop();
    }
  }, 30_000);

  it('takes a kiosk out of service and back: the kiosk hears it at once, and it is audited', async () => {
    const { kiosk, client } = await newKiosk('Service kiosk');
    const commands = collect<TKioskCommand>((h) => client.kiosks.onCommand.subscribe(undefined, h));
    try {
      await eventually(
        () => commands.events,
        (e) => e.length === 1,
      );
      const started = Date.now();
      await manager.fleet.setOutOfService.mutate({ kioskId: kiosk.id, outOfService: true });
      await eventually(
        () => commands.events,
        (e) => e.length === 2,
      );
      expect(Date.now() - started).toBeLessThan(1000);
      expect(commands.events[1]).toEqual({ type: 'state', kioskId: kiosk.id, outOfService: true });
      // Out of service, it sells nothing new.
      const { showtime, seatIds } = await futureShowtime(ctx.prisma);
      expect(
        await refusal(client.holds.create.mutate({ showtimeId: showtime.id, seatIds: [seatIds[0]!] })),
      ).toMatchObject({
        message: 'This kiosk is out of service. Please use another kiosk or buy online.',
        data: { code: 'PRECONDITION_FAILED', appCode: 'KIOSK_OUT_OF_SERVICE' },
      });
      await manager.fleet.setOutOfService.mutate({ kioskId: kiosk.id, outOfService: false });
      await eventually(
        () => commands.events,
        (e) => e.length === 3,
      );
      expect(
        await ctx.prisma.auditLog.findMany({
          where: { entityId: kiosk.id },
          select: { action: true, actorUserId: true },
          orderBy: { createdAt: 'asc' },
        }),
      ).toEqual([
        { action: 'kiosk.out_of_service', actorUserId: managerId },
        { action: 'kiosk.in_service', actorUserId: managerId },
      ]);
    } finally {
      commands.stop();
    }
  });
});

describe('booking actions', () => {
  it('finds a booking by code, email, phone and seat, with its timeline', async () => {
    const { bookingId, code, customer } = await paidBooking(2, 'Find.Me@example.com');
    // The timeline's receipt entry is the receipt job's email log: wait for that job to have run.
    expect(await finishedJob(ctx.jobs.receipts, receiptJobId(bookingId))).toBe('completed');
    await customer.bookings.setContact.mutate({ bookingId, phone: '+919876543210' });
    const booking = await ctx.prisma.booking.findUniqueOrThrow({
      where: { id: bookingId },
      include: { seats: { include: { seat: true } } },
    });
    const seat = booking.seats[0]!.seat.label;
    for (const query of [code.toLowerCase(), 'find.me@EXAMPLE.com', '98765 43210', seat]) {
      const found = await manager.bookingDesk.search.query({ query });
      expect(
        found.map((b) => b.id),
        query,
      ).toContain(bookingId);
    }
    const detail = await manager.bookingDesk.detail.query({ bookingId });
    expect(detail.timeline.map((e) => e.kind)).toEqual(
      expect.arrayContaining(['held', 'order', 'payment', 'confirmed', 'receipt']),
    );
    expect(detail.timeline.map((e) => e.at)).toEqual([...detail.timeline.map((e) => e.at)].sort());
    // Support sees the invoice the customer's e-ticket shows, figure for figure.
    const { invoice } = await customer.bookings.get.query({ bookingId });
    expect(invoice).not.toBeNull();
    expect(detail.invoice).toEqual(invoice);
    expect(detail.timeline).toContainEqual(
      expect.objectContaining({
        kind: 'invoice',
        text: expect.stringContaining(`Tax invoice ${invoice!.number} issued`) as string,
      }),
    );
    expect(await refusal(manager.bookingDesk.search.query({ query: 'x' }))).toMatchObject({
      data: { fieldErrors: { query: 'type at least 2 characters' } },
    });
  });

  it('refunds a booking exactly once, frees its seats, and audits it', async () => {
    const { bookingId, showtimeId, seatIds } = await paidBooking(2, 'refund@example.com');
    const [a, b] = await Promise.all([
      manager.bookingDesk.refund.mutate({ bookingId, reason: 'customer felt unwell' }),
      manager.bookingDesk.refund.mutate({ bookingId, reason: 'customer felt unwell' }),
    ]);
    expect([a.alreadyRefunded, b.alreadyRefunded].sort()).toEqual([false, true]);
    expect(a.refundId).toBe(b.refundId);
    const refunds = await ctx.prisma.refund.findMany({ where: { bookingId } });
    expect(refunds).toHaveLength(1);
    expect(refunds[0]).toMatchObject({
      requestedBy: 'MANAGER',
      requestedById: managerId,
      reason: 'customer felt unwell',
    });
    // Razorpay (the sandbox, asked over its API as Marquee would) got exactly one refund for the payment.
    const auth = `Basic ${Buffer.from(`${TEST_RAZORPAY.RAZORPAY_KEY_ID}:${TEST_RAZORPAY.RAZORPAY_KEY_SECRET}`).toString('base64')}`;
    const atRazorpay = (await (
      await fetch(`${sandbox.url}/v1/payments/${refunds[0]!.razorpayPaymentId}/refunds`, {
        headers: { authorization: auth },
      })
    ).json()) as { count: number };
    expect(atRazorpay.count).toBe(1);
    expect(await ctx.prisma.auditLog.count({ where: { action: 'booking.refund', entityId: bookingId } })).toBe(1);
    // The booking desk shows the refund's credit note against the invoice, as the customer sees it.
    const detail = await manager.bookingDesk.detail.query({ bookingId });
    expect(detail.invoice!.creditNotes).toHaveLength(1);
    expect(detail.invoice!.creditNotes[0]).toMatchObject({
      kind: 'CREDIT_NOTE',
      invoiceNumber: detail.invoice!.number,
      totals: detail.invoice!.totals,
    });
    expect(detail.timeline.filter((e) => e.kind === 'invoice').map((e) => e.text)).toEqual([
      expect.stringContaining(`Tax invoice ${detail.invoice!.number}`),
      expect.stringContaining(`Credit note ${detail.invoice!.creditNotes[0]!.number}`),
    ]);
    // The seats are on sale again.
    await expect(
      createCustomerClient(server.url).holds.create.mutate({ showtimeId, seatIds: seatIds.slice(0, 2) }),
    ).resolves.toMatchObject({ bookingId: expect.any(String) as string });
    expect(
      await refusal(
        manager.bookingDesk.refund.mutate({ bookingId: '00000000-0000-7000-8000-000000000000', reason: 'nothing' }),
      ),
    ).toMatchObject({ data: { code: 'NOT_FOUND' } });
  });

  it('resends the receipt once per click, and audits it', async () => {
    const { bookingId, code } = await paidBooking(1, 'resend@example.com');
    expect(await finishedJob(ctx.jobs.receipts, receiptJobId(bookingId))).toBe('completed');
    expect(smtp.messages.filter((m) => m.subject?.includes(code))).toHaveLength(1);
    const { jobId } = await manager.bookingDesk.resendReceipt.mutate({ bookingId });
    // Both jobs have run to their end: no further email can still be on its way.
    expect(await finishedJob(ctx.jobs.receipts, jobId)).toBe('completed');
    expect(smtp.messages.filter((m) => m.subject?.includes(code))).toHaveLength(2);
    expect(
      await ctx.prisma.auditLog.count({
        where: { action: 'receipt.resend', entityId: bookingId, actorUserId: managerId },
      }),
    ).toBe(1);
  });

  it('reprints at the chosen kiosk only: one command, that kiosk may fetch the tickets, another may not', async () => {
    const { bookingId } = await paidBooking(2, 'reprint@example.com');
    const chosen = await newKiosk('Reprint kiosk');
    const other = await newKiosk('Other kiosk');
    const heard = collect<TKioskCommand>((h) => chosen.client.kiosks.onCommand.subscribe(undefined, h));
    const overheard = collect<TKioskCommand>((h) => other.client.kiosks.onCommand.subscribe(undefined, h));
    try {
      await eventually(
        () => heard.events.length + overheard.events.length,
        (n) => n === 2,
      );
      expect(await refusal(other.client.kiosks.reprintJob.query({ bookingId }))).toMatchObject({
        data: { code: 'NOT_FOUND' },
      });
      await manager.bookingDesk.reprint.mutate({ bookingId, kioskId: chosen.kiosk.id });
      await eventually(
        () => heard.events,
        (e) => e.length === 2,
      );
      expect(heard.events[1]).toEqual({ type: 'reprint', kioskId: chosen.kiosk.id, bookingId });
      const tickets = await chosen.client.kiosks.reprintJob.query({ bookingId });
      expect(tickets.tickets).toHaveLength(2);
      // What the printed ticket names: each seat's type as the layout has it, and the cinema's zone.
      const seatRows = await ctx.prisma.seat.findMany({ where: { id: { in: tickets.seats.map((s) => s.seatId) } } });
      expect(tickets.seats.map((s) => s.type).sort()).toEqual(seatRows.map((s) => s.type).sort());
      expect(tickets.showtime.timeZone).toBe(
        (await ctx.prisma.cinema.findFirstOrThrow({ where: { name: tickets.showtime.cinemaName } })).timeZone,
      );
      expect(await refusal(other.client.kiosks.reprintJob.query({ bookingId }))).toMatchObject({
        data: { code: 'NOT_FOUND' },
      });
      expect(overheard.events).toHaveLength(1);
      expect(
        await ctx.prisma.auditLog.findMany({
          where: { action: 'booking.reprint', entityId: bookingId },
          select: { data: true },
        }),
      ).toEqual([{ data: { kioskId: chosen.kiosk.id, kioskName: 'Reprint kiosk' } }]);
    } finally {
      heard.stop();
      overheard.stop();
    }
  });
});

describe('seat blocks', () => {
  it('takes free seats out of sale (holds refused, clients told), refuses sold ones, and puts them back', async () => {
    const { showtimeId, seatIds } = await paidBooking(1, 'blocks@example.com');
    const live = collect<{ seats: { id: string; state: string }[] }>((h) =>
      createCustomerClient(server.url).seats.onChange.subscribe({ showtimeId }, h),
    );
    try {
      await streamLive(ctx.seatEvents, showtimeId);
      const sold = await refusal(
        manager.seatBlocks.block.mutate({
          showtimeId,
          seatIds: [seatIds[0]!, seatIds[5]!],
          reason: 'broken armrest',
        }),
      );
      expect(sold).toMatchObject({
        message: expect.stringMatching(/is held or sold/) as string,
        data: { code: 'CONFLICT', takenSeatIds: [seatIds[0]] },
      });
      expect(await ctx.prisma.seatBlock.count({ where: { showtimeId } })).toBe(0);

      await expect(
        manager.seatBlocks.block.mutate({
          showtimeId,
          seatIds: [seatIds[5]!, seatIds[6]!],
          reason: 'broken armrest',
        }),
      ).resolves.toEqual({ blocked: 2 });
      await eventually(
        () => live.events,
        (e) => e.some((ev) => ev.seats.some((s) => s.id === seatIds[5] && s.state === 'blocked')),
      );
      const customer = createCustomerClient(server.url);
      expect(await refusal(customer.holds.create.mutate({ showtimeId, seatIds: [seatIds[5]!] }))).toMatchObject({
        data: { appCode: 'HOLD_SEAT_BLOCKED' },
      });
      const map = await customer.catalog.seatMap.query({ showtimeId });
      expect(map.seats.find((s) => s.id === seatIds[6])?.state).toBe('blocked');

      await expect(manager.seatBlocks.unblock.mutate({ showtimeId, seatIds: [seatIds[5]!] })).resolves.toEqual({
        unblocked: 1,
      });
      await expect(customer.holds.create.mutate({ showtimeId, seatIds: [seatIds[5]!] })).resolves.toMatchObject({
        bookingId: expect.any(String) as string,
      });
      expect(
        await ctx.prisma.auditLog.findMany({
          where: { entityId: showtimeId },
          select: { action: true },
          orderBy: { createdAt: 'asc' },
        }),
      ).toEqual([{ action: 'seats.block' }, { action: 'seats.unblock' }]);
      const foreign = await ctx.prisma.seat.findFirstOrThrow({ where: { screen: { name: 'Audi 1' } } });
      expect(
        await refusal(manager.seatBlocks.block.mutate({ showtimeId, seatIds: [foreign.id], reason: 'wrong screen' })),
      ).toMatchObject({ data: { code: 'BAD_REQUEST', unknownSeatIds: [foreign.id] } });
    } finally {
      live.stop();
    }
  });
});

describe('queues', () => {
  /** A PENDING booking of a new show in `cinema` (this one, or another of the deployment). */
  async function bookingIn(cinema: string) {
    const movie = await ctx.prisma.movie.findFirstOrThrow();
    const screen = await ctx.prisma.screen.upsert({
      where: { cinemaId_name: { cinemaId: cinema, name: 'Queue test screen' } },
      update: {},
      create: { cinemaId: cinema, name: 'Queue test screen' },
    });
    const startsAt = new Date(Date.now() + 86_400_000 + Math.floor(Math.random() * 1e9));
    const showtime = await ctx.prisma.showtime.create({
      data: { movieId: movie.id, screenId: screen.id, startsAt, endsAt: new Date(startsAt.getTime() + 7_200_000) },
    });
    return ctx.prisma.booking.create({
      data: {
        code: Math.random().toString(36).slice(2, 8).toUpperCase(),
        showtimeId: showtime.id,
        channel: 'WEB',
        holder: `web:queue-test-${showtime.id}`,
        amountPaise: 20_000,
        expiresAt: new Date(Date.now() + 600_000),
      },
    });
  }

  /** A receipts job that fails at once (its payload is bad) for that booking. */
  async function failedJob(jobId: string, bookingId: string) {
    const badPayload = { bookingId, dedupeKey: 42 } as unknown as TReceiptJob;
    await ctx.jobs.receipts.add('send-receipt', badPayload, { jobId, attempts: 1 });
    await eventually(
      async () => (await ctx.jobs.receipts.getJob(jobId))?.isFailed(),
      (failed) => failed === true,
    );
  }

  it("shows an admin the counts and only this cinema's failed jobs, and retries only those", async () => {
    const other = await ctx.prisma.cinema.create({
      data: { slug: 'other-cinema', name: 'Other Cinema', city: 'Pune' },
    });
    const ours = await bookingIn(cinemaId);
    const theirs = await bookingIn(other.id);
    await failedJob('ours-dead', ours.id);
    await failedJob('theirs-dead', theirs.id);
    await failedJob('gone-dead', '00000000-0000-7000-8000-00000000dead');
    const { client: admin, user } = await signedInStaff(ctx, server.url, { cinemaId, role: 'ADMIN' });

    const health = await admin.queues.health.query();
    const receipts = health.find((q) => q.name === 'receipts')!;
    expect(receipts.counts.failed).toBeGreaterThanOrEqual(3);
    const shown = receipts.failed.map((j) => j.id);
    expect(shown).toContain('ours-dead');
    expect(shown).not.toContain('theirs-dead');
    expect(shown).not.toContain('gone-dead');
    expect(receipts.failed.find((j) => j.id === 'ours-dead')!.failedReason).toMatch(/bad receipt job payload/);
    expect(health.map((q) => q.name).sort()).toEqual([
      'cleanup',
      'expiry',
      'receipts',
      'reconcile',
      'refunds',
      'reminders',
    ]);

    // Another cinema's job is refused as if it did not exist, and stays as it was.
    expect(await refusal(admin.queues.retry.mutate({ queue: 'receipts', jobId: 'theirs-dead' }))).toMatchObject({
      message: 'That job is no longer failed (already retried or removed).',
      data: { code: 'BAD_REQUEST' },
    });
    expect(await (await ctx.jobs.receipts.getJob('theirs-dead'))!.isFailed()).toBe(true);
    expect(await ctx.prisma.auditLog.count({ where: { action: 'job.retry', entityId: 'receipts/theirs-dead' } })).toBe(
      0,
    );

    await admin.queues.retry.mutate({ queue: 'receipts', jobId: 'ours-dead' });
    expect(
      await ctx.prisma.auditLog.count({
        where: { action: 'job.retry', entityId: 'receipts/ours-dead', actorUserId: user.id },
      }),
    ).toBe(1);
    // It runs again (and fails again, its payload is still bad): attempts went up.
    await eventually(
      async () => (await ctx.jobs.receipts.getJob('ours-dead'))?.attemptsMade ?? 0,
      (n) => n >= 2,
    );
    expect(await refusal(admin.queues.retry.mutate({ queue: 'nope', jobId: 'x' }))).toMatchObject({
      message: 'There is no queue called "nope".',
    });
  });

  it('refuses the queues and a retry to a manager', async () => {
    expect(await refusal(manager.queues.health.query())).toMatchObject({
      message: 'Only an admin can do that.',
      data: { code: 'FORBIDDEN' },
    });
    expect(await refusal(manager.queues.retry.mutate({ queue: 'receipts', jobId: 'ours-dead' }))).toMatchObject({
      data: { code: 'FORBIDDEN' },
    });
  });
});
