// Collecting at a kiosk the tickets of a booking bought online, over HTTP against the real server
// and payment sandbox: by code and email or phone, or by e-ticket QR; every refusal the same and
// changing nothing; once only, even with two kiosks at once; a failed print retried; every print
// in the booking's timeline.
import type { TSandbox } from '@marquee/razorpay-sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../auth/password';
import { createCustomerClient } from '../test/customer-client';
import { futureShowtime, seedCinema } from '../test/fixtures';
import { holdAndPay } from '../test/pay';
import { startPaymentSandbox, TEST_RAZORPAY } from '../test/payment-sandbox';
import { refusal } from '../test/refusal';
import { createStaffClient } from '../test/staff-client';
import { createTestContext, type TTestContext } from '../test/test-context';
import { startTestServer, type TTestServer } from '../test/test-server';
import { generateDeviceToken, hashToken } from '../auth/device-token';
import { COLLECT_CLAIM_MS, collectTickets } from './collect-tickets';
import { COLLECTS_PER_MINUTE } from './kiosks-router';

let sandbox: TSandbox & { url: string };
let ctx: TTestContext;
let server: TTestServer;
let cinemaId: string;
let manager: ReturnType<typeof createStaffClient>;

beforeAll(async () => {
  sandbox = await startPaymentSandbox();
  ctx = await createTestContext({ ...TEST_RAZORPAY, RAZORPAY_API_URL: sandbox.url });
  ({ cinemaId } = await seedCinema(ctx.prisma));
  server = await startTestServer(ctx);
  sandbox.setWebhookUrl(`${server.url}/webhooks/razorpay`);
  await ctx.prisma.staffUser.create({
    data: {
      email: 'desk@cinema.test',
      name: 'Desk Manager',
      role: 'MANAGER',
      cinemaId,
      passwordHash: await hashPassword('desk manager password'),
    },
  });
  manager = createStaffClient(server.url);
  await manager.manager.login.mutate({ email: 'desk@cinema.test', password: 'desk manager password' });
});
afterAll(async () => {
  await server?.close();
  await sandbox?.app.close();
  await ctx?.close();
});

let kioskCount = 0;
async function newKiosk(name = `Collect Kiosk ${++kioskCount}`, cinema = cinemaId) {
  const token = generateDeviceToken();
  const kiosk = await ctx.prisma.kiosk.create({
    data: { cinemaId: cinema, name, tokenHash: hashToken(token), registeredAt: new Date() },
  });
  return { kiosk, client: createCustomerClient(server.url, { kioskToken: token }) };
}

/** Bought online: two seats, paid by Checkout, with an email and a phone. */
async function onlineBooking(email = `buyer${++kioskCount}@example.com`) {
  const { showtime, seatIds } = await futureShowtime(ctx.prisma);
  const customer = createCustomerClient(server.url);
  const paid = await holdAndPay(customer, sandbox.url, {
    showtimeId: showtime.id,
    seatIds: seatIds.slice(0, 2),
    email,
  });
  await customer.bookings.setContact.mutate({ bookingId: paid.bookingId, phone: '+919876543210' });
  return { ...paid, email, showtime, customer };
}

const timeline = async (bookingId: string) =>
  (await manager.bookingDesk.detail.query({ bookingId })).timeline.filter((e) => e.kind === 'print').map((e) => e.text);

const printRows = (bookingId: string) =>
  ctx.prisma.ticketPrint.findMany({ where: { bookingId }, orderBy: { createdAt: 'asc' } });

