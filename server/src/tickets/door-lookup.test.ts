// Finding a booking at the door by its code and a piece of its contact, against the real server:
// phone and email matches, one refusal for every miss, the guess limit, other cinemas, and the
// looked-up tickets admitted once through the scan's own check-in.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCustomerClient } from '../test/customer-client';
import { holdAndPay } from '../test/pay';
import { futureShowtime, seedCinema } from '../test/fixtures';
import { startPaymentSandbox, TEST_RAZORPAY } from '../test/payment-sandbox';
import { refusal } from '../test/refusal';
import { signedInStaff } from '../test/staff-client';
import { createTestContext, type TTestContext } from '../test/test-context';
import { startTestServer, type TTestServer } from '../test/test-server';
import type { TSandbox } from '@marquee/razorpay-sandbox';
import { DOOR_LOOKUPS_PER_MINUTE } from './door-lookup';

let sandbox: TSandbox & { url: string };
let ctx: TTestContext;
let server: TTestServer;
let cinemaId: string;

beforeAll(async () => {
  sandbox = await startPaymentSandbox();
  ctx = await createTestContext({ ...TEST_RAZORPAY, RAZORPAY_API_URL: sandbox.url });
  ({ cinemaId } = await seedCinema(ctx.prisma));
  server = await startTestServer(ctx);
  sandbox.setWebhookUrl(`${server.url}/webhooks/razorpay`);
});
afterAll(async () => {
  await server?.close();
  await sandbox?.app.close();
  await ctx?.close();
});

/** A fresh door staff member: the guess limit counts per staff member. */
const doorStaff = () => signedInStaff(ctx, server.url, { cinemaId, role: 'STAFF' });

/** A paid booking of `seats` seats with this contact, for a show whose doors are open. */
async function paidBooking(seats: number, contact: { email?: string; phone?: string }) {
  const { showtime, seatIds } = await futureShowtime(ctx.prisma, { startsInMinutes: 30 });
  const customer = createCustomerClient(server.url);
  const { bookingId, code } = await holdAndPay(customer, sandbox.url, {
    showtimeId: showtime.id,
    seatIds: seatIds.slice(0, seats),
    email: contact.email ?? 'walk.in@example.com',
    phone: contact.phone,
  });
  const booking = await customer.bookings.get.query({ bookingId });
  return { bookingId, code, showtime, booking };
}

/** Everything a lookup could change: the tickets' check-ins and the booking. */
const snapshot = (bookingId: string) =>
  ctx.prisma.booking.findUniqueOrThrow({
    where: { id: bookingId },
    select: {
      status: true,
      updatedAt: true,
      tickets: { select: { checkedInAt: true, checkedInDoor: true }, orderBy: { seatLabel: 'asc' } },
    },
  });

const NO_MATCH = { message: 'No booking matches that code and contact.', data: { appCode: 'TICKET_LOOKUP_NO_MATCH' } };

