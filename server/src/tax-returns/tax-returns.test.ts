// The month's GST returns against real invoices and credit notes: bookings confirmed by settling a
// captured payment (the invoice is issued in that transaction) and refunded through refundBooking
// (the credit note likewise), at instants chosen to straddle months. The returns must equal the
// month's invoices less its credit notes to the paisa, by India month, for the staff's cinema only.
import { returnMonthBounds, type TTaxLine } from '@marquee/shared';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refundBooking } from '../bookings';
import { withTransaction } from '../db/prisma';
import { settleCapturedPayment } from '../payments/settle-payment';
import { futureShowtime, secondCinema, seedCinema } from '../test/fixtures';
import { refusal } from '../test/refusal';
import { cookieJar, signedInStaff } from '../test/staff-client';
import { createTestContext, type TTestContext } from '../test/test-context';
import { startTestServer, type TTestServer } from '../test/test-server';

let ctx: TTestContext;
let server: TTestServer;
let cinemaId: string;
let otherCinemaId: string;
let manager: Awaited<ReturnType<typeof signedInStaff>>['client'];

/** Seats not yet used by a booking of this file: a fresh show of Audi 2 when one runs out. */
const seatPool: { showtimeId: string; seatId: string }[] = [];
async function nextSeat(): Promise<{ showtimeId: string; seatId: string }> {
  if (seatPool.length === 0) {
    const { showtime, seatIds } = await futureShowtime(ctx.prisma);
    seatPool.push(...seatIds.map((seatId) => ({ showtimeId: showtime.id, seatId })));
  }
  return seatPool.shift()!;
}

let made = 0;

/** A booking of seats at these prices (one show), PENDING as a hold leaves it, then paid and settled at `at`. */
async function confirmedBooking({
  prices,
  feePaise = 0,
  at,
  showtimeId,
  seatIds,
}: {
  prices: number[];
  feePaise?: number;
  at: string;
  showtimeId?: string;
  seatIds?: string[];
}): Promise<string> {
  const seats = seatIds
    ? seatIds.map((seatId) => ({ showtimeId: showtimeId!, seatId }))
    : await (async () => {
        const first = await nextSeat();
        const rest: (typeof first)[] = [first];
        while (rest.length < prices.length) {
          const s = await nextSeat();
          if (s.showtimeId !== first.showtimeId) throw new Error('a booking spans two shows; use fewer seats');
          rest.push(s);
        }
        return rest;
      })();
  const id = uuidv7();
  const n = ++made;
  const amountPaise = prices.reduce((a, b) => a + b, 0) + feePaise;
  await ctx.prisma.booking.create({
    data: {
      id,
      code: `GSTR${String(n).padStart(2, '0')}`,
      showtimeId: seats[0]!.showtimeId,
      status: 'PENDING',
      channel: 'WEB',
      holder: `web:gst-${n}`,
      amountPaise,
      feePaise,
      expiresAt: new Date(Date.parse(at) + 600_000),
      razorpayOrderId: `order_Gst${n}`,
      seats: { create: seats.map((s, i) => ({ showtimeId: s.showtimeId, seatId: s.seatId, pricePaise: prices[i]! })) },
    },
  });
  const settled = await withTransaction(ctx.pg, (tx) =>
    settleCapturedPayment(
      tx,
      ctx,
      { bookingId: id, paymentId: `pay_Gst${n}`, orderId: `order_Gst${n}`, amountPaise, method: 'CHECKOUT' },
      new Date(at),
    ),
  );
  expect(settled.kind).toBe('confirmed');
  return id;
}

const refund = (bookingId: string, at: string) =>
  refundBooking(ctx, { bookingId, requestedBy: 'MANAGER', reason: 'customer asked', now: new Date(at) });