describe('collecting tickets at a kiosk', () => {
  it('finds a booking by its code and email typed any which way, prints it once, and refuses a second collect anywhere', async () => {
    const booking = await onlineBooking('Asha.Rao@example.com');
    const a = await newKiosk('Lobby North');
    const b = await newKiosk('Lobby South');

    const job = await a.client.kiosks.collect.mutate({
      code: ` ${booking.code.toLowerCase()} `,
      contact: '  ASHA.RAO@Example.COM ',
    });
    expect(job.booking).toMatchObject({ id: booking.bookingId, status: 'CONFIRMED' });
    expect(job.booking.tickets).toHaveLength(2);
    expect(await timeline(booking.bookingId)).toEqual(['Collection at Lobby North: printing']);

    await expect(
      a.client.kiosks.recordPrint.mutate({ kind: 'COLLECT', printId: job.printId, ok: true }),
    ).resolves.toEqual({ recorded: true });
    expect(await timeline(booking.bookingId)).toEqual(['Collected at Lobby North: 2 tickets printed']);

    for (const kiosk of [b, a]) {
      const second = await refusal(kiosk.client.kiosks.collect.mutate({ code: booking.code, contact: booking.email }));
      expect(second.message).toMatch(/^Already collected at Lobby North at .+; ask at the box office\.$/);
      expect(second.data).toMatchObject({
        appCode: 'COLLECT_ALREADY_COLLECTED',
        collected: { kioskName: 'Lobby North', timeZone: 'Asia/Kolkata' },
      });
    }
    expect(await printRows(booking.bookingId)).toHaveLength(1);
  });

  it('finds a booking by its code and the phone it was booked with, with or without +91 and spaces', async () => {
    const booking = await onlineBooking();
    const { client } = await newKiosk();
    const job = await client.kiosks.collect.mutate({ code: booking.code, contact: '+91 98765 43210' });
    expect(job.booking.id).toBe(booking.bookingId);
  });

  it('finds a booking by the QR of one of its e-tickets', async () => {
    const booking = await onlineBooking();
    const ticket = await ctx.prisma.ticket.findFirstOrThrow({ where: { bookingId: booking.bookingId } });
    const { client } = await newKiosk();
    const job = await client.kiosks.collect.mutate({ ticketToken: ticket.token });
    expect(job.booking.id).toBe(booking.bookingId);
  });

  it('gives the same refusal for a wrong contact, an unknown code, another cinema, an unpaid, released (cancelled) or refunded booking and a show that is over, and changes nothing', async () => {
    const booking = await onlineBooking();
    const { client } = await newKiosk();
    const other = await ctx.prisma.cinema.create({ data: { slug: 'elsewhere', name: 'Elsewhere', city: 'Pune' } });
    const elsewhere = await newKiosk('Elsewhere Lobby', other.id);

    const { showtime, seatIds } = await futureShowtime(ctx.prisma);
    const holder = createCustomerClient(server.url);
    const pending = await holder.holds.create.mutate({ showtimeId: showtime.id, seatIds: [seatIds[5]!] });
    await holder.bookings.setContact.mutate({ bookingId: pending.bookingId, email: 'pending@example.com' });
    const released = await holder.holds.create.mutate({
      showtimeId: (await futureShowtime(ctx.prisma)).showtime.id,
      seatIds: [seatIds[6]!],
    });
    await holder.bookings.setContact.mutate({ bookingId: released.bookingId, email: 'pending@example.com' });
    await holder.holds.release.mutate({ bookingId: released.bookingId });
    const refunded = await onlineBooking();
    await manager.bookingDesk.refund.mutate({ bookingId: refunded.bookingId, reason: 'customer asked' });
    const over = await onlineBooking();
    await ctx.prisma.showtime.update({
      where: { id: over.showtime.id },
      data: { startsAt: new Date(Date.now() - 3 * 3600_000), endsAt: new Date(Date.now() - 3600_000) },
    });

    const before = await ctx.prisma.booking.findMany({ orderBy: { id: 'asc' } });
    const attempts = [
      () => client.kiosks.collect.mutate({ code: booking.code, contact: 'someone.else@example.com' }),
      () => client.kiosks.collect.mutate({ code: booking.code, contact: '9123456789' }),
      () => client.kiosks.collect.mutate({ code: booking.code, contact: 'not a contact' }),
      () =>
        client.kiosks.collect.mutate({ code: booking.code === '222222' ? '333333' : '222222', contact: booking.email }),
      () => elsewhere.client.kiosks.collect.mutate({ code: booking.code, contact: booking.email }),
      () => client.kiosks.collect.mutate({ code: pending.code, contact: 'pending@example.com' }),
      () => client.kiosks.collect.mutate({ code: released.code, contact: 'pending@example.com' }),
      () => client.kiosks.collect.mutate({ code: refunded.code, contact: refunded.email }),
      () => client.kiosks.collect.mutate({ code: over.code, contact: over.email }),
      () => client.kiosks.collect.mutate({ ticketToken: 'v1.not-a-real-ticket-token' }),
    ];
    for (const attempt of attempts) {
      const refused = await refusal(attempt());
      expect(refused.message).toBe(
        'No paid booking for a show still to come matches that code and email or phone. Check them, or ask at the box office.',
      );
      expect(refused.data).toMatchObject({ appCode: 'COLLECT_NOT_FOUND', httpStatus: 404 });
    }
    expect(await ctx.prisma.booking.findMany({ orderBy: { id: 'asc' } })).toEqual(before);
    expect(
      await ctx.prisma.ticketPrint.count({
        where: { bookingId: { in: [booking.bookingId, pending.bookingId, refunded.bookingId, over.bookingId] } },
      }),
    ).toBe(0);
  });

  it('says clearly what is wrong with a malformed code', async () => {
    const { client } = await newKiosk();
    const refused = await refusal(client.kiosks.collect.mutate({ code: 'K7M', contact: 'a@example.com' }));
    expect(refused.data.appCode).toBe('INPUT_INVALID');
  });

  it('lets exactly one of three kiosks collecting the same booking at once print it', async () => {
    const booking = await onlineBooking();
    const kiosks = await Promise.all([newKiosk(), newKiosk(), newKiosk()]);
    const results = await Promise.all(
      kiosks.map((k) =>
        k.client.kiosks.collect.mutate({ code: booking.code, contact: booking.email }).then(
          () => 'printing',
          async (err: unknown) => (await refusal(Promise.reject(err as Error))).data.appCode,
        ),
      ),
    );
    expect(results.sort()).toEqual(['COLLECT_IN_PROGRESS', 'COLLECT_IN_PROGRESS', 'printing']);
    expect(await printRows(booking.bookingId)).toHaveLength(1);
  });

  it('counts a collection only once the printer succeeds: a failed print is in the timeline and can be retried', async () => {
    const booking = await onlineBooking();
    const { client } = await newKiosk('Lobby East');
    const first = await client.kiosks.collect.mutate({ code: booking.code, contact: booking.email });
    await client.kiosks.recordPrint.mutate({
      kind: 'COLLECT',
      printId: first.printId,
      ok: false,
      errorCode: 'PRINTER_PAPER_OUT',
    });
    // Reporting the same attempt again changes nothing.
    await expect(
      client.kiosks.recordPrint.mutate({ kind: 'COLLECT', printId: first.printId, ok: true }),
    ).resolves.toEqual({ recorded: false });

    const retry = await client.kiosks.collect.mutate({ code: booking.code, contact: booking.email });
    await client.kiosks.recordPrint.mutate({ kind: 'COLLECT', printId: retry.printId, ok: true });

    expect(await timeline(booking.bookingId)).toEqual([
      'Collection at Lobby East: print failed: PRINTER_PAPER_OUT',
      'Collected at Lobby East: 2 tickets printed',
    ]);
    expect(
      (await refusal(client.kiosks.collect.mutate({ code: booking.code, contact: booking.email }))).data.appCode,
    ).toBe('COLLECT_ALREADY_COLLECTED');
  });

  it('gives up an attempt whose kiosk never reported after a few minutes, so another kiosk can collect', async () => {
    const booking = await onlineBooking();
    const a = await newKiosk();
    const b = await newKiosk();
    const input = { code: booking.code, contact: booking.email };
    const silent = await collectTickets(ctx, { kioskId: a.kiosk.id, input });
    expect((await refusal(b.client.kiosks.collect.mutate(input))).data.appCode).toBe('COLLECT_IN_PROGRESS');

    const later = new Date(Date.now() + COLLECT_CLAIM_MS + 1000);
    const job = await collectTickets(ctx, { kioskId: b.kiosk.id, input, now: later });
    expect(await printRows(booking.bookingId)).toMatchObject([
      { id: silent.printId, ok: false, errorCode: 'NO_RESULT' },
      { id: job.printId, ok: null },
    ]);
    // The first kiosk's late report cannot make a second collection.
    expect(await a.client.kiosks.recordPrint.mutate({ kind: 'COLLECT', printId: silent.printId, ok: true })).toEqual({
      recorded: false,
    });
  });

  it("refuses a print result for another kiosk's attempt", async () => {
    const booking = await onlineBooking();
    const a = await newKiosk();
    const b = await newKiosk();
    const job = await a.client.kiosks.collect.mutate({ code: booking.code, contact: booking.email });
    expect(
      (await refusal(b.client.kiosks.recordPrint.mutate({ kind: 'COLLECT', printId: job.printId, ok: true }))).data
        .appCode,
    ).toBe('BOOKING_NOT_FOUND');
    expect((await printRows(booking.bookingId))[0]).toMatchObject({ ok: null });
  });

  it('slows guessing: past its limit a kiosk is told to wait', async () => {
    const { client } = await newKiosk();
    for (let i = 0; i < COLLECTS_PER_MINUTE; i++)
      expect(
        (await refusal(client.kiosks.collect.mutate({ code: '222222', contact: 'x@example.com' }))).data.appCode,
      ).toBe('COLLECT_NOT_FOUND');
    expect(
      (await refusal(client.kiosks.collect.mutate({ code: '222222', contact: 'x@example.com' }))).data.appCode,
    ).toBe('RATE_LIMITED');
  });
});

