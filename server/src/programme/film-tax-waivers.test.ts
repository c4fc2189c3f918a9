// Films made tax-free: the admin's API (checks, refusals that write nothing, audit, roles) and the
// waiver's effect on invoices issued through real confirmations: SGST waived only for its film,
// its state and its dates, and never on the booking fee.
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTransaction } from '../db/prisma';
import { settleCapturedPayment } from '../payments/settle-payment';
import { secondCinema, seedCinema } from '../test/fixtures';
import { refusal } from '../test/refusal';
import { signedInStaff } from '../test/staff-client';
import { createTestContext, type TTestContext } from '../test/test-context';
import { startTestServer, type TTestServer } from '../test/test-server';

let ctx: TTestContext;
let server: TTestServer;
let cinemaId: string;
let admin: Awaited<ReturnType<typeof signedInStaff>>;
let manager: Awaited<ReturnType<typeof signedInStaff>>;
let starfall: { id: string };
let monsoon: { id: string };
let kaveri: { id: string };
let otherCinemaFilm: { id: string };

beforeAll(async () => {
  ctx = await createTestContext();
  ({ cinemaId } = await seedCinema(ctx.prisma));
  server = await startTestServer(ctx);
  admin = await signedInStaff(ctx, server.url, { cinemaId, role: 'ADMIN' });
  manager = await signedInStaff(ctx, server.url, { cinemaId, role: 'MANAGER' });
  const film = (title: string) =>
    ctx.prisma.movie.findFirstOrThrow({ where: { cinemaId, title }, select: { id: true } });
  [starfall, monsoon, kaveri] = await Promise.all([
    film('Starfall Express'),
    film('The Monsoon Heist'),
    film('Kaveri Nights'),
  ]);
  ({ movie: otherCinemaFilm } = await secondCinema(ctx.prisma, {
    film: { title: 'Riverside Only', language: 'Marathi', certificate: 'U', runtimeMinutes: 120 },
    seats: 4,
    startsInHours: 48,
    pricePaise: 10_000,
  }));
});
afterAll(async () => {
  await server?.close();
  await ctx?.close();
});

const waiverRows = () => ctx.prisma.filmSgstWaiver.count();
const waiverAudits = () => ctx.prisma.auditLog.count({ where: { entityType: 'FilmSgstWaiver' } });

