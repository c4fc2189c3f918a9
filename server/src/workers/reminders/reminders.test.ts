import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { futureShowtime, seedCinema } from '../../test/fixtures';
import { createTestContext, type TTestContext } from '../../test/test-context';
import { cinemaDate, selectDailyReminders } from './select-reminders';

let ctx: TTestContext;
beforeAll(async () => {
  ctx = await createTestContext();
  await seedCinema(ctx.prisma);
});
afterAll(() => ctx.close());

let n = 0;
async function bookingAt(
  startsAt: string,
  opts: { status?: 'CONFIRMED' | 'REFUNDED' | 'PENDING'; email?: string | null; cancelled?: boolean } = {},
) {
  const { showtime, seatIds } = await futureShowtime(ctx.prisma);
  // A few milliseconds apart: shows of one screen need distinct start times.
  await ctx.prisma.showtime.update({
    where: { id: showtime.id },
    data: {
      startsAt: new Date(Date.parse(startsAt) + n++),
      endsAt: new Date(Date.parse(startsAt) + 7_200_000),
      cancelled: opts.cancelled ?? false,
    },
  });
  return ctx.prisma.booking.create({
    data: {
      code: Math.random().toString(36).slice(2, 8).toUpperCase(),
      showtimeId: showtime.id,
      status: opts.status ?? 'CONFIRMED',
      channel: 'WEB',
      holder: `web:${showtime.id}`,
      customerEmail: opts.email === undefined ? 'a@example.com' : opts.email,
      amountPaise: 100,
      expiresAt: new Date(startsAt),
      seats: {
        create: [{ showtimeId: showtime.id, seatId: seatIds[0]!, pricePaise: 100, active: opts.status !== 'REFUNDED' }],
      },
    },
  });
}

describe('daily reminders', () => {
  it('uses the cinema’s calendar day, not UTC’s', () => {
    // 00:30 on 12 Mar in Kolkata is still 11 Mar in UTC.
    expect(cinemaDate(new Date('2031-03-11T19:00:00Z'), 'Asia/Kolkata')).toBe('2031-03-12');
    expect(cinemaDate(new Date('2031-03-11T18:29:00Z'), 'Asia/Kolkata')).toBe('2031-03-11');
  });

  it('pick today’s confirmed shows still to come, across midnight edges, and nothing else', async () => {
    const now = new Date('2031-03-12T00:30:00Z'); // 06:00 on 12 Mar in Kolkata
    const late = await bookingAt('2031-03-12T18:29:00Z'); // 23:59 on 12 Mar: today
    const morning = await bookingAt('2031-03-12T03:30:00Z'); // 09:00 on 12 Mar: today
    await bookingAt('2031-03-12T18:31:00Z'); // 00:01 on 13 Mar: tomorrow
    await bookingAt('2031-03-12T00:00:00Z'); // 05:30 on 12 Mar: already started
    await bookingAt('2031-03-11T18:00:00Z'); // 23:30 on 11 Mar: yesterday
    await bookingAt('2031-03-12T10:00:00Z', { status: 'REFUNDED' });
    await bookingAt('2031-03-12T10:00:00Z', { status: 'PENDING' });
    await bookingAt('2031-03-12T10:00:00Z', { email: null });
    await bookingAt('2031-03-12T10:00:00Z', { cancelled: true });
    const picked = await selectDailyReminders(ctx.prisma, now);
    expect(picked.map((p) => p.bookingId).sort()).toEqual([late.id, morning.id].sort());
    expect(new Set(picked.map((p) => p.date))).toEqual(new Set(['2031-03-12']));
  });
});
