// Door check-in over HTTP against the real server: once only, every refusal, tampered tokens, and
// doors that were offline syncing (with a conflict).
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refundBooking } from '../bookings/refund-booking';
import { createCustomerClient } from '../test/customer-client';
import { holdAndPay } from '../test/pay';
import { futureShowtime, seedCinema } from '../test/fixtures';
import { startPaymentSandbox, TEST_RAZORPAY } from '../test/payment-sandbox';
import { refusal } from '../test/refusal';
import { signedInStaff } from '../test/staff-client';
import { createTestContext, type TTestContext } from '../test/test-context';
import { startTestServer, type TTestServer } from '../test/test-server';
import type { TSandbox } from '@marquee/razorpay-sandbox';
import { generateTicketKey, signTicketToken } from '@marquee/shared';

let sandbox: TSandbox & { url: string };
let ctx: TTestContext;
let server: TTestServer;
let cinemaId: string;
let door: Awaited<ReturnType<typeof signedInStaff>>;

beforeAll(async () => {
  sandbox = await startPaymentSandbox();
  ctx = await createTestContext({ ...TEST_RAZORPAY, RAZORPAY_API_URL: sandbox.url });
  ({ cinemaId } = await seedCinema(ctx.prisma));
  server = await startTestServer(ctx);
  sandbox.setWebhookUrl(`${server.url}/webhooks/razorpay`);
  door = await signedInStaff(ctx, server.url, { cinemaId, role: 'STAFF' });
});
afterAll(async () => {
  await server?.close();
  await sandbox?.app.close();
  await ctx?.close();
});

/** Paid tickets for a show starting in `startsInMinutes` (doors open 60 minutes before). */
async function tickets(seats: number, startsInMinutes = 30) {
  const { showtime, seatIds } = await futureShowtime(ctx.prisma, { startsInMinutes });
  const customer = createCustomerClient(server.url);
  const { bookingId } = await holdAndPay(customer, sandbox.url, {
    showtimeId: showtime.id,
    seatIds: seatIds.slice(0, seats),
  });
  const booking = await customer.bookings.get.query({ bookingId });
  return { booking, showtime, tokens: booking.tickets.map((t) => t.token) };
}

const ticketRow = (token: string) =>
  ctx.prisma.ticket.findUniqueOrThrow({
    where: { token },
    select: { checkedInAt: true, checkedInDoor: true, checkedInById: true },
  });

