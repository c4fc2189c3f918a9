// Sales for a range of the cinema's calendar days. Money is counted when it moves: a booking's
// amount on the day it was paid, a refund on the day it was made, so a day's figures never change
// afterwards except by what happens that day. Tickets are the standing seats of paid bookings. An
// exchange's new booking counts only what was paid on top of the booking it replaced.
import {
  addCalendarDays,
  cinemaDateTime,
  type TSales,
  type TSalesFigures,
  type TSalesHourly,
  type TSalesInput,
} from '@marquee/shared';
import { stringify } from 'csv-stringify/sync';
import { dayBounds } from '../catalog';
import type { TServices } from '../services';

type TRow = { key: string; tickets: number; grossPaise: number; bookings: number };
type TRefundRow = { key: string; refundedPaise: number };

const empty = (): TSalesFigures => ({ tickets: 0, grossPaise: 0, refundedPaise: 0, netPaise: 0, bookings: 0 });

function figures(paid: TRow[], refunds: TRefundRow[]): Map<string, TSalesFigures> {
  const out = new Map<string, TSalesFigures>();
  const at = (key: string) => out.get(key) ?? out.set(key, empty()).get(key)!;
  for (const r of paid)
    Object.assign(at(r.key), { tickets: r.tickets, grossPaise: r.grossPaise, bookings: r.bookings });
  for (const r of refunds) at(r.key).refundedPaise = r.refundedPaise;
  for (const f of out.values()) f.netPaise = f.grossPaise - f.refundedPaise;
  return out;
}