describe('door lookup', () => {
  it('finds a booking by its code and the last four digits of its phone, with each ticket and its state', async () => {
    const door = await doorStaff();
    const { code, booking, showtime } = await paidBooking(2, { phone: '+919876543210' });
    await door.client.tickets.checkIn.mutate({ token: booking.tickets[0]!.token, door: 'Door 1' });
    const found = await door.client.tickets.lookup.mutate({ code: ` ${code.toLowerCase()} `, contact: '3210' });
    expect(found).toMatchObject({
      bookingCode: code,
      showtimeId: showtime.id,
      movieTitle: 'Starfall Express',
      screenName: 'Audi 2',
    });
    expect(found.tickets.map((t) => t.seatLabel).sort()).toEqual(booking.tickets.map((t) => t.seatLabel).sort());
    const first = found.tickets.find((t) => t.token === booking.tickets[0]!.token)!;
    expect(first).toMatchObject({ checkedInDoor: 'Door 1', checkedInAt: expect.any(String) as string });
    expect(found.tickets.find((t) => t !== first)).toMatchObject({ checkedInAt: null, checkedInDoor: null });
  });

  it('finds a booking by the first three letters of its email, in any case', async () => {
    const door = await doorStaff();
    const { code } = await paidBooking(1, { email: 'Priya.Sharma@example.com' });
    await expect(door.client.tickets.lookup.mutate({ code, contact: 'pri' })).resolves.toMatchObject({
      bookingCode: code,
    });
    await expect(door.client.tickets.lookup.mutate({ code, contact: 'PRI' })).resolves.toMatchObject({
      bookingCode: code,
    });
  });

  it('refuses a wrong code and a wrong contact with the same words, and changes nothing', async () => {
    const door = await doorStaff();
    const { bookingId, code } = await paidBooking(1, { email: 'asha@example.com', phone: '9876501234' });
    const other = await paidBooking(1, { email: 'ravi@example.com', phone: '9876505678' });
    const before = await snapshot(bookingId);
    const wrongContact = await refusal(door.client.tickets.lookup.mutate({ code, contact: '9999' }));
    const wrongEmail = await refusal(door.client.tickets.lookup.mutate({ code, contact: 'rav' }));
    // The other booking's contact with this code, and this contact with a code no booking has.
    const crossed = await refusal(door.client.tickets.lookup.mutate({ code, contact: '5678' }));
    const unknownCode = code === '222222' ? '333333' : '222222';
    const wrongCode = await refusal(door.client.tickets.lookup.mutate({ code: unknownCode, contact: '1234' }));
    for (const r of [wrongContact, wrongEmail, crossed, wrongCode]) expect(r).toMatchObject(NO_MATCH);
    expect(wrongCode.message).toBe(wrongContact.message);
    expect(await snapshot(bookingId)).toEqual(before);
    expect((await snapshot(other.bookingId)).tickets.every((t) => t.checkedInAt === null)).toBe(true);
  });

  it('refuses what cannot be a code or a contact, saying which field', async () => {
    const door = await doorStaff();
    expect(await refusal(door.client.tickets.lookup.mutate({ code: 'K7M2', contact: '1234' }))).toMatchObject({
      data: { fieldErrors: { code: expect.stringContaining('6-character booking code') as string } },
    });
    for (const contact of ['12345', 'ab', 'abcd', '', '12 4', 'a b']) {
      expect(await refusal(door.client.tickets.lookup.mutate({ code: 'K7M2QX', contact }))).toMatchObject({
        data: { fieldErrors: { contact: expect.stringContaining('last 4 digits') as string } },
      });
    }
  });

  it('refuses a booking that is not confirmed or not this cinema’s with the same words', async () => {
    const { bookingId, code } = await paidBooking(1, { phone: '9876511111' });
    const otherCinema = await ctx.prisma.cinema.create({
      data: { slug: 'elsewhere-door', name: 'Elsewhere Cinema', city: 'Pune' },
    });
    const stranger = await signedInStaff(ctx, server.url, { cinemaId: otherCinema.id, role: 'STAFF' });
    expect(await refusal(stranger.client.tickets.lookup.mutate({ code, contact: '1111' }))).toMatchObject(NO_MATCH);

    const door = await doorStaff();
    await ctx.prisma.booking.update({ where: { id: bookingId }, data: { status: 'REFUNDED' } });
    expect(await refusal(door.client.tickets.lookup.mutate({ code, contact: '1111' }))).toMatchObject(NO_MATCH);
    expect(
      await refusal(createCustomerClient(server.url).tickets.lookup.mutate({ code, contact: '1111' })),
    ).toMatchObject({ data: { code: 'UNAUTHORIZED' } });
  });

  it(`refuses guesses past ${DOOR_LOOKUPS_PER_MINUTE} a minute per staff member, even the right one`, async () => {
    const { code } = await paidBooking(1, { phone: '9876522222' });
    const door = await doorStaff();
    for (let i = 0; i < DOOR_LOOKUPS_PER_MINUTE; i++) {
      const guess = String(1000 + i);
      expect(await refusal(door.client.tickets.lookup.mutate({ code, contact: guess }))).toMatchObject(NO_MATCH);
    }
    expect(await refusal(door.client.tickets.lookup.mutate({ code, contact: '2222' }))).toMatchObject({
      message: expect.stringMatching(/^Too many tries\. Please wait \d+ seconds\.$/) as string,
      data: { appCode: 'RATE_LIMITED' },
    });
    // Another staff member is counted apart.
    await expect((await doorStaff()).client.tickets.lookup.mutate({ code, contact: '2222' })).resolves.toMatchObject({
      bookingCode: code,
    });
  });
});

describe('admitting looked-up tickets', () => {
  it('admits a ticket once whether it comes by lookup or by scan, also at the same moment', async () => {
    const [lookupDoor, scanDoor] = await Promise.all([doorStaff(), doorStaff()]);
    const { code, booking, showtime } = await paidBooking(3, { phone: '9876533333' });
    const found = await lookupDoor.client.tickets.lookup.mutate({ code, contact: '3333' });

    // Looked up first, then scanned.
    const t0 = found.tickets[0]!;
    await expect(lookupDoor.client.tickets.checkIn.mutate({ token: t0.token, door: 'Door 1' })).resolves.toMatchObject({
      seatLabel: t0.seatLabel,
      checkedIn: 1,
      tickets: 3,
    });
    const scanned = booking.tickets.find((t) => t.seatLabel === t0.seatLabel)!.token;
    expect(await refusal(scanDoor.client.tickets.checkIn.mutate({ token: scanned, door: 'Door 2' }))).toMatchObject({
      data: { appCode: 'TICKET_ALREADY_USED' },
    });
    // Twice by lookup.
    expect(await refusal(lookupDoor.client.tickets.checkIn.mutate({ token: t0.token, door: 'Door 1' }))).toMatchObject({
      data: { appCode: 'TICKET_ALREADY_USED' },
    });

    // At the same moment: lookups and scans of one ticket racing.
    const t1 = found.tickets[1]!;
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) =>
        i % 2
          ? lookupDoor.client.tickets.checkIn.mutate({ token: t1.token, door: 'Door 1' })
          : scanDoor.client.tickets.checkIn.mutate({
              token: booking.tickets.find((t) => t.seatLabel === t1.seatLabel)!.token,
              door: 'Door 2',
            }),
      ),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);

    const after = await lookupDoor.client.tickets.lookup.mutate({ code, contact: '3333' });
    expect(after.tickets.filter((t) => t.checkedInAt !== null)).toHaveLength(2);
    await expect(scanDoor.client.tickets.admittedCount.query({ showtimeId: showtime.id })).resolves.toMatchObject({
      showtimeId: showtime.id,
      admitted: 2,
      sold: 3,
      movieTitle: 'Starfall Express',
    });
  });

  it('counts a show of another cinema as not found', async () => {
    const { showtime } = await paidBooking(1, { phone: '9876544444' });
    const otherCinema = await ctx.prisma.cinema.create({
      data: { slug: 'elsewhere-count', name: 'Elsewhere Count', city: 'Pune' },
    });
    const stranger = await signedInStaff(ctx, server.url, { cinemaId: otherCinema.id, role: 'STAFF' });
    expect(await refusal(stranger.client.tickets.admittedCount.query({ showtimeId: showtime.id }))).toMatchObject({
      data: { appCode: 'CATALOG_SHOWTIME_NOT_FOUND' },
    });
  });
});