describe('check-in', () => {
  it('admits a ticket once, with a running count, and tells a second scan when and where it was used', async () => {
    const { tokens, booking } = await tickets(3);
    const first = await door.client.tickets.checkIn.mutate({ token: tokens[0]!, door: 'Door 2' });
    expect(first).toMatchObject({
      seatLabel: booking.tickets[0]!.seatLabel,
      bookingCode: booking.code,
      checkedIn: 1,
      tickets: 3,
      movieTitle: 'Starfall Express',
      screenName: 'Audi 2',
    });
    await expect(door.client.tickets.checkIn.mutate({ token: tokens[1]!, door: 'Door 2' })).resolves.toMatchObject({
      checkedIn: 2,
      tickets: 3,
    });

    const again = await refusal(door.client.tickets.checkIn.mutate({ token: tokens[0]!, door: 'Door 1' }));
    expect(again).toMatchObject({
      message: expect.stringMatching(/^Already used at \d{1,2}:\d\d [ap]m at Door 2 \(seat \w+\)\.$/) as string,
      data: {
        code: 'CONFLICT',
        appCode: 'TICKET_ALREADY_USED',
        ticket: { seatLabel: booking.tickets[0]!.seatLabel, usedAtDoor: 'Door 2' },
      },
    });
    expect(await ticketRow(tokens[0]!)).toMatchObject({ checkedInDoor: 'Door 2', checkedInById: door.user.id });
  });

  it('admits exactly one of 50 simultaneous scans of the same ticket', async () => {
    const { tokens } = await tickets(1);
    const doors = await Promise.all([1, 2].map(() => signedInStaff(ctx, server.url, { cinemaId, role: 'STAFF' })));
    const results = await Promise.allSettled(
      Array.from({ length: 50 }, (_, i) =>
        doors[i % 2]!.client.tickets.checkIn.mutate({ token: tokens[0]!, door: `Door ${(i % 2) + 1}` }),
      ),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    for (const r of refused)
      expect((r.reason as { data: { appCode: string } }).data.appCode).toBe('TICKET_ALREADY_USED');
  });

  it('refuses every ticket that may not enter, with a reason the door can say, and marks nothing', async () => {
    const early = await tickets(1, 180);
    const refunded = await tickets(1);
    await refundBooking(ctx, { bookingId: refunded.booking.id, requestedBy: 'MANAGER', reason: 'test' });
    const cancelled = await tickets(1);
    await ctx.prisma.showtime.update({ where: { id: cancelled.showtime.id }, data: { cancelled: true } });
    const over = await tickets(1);
    await ctx.prisma.showtime.update({
      where: { id: over.showtime.id },
      data: { startsAt: new Date(Date.now() - 4 * 3600_000), endsAt: new Date(Date.now() - 3600_000) },
    });
    const valid = (await tickets(1)).tokens[0]!;
    const [body, signature] = valid.split('.') as [string, string];
    const payload = JSON.parse(Buffer.from(body, 'base64url').toString()) as Record<string, string>;
    const otherSeat = Buffer.from(JSON.stringify({ ...payload, seat: 'Z99' })).toString('base64url');
    const foreignKey = generateTicketKey('dev1');
    const forgedWithOwnKey = signTicketToken(
      { tid: payload.tid!, bid: payload.bid!, st: payload.st!, seat: payload.seat! },
      foreignKey,
    );
    const unknownKid = signTicketToken(
      { tid: payload.tid!, bid: payload.bid!, st: payload.st!, seat: payload.seat! },
      generateTicketKey('rotated-away'),
    );

    const cases: [string, string, string, RegExp][] = [
      ['too early', early.tokens[0]!, 'TICKET_TOO_EARLY', /^Too early: doors open at .+ for the .+ show\.$/],
      ['refunded', refunded.tokens[0]!, 'TICKET_REFUNDED', /refunded and cannot be used/],
      ['show cancelled', cancelled.tokens[0]!, 'TICKET_SHOW_CANCELLED', /cancelled/],
      ['show over', over.tokens[0]!, 'TICKET_SHOW_OVER', /^This show ended at/],
      ['payload altered (seat)', `${otherSeat}.${signature}`, 'TICKET_INVALID', /not a valid Marquee ticket/],
      ['signed with another key', forgedWithOwnKey, 'TICKET_INVALID', /not a valid/],
      ['unknown key id', unknownKid, 'TICKET_INVALID', /not a valid/],
      ['not a token at all', 'hello door', 'TICKET_INVALID', /not a valid/],
      ['a booking code', early.booking.code, 'TICKET_INVALID', /not a valid/],
    ];
    for (const [name, token, appCode, message] of cases) {
      const err = await refusal(door.client.tickets.checkIn.mutate({ token, door: 'Door 1' }));
      expect(err.data.appCode, name).toBe(appCode);
      expect(err.message, name).toMatch(message);
    }
    expect(
      await ctx.prisma.ticket.count({
        where: {
          token: { in: [early, refunded, cancelled, over].map((t) => t.tokens[0]!).concat(valid) },
          checkedInAt: { not: null },
        },
      }),
    ).toBe(0);
    expect(await refusal(door.client.tickets.checkIn.mutate({ token: '', door: 'Door 1' }))).toMatchObject({
      data: { fieldErrors: { token: 'scan a ticket or type its code' } },
    });
    expect(await refusal(door.client.tickets.checkIn.mutate({ token: valid, door: ' ' }))).toMatchObject({
      data: { fieldErrors: { door: expect.stringContaining('name this door') as string } },
    });
  });

  it('refuses a ticket of another cinema, and anyone not signed in as staff', async () => {
    const { tokens } = await tickets(1);
    const otherCinema = await ctx.prisma.cinema.create({
      data: { slug: 'elsewhere', name: 'Elsewhere Cinema', city: 'Pune' },
    });
    const stranger = await signedInStaff(ctx, server.url, { cinemaId: otherCinema.id, role: 'MANAGER' });
    expect(await refusal(stranger.client.tickets.checkIn.mutate({ token: tokens[0]!, door: 'Door 1' }))).toMatchObject({
      data: { appCode: 'TICKET_INVALID' },
    });
    expect(
      await refusal(createCustomerClient(server.url).tickets.checkIn.mutate({ token: tokens[0]!, door: 'Door 1' })),
    ).toMatchObject({ data: { code: 'UNAUTHORIZED' } });
    expect((await ticketRow(tokens[0]!)).checkedInAt).toBeNull();
  });

  it('refuses any token with one byte changed, and marks nothing (property)', async () => {
    const { tokens } = await tickets(1);
    const token = tokens[0]!;
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: token.length - 1 }), fc.integer({ min: 1, max: 255 }), async (at, mask) => {
        const bytes = Buffer.from(token, 'latin1');
        bytes[at] = bytes[at]! ^ mask;
        const tampered = bytes.toString('latin1');
        const err = await refusal(door.client.tickets.checkIn.mutate({ token: tampered, door: 'Door 1' }));
        expect(['TICKET_INVALID', 'INPUT_INVALID']).toContain(err.data.appCode);
      }),
      { numRuns: 150 },
    );
    expect((await ticketRow(token)).checkedInAt).toBeNull();
  });
});