export async function loadSales(
  { prisma }: Pick<TServices, 'prisma'>,
  { cinemaId, from, to }: TSalesInput & { cinemaId: string },
): Promise<TSales> {
  const { timeZone } = await prisma.cinema.findUniqueOrThrow({ where: { id: cinemaId }, select: { timeZone: true } });
  const start = dayBounds(from, timeZone).start;
  const end = dayBounds(to, timeZone).end;

  // One pass over the period's paid bookings, grouped three ways (all, channel, day).
  const paid = await prisma.$queryRaw<(TRow & { grouping: string })[]>`
    WITH paid AS (
      SELECT b.id, b.status, b.channel::text AS channel, b."amountPaise" - b."creditPaise" AS "amountPaise",
             to_char(b."confirmedAt" AT TIME ZONE ${timeZone}, 'YYYY-MM-DD') AS day,
             (SELECT count(*) FROM "BookingSeat" s WHERE s."bookingId" = b.id AND s.active)::int AS seats
      FROM "Booking" b JOIN "Showtime" st ON st.id = b."showtimeId" JOIN "Screen" sc ON sc.id = st."screenId"
      WHERE sc."cinemaId" = ${cinemaId}::uuid AND b."confirmedAt" >= ${start} AND b."confirmedAt" < ${end}
        AND b.status IN ('CONFIRMED', 'REFUNDED', 'EXCHANGED')
    )
    SELECT CASE WHEN GROUPING(channel) = 0 THEN 'channel' WHEN GROUPING(day) = 0 THEN 'day' ELSE 'all' END AS grouping,
           coalesce(channel, day, 'all') AS key,
           coalesce(sum(seats) FILTER (WHERE status = 'CONFIRMED'), 0)::int AS tickets,
           coalesce(sum("amountPaise"), 0)::int AS "grossPaise",
           (count(*) FILTER (WHERE status = 'CONFIRMED'))::int AS bookings
    FROM paid GROUP BY GROUPING SETS ((), (channel), (day))`;
  const refunds = await prisma.$queryRaw<(TRefundRow & { grouping: string })[]>`
    WITH r AS (
      SELECT r."amountPaise", b.channel::text AS channel, to_char(r."createdAt" AT TIME ZONE ${timeZone}, 'YYYY-MM-DD') AS day
      FROM "Refund" r JOIN "Booking" b ON b.id = r."bookingId" JOIN "Showtime" st ON st.id = b."showtimeId" JOIN "Screen" sc ON sc.id = st."screenId"
      WHERE sc."cinemaId" = ${cinemaId}::uuid AND r."createdAt" >= ${start} AND r."createdAt" < ${end} AND r.status <> 'FAILED'
    )
    SELECT CASE WHEN GROUPING(channel) = 0 THEN 'channel' WHEN GROUPING(day) = 0 THEN 'day' ELSE 'all' END AS grouping,
           coalesce(channel, day, 'all') AS key, coalesce(sum("amountPaise"), 0)::int AS "refundedPaise"
    FROM r GROUP BY GROUPING SETS ((), (channel), (day))`;
  const of = (grouping: string) =>
    figures(
      paid.filter((r) => r.grouping === grouping),
      refunds.filter((r) => r.grouping === grouping),
    );
  const [all, channel, day] = [of('all'), of('channel'), of('day')];

  // The captured payments taken in the period, by method; one refunded because it could not be
  // honoured (paid twice, after the hold) was never a sale.
  const methods = await prisma.$queryRaw<{ method: string; payments: number; paidPaise: number }[]>`
    SELECT pa.method::text AS method, count(*)::int AS payments, coalesce(sum(pa."amountPaise"), 0)::int AS "paidPaise"
    FROM "PaymentAttempt" pa JOIN "Booking" b ON b.id = pa."bookingId" JOIN "Showtime" st ON st.id = b."showtimeId"
      JOIN "Screen" sc ON sc.id = st."screenId"
    WHERE sc."cinemaId" = ${cinemaId}::uuid AND pa.status = 'CAPTURED' AND pa."updatedAt" >= ${start} AND pa."updatedAt" < ${end}
      AND NOT EXISTS (SELECT 1 FROM "Refund" r WHERE r."idempotencyKey" = 'payment:' || pa."razorpayPaymentId")
    GROUP BY pa.method`;
  const complimentaryRows = await prisma.$queryRaw<{ complimentary: number }[]>`
    SELECT count(*)::int AS complimentary
    FROM "BookingSeat" bs JOIN "Booking" b ON b.id = bs."bookingId" JOIN "Showtime" st ON st.id = b."showtimeId"
      JOIN "Screen" sc ON sc.id = st."screenId"
    WHERE sc."cinemaId" = ${cinemaId}::uuid AND b."complimentaryReason" IS NOT NULL AND bs.active
      AND b."confirmedAt" >= ${start} AND b."confirmedAt" < ${end} AND b.status = 'CONFIRMED'`;
  const method = (m: 'CHECKOUT' | 'UPI_QR' | 'CASH') => {
    const row = methods.find((r) => r.method === m);
    return { payments: row?.payments ?? 0, paidPaise: row?.paidPaise ?? 0 };
  };

  const days: string[] = [];
  for (let d = from; d <= to; d = new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10))
    days.push(d);

  const showtimes = await prisma.$queryRaw<TSales['showtimes'][number][]>`
    SELECT st.id AS "showtimeId", m.title AS "movieTitle", sc.name AS "screenName", to_char(st."startsAt" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "startsAt", st.cancelled,
           (SELECT count(*) FROM "Seat" s WHERE s."screenId" = sc.id)::int AS capacity,
           (SELECT count(*) FROM "BookingSeat" bs JOIN "Booking" b ON b.id = bs."bookingId" WHERE bs."showtimeId" = st.id AND bs.active AND b.status = 'CONFIRMED')::int AS sold,
           (SELECT count(*) FROM "SeatBlock" k WHERE k."showtimeId" = st.id)::int AS blocked,
           (SELECT coalesce(sum(b."amountPaise" - (SELECT coalesce(sum(r."amountPaise"), 0) FROM "Refund" r
                                                    WHERE r."bookingId" = b.id AND r.status <> 'FAILED')), 0)
              FROM "Booking" b WHERE b."showtimeId" = st.id AND b.status = 'CONFIRMED')::int AS "revenuePaise"
    FROM "Showtime" st JOIN "Screen" sc ON sc.id = st."screenId" JOIN "Movie" m ON m.id = st."movieId"
    WHERE sc."cinemaId" = ${cinemaId}::uuid AND st."startsAt" >= ${start} AND st."startsAt" < ${end}
    ORDER BY st."startsAt", sc.name`;

  return {
    from,
    to,
    timeZone,
    totals: all.get('all') ?? empty(),
    byChannel: {
      KIOSK: channel.get('KIOSK') ?? empty(),
      WEB: channel.get('WEB') ?? empty(),
      BOX_OFFICE: channel.get('BOX_OFFICE') ?? empty(),
    },
    byDay: days.map((date) => ({ date, ...(day.get(date) ?? empty()) })),
    byMethod: { CHECKOUT: method('CHECKOUT'), UPI_QR: method('UPI_QR'), CASH: method('CASH') },
    complimentaryTickets: complimentaryRows[0]?.complimentary ?? 0,
    showtimes,
  };
}

/**
 * A day hour by hour on the cinema's clock, and the same weekday a week before, counted as loadSales
 * counts a day (paid at confirmation, refunds when made), so the hours add up to the day's figures.
 * On a day a clock goes back the repeated hour's sales land in the one hour; going forward, the
 * skipped hour stays empty.
 */
