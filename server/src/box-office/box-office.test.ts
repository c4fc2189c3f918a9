// The box office and the booking desk's seat refunds, moves and exchanges, over HTTP against the
// real server, Postgres, Redis and the payment sandbox: every paisa, ticket and document accounted for.
import type { TSandbox } from '@marquee/razorpay-sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCustomerClient } from '../test/customer-client';
import { eventually } from '../test/eventually';
import { futureShowtime, seedCinema } from '../test/fixtures';
import { holdAndPay } from '../test/pay';
import { startPaymentSandbox, TEST_RAZORPAY } from '../test/payment-sandbox';
import { refusal } from '../test/refusal';
import { signedInStaff } from '../test/staff-client';
import { createTestContext, type TTestContext } from '../test/test-context';
import { startTestServer, type TTestServer } from '../test/test-server';

let sandbox: TSandbox & { url: string };
let ctx: TTestContext;
let server: TTestServer;
let cinemaId: string;
let manager: Awaited<ReturnType<typeof signedInStaff>>;
let clerk: Awaited<ReturnType<typeof signedInStaff>>;
let door: Awaited<ReturnType<typeof signedInStaff>>;

beforeAll(async () => {
  sandbox = await startPaymentSandbox();
  ctx = await createTestContext({ ...TEST_RAZORPAY, RAZORPAY_API_URL: sandbox.url });
  ({ cinemaId } = await seedCinema(ctx.prisma));
  server = await startTestServer(ctx);
  sandbox.setWebhookUrl(`${server.url}/webhooks/razorpay`);
  manager = await signedInStaff(ctx, server.url, { cinemaId, role: 'MANAGER' });
  clerk = await signedInStaff(ctx, server.url, { cinemaId, role: 'STAFF' });
  door = await signedInStaff(ctx, server.url, { cinemaId, role: 'STAFF' });
});
afterAll(async () => {
  await server?.close();
  await sandbox?.app.close();
  await ctx?.close();
});

/** A web customer's paid booking of `seats` seats (Checkout), for a show starting in `startsInMinutes`. */
async function paidWebBooking(seats: number, startsInMinutes?: number) {
  const { showtime, seatIds } = await futureShowtime(ctx.prisma, { startsInMinutes });
  const customer = createCustomerClient(server.url);
  const paid = await holdAndPay(customer, sandbox.url, { showtimeId: showtime.id, seatIds: seatIds.slice(0, seats) });
  const booking = await customer.bookings.get.query({ bookingId: paid.bookingId });
  return { ...paid, customer, booking, showtime, seatIds };
}

const seatStates = async (showtimeId: string, seatIds: string[]) => {
  const map = await createCustomerClient(server.url).catalog.seatMap.query({ showtimeId });
  return seatIds.map((id) => map.seats.find((s) => s.id === id)!.state);
};

async function payQr(qrId: string) {
  const res = await fetch(`${sandbox.url}/_sandbox/qr_codes/${qrId}/pay`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{}',
  });
  expect(res.ok).toBe(true);
}

/** Everything the tables hold about a booking, to show a refused action changed nothing. */
const snapshot = async (bookingId: string) => ({
  booking: await ctx.prisma.booking.findUniqueOrThrow({ where: { id: bookingId } }),
  seats: await ctx.prisma.bookingSeat.findMany({ where: { bookingId }, orderBy: { id: 'asc' } }),
  tickets: await ctx.prisma.ticket.findMany({ where: { bookingId }, orderBy: { id: 'asc' } }),
  refunds: await ctx.prisma.refund.count({ where: { bookingId } }),
  documents: await ctx.prisma.taxDocument.count({ where: { bookingId } }),
});