/** The month's documents straight from the table, summed line by line in JS: what the returns must equal. */
async function expectedFor(month: string, cinema = cinemaId) {
  const { from, to } = returnMonthBounds(month);
  const docs = await ctx.prisma.taxDocument.findMany({
    where: { cinemaId: cinema, issuedAt: { gte: from, lt: to } },
  });
  const rows = new Map<string, { taxablePaise: number; cgstPaise: number; sgstPaise: number }>();
  let total = 0;
  for (const d of docs) {
    const sign = d.kind === 'INVOICE' ? 1 : -1;
    total += sign * d.totalPaise;
    for (const l of d.lines as TTaxLine[]) {
      const key = `${d.placeOfSupply}|${l.ratePercent}`;
      const r = rows.get(key) ?? rows.set(key, { taxablePaise: 0, cgstPaise: 0, sgstPaise: 0 }).get(key)!;
      r.taxablePaise += sign * l.taxablePaise;
      r.cgstPaise += sign * l.cgstPaise;
      r.sgstPaise += sign * l.sgstPaise;
    }
  }
  return { docs, rows, total };
}

const ids: Record<string, string> = {};

beforeAll(async () => {
  ctx = await createTestContext();
  await seedCinema(ctx.prisma);
  cinemaId = (await ctx.prisma.cinema.findFirstOrThrow({ where: { slug: 'marquee-demo' } })).id;
  server = await startTestServer(ctx);
  ({ client: manager } = await signedInStaff(ctx, server.url, { cinemaId, role: 'MANAGER' }));

  // A film the state made tax-free in January 2030: its admission carries CGST only (2.5 %).
  const { showtime, seatIds } = await futureShowtime(ctx.prisma);
  const other = await ctx.prisma.movie.findFirstOrThrow({
    where: { cinemaId, id: { not: showtime.movieId } },
  });
  const waived = await ctx.prisma.showtime.create({
    data: {
      movieId: other.id,
      screenId: showtime.screenId,
      startsAt: new Date('2031-06-01T10:00:00Z'),
      endsAt: new Date('2031-06-01T13:00:00Z'),
    },
  });
  await ctx.prisma.filmSgstWaiver.create({
    data: { movieId: other.id, stateCode: '29', fromDate: new Date('2030-01-01'), toDate: new Date('2030-01-31') },
  });

  // January 2030: ₹99 seats (5 %), ₹200 seats (18 %), booking fees (18 %), a tax-free film (2.5 %).
  ids.a = await confirmedBooking({ prices: [99_00, 99_00], feePaise: 30_00, at: '2030-01-05T12:00:00+05:30' });
  ids.b = await confirmedBooking({ prices: [200_00], feePaise: 20_00, at: '2030-01-10T12:00:00+05:30' });
  ids.c = await confirmedBooking({
    prices: [99_00],
    at: '2030-01-12T12:00:00+05:30',
    showtimeId: waived.id,
    seatIds: [seatIds[0]!],
  });
  ids.d = await confirmedBooking({ prices: [200_00, 99_00], feePaise: 25_00, at: '2030-01-15T12:00:00+05:30' });
  ids.e = await confirmedBooking({ prices: [200_00], at: '2030-01-25T12:00:00+05:30' });
  await refund(ids.d, '2030-01-20T12:00:00+05:30'); // refunded in the month it was paid
  // February: a ₹99 ticket, and January's ₹200 booking refunded.
  ids.f = await confirmedBooking({ prices: [99_00], at: '2030-02-02T12:00:00+05:30' });
  await refund(ids.e, '2030-02-03T12:00:00+05:30');
  // The turn of the month (and of the financial year), India time.
  ids.lastOfMarch = await confirmedBooking({ prices: [99_00], at: '2030-03-31T23:59:59.999+05:30' });
  ids.firstOfApril = await confirmedBooking({ prices: [99_00], at: '2030-04-01T00:00:00+05:30' });

  // A complimentary ticket in January: confirmed with nothing to pay, so no invoice.
  const comp = await nextSeat();
  await ctx.prisma.booking.create({
    data: {
      code: 'COMP01',
      showtimeId: comp.showtimeId,
      status: 'CONFIRMED',
      channel: 'KIOSK',
      holder: 'kiosk:comp',
      amountPaise: 0,
      expiresAt: new Date('2030-01-18T12:10:00+05:30'),
      confirmedAt: new Date('2030-01-18T12:00:00+05:30'),
      statusReason: '=press screening',
      seats: { create: [{ showtimeId: comp.showtimeId, seatId: comp.seatId, pricePaise: 0 }] },
    },
  });

  // Another cinema with an invoice in January: never in this cinema's returns.
  const second = await secondCinema(ctx.prisma, {
    film: { title: 'Elsewhere', language: 'Marathi', certificate: 'U', runtimeMinutes: 100 },
    seats: 4,
    startsInHours: 48,
    pricePaise: 200_00,
  });
  otherCinemaId = second.cinema.id;
  await ctx.prisma.cinema.update({ where: { id: otherCinemaId }, data: { gstStateCode: '27', invoicePrefix: 'RVP' } });
  const seat = await ctx.prisma.seat.findFirstOrThrow({ where: { screenId: second.screen.id } });
  ids.elsewhere = await confirmedBooking({
    prices: [200_00],
    at: '2030-01-07T12:00:00+05:30',
    showtimeId: second.showtime.id,
    seatIds: [seat.id],
  });
}, 60_000);