describe('offline doors', () => {
  it('gives a door what it needs to verify alone: keys, today’s shows, refunded and used tickets', async () => {
    const used = await tickets(1);
    await door.client.tickets.checkIn.mutate({ token: used.tokens[0]!, door: 'Door 3' });
    const refunded = await tickets(1);
    await refundBooking(ctx, { bookingId: refunded.booking.id, requestedBy: 'MANAGER', reason: 'test' });
    const pack = await door.client.tickets.doorPack.query();
    expect(Object.keys(pack.publicKeys)).toEqual(['dev1']);
    expect(pack.shows.map((s) => s.id)).toEqual(expect.arrayContaining([used.showtime.id, refunded.showtime.id]));
    expect(pack.refusedTicketIds).toContain(refunded.booking.tickets[0]!.id);
    expect(pack.used[used.booking.tickets[0]!.id]).toMatchObject({ door: 'Door 3' });
    expect(pack.timeZone).toBe('Asia/Kolkata'); // the cinema's, for the door's clock offline
  });

  it('syncs scans made offline; the same ticket scanned at two doors is a conflict the manager sees, once', async () => {
    const { tokens, booking } = await tickets(2);
    const doorB = await signedInStaff(ctx, server.url, { cinemaId, role: 'STAFF' });
    const manager = await signedInStaff(ctx, server.url, { cinemaId, role: 'MANAGER' });
    const t0 = Date.now() - 60_000;
    const scansA = [
      { token: tokens[0]!, scannedAt: new Date(t0).toISOString() },
      { token: tokens[1]!, scannedAt: new Date(t0 + 1000).toISOString() },
    ];
    const scansB = [{ token: tokens[0]!, scannedAt: new Date(t0 + 5000).toISOString() }];

    const a = await door.client.tickets.sync.mutate({ door: 'Door A', scans: scansA });
    expect(a.map((r) => r.outcome)).toEqual(['admitted', 'admitted']);
    const b = await doorB.client.tickets.sync.mutate({ door: 'Door B', scans: scansB });
    expect(b).toEqual([
      expect.objectContaining({
        outcome: 'conflict',
        seatLabel: booking.tickets[0]!.seatLabel,
        message: expect.stringContaining('at Door A') as string,
      }),
    ]);
    // Doors retry a sync when unsure it arrived: nothing changes, nothing is reported twice.
    expect((await door.client.tickets.sync.mutate({ door: 'Door A', scans: scansA })).map((r) => r.outcome)).toEqual([
      'already',
      'already',
    ]);
    expect((await doorB.client.tickets.sync.mutate({ door: 'Door B', scans: scansB }))[0]!.outcome).toBe('conflict');

    const conflicts = await manager.client.door.conflicts.query();
    expect(conflicts.filter((c) => c.bookingId === booking.id)).toEqual([
      expect.objectContaining({
        seatLabel: booking.tickets[0]!.seatLabel,
        firstDoor: 'Door A',
        firstAt: scansA[0]!.scannedAt,
        secondDoor: 'Door B',
        secondAt: scansB[0]!.scannedAt,
      }),
    ]);
    const timeline = await manager.client.bookingDesk.detail.query({ bookingId: booking.id });
    expect(timeline.timeline.filter((e) => e.kind === 'check-in')).toHaveLength(2);
    expect(await ticketRow(tokens[0]!)).toMatchObject({
      checkedInDoor: 'Door A',
      checkedInAt: new Date(scansA[0]!.scannedAt),
    });
    expect(await refusal(door.client.tickets.sync.mutate({ door: 'Door A', scans: [] }))).toMatchObject({
      data: { code: 'BAD_REQUEST' },
    });
  });
});