describe('seat refunds', () => {
  it('gives back one seat of two: one ticket still admits, one seat is on sale, the money and GST add up', async () => {
    const { bookingId, booking, showtime, seatIds, amountPaise } = await paidWebBooking(2, 30);
    const [keep, give] = [...booking.tickets];
    const quote = await manager.client.bookingDesk.refundSeatsQuote.query({ bookingId, seatLabels: [give!.seatLabel] });
    const stored = await ctx.prisma.booking.findUniqueOrThrow({ where: { id: bookingId } });
    const price = (await ctx.prisma.bookingSeat.findFirstOrThrow({ where: { bookingId } })).pricePaise;
    expect(quote).toMatchObject({
      seatsPaise: price,
      feePaise: stored.feePaise / 2,
      amountPaise: price + stored.feePaise / 2,
      to: [{ method: 'RAZORPAY', amountPaise: price + stored.feePaise / 2 }],
    });

    const result = await manager.client.bookingDesk.refundSeats.mutate({
      bookingId,
      seatLabels: [give!.seatLabel],
      reason: 'one friend could not come',
    });
    expect(result).toMatchObject({ ...quote, bookingRefunded: false });
    expect(result.creditNoteNumber).toMatch(/\/C\d{6}$/);

    // The money went back to the payment, once, exactly.
    const refunds = await ctx.prisma.refund.findMany({ where: { bookingId } });
    expect(refunds).toEqual([
      expect.objectContaining({ amountPaise: quote.amountPaise, feePaise: quote.feePaise, status: 'PROCESSED' }),
    ]);
    const paymentId = stored.razorpayPaymentId!;
    expect(sandbox.store.payments.get(paymentId)).toMatchObject({ amount_refunded: quote.amountPaise });

    // The credit note reverses exactly that seat and half the fee; GST as quoted.
    const detail = await manager.client.bookingDesk.detail.query({ bookingId });
    const note = detail.invoice!.creditNotes[0]!;
    expect(note.totals.totalPaise).toBe(quote.amountPaise);
    expect(note.totals.cgstPaise + note.totals.sgstPaise).toBe(quote.gstPaise);
    expect(note.lines.map((l) => l.seatLabel)).toEqual([give!.seatLabel, null]);
    expect(detail.seats.map((s) => s.state).sort()).toEqual(['refunded', 'valid']);
    expect(detail.status).toBe('CONFIRMED');
    expect(detail.timeline.some((e) => e.kind === 'refund' && e.text.includes(give!.seatLabel))).toBe(true);

    // One seat on sale again, the other still sold.
    const keptSeat = seatIds.slice(0, 2);
    expect((await seatStates(showtime.id, keptSeat)).sort()).toEqual(['available', 'sold']);

    // At the door: the refunded ticket is refused online and listed as refused in the offline pack.
    const tokenOf = async (label: string) =>
      (await ctx.prisma.ticket.findFirstOrThrow({ where: { bookingId, seatLabel: label } })).token;
    const refused = await refusal(
      door.client.tickets.checkIn.mutate({ token: await tokenOf(give!.seatLabel), door: 'Door 1' }),
    );
    expect(refused.data.appCode).toBe('TICKET_REFUNDED');
    await expect(
      door.client.tickets.checkIn.mutate({ token: await tokenOf(keep!.seatLabel), door: 'Door 1' }),
    ).resolves.toMatchObject({ seatLabel: keep!.seatLabel });
    const pack = await door.client.tickets.doorPack.query();
    const refusedId = (await ctx.prisma.ticket.findFirstOrThrow({ where: { bookingId, seatLabel: give!.seatLabel } }))
      .id;
    expect(pack.refusedTicketIds).toContain(refusedId);
    expect(pack.shows.find((s) => s.id === showtime.id)!.tickets).toBe(1);

    // Giving back the last seat refunds the rest, to the paisa of the booking.
    const last = await manager.client.bookingDesk.refundSeats.mutate({
      bookingId,
      seatLabels: [keep!.seatLabel],
      reason: 'the other could not come either',
    });
    expect(last.bookingRefunded).toBe(true);
    const all = await ctx.prisma.refund.aggregate({
      where: { bookingId },
      _sum: { amountPaise: true, feePaise: true },
    });
    expect(all._sum).toEqual({ amountPaise, feePaise: stored.feePaise });
    expect((await manager.client.bookingDesk.detail.query({ bookingId })).status).toBe('REFUNDED');
  });

  it('refuses seats that are not standing, twice at once gives back once, and a clerk may not refund', async () => {
    const { bookingId, booking } = await paidWebBooking(2);
    const before = await snapshot(bookingId);
    const wrong = await refusal(
      manager.client.bookingDesk.refundSeats.mutate({ bookingId, seatLabels: ['Z99'], reason: 'not a seat of it' }),
    );
    expect(wrong.data.appCode).toBe('REFUND_SEATS_INVALID');
    expect(
      (await refusal(clerk.client.bookingDesk.refundSeats.mutate({ bookingId, seatLabels: ['A1'], reason: 'x y z' })))
        .data.code,
    ).toBe('FORBIDDEN');
    const noReason = await refusal(
      manager.client.bookingDesk.refundSeats.mutate({
        bookingId,
        seatLabels: [booking.tickets[0]!.seatLabel],
        reason: '',
      }),
    );
    expect(noReason.data.appCode).toBe('INPUT_INVALID');
    expect(await snapshot(bookingId)).toEqual(before);

    const label = booking.tickets[0]!.seatLabel;
    const both = await Promise.allSettled(
      [0, 1].map(() =>
        manager.client.bookingDesk.refundSeats.mutate({ bookingId, seatLabels: [label], reason: 'asked twice' }),
      ),
    );
    expect(both.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(await ctx.prisma.refund.count({ where: { bookingId } })).toBe(1);
  });

  it('quotes a full refund after a seat refund as what is left, and the full refund gives back exactly that', async () => {
    const { bookingId, booking, amountPaise } = await paidWebBooking(3);
    const stored = await ctx.prisma.booking.findUniqueOrThrow({ where: { id: bookingId } });
    expect(await manager.client.bookingDesk.refundQuote.query({ bookingId })).toMatchObject({
      amountPaise,
      feePaise: stored.feePaise,
      to: [{ method: 'RAZORPAY', amountPaise }],
    });

    const first = await manager.client.bookingDesk.refundSeats.mutate({
      bookingId,
      seatLabels: [booking.tickets[0]!.seatLabel],
      reason: 'one friend could not come',
    });
    const rest = await manager.client.bookingDesk.refundQuote.query({ bookingId });
    const standing = await ctx.prisma.bookingSeat.findMany({ where: { bookingId, active: true } });
    expect(standing).toHaveLength(2);
    expect(rest).toMatchObject({
      amountPaise: amountPaise - first.amountPaise,
      seatsPaise: standing.reduce((sum, s) => sum + s.pricePaise, 0),
      feePaise: stored.feePaise - first.feePaise,
      to: [{ method: 'RAZORPAY', amountPaise: amountPaise - first.amountPaise }],
    });
    expect(rest.gstPaise).toBeGreaterThan(0);
    expect((await refusal(clerk.client.bookingDesk.refundQuote.query({ bookingId }))).data.code).toBe('FORBIDDEN');

    const done = await manager.client.bookingDesk.refund.mutate({ bookingId, reason: 'the others could not either' });
    expect(done).toMatchObject({ alreadyRefunded: false, amountPaise: rest.amountPaise, to: rest.to });
    const refunds = await ctx.prisma.refund.findMany({ where: { bookingId }, orderBy: { createdAt: 'asc' } });
    expect(refunds.map((r) => r.amountPaise)).toEqual([first.amountPaise, rest.amountPaise]);
    const detail = await manager.client.bookingDesk.detail.query({ bookingId });
    expect(detail).toMatchObject({ status: 'REFUNDED', refundedPaise: amountPaise });
    const note = detail.invoice!.creditNotes[1]!;
    expect(note.totals.totalPaise).toBe(rest.amountPaise);
    expect(note.totals.cgstPaise + note.totals.sgstPaise).toBe(rest.gstPaise);

    // A refunded booking has nothing left to quote, and a second full refund gives nothing back.
    expect((await refusal(manager.client.bookingDesk.refundQuote.query({ bookingId }))).data.appCode).toBe(
      'BOOKING_NOT_CHANGEABLE',
    );
    expect(await manager.client.bookingDesk.refund.mutate({ bookingId, reason: 'asked again' })).toMatchObject({
      alreadyRefunded: true,
      amountPaise: 0,
      to: [],
    });
  });
});

describe('moves and exchanges', () => {
  it('refuses a move to taken seats and changes nothing', async () => {
    const { bookingId, showtime, seatIds } = await paidWebBooking(2);
    // Someone else holds the next two seats.
    await createCustomerClient(server.url).holds.create.mutate({
      showtimeId: showtime.id,
      seatIds: seatIds.slice(2, 4),
    });
    const before = await snapshot(bookingId);
    const taken = await refusal(
      manager.client.bookingDesk.exchange.mutate({
        bookingId,
        showtimeId: showtime.id,
        seatIds: seatIds.slice(2, 4),
        reason: 'wants to sit elsewhere',
      }),
    );
    expect(taken.data.appCode).toBe('HOLD_SEAT_TAKEN');
    expect(await snapshot(bookingId)).toEqual(before);
    expect(await ctx.prisma.booking.count({ where: { replacesBookingId: bookingId } })).toBe(0);
  });

  it('moves a booking to other seats of its show: new tickets, old ones void, nothing to pay', async () => {
    const { bookingId, showtime, seatIds } = await paidWebBooking(2);
    const quote = await manager.client.bookingDesk.exchangeQuote.query({
      bookingId,
      showtimeId: showtime.id,
      seatIds: seatIds.slice(6, 8),
    });
    expect(quote.differencePaise).toBe(0);
    const moved = await manager.client.bookingDesk.exchange.mutate({
      bookingId,
      showtimeId: showtime.id,
      seatIds: seatIds.slice(6, 8),
      reason: 'closer to the aisle',
    });
    expect(moved).toMatchObject({ kind: 'done', differencePaise: 0, qr: null });
    expect(await seatStates(showtime.id, seatIds.slice(0, 2))).toEqual(['available', 'available']);
    expect(await seatStates(showtime.id, seatIds.slice(6, 8))).toEqual(['sold', 'sold']);
    const old = await manager.client.bookingDesk.detail.query({ bookingId });
    expect(old).toMatchObject({ status: 'EXCHANGED', replacedBy: { id: moved.newBookingId, code: moved.newCode } });
    expect(old.invoice!.creditNotes[0]!.totals.totalPaise).toBe(old.invoice!.totals.totalPaise);
    const fresh = await manager.client.bookingDesk.detail.query({ bookingId: moved.newBookingId });
    expect(fresh).toMatchObject({ status: 'CONFIRMED', replaces: { id: bookingId } });
    expect(fresh.invoice!.totals.totalPaise).toBe(quote.newAmountPaise);
    expect(await ctx.prisma.ticket.count({ where: { bookingId, voidedAt: null } })).toBe(0);
    expect(await ctx.prisma.refund.count({ where: { bookingId } })).toBe(0);
  });

  it('collects a dearer exchange by UPI before any new ticket is issued', async () => {
    const { bookingId } = await paidWebBooking(1);
    const dearer = await futureShowtime(ctx.prisma);
    const recliner = dearer.seats.find((s) => s.type === 'RECLINER')!;
    const result = await manager.client.bookingDesk.exchange.mutate({
      bookingId,
      showtimeId: dearer.showtime.id,
      seatIds: [recliner.id],
      payment: 'upi',
      reason: 'upgrade to a recliner',
    });
    expect(result.kind).toBe('awaiting-payment');
    expect(result.differencePaise).toBeGreaterThan(0);
    expect(result.qr!.amountPaise).toBe(result.differencePaise);
    // Until the customer pays, the old booking stands and the new one has no tickets.
    expect((await manager.client.bookingDesk.detail.query({ bookingId })).status).toBe('CONFIRMED');
    expect(await ctx.prisma.ticket.count({ where: { bookingId: result.newBookingId } })).toBe(0);

    await payQr(result.qr!.id);
    await eventually(
      () => clerk.client.boxOffice.status.query({ bookingId: result.newBookingId }),
      (s) => s.status === 'CONFIRMED',
    );
    expect((await manager.client.bookingDesk.detail.query({ bookingId })).status).toBe('EXCHANGED');
    expect(await ctx.prisma.ticket.count({ where: { bookingId: result.newBookingId, voidedAt: null } })).toBe(1);
    const paid = await ctx.prisma.paymentAttempt.findMany({
      where: { bookingId: result.newBookingId, status: 'CAPTURED' },
    });
    expect(paid.map((p) => p.amountPaise)).toEqual([result.differencePaise]);
  });

  it('takes a dearer exchange in cash into the shift, and refuses it without an open shift or enough cash', async () => {
    const { bookingId } = await paidWebBooking(1);
    const dearer = await futureShowtime(ctx.prisma);
    const premium = dearer.seats.find((s) => s.type === 'PREMIUM')!;
    const input = {
      bookingId,
      showtimeId: dearer.showtime.id,
      seatIds: [premium.id],
      payment: 'cash' as const,
      reason: 'upgrade',
    };
    const quote = await manager.client.bookingDesk.exchangeQuote.query({
      bookingId,
      showtimeId: dearer.showtime.id,
      seatIds: [premium.id],
    });
    expect(quote.differencePaise).toBeGreaterThan(0);
    const before = await snapshot(bookingId);
    expect(
      (await refusal(manager.client.bookingDesk.exchange.mutate({ ...input, receivedPaise: quote.differencePaise })))
        .data.appCode,
    ).toBe('SHIFT_NOT_OPEN');
    const shift = await manager.client.cashShifts.open.mutate({ floatPaise: 1_000_00 });
    expect(
      (
        await refusal(
          manager.client.bookingDesk.exchange.mutate({ ...input, receivedPaise: quote.differencePaise - 1 }),
        )
      ).data.appCode,
    ).toBe('CASH_SHORT');
    expect(await snapshot(bookingId)).toEqual(before);
    // The refused attempts left the seat on sale.
    expect(await seatStates(dearer.showtime.id, [premium.id])).toEqual(['available']);

    const done = await manager.client.bookingDesk.exchange.mutate({
      ...input,
      receivedPaise: quote.differencePaise + 500,
    });
    expect(done).toMatchObject({ kind: 'done', changePaise: 500 });
    const after = await manager.client.cashShifts.current.query();
    expect(after).toMatchObject({
      id: shift.id,
      cashInPaise: quote.differencePaise,
      expectedPaise: 1_000_00 + quote.differencePaise,
    });
    await manager.client.cashShifts.close.mutate({ shiftId: shift.id, countedPaise: after!.expectedPaise });
  });

  it('refunds a cheaper exchange once, even when asked twice at once', async () => {
    const { bookingId } = await paidWebBooking(1);
    // The booking is for a standard seat of `showtime`; a matinee charges less for the same seat type.
    const cheaper = await futureShowtime(ctx.prisma);
    await ctx.prisma.showtimePrice.updateMany({
      where: { showtimeId: cheaper.showtime.id },
      data: { pricePaise: 150_00 },
    });
    const target = cheaper.seats.find((s) => s.type === 'STANDARD')!;
    const ask = () =>
      manager.client.bookingDesk.exchange.mutate({
        bookingId,
        showtimeId: cheaper.showtime.id,
        seatIds: [target.id],
        reason: 'the matinee instead',
      });
    const both = await Promise.allSettled([ask(), ask()]);
    const done = both.filter((r) => r.status === 'fulfilled');
    expect(done).toHaveLength(1);
    const refunds = await ctx.prisma.refund.findMany({ where: { bookingId } });
    expect(refunds).toHaveLength(1);
    expect(refunds[0]!.amountPaise).toBe(
      -(done[0] as PromiseFulfilledResult<{ differencePaise: number }>).value.differencePaise,
    );
    expect(refunds[0]!.amountPaise).toBe(50_00);
    expect((await manager.client.bookingDesk.detail.query({ bookingId })).status).toBe('EXCHANGED');
  });

  it('refuses to move a booking whose show has started', async () => {
    const { bookingId, showtime, seatIds } = await paidWebBooking(1, 30);
    await ctx.prisma.showtime.update({ where: { id: showtime.id }, data: { startsAt: new Date(Date.now() - 60_000) } });
    const late = await refusal(
      manager.client.bookingDesk.exchange.mutate({
        bookingId,
        showtimeId: showtime.id,
        seatIds: [seatIds[5]!],
        reason: 'too late',
      }),
    );
    expect(late.data.appCode).toBe('BOOKING_NOT_CHANGEABLE');
    expect(late.message).toMatch(/show has started/);
  });
});

describe('box office', () => {
  it('sells for cash into the shift, shows the sale in the box office channel, and counts the drawer', async () => {
    const { showtime, seatIds } = await futureShowtime(ctx.prisma);
    const hold = await clerk.client.boxOffice.hold.mutate({ showtimeId: showtime.id, seatIds: seatIds.slice(0, 2) });
    expect(hold.feePaise).toBe(0);
    expect(
      (await refusal(clerk.client.boxOffice.payCash.mutate({ bookingId: hold.bookingId, receivedPaise: 1_000_00 })))
        .data.appCode,
    ).toBe('SHIFT_NOT_OPEN');
    const shift = await clerk.client.cashShifts.open.mutate({ floatPaise: 500_00 });
    expect((await refusal(clerk.client.cashShifts.open.mutate({ floatPaise: 1 }))).data.appCode).toBe(
      'SHIFT_ALREADY_OPEN',
    );
    expect(
      (
        await refusal(
          clerk.client.boxOffice.payCash.mutate({ bookingId: hold.bookingId, receivedPaise: hold.amountPaise - 1 }),
        )
      ).data.appCode,
    ).toBe('CASH_SHORT');

    const sale = await clerk.client.boxOffice.payCash.mutate({
      bookingId: hold.bookingId,
      receivedPaise: hold.amountPaise + 100_00,
    });
    expect(sale).toMatchObject({ status: 'CONFIRMED', changePaise: 100_00 });
    expect(await seatStates(showtime.id, seatIds.slice(0, 2))).toEqual(['sold', 'sold']);
    const detail = await manager.client.bookingDesk.detail.query({ bookingId: hold.bookingId });
    expect(detail).toMatchObject({
      channel: 'BOX_OFFICE',
      payments: [{ method: 'CASH', amountPaise: hold.amountPaise }],
    });
    expect(detail.invoice!.totals.totalPaise).toBe(hold.amountPaise);

    // The clerk prints it at a kiosk of the cinema: they may list the kiosks, not the manager's fleet page.
    const kiosk = await ctx.prisma.kiosk.create({
      data: { cinemaId, name: 'Counter kiosk', tokenHash: `counter-${Date.now()}`, registeredAt: new Date() },
    });
    expect(await clerk.client.boxOffice.kiosks.query()).toContainEqual({
      id: kiosk.id,
      name: 'Counter kiosk',
      online: false,
    });
    expect((await refusal(clerk.client.fleet.list.query())).data.code).toBe('FORBIDDEN');
    await expect(
      clerk.client.boxOffice.print.mutate({ bookingId: hold.bookingId, kioskId: kiosk.id }),
    ).resolves.toEqual({ ok: true });

    const today = new Date().toISOString().slice(0, 10);
    const sales = await manager.client.sales.report.query({ from: today, to: today });
    expect(sales.byChannel.BOX_OFFICE.grossPaise).toBeGreaterThanOrEqual(hold.amountPaise);
    expect(sales.byMethod.CASH.paidPaise).toBeGreaterThanOrEqual(hold.amountPaise);

    // Closing with ₹20 missing shows it; the shift is closed for good.
    const expected = 500_00 + hold.amountPaise;
    const closed = await clerk.client.cashShifts.close.mutate({ shiftId: shift.id, countedPaise: expected - 20_00 });
    expect(closed).toMatchObject({ expectedPaise: expected, countedPaise: expected - 20_00, differencePaise: -20_00 });
    expect(
      (await refusal(clerk.client.cashShifts.close.mutate({ shiftId: shift.id, countedPaise: expected }))).data.appCode,
    ).toBe('SHIFT_CLOSED');
    const listed = await manager.client.cashShifts.list.query({ from: today });
    expect(listed.find((s) => s.id === shift.id)).toMatchObject({ differencePaise: -20_00, sales: 1 });
    expect((await refusal(clerk.client.cashShifts.list.query({ from: today }))).data.code).toBe('FORBIDDEN');
  });

  it('refunds a cash sale in cash from the refunding manager’s shift', async () => {
    const { showtime, seatIds } = await futureShowtime(ctx.prisma);
    const shift = await clerk.client.cashShifts.open.mutate({ floatPaise: 0 });
    const hold = await clerk.client.boxOffice.hold.mutate({ showtimeId: showtime.id, seatIds: seatIds.slice(0, 1) });
    await clerk.client.boxOffice.payCash.mutate({ bookingId: hold.bookingId, receivedPaise: hold.amountPaise });
    const label = (await manager.client.bookingDesk.detail.query({ bookingId: hold.bookingId })).seats[0]!.label;
    const quote = await manager.client.bookingDesk.refundSeatsQuote.query({
      bookingId: hold.bookingId,
      seatLabels: [label],
    });
    expect(quote.to).toEqual([{ method: 'CASH', amountPaise: hold.amountPaise }]);
    const managerShift =
      (await manager.client.cashShifts.current.query()) ??
      (await manager.client.cashShifts.open.mutate({ floatPaise: 1_000_00 }));
    await manager.client.bookingDesk.refundSeats.mutate({
      bookingId: hold.bookingId,
      seatLabels: [label],
      reason: 'wrong film',
    });
    expect(await manager.client.cashShifts.current.query()).toMatchObject({
      id: managerShift.id,
      cashOutPaise: expect.any(Number) as number,
      refunds: 1,
    });
    await clerk.client.cashShifts.close.mutate({ shiftId: shift.id, countedPaise: hold.amountPaise });
  });

  it('sells by a UPI QR confirmed by its payment, and gives complimentary seats only to a manager with a reason', async () => {
    const { showtime, seats } = await futureShowtime(ctx.prisma);
    // A row of standard seats, taken from its start so no single seat is left alone between them.
    const seatIds = seats.filter((s) => s.row === 'C').map((s) => s.id);
    const hold = await clerk.client.boxOffice.hold.mutate({ showtimeId: showtime.id, seatIds: seatIds.slice(0, 1) });
    const upi = await clerk.client.boxOffice.payUpi.mutate({
      bookingId: hold.bookingId,
      contact: { email: 'walkin@example.com' },
    });
    expect(upi.qr!.amountPaise).toBe(hold.amountPaise);
    await payQr(upi.qr!.id);
    await eventually(
      () => clerk.client.boxOffice.status.query({ bookingId: hold.bookingId }),
      (s) => s.status === 'CONFIRMED',
    );

    const comp = await clerk.client.boxOffice.hold.mutate({ showtimeId: showtime.id, seatIds: seatIds.slice(1, 2) });
    expect(
      (await refusal(clerk.client.boxOffice.complimentary.mutate({ bookingId: comp.bookingId, reason: 'press' }))).data
        .code,
    ).toBe('FORBIDDEN');
    const mine = await manager.client.boxOffice.hold.mutate({ showtimeId: showtime.id, seatIds: seatIds.slice(2, 3) });
    expect(
      (await refusal(manager.client.boxOffice.complimentary.mutate({ bookingId: mine.bookingId, reason: '' }))).data
        .appCode,
    ).toBe('INPUT_INVALID');
    const given = await manager.client.boxOffice.complimentary.mutate({
      bookingId: mine.bookingId,
      reason: 'critic of the Pune Mirror',
    });
    expect(given).toMatchObject({ status: 'CONFIRMED', amountPaise: 0 });
    const detail = await manager.client.bookingDesk.detail.query({ bookingId: mine.bookingId });
    expect(detail).toMatchObject({ amountPaise: 0, invoice: null, complimentaryReason: 'critic of the Pune Mirror' });
    await clerk.client.boxOffice.release.mutate({ bookingId: comp.bookingId });
    expect(await seatStates(showtime.id, seatIds.slice(1, 2))).toEqual(['available']);
  });
});