describe('the prints of a kiosk sale and a staff reprint', () => {
  it('shows the sale print and a reprint sent from the dashboard in the timeline, and counts the sale print as collected', async () => {
    const seller = await newKiosk('Box Kiosk');
    const { showtime, seatIds } = await futureShowtime(ctx.prisma);
    const sold = await holdAndPay(seller.client, sandbox.url, {
      showtimeId: showtime.id,
      seatIds: [seatIds[0]!],
      email: 'walkup@example.com',
    });
    await seller.client.kiosks.recordPrint.mutate({ kind: 'SALE', bookingId: sold.bookingId, ok: true });

    const other = await newKiosk('Far Kiosk');
    // Only the kiosk that sold it reports its sale print; another needs a reprint sent to it.
    expect(
      (await refusal(other.client.kiosks.recordPrint.mutate({ kind: 'SALE', bookingId: sold.bookingId, ok: true })))
        .data.appCode,
    ).toBe('BOOKING_NOT_FOUND');
    expect(
      (await refusal(other.client.kiosks.recordPrint.mutate({ kind: 'REPRINT', bookingId: sold.bookingId, ok: true })))
        .data.appCode,
    ).toBe('BOOKING_NOT_FOUND');

    await manager.bookingDesk.reprint.mutate({ bookingId: sold.bookingId, kioskId: other.kiosk.id });
    await other.client.kiosks.recordPrint.mutate({
      kind: 'REPRINT',
      bookingId: sold.bookingId,
      ok: false,
      errorCode: 'PRINTER_OFFLINE',
    });
    await other.client.kiosks.recordPrint.mutate({ kind: 'REPRINT', bookingId: sold.bookingId, ok: true });

    expect(await timeline(sold.bookingId)).toEqual([
      'Sale at Box Kiosk: 1 ticket printed',
      'Reprint at Far Kiosk sent by Desk Manager: print failed: PRINTER_OFFLINE',
      'Reprint at Far Kiosk sent by Desk Manager: 1 ticket printed',
    ]);
    const again = await refusal(other.client.kiosks.collect.mutate({ code: sold.code, contact: 'walkup@example.com' }));
    expect(again.message).toMatch(/^Already collected at Box Kiosk at /);
  });
});