afterAll(async () => {
  await server?.close();
  await ctx?.close();
});

function staffCookie(client: object) {
  return [...cookieJar(client)].map(([k, v]) => `${k}=${v}`).join('; ');
}

async function download(client: object, file: string, month: string) {
  const res = await fetch(`${server.url}/manager/${file}?month=${encodeURIComponent(month)}`, {
    headers: { cookie: staffCookie(client) },
  });
  return { res, text: await res.text() };
}

describe('the month’s GST returns', () => {
  it('sums January’s invoices less its credit notes to the paisa, by place of supply and rate', async () => {
    const returns = await manager.taxReturns.month.query({ month: '2030-01' });
    const expected = await expectedFor('2030-01');
    // Five invoices and one credit note (the booking refunded in February counts in February).
    expect(expected.docs.filter((d) => d.kind === 'INVOICE')).toHaveLength(5);
    expect(expected.docs.filter((d) => d.kind === 'CREDIT_NOTE')).toHaveLength(1);

    expect(returns.b2c.map((r) => [r.placeOfSupply?.label, r.ratePercent])).toEqual([
      ['29-Karnataka', 2.5],
      ['29-Karnataka', 5],
      ['29-Karnataka', 18],
    ]);
    for (const r of returns.b2c) {
      expect({ ...r, placeOfSupply: r.placeOfSupply?.code }).toEqual({
        placeOfSupply: '29',
        ratePercent: r.ratePercent,
        ...expected.rows.get(`29|${r.ratePercent}`),
        cessPaise: 0,
      });
    }
    // The tax-free film's row has CGST only.
    expect(returns.b2c[0]).toMatchObject({ sgstPaise: 0 });
    expect(returns.b2c[0]!.cgstPaise).toBeGreaterThan(0);

    // What was paid: A + B + C + D + E, less D refunded; the rows add up to exactly that.
    const paid = 2 * 99_00 + 30_00 + (200_00 + 20_00) + 99_00 + (200_00 + 99_00 + 25_00) + 200_00;
    const refunded = 200_00 + 99_00 + 25_00;
    expect(expected.total).toBe(paid - refunded);
    const rowsSum = returns.b2c.reduce((s, r) => s + r.taxablePaise + r.cgstPaise + r.sgstPaise, 0);
    expect(rowsSum).toBe(paid - refunded);
    expect(returns.totals.net).toMatchObject({
      totalPaise: paid - refunded,
      taxablePaise: returns.b2c.reduce((s, r) => s + r.taxablePaise, 0),
      cgstPaise: returns.b2c.reduce((s, r) => s + r.cgstPaise, 0),
      sgstPaise: returns.b2c.reduce((s, r) => s + r.sgstPaise, 0),
    });
    expect(returns.totals.invoices).toMatchObject({ documents: 5, totalPaise: paid });
    expect(returns.totals.creditNotes).toMatchObject({ documents: 1, totalPaise: refunded });
    expect(returns.complimentary).toBe(1);

    expect(returns.documents).toEqual([
      {
        kind: 'INVOICE',
        nature: 'Invoices for outward supply',
        fromNumber: 'MQD/2930/0000001',
        toNumber: 'MQD/2930/0000005',
        totalNumber: 5,
        cancelled: 0,
        netIssued: 5,
      },
      {
        kind: 'CREDIT_NOTE',
        nature: 'Credit notes',
        fromNumber: 'MQD/2930/C000001',
        toNumber: 'MQD/2930/C000001',
        totalNumber: 1,
        cancelled: 0,
        netIssued: 1,
      },
    ]);
  });

  it('subtracts a credit note in the month it was issued, even from a rate with no invoice that month', async () => {
    const returns = await manager.taxReturns.month.query({ month: '2030-02' });
    const expected = await expectedFor('2030-02');
    expect(expected.total).toBe(99_00 - 200_00);
    expect(returns.b2c.map((r) => r.ratePercent)).toEqual([5, 18]);
    const [five, eighteen] = returns.b2c;
    expect(five).toMatchObject(expected.rows.get('29|5')!);
    expect(eighteen).toMatchObject(expected.rows.get('29|18')!);
    expect(eighteen!.taxablePaise).toBeLessThan(0);
    expect(returns.b2c.reduce((s, r) => s + r.taxablePaise + r.cgstPaise + r.sgstPaise, 0)).toBe(99_00 - 200_00);
    expect(returns.totals.net.totalPaise).toBe(-101_00);
    expect(returns.documents.map((d) => [d.fromNumber, d.toNumber, d.netIssued])).toEqual([
      ['MQD/2930/0000006', 'MQD/2930/0000006', 1],
      ['MQD/2930/C000002', 'MQD/2930/C000002', 1],
    ]);
  });

  it('puts a booking confirmed at 23:59:59 on 31 March in March and one at midnight in April, India time', async () => {
    const march = await manager.taxReturns.month.query({ month: '2030-03' });
    const april = await manager.taxReturns.month.query({ month: '2030-04' });
    const invoice = (id: string) =>
      ctx.prisma.taxDocument.findFirstOrThrow({ where: { bookingId: id, kind: 'INVOICE' } });
    const [last, first] = [await invoice(ids.lastOfMarch!), await invoice(ids.firstOfApril!)];
    expect(march.documents.map((d) => [d.fromNumber, d.toNumber])).toEqual([[last.number, last.number]]);
    expect(april.documents.map((d) => [d.fromNumber, d.toNumber])).toEqual([[first.number, first.number]]);
    expect(first.number).toBe('MQD/3031/0000001');
    expect(march.totals.net.totalPaise).toBe(99_00);
    expect(april.totals.net.totalPaise).toBe(99_00);
    expect((await manager.taxReturns.month.query({ month: '2030-05' })).b2c).toEqual([]);
  });

  it('shows a cinema its own documents only', async () => {
    const january = await manager.taxReturns.month.query({ month: '2030-01' });
    const theirs = await ctx.prisma.taxDocument.findFirstOrThrow({ where: { bookingId: ids.elsewhere! } });
    expect(theirs.cinemaId).toBe(otherCinemaId);
    expect(january.b2c.every((r) => r.placeOfSupply?.code === '29')).toBe(true);
    expect(JSON.stringify(january)).not.toContain(theirs.number);
    const { text } = await download(manager, 'gst-register.csv', '2030-01');
    expect(text).not.toContain(theirs.number);
    expect(text).not.toContain('27-Maharashtra');

    const { client: theirManager } = await signedInStaff(ctx, server.url, {
      cinemaId: otherCinemaId,
      role: 'MANAGER',
    });
    const own = await theirManager.taxReturns.month.query({ month: '2030-01' });
    expect(own.b2c).toEqual([
      expect.objectContaining({ placeOfSupply: { code: '27', label: '27-Maharashtra' }, ratePercent: 18 }),
    ]);
    expect(own.documents.map((d) => d.fromNumber)).toEqual(['RVP/2930/0000001']);
    expect(own.complimentary).toBe(0);
  });

  it('is for managers and admins: staff are refused, on tRPC and the CSVs', async () => {
    const { client: admin } = await signedInStaff(ctx, server.url, { cinemaId, role: 'ADMIN' });
    expect((await admin.taxReturns.month.query({ month: '2030-01' })).totals.invoices.documents).toBe(5);
    const { client: staff } = await signedInStaff(ctx, server.url, { cinemaId, role: 'STAFF' });
    const refused = await refusal(staff.taxReturns.month.query({ month: '2030-01' }));
    expect(refused.message).toBe('Only a manager or admin can do that.');
    for (const file of ['gst-b2c.csv', 'gst-documents.csv', 'gst-register.csv']) {
      const { res, text } = await download(staff, file, '2030-01');
      expect(res.status).toBe(403);
      expect(text).not.toContain('MQD/');
      const anonymous = await fetch(`${server.url}/manager/${file}?month=2030-01`);
      expect(anonymous.status).toBe(401);
      await anonymous.arrayBuffer();
    }
  });

  it('refuses a month that is not one, with a message saying how to write it, and changes nothing', async () => {
    const before = await ctx.prisma.taxDocument.count();
    const counters = await ctx.prisma.taxDocumentCounter.findMany({
      orderBy: [{ cinemaId: 'asc' }, { kind: 'asc' }, { financialYear: 'asc' }],
    });
    for (const [month, says] of [
      ['2030-13', /month from 01 to 12/],
      ['2030-1', /written like 2026-11/],
      ['January', /written like 2026-11/],
      ['2017-06', /GST began on 1 July 2017/],
      ['', /written like 2026-11/],
    ] as const) {
      const refused = await refusal(manager.taxReturns.month.query({ month }));
      expect(refused.message).toMatch(says);
      const { res, text } = await download(manager, 'gst-b2c.csv', month);
      expect(res.status).toBe(400);
      expect((JSON.parse(text) as { error: { message: string } }).error.message).toMatch(says);
    }
    const missing = await fetch(`${server.url}/manager/gst-documents.csv`, {
      headers: { cookie: staffCookie(manager) },
    });
    expect(missing.status).toBe(400);
    await missing.arrayBuffer();
    expect(await ctx.prisma.taxDocument.count()).toBe(before);
    expect(
      await ctx.prisma.taxDocumentCounter.findMany({
        orderBy: [{ cinemaId: 'asc' }, { kind: 'asc' }, { financialYear: 'asc' }],
      }),
    ).toEqual(counters);
  });

  it('writes the B2C summary and the document summary as CSV in the portal’s columns, amounts in rupees', async () => {
    const returns = await manager.taxReturns.month.query({ month: '2030-01' });
    const b2c = await download(manager, 'gst-b2c.csv', '2030-01');
    expect(b2c.res.status).toBe(200);
    expect(b2c.res.headers.get('content-type')).toContain('text/csv');
    expect(b2c.res.headers.get('content-disposition')).toBe('attachment; filename="marquee-gstr1-2030-01-b2c.csv"');
    const lines = b2c.text.trim().split('\n');
    expect(lines[0]).toBe('Place of supply,Rate,Taxable value,Central tax,State/UT tax,Cess');
    const r = (p: number) => (p / 100).toFixed(2);
    expect(lines.slice(1, -1)).toEqual(
      returns.b2c.map(
        (x) => `29-Karnataka,${x.ratePercent},${r(x.taxablePaise)},${r(x.cgstPaise)},${r(x.sgstPaise)},0.00`,
      ),
    );
    const t = returns.totals.net;
    expect(lines.at(-1)).toBe(`Total,,${r(t.taxablePaise)},${r(t.cgstPaise)},${r(t.sgstPaise)},0.00`);

    const feb = (await download(manager, 'gst-b2c.csv', '2030-02')).text.split('\n');
    expect(feb.find((l) => l.startsWith('29-Karnataka,18,'))).toMatch(
      /^29-Karnataka,18,-\d+\.\d\d,-\d+\.\d\d,-\d+\.\d\d,0\.00$/,
    );

    const docs = await download(manager, 'gst-documents.csv', '2030-01');
    expect(docs.res.headers.get('content-disposition')).toContain('marquee-gstr1-2030-01-documents.csv');
    expect(docs.text.trim().split('\n')).toEqual([
      'Nature of document,Sr. No. From,Sr. No. To,Total number,Cancelled,Net issued',
      'Invoices for outward supply,MQD/2930/0000001,MQD/2930/0000005,5,0,5',
      'Credit notes,MQD/2930/C000001,MQD/2930/C000001,1,0,1',
    ]);
  });

  it('lists every invoice, credit note and complimentary ticket of the month in the register, one row per document and rate', async () => {
    const { res, text } = await download(manager, 'gst-register.csv', '2030-01');
    expect(res.headers.get('content-disposition')).toContain('marquee-gstr1-2030-01-register.csv');
    const lines = text.trim().split('\n');
    expect(lines[0]).toBe(
      'Date,Document type,Number,Booking code,Original invoice number,Place of supply,Rate,Taxable value,Central tax,State/UT tax,Total,Note',
    );
    const docs = await ctx.prisma.taxDocument.findMany({
      where: { cinemaId, issuedAt: { gte: returnMonthBounds('2030-01').from, lt: returnMonthBounds('2030-01').to } },
    });
    const a = docs.find((d) => d.bookingId === ids.a)!;
    const aLines = a.lines as TTaxLine[];
    const part = (rate: number, k: 'taxablePaise' | 'cgstPaise' | 'sgstPaise' | 'amountPaise') =>
      (aLines.filter((l) => l.ratePercent === rate).reduce((s, l) => s + l[k], 0) / 100).toFixed(2);
    // Booking A: two ₹99 seats at 5 % and its fee at 18 %: two rows of one invoice.
    expect(lines.filter((l) => l.includes(`,${a.number},`))).toEqual([
      `05-01-2030,Invoice,${a.number},GSTR01,,29-Karnataka,5,${part(5, 'taxablePaise')},${part(5, 'cgstPaise')},${part(5, 'sgstPaise')},198.00,`,
      `05-01-2030,Invoice,${a.number},GSTR01,,29-Karnataka,18,${part(18, 'taxablePaise')},${part(18, 'cgstPaise')},${part(18, 'sgstPaise')},30.00,`,
    ]);
    const note = docs.find((d) => d.kind === 'CREDIT_NOTE')!;
    const dInvoice = docs.find((d) => d.bookingId === ids.d && d.kind === 'INVOICE')!;
    const noteRows = lines.filter((l) => l.includes(`,${note.number},`));
    expect(noteRows.map((l) => l.split(',').slice(0, 7).join(','))).toEqual([
      `20-01-2030,Credit note,${note.number},GSTR04,${dInvoice.number},29-Karnataka,5`,
      `20-01-2030,Credit note,${note.number},GSTR04,${dInvoice.number},29-Karnataka,18`,
    ]);
    expect(noteRows.map((l) => l.split(',')[10])).toEqual(['99.00', '225.00']);
    // The complimentary ticket, with its reason written as text (not a formula).
    expect(lines).toContain(`18-01-2030,Complimentary,,COMP01,,29-Karnataka,,0.00,0.00,0.00,0.00,'=press screening`);
    // Every document of the month is there, in order of issue, and the rows' totals are the documents'.
    const body = lines.slice(1).map((l) => l.split(','));
    expect(new Set(body.filter((c) => c[1] !== 'Complimentary').map((c) => c[2]))).toEqual(
      new Set(docs.map((d) => d.number)),
    );
    for (const d of docs) {
      const sum = body.filter((c) => c[2] === d.number).reduce((s, c) => s + Math.round(Number(c[10]) * 100), 0);
      expect(sum).toBe(d.totalPaise);
    }
    const dates = body.map((c) => c[0]!.split('-').reverse().join('-'));
    expect(dates).toEqual([...dates].sort());
    // A (5 and 18), B (seat and fee both 18), C (2.5), D (5 and 18), E, D's note (5 and 18), COMP01.
    expect(body).toHaveLength(2 + 1 + 1 + 2 + 1 + 2 + 1);
  });
});
