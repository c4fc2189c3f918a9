// Each transition of the booking lifecycle refuses a booking in the wrong state and leaves it, its
// seats, tickets, refunds and the show's seat version exactly as they were.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { THolder } from '../auth/holder';
import { withTransaction } from '../db/prisma';
import { createHold } from '../holds/create-hold';
import { futureShowtime, seedCinema } from '../test/fixtures';
import { createTestContext, type TTestContext } from '../test/test-context';
import { closePendingBookings } from './close-pending-bookings';
import { confirmPaidBooking } from './confirm-booking';
import { markUnhonouredBookingRefunded } from './mark-refunded';
import { refundBooking } from './refund-booking';

let ctx: TTestContext;
beforeAll(async () => {
  ctx = await createTestContext();
  await seedCinema(ctx.prisma);
  // Any seats will do here: the seat rules are the hold's business, tested with holds.
  await ctx.prisma.cinema.updateMany({ data: { noSingleSeatGap: false } });
  await ctx.prisma.seat.updateMany({ where: { type: 'COMPANION' }, data: { type: 'STANDARD', companionOfId: null } });
});
afterAll(() => ctx.close());

let holders = 0;
function webHolder(): THolder {
  return { key: `web:lifecycle-${++holders}`, channel: 'WEB', kioskId: null, cinemaId: null, outOfService: false };
}

/** A fresh show with one PENDING hold of two seats on it. */
async function pendingBooking() {
  const { showtime, seatIds } = await futureShowtime(ctx.prisma);
  const hold = await createHold(ctx, { holder: webHolder(), showtimeId: showtime.id, seatIds: seatIds.slice(0, 2) });
  return { showtime, seatIds, bookingId: hold.bookingId };
}

/** Everything a transition may write about a booking and its show. */
async function snapshot(bookingId: string) {
  const booking = await ctx.prisma.booking.findUniqueOrThrow({
    where: { id: bookingId },
    select: {
      status: true,
      statusReason: true,
      closedAt: true,
      confirmedAt: true,
      razorpayPaymentId: true,
      updatedAt: true,
    },
  });
  const { showtimeId } = await ctx.prisma.booking.findUniqueOrThrow({
    where: { id: bookingId },
    select: { showtimeId: true },
  });
  return {
    booking,
    activeSeats: await ctx.prisma.bookingSeat.count({ where: { bookingId, active: true } }),
    tickets: await ctx.prisma.ticket.count({ where: { bookingId } }),
    refunds: await ctx.prisma.refund.count({ where: { bookingId } }),
    outbox: await ctx.prisma.outboxEntry.count({ where: { bookingId } }),
    seatVersion: (await ctx.prisma.showtime.findUniqueOrThrow({ where: { id: showtimeId } })).seatVersion,
  };
}

function confirm(
  bookingId: string,
  showtime: { id: string; startsAt: Date },
  paymentId = `pay_${bookingId.slice(-12)}`,
) {
  return withTransaction(ctx.pg, (tx) =>
    confirmPaidBooking(
      tx,
      ctx,
      { bookingId, paymentId },
      { showtimeId: showtime.id, startsAt: showtime.startsAt, razorpayQrId: null },
      new Date(),
    ),
  );
}

/** A CONFIRMED booking, paid through the transition itself, with its payment's id. */
async function confirmedBooking() {
  const { showtime, bookingId } = await pendingBooking();
  const confirmed = await confirm(bookingId, showtime);
  expect(confirmed?.seatIds).toHaveLength(2);
  return { showtime, bookingId };
}

describe('confirming a paid booking', () => {
  it('gives a PENDING booking one ticket per seat and moves the seat version once', async () => {
    const { showtime, bookingId } = await pendingBooking();
    const before = await snapshot(bookingId);
    const confirmed = await confirm(bookingId, showtime);
    const after = await snapshot(bookingId);
    expect(after.booking.status).toBe('CONFIRMED');
    expect(after.tickets).toBe(2);
    expect(after.seatVersion).toBe(before.seatVersion + 1);
    expect(confirmed?.seatVersion).toBe(after.seatVersion);
  });

  it('refuses a booking that is no longer PENDING and changes nothing', async () => {
    const { showtime, bookingId } = await pendingBooking();
    await closePendingBookings(ctx.pg, {
      scope: { bookingIds: [bookingId] },
      status: 'EXPIRED',
      reason: 'hold expired',
      onlyOverdue: false,
      now: new Date(),
    });
    const before = await snapshot(bookingId);
    expect(await confirm(bookingId, showtime)).toBeNull();
    expect(await snapshot(bookingId)).toEqual(before);
  });

  it('refuses a booking already confirmed, keeping its first payment and tickets', async () => {
    const { showtime, bookingId } = await confirmedBooking();
    const before = await snapshot(bookingId);
    expect(await confirm(bookingId, showtime, 'pay_second')).toBeNull();
    expect(await snapshot(bookingId)).toEqual(before);
  });
});