describe('recording and removing a waiver', () => {
  it('an admin records a waiver; managers and admins list it; the audit keeps the period', async () => {
    const created = await admin.client.filmTaxWaivers.create.mutate({
      movieId: monsoon.id,
      stateCode: '29',
      fromDate: '2031-12-01',
      toDate: '2031-12-31',
    });
    expect(created).toMatchObject({
      movieId: monsoon.id,
      movieTitle: 'The Monsoon Heist',
      stateCode: '29',
      stateName: 'Karnataka',
      fromDate: '2031-12-01',
      toDate: '2031-12-31',
      begun: false,
      createdByName: admin.user.name,
    });
    expect(await manager.client.filmTaxWaivers.list.query({ movieId: monsoon.id })).toEqual([created]);
    expect(await manager.client.filmTaxWaivers.list.query({})).toContainEqual(created);
    const entry = await ctx.prisma.auditLog.findFirstOrThrow({
      where: { entityId: created.id, action: 'film-tax-waiver.create' },
    });
    expect(entry).toMatchObject({
      actorUserId: admin.user.id,
      data: {
        before: null,
        after: { movieId: monsoon.id, stateCode: '29', fromDate: '2031-12-01', toDate: '2031-12-31' },
      },
    });
  });

  it.each([
    ['a date that does not exist', { fromDate: '2031-02-30' }, 'fromDate', /real date/],
    ['a date in another format', { toDate: '31/12/2031' }, 'toDate', /real date/],
    ['a last day before the first', { fromDate: '2031-11-10', toDate: '2031-11-09' }, 'toDate', /before the first/],
    ['a state code no longer in use', { stateCode: '28' }, 'stateCode', /choose the state/],
    ['a state code that is no state', { stateCode: 'KA' }, 'stateCode', /choose the state/],
    [
      'a period overlapping one already recorded, naming it',
      { fromDate: '2031-12-31', toDate: '2032-01-05' },
      'fromDate',
      /2031-12-01 to 2031-12-31/,
    ],
  ])('refuses %s clearly and writes nothing', async (_, change, field, says) => {
    const [rows, audits] = [await waiverRows(), await waiverAudits()];
    const { message, data } = await refusal(
      admin.client.filmTaxWaivers.create.mutate({
        movieId: monsoon.id,
        stateCode: '29',
        fromDate: '2031-11-01',
        toDate: '2031-11-30',
        ...change,
      }),
    );
    expect(data.appCode).toBe('INPUT_INVALID');
    expect(data.fieldErrors?.[field]).toMatch(says);
    expect(message).toMatch(says);
    expect([await waiverRows(), await waiverAudits()]).toEqual([rows, audits]);
  });

  it('the overlap refusal says which waiver overlaps, in words a person can act on', async () => {
    const { message } = await refusal(
      admin.client.filmTaxWaivers.create.mutate({
        movieId: monsoon.id,
        stateCode: '29',
        fromDate: '2031-11-20',
        toDate: '2031-12-01',
      }),
    );
    expect(message).toBe(
      '“The Monsoon Heist” is already tax-free in Karnataka from 2031-12-01 to 2031-12-31; this period overlaps it. Change that one’s dates by removing it, or choose dates outside it.',
    );
  });

  it('takes adjoining periods, the same period in another state, and the same period for another film', async () => {
    const made = await Promise.all([
      admin.client.filmTaxWaivers.create.mutate({
        movieId: monsoon.id,
        stateCode: '29',
        fromDate: '2032-01-01',
        toDate: '2032-01-01',
      }),
      admin.client.filmTaxWaivers.create.mutate({
        movieId: monsoon.id,
        stateCode: '27',
        fromDate: '2031-12-01',
        toDate: '2031-12-31',
      }),
      admin.client.filmTaxWaivers.create.mutate({
        movieId: kaveri.id,
        stateCode: '29',
        fromDate: '2031-12-01',
        toDate: '2031-12-31',
      }),
    ]);
    for (const w of made) await admin.client.filmTaxWaivers.remove.mutate({ id: w.id });
  });

  it('refuses, as not found, a film of another cinema, and writes nothing', async () => {
    const [rows, audits] = [await waiverRows(), await waiverAudits()];
    const { message, data } = await refusal(
      admin.client.filmTaxWaivers.create.mutate({
        movieId: otherCinemaFilm.id,
        stateCode: '29',
        fromDate: '2031-11-01',
        toDate: '2031-11-30',
      }),
    );
    expect(data.code).toBe('NOT_FOUND');
    expect(message).toMatch(/not in this cinema/);
    expect(await admin.client.filmTaxWaivers.list.query({ movieId: otherCinemaFilm.id })).toEqual([]);
    expect([await waiverRows(), await waiverAudits()]).toEqual([rows, audits]);
  });

  it('two admins recording overlapping periods at once: exactly one is recorded', async () => {
    const results = await Promise.allSettled(
      ['2033-03-01', '2033-03-05', '2033-03-10'].map((fromDate) =>
        admin.client.filmTaxWaivers.create.mutate({
          movieId: kaveri.id,
          stateCode: '29',
          fromDate,
          toDate: '2033-03-20',
        }),
      ),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const listed = await admin.client.filmTaxWaivers.list.query({ movieId: kaveri.id });
    expect(listed.filter((w) => w.fromDate.startsWith('2033'))).toHaveLength(1);
    for (const w of listed) await admin.client.filmTaxWaivers.remove.mutate({ id: w.id });
  });

  it('a manager may list but not record or remove a waiver', async () => {
    const [w] = await admin.client.filmTaxWaivers.list.query({ movieId: monsoon.id });
    const [rows, audits] = [await waiverRows(), await waiverAudits()];
    // Each attempt is made only when awaited: a second refusal made up front would reject unheard.
    for (const attempt of [
      () =>
        manager.client.filmTaxWaivers.create.mutate({
          movieId: monsoon.id,
          stateCode: '29',
          fromDate: '2034-01-01',
          toDate: '2034-01-02',
        }),
      () => manager.client.filmTaxWaivers.remove.mutate({ id: w!.id }),
    ]) {
      const { message, data } = await refusal(attempt());
      expect(data.code).toBe('FORBIDDEN');
      expect(message).toMatch(/admin/);
    }
    expect([await waiverRows(), await waiverAudits()]).toEqual([rows, audits]);
  });

  it('removes a waiver not yet begun, audited with the period it had', async () => {
    const [w] = await admin.client.filmTaxWaivers.list.query({ movieId: monsoon.id });
    expect(await admin.client.filmTaxWaivers.remove.mutate({ id: w!.id })).toEqual({ ok: true });
    expect(await admin.client.filmTaxWaivers.list.query({ movieId: monsoon.id })).toEqual([]);
    const entry = await ctx.prisma.auditLog.findFirstOrThrow({
      where: { entityId: w!.id, action: 'film-tax-waiver.remove' },
    });
    expect(entry).toMatchObject({
      actorUserId: admin.user.id,
      data: { before: { fromDate: '2031-12-01', toDate: '2031-12-31', stateCode: '29' }, after: null, begun: false },
    });
    const { data } = await refusal(admin.client.filmTaxWaivers.remove.mutate({ id: w!.id }));
    expect(data.appCode).toBe('FILM_TAX_WAIVER_NOT_FOUND');
  });

  it('records a waiver that began in the past; removing it needs the admin to acknowledge that, and is audited as such', async () => {
    const begun = await admin.client.filmTaxWaivers.create.mutate({
      movieId: monsoon.id,
      stateCode: '29',
      fromDate: '2020-01-01',
      toDate: '2099-12-31',
    });
    expect(begun.begun).toBe(true);
    const audits = await waiverAudits();
    const { message, data } = await refusal(admin.client.filmTaxWaivers.remove.mutate({ id: begun.id }));
    expect(data.appCode).toBe('INPUT_INVALID');
    expect(message).toMatch(
      /began on 2020-01-01.*Invoices already issued under it keep SGST waived and are not changed/,
    );
    expect(await admin.client.filmTaxWaivers.list.query({ movieId: monsoon.id })).toEqual([begun]);
    expect(await waiverAudits()).toBe(audits);

    await admin.client.filmTaxWaivers.remove.mutate({ id: begun.id, begunAcknowledged: true });
    expect(await admin.client.filmTaxWaivers.list.query({ movieId: monsoon.id })).toEqual([]);
    const entry = await ctx.prisma.auditLog.findFirstOrThrow({
      where: { entityId: begun.id, action: 'film-tax-waiver.remove-begun' },
    });
    expect(entry.data).toMatchObject({ begun: true, before: { fromDate: '2020-01-01' }, after: null });
  });

  it('another cinema’s admin cannot see or remove this cinema’s waivers', async () => {
    const w = await admin.client.filmTaxWaivers.create.mutate({
      movieId: kaveri.id,
      stateCode: '29',
      fromDate: '2035-01-01',
      toDate: '2035-01-31',
    });
    const riverside = await ctx.prisma.cinema.findUniqueOrThrow({ where: { slug: 'riverside-pune' } });
    const stranger = await signedInStaff(ctx, server.url, { cinemaId: riverside.id, role: 'ADMIN' });
    expect(await stranger.client.filmTaxWaivers.list.query({})).toEqual([]);
    const { data } = await refusal(stranger.client.filmTaxWaivers.remove.mutate({ id: w.id }));
    expect(data.appCode).toBe('FILM_TAX_WAIVER_NOT_FOUND');
    await admin.client.filmTaxWaivers.remove.mutate({ id: w.id });
  });
});

describe('a waiver on invoices issued through confirmations', () => {
  const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTWXYZ';
  let made = 0;
  const TICKET = 10_000; // ₹100, GST included: the 5 % slab
  const FEE = 2_000;

  /** A PENDING booking of one ₹100 seat and a ₹20 fee for a show of the film, confirmed at `now`. */
  async function invoiceOfBookingConfirmedAt(movieId: string, now: Date) {
    const screen = await ctx.prisma.screen.findFirstOrThrow({ where: { cinemaId, name: 'Audi 2' } });
    const startsAt = new Date(Date.UTC(2040, 0, 1) + made * 3 * 3600_000);
    const showtime = await ctx.prisma.showtime.create({
      data: { movieId, screenId: screen.id, startsAt, endsAt: new Date(startsAt.getTime() + 2 * 3600_000) },
    });
    const seat = await ctx.prisma.seat.findFirstOrThrow({ where: { screenId: screen.id }, orderBy: { label: 'asc' } });
    let n = made++;
    let code = 'W';
    for (let i = 0; i < 5; i++, n = Math.floor(n / CODE_ALPHABET.length))
      code += CODE_ALPHABET[n % CODE_ALPHABET.length];
    const id = uuidv7();
    const orderId = `order_Waiver${String(made).padStart(8, '0')}`;
    await ctx.prisma.booking.create({
      data: {
        id,
        code,
        showtimeId: showtime.id,
        status: 'PENDING',
        channel: 'WEB',
        holder: `web:${id}`,
        amountPaise: TICKET + FEE,
        feePaise: FEE,
        expiresAt: new Date(Date.now() + 600_000),
        razorpayOrderId: orderId,
        seats: { create: [{ showtimeId: showtime.id, seatId: seat.id, pricePaise: TICKET }] },
      },
    });
    const settled = await withTransaction(ctx.pg, (tx) =>
      settleCapturedPayment(
        tx,
        ctx,
        {
          bookingId: id,
          paymentId: `pay_W${String(made).padStart(10, '0')}`,
          orderId,
          amountPaise: TICKET + FEE,
          method: 'CHECKOUT',
        },
        now,
      ),
    );
    expect(settled.kind).toBe('confirmed');
    const doc = await ctx.prisma.taxDocument.findFirstOrThrow({ where: { bookingId: id, kind: 'INVOICE' } });
    const lines = doc.lines as {
      kind: string;
      ratePercent: number;
      cgstRatePercent: number;
      sgstRatePercent: number;
      cgstPaise: number;
      sgstPaise: number;
      taxablePaise: number;
      amountPaise: number;
    }[];
    return { doc, admission: lines.find((l) => l.kind === 'ADMISSION')!, fee: lines.find((l) => l.kind === 'FEE')! };
  }

  const india = (at: string) => new Date(`${at}+05:30`);
  const NORMAL = { ratePercent: 5, cgstRatePercent: 2.5, sgstRatePercent: 2.5 };
  const WAIVED = { ratePercent: 2.5, cgstRatePercent: 2.5, sgstRatePercent: 0, sgstPaise: 0 };
  const FEE_LINE = { ratePercent: 18, cgstRatePercent: 9, sgstRatePercent: 9, amountPaise: FEE };

  beforeAll(async () => {
    await admin.client.filmTaxWaivers.create.mutate({
      movieId: starfall.id,
      stateCode: '29',
      fromDate: '2036-12-01',
      toDate: '2036-12-31',
    });
    // The same film made tax-free by another state than the cinema's (Karnataka, 29): no effect here.
    await admin.client.filmTaxWaivers.create.mutate({
      movieId: kaveri.id,
      stateCode: '27',
      fromDate: '2036-12-01',
      toDate: '2036-12-31',
    });
  });

  it('waives SGST on the film’s admission on the first and last day of the period, from midnight to midnight India time', async () => {
    for (const at of ['2036-12-01T00:00:00.000', '2036-12-15T12:00:00.000', '2036-12-31T23:59:59.999']) {
      const { doc, admission, fee } = await invoiceOfBookingConfirmedAt(starfall.id, india(at));
      expect(admission, at).toMatchObject({ ...WAIVED, amountPaise: TICKET });
      expect(admission.taxablePaise + admission.cgstPaise).toBe(TICKET);
      expect(admission.taxablePaise).toBe(9756); // 10,000 / 1.025
      expect(fee, 'the booking fee is never waived').toMatchObject(FEE_LINE);
      expect(fee.sgstPaise).toBeGreaterThan(0);
      expect(doc.sgstPaise).toBe(fee.sgstPaise);
      expect(doc.totalPaise).toBe(TICKET + FEE);
    }
  });

  it('charges CGST and SGST the day before and the day after the period', async () => {
    for (const at of ['2036-11-30T23:59:59.999', '2037-01-01T00:00:00.000']) {
      const { admission, fee } = await invoiceOfBookingConfirmedAt(starfall.id, india(at));
      expect(admission, at).toMatchObject(NORMAL);
      expect(admission.sgstPaise).toBeGreaterThan(0);
      expect(fee).toMatchObject(FEE_LINE);
    }
  });

  it('charges CGST and SGST on another film the same day', async () => {
    const { admission } = await invoiceOfBookingConfirmedAt(monsoon.id, india('2036-12-15T12:00:00.000'));
    expect(admission).toMatchObject(NORMAL);
    expect(admission.sgstPaise).toBeGreaterThan(0);
  });

  it('charges CGST and SGST where the waiver is another state’s than the cinema’s', async () => {
    const { admission } = await invoiceOfBookingConfirmedAt(kaveri.id, india('2036-12-15T12:00:00.000'));
    expect(admission).toMatchObject(NORMAL);
    expect(admission.sgstPaise).toBeGreaterThan(0);
  });

  it('removing the waiver leaves invoices already issued as they were', async () => {
    const { doc } = await invoiceOfBookingConfirmedAt(starfall.id, india('2036-12-10T10:00:00.000'));
    const [w] = await admin.client.filmTaxWaivers.list.query({ movieId: starfall.id });
    await admin.client.filmTaxWaivers.remove.mutate({ id: w!.id });
    const after = await ctx.prisma.taxDocument.findUniqueOrThrow({ where: { id: doc.id } });
    expect(after).toEqual(doc);
    const { admission } = await invoiceOfBookingConfirmedAt(starfall.id, india('2036-12-10T11:00:00.000'));
    expect(admission).toMatchObject(NORMAL);
  });
});