export async function loadSalesHourly(
  { prisma }: Pick<TServices, 'prisma'>,
  { cinemaId, date }: { cinemaId: string; date: string },
): Promise<TSalesHourly> {
  const { timeZone } = await prisma.cinema.findUniqueOrThrow({ where: { id: cinemaId }, select: { timeZone: true } });
  const weekBefore = addCalendarDays(date, -7);
  const hoursOf = async (day: string) => {
    const { start, end } = dayBounds(day, timeZone);
    const paid = await prisma.$queryRaw<TRow[]>`
      SELECT extract(hour FROM b."confirmedAt" AT TIME ZONE ${timeZone})::int::text AS key,
             coalesce(sum((SELECT count(*) FROM "BookingSeat" s WHERE s."bookingId" = b.id AND s.active)) FILTER (WHERE b.status = 'CONFIRMED'), 0)::int AS tickets,
             coalesce(sum(b."amountPaise" - b."creditPaise"), 0)::int AS "grossPaise",
             (count(*) FILTER (WHERE b.status = 'CONFIRMED'))::int AS bookings
      FROM "Booking" b JOIN "Showtime" st ON st.id = b."showtimeId" JOIN "Screen" sc ON sc.id = st."screenId"
      WHERE sc."cinemaId" = ${cinemaId}::uuid AND b."confirmedAt" >= ${start} AND b."confirmedAt" < ${end}
        AND b.status IN ('CONFIRMED', 'REFUNDED', 'EXCHANGED')
      GROUP BY 1`;
    const refunds = await prisma.$queryRaw<TRefundRow[]>`
      SELECT extract(hour FROM r."createdAt" AT TIME ZONE ${timeZone})::int::text AS key,
             coalesce(sum(r."amountPaise"), 0)::int AS "refundedPaise"
      FROM "Refund" r JOIN "Booking" b ON b.id = r."bookingId" JOIN "Showtime" st ON st.id = b."showtimeId" JOIN "Screen" sc ON sc.id = st."screenId"
      WHERE sc."cinemaId" = ${cinemaId}::uuid AND r."createdAt" >= ${start} AND r."createdAt" < ${end} AND r.status <> 'FAILED'
      GROUP BY 1`;
    return figures(paid, refunds);
  };
  const [today, before] = [await hoursOf(date), await hoursOf(weekBefore)];
  return {
    date,
    weekBefore,
    timeZone,
    hours: Array.from({ length: 24 }, (_, hour) => ({
      hour,
      day: today.get(String(hour)) ?? empty(),
      weekBefore: before.get(String(hour)) ?? empty(),
    })),
  };
}

const CHANNEL_NAMES = { KIOSK: 'kiosks', WEB: 'web', BOX_OFFICE: 'box office' } as const;

const csvHeader = (timeZone: string) => [
  'section',
  'date or show',
  `show time (${timeZone})`,
  'screen',
  'tickets',
  'gross (INR)',
  'refunded (INR)',
  'net (INR)',
  'capacity',
  'sold',
  'occupancy %',
];
/** The columns holding paise, written as rupees. */
const MONEY_COLUMNS = new Set([5, 6, 7]);

/**
 * The same figures as CSV: one row per day, then one per show (for spreadsheets), show times on the
 * cinema's clock with its time zone named in the column's header. Text a manager typed
 * (screen names, movie titles) could start with =, +, -, @, a tab or a CR, which a spreadsheet runs as
 * a formula (=HYPERLINK(...)); csv-stringify's escape_formulas prefixes such cells with a quote.
 * Figures go in as numbers, which it leaves alone, so a negative net stays a number.
 */
export function salesCsv(sales: TSales): string {
  return stringify(salesCsvRecords(sales), {
    escape_formulas: true,
    cast: {
      number: (value, { column }) =>
        typeof column === 'number' && MONEY_COLUMNS.has(column) ? (value / 100).toFixed(2) : String(value),
    },
  });
}

function salesCsvRecords(sales: TSales): (string | number)[][] {
  return [
    csvHeader(sales.timeZone),
    ...sales.byDay.map((d) => [
      'day',
      d.date,
      '',
      '',
      d.tickets,
      d.grossPaise,
      d.refundedPaise,
      d.netPaise,
      '',
      '',
      '',
    ]),
    [
      'total',
      `${sales.from} to ${sales.to}`,
      '',
      '',
      sales.totals.tickets,
      sales.totals.grossPaise,
      sales.totals.refundedPaise,
      sales.totals.netPaise,
      '',
      '',
      '',
    ],
    ...(['KIOSK', 'WEB', 'BOX_OFFICE'] as const).map((c) => [
      'channel',
      CHANNEL_NAMES[c],
      '',
      '',
      sales.byChannel[c].tickets,
      sales.byChannel[c].grossPaise,
      sales.byChannel[c].refundedPaise,
      sales.byChannel[c].netPaise,
      '',
      '',
      '',
    ]),
    ...sales.showtimes.map((s) => [
      'show',
      `${s.movieTitle}${s.cancelled ? ' (cancelled)' : ''}`,
      cinemaDateTime(new Date(s.startsAt), sales.timeZone),
      s.screenName,
      s.sold,
      s.revenuePaise,
      '',
      '',
      s.capacity,
      s.sold,
      s.capacity ? ((100 * s.sold) / s.capacity).toFixed(1) : '0.0',
    ]),
  ];
}