describe('closing pending bookings', () => {
  it('leaves a confirmed booking alone, whatever the scope', async () => {
    const { showtime, bookingId } = await confirmedBooking();
    const before = await snapshot(bookingId);
    const scopes = [{ bookingIds: [bookingId] }, { wholeShowtimeId: showtime.id }, { all: true as const }];
    for (const scope of scopes) {
      const freed = await closePendingBookings(ctx.pg, {
        scope,
        status: 'CANCELLED',
        reason: 'test',
        onlyOverdue: false,
        now: new Date(),
      });
      expect(freed.filter((f) => f.bookingId === bookingId)).toEqual([]);
    }
    expect(await snapshot(bookingId)).toEqual(before);
  });

  it('leaves a hold that is not overdue alone when only overdue ones may close', async () => {
    const { bookingId } = await pendingBooking();
    const before = await snapshot(bookingId);
    const freed = await closePendingBookings(ctx.pg, {
      scope: { bookingIds: [bookingId] },
      status: 'EXPIRED',
      reason: 'hold expired',
      onlyOverdue: true,
      now: new Date(),
    });
    expect(freed).toEqual([]);
    expect(await snapshot(bookingId)).toEqual(before);
  });

  it('closes every hold of a whole show, and only that show, moving its seat version once', async () => {
    const { showtime, seatIds, bookingId } = await pendingBooking();
    const second = await createHold(ctx, {
      holder: webHolder(),
      showtimeId: showtime.id,
      seatIds: seatIds.slice(4, 6),
    });
    const other = await pendingBooking();
    const before = await snapshot(bookingId);
    const otherBefore = await snapshot(other.bookingId);
    const freed = await closePendingBookings(ctx.pg, {
      scope: { wholeShowtimeId: showtime.id },
      status: 'CANCELLED',
      reason: 'show cancelled by the cinema',
      onlyOverdue: false,
      now: new Date(),
    });
    expect(new Set(freed.map((f) => f.bookingId))).toEqual(new Set([bookingId, second.bookingId]));
    expect(freed.map((f) => f.seatVersion)).toEqual(freed.map(() => before.seatVersion + 1));
    const after = await snapshot(bookingId);
    expect(after.booking).toMatchObject({ status: 'CANCELLED', statusReason: 'show cancelled by the cinema' });
    expect(after.activeSeats).toBe(0);
    expect(await snapshot(other.bookingId)).toEqual(otherBefore);
  });
});

describe('refunding a booking', () => {
  it('refuses a booking that is not confirmed and changes nothing', async () => {
    const { bookingId } = await pendingBooking();
    const before = await snapshot(bookingId);
    await expect(refundBooking(ctx, { bookingId, requestedBy: 'MANAGER', reason: 'test' })).rejects.toMatchObject({
      code: 'BOOKING_NOT_CHANGEABLE',
    });
    expect(await snapshot(bookingId)).toEqual(before);
  });

  it('refuses a booking that does not exist', async () => {
    await expect(
      refundBooking(ctx, { bookingId: '00000000-0000-7000-8000-000000000000', requestedBy: 'MANAGER', reason: 'test' }),
    ).rejects.toMatchObject({ code: 'BOOKING_NOT_FOUND' });
  });
});

describe('marking a booking refunded after its payment could not be honoured', () => {
  it('leaves a confirmed booking confirmed (a second payment was refunded, not the booking)', async () => {
    const { bookingId } = await confirmedBooking();
    const before = await snapshot(bookingId);
    expect(await markUnhonouredBookingRefunded(ctx, bookingId)).toBe(false);
    expect(await snapshot(bookingId)).toEqual(before);
  });

  it('leaves a pending booking pending, its seats held, when a wrong amount was refunded', async () => {
    const { bookingId } = await pendingBooking();
    const before = await snapshot(bookingId);
    expect(await markUnhonouredBookingRefunded(ctx, bookingId)).toBe(false);
    expect(await snapshot(bookingId)).toEqual(before);
    expect(before.activeSeats).toBe(2);
  });

  it('marks a booking whose hold had ended as REFUNDED', async () => {
    const { bookingId } = await pendingBooking();
    await closePendingBookings(ctx.pg, {
      scope: { bookingIds: [bookingId] },
      status: 'EXPIRED',
      reason: 'hold expired',
      onlyOverdue: false,
      now: new Date(),
    });
    expect(await markUnhonouredBookingRefunded(ctx, bookingId)).toBe(true);
    expect((await snapshot(bookingId)).booking.status).toBe('REFUNDED');
  });
});
