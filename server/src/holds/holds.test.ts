import type { TRPCClientError } from '@trpc/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCustomerClient } from '../test/customer-client';
import { futureShowtime, seedCinema } from '../test/fixtures';
import { refusal, type TRefusalData } from '../test/refusal';
import { createTestContext, type TTestContext } from '../test/test-context';
import { startTestServer, type TTestServer } from '../test/test-server';
import type { TSeedResult } from '../seed/seed-demo-cinema';
import { randomUUID } from 'node:crypto';
import { holdKey } from '../seat-keys/hold-keys';
import { writeHold } from './insert-hold';
import { readSeatOwners } from '../seat-keys/redis-holds';

let ctx: TTestContext;
let server: TTestServer;
let seeded: TSeedResult;

beforeAll(async () => {
  ctx = await createTestContext();
  seeded = await seedCinema(ctx.prisma);
  // Arbitrary seat picks: the seat rules (tested in seat-rules.test.ts) would refuse many of them.
  await ctx.prisma.cinema.updateMany({ data: { noSingleSeatGap: false } });
  await ctx.prisma.seat.updateMany({ where: { type: 'COMPANION' }, data: { type: 'STANDARD', companionOfId: null } });
  server = await startTestServer(ctx);
});
afterAll(async () => {
  await server.close();
  await ctx.close();
});

/** Rows that a refused hold must not have written. */
async function writes() {
  const [bookings, seats, version] = await Promise.all([
    ctx.prisma.booking.count(),
    ctx.prisma.bookingSeat.count(),
    ctx.prisma.showtime.aggregate({ _sum: { seatVersion: true } }),
  ]);
  return { bookings, seats, version: version._sum.seatVersion };
}

describe('holds.create', () => {
  it('holds the seats in Redis and Postgres and answers the booking with its amount', async () => {
    const { showtime, seats } = await futureShowtime(ctx.prisma);
    const customer = createCustomerClient(server.url);
    const picked = [seats[10]!, seats[11]!];
    const hold = await customer.holds.create.mutate({ showtimeId: showtime.id, seatIds: picked.map((s) => s.id) });

    expect(hold.code).toMatch(/^[2-9A-Z]{6}$/);
    expect(Date.parse(hold.expiresAt) - Date.now()).toBeGreaterThan(590_000);
    // 2 standard seats at ₹200 plus the web booking fee of ₹20 per seat
    expect(hold.amountPaise).toBe(2 * 20_000 + 2 * 2_000);
    const booking = await ctx.prisma.booking.findUniqueOrThrow({
      where: { id: hold.bookingId },
      include: { seats: true },
    });
    expect(booking).toMatchObject({
      status: 'PENDING',
      channel: 'WEB',
      feePaise: 4_000,
      amountPaise: hold.amountPaise,
    });
    expect(booking.holder).toMatch(/^web:/);
    expect(booking.seats.map((s) => s.seatId).sort()).toEqual(picked.map((s) => s.id).sort());
    expect(
      await readSeatOwners(
        ctx.redis,
        showtime.id,
        picked.map((s) => s.id),
      ),
    ).toEqual([hold.bookingId, hold.bookingId]);

    const map = await customer.catalog.seatMap.query({ showtimeId: showtime.id });
    expect(
      map.seats
        .filter((s) => s.state === 'held')
        .map((s) => s.id)
        .sort(),
    ).toEqual(picked.map((s) => s.id).sort());
    expect(map.version).toBe(1);
  });

  it('answers CONFLICT with every requested seat that is taken', async () => {
    const { showtime, seatIds } = await futureShowtime(ctx.prisma);
    await createCustomerClient(server.url).holds.create.mutate({
      showtimeId: showtime.id,
      seatIds: seatIds.slice(0, 3),
    });
    const before = await writes();
    const err = await refusal(
      createCustomerClient(server.url).holds.create.mutate({
        showtimeId: showtime.id,
        seatIds: [seatIds[1]!, seatIds[2]!, seatIds[3]!],
      }),
    );
    expect(err.data).toMatchObject({
      code: 'CONFLICT',
      appCode: 'HOLD_SEAT_TAKEN',
      takenSeatIds: [seatIds[1], seatIds[2]],
    });
    expect(err.message).toMatch(/just taken/);
    expect(await writes()).toEqual(before);
    expect(await readSeatOwners(ctx.redis, showtime.id, [seatIds[3]!])).toEqual([null]);
  });

  it('takes over seats whose Redis keys outlived their booking, or a minute-old key of a booking Postgres never saw, but not a fresh one', async () => {
    const { showtime, seatIds } = await futureShowtime(ctx.prisma);
    const gone = await createCustomerClient(server.url).holds.create.mutate({
      showtimeId: showtime.id,
      seatIds: seatIds.slice(0, 2),
    });
    // Closed in Postgres while Redis could not be told (its keys stay behind).
    await ctx.pg.query(`UPDATE "Booking" SET status = 'EXPIRED' WHERE id = $1`, [gone.bookingId]);
    await ctx.pg.query(`UPDATE "BookingSeat" SET active = false WHERE "bookingId" = $1`, [gone.bookingId]);
    expect(await readSeatOwners(ctx.redis, showtime.id, seatIds.slice(0, 2))).toEqual([gone.bookingId, gone.bookingId]);
    const next = await createCustomerClient(server.url).holds.create.mutate({
      showtimeId: showtime.id,
      seatIds: seatIds.slice(0, 2),
    });
    expect(await readSeatOwners(ctx.redis, showtime.id, seatIds.slice(0, 2))).toEqual([next.bookingId, next.bookingId]);

    // A fresh key whose owner Postgres has never seen may be a hold between its script and its COMMIT.
    const holdTtlMs = ctx.env.HOLD_TTL_SECONDS * 1000;
    await ctx.redis.set(holdKey(showtime.id, seatIds[5]!), '01a21412-0000-7000-8000-000000000000', 'PX', holdTtlMs);
    await ctx.redis.set(holdKey(showtime.id, seatIds[6]!), 'not-a-booking', 'PX', holdTtlMs - 1_000);
    const before = await writes();
    const err = await refusal(
      createCustomerClient(server.url).holds.create.mutate({
        showtimeId: showtime.id,
        seatIds: [seatIds[4]!, seatIds[5]!, seatIds[6]!],
      }),
    );
    expect(err.data).toMatchObject({
      code: 'CONFLICT',
      appCode: 'HOLD_SEAT_TAKEN',
      takenSeatIds: [seatIds[5], seatIds[6]],
    });
    expect(await writes()).toEqual(before);

    // A minute on, it is an orphan (its API process died between the script and the COMMIT): the seat is sold again.
    await ctx.redis.set(
      holdKey(showtime.id, seatIds[5]!),
      '01a21412-0000-7000-8000-000000000000',
      'PX',
      holdTtlMs - 61_000,
    );
    await ctx.redis.set(holdKey(showtime.id, seatIds[6]!), 'not-a-booking', 'PX', holdTtlMs - 61_000);
    const taken = await createCustomerClient(server.url).holds.create.mutate({
      showtimeId: showtime.id,
      seatIds: [seatIds[4]!, seatIds[5]!, seatIds[6]!],
    });
    expect(await readSeatOwners(ctx.redis, showtime.id, seatIds.slice(4, 7))).toEqual([
      taken.bookingId,
      taken.bookingId,
      taken.bookingId,
    ]);
  });

  it('commits a hold without waiting for the WAL flush, and only that transaction', async () => {
    const { showtime, seatIds } = await futureShowtime(ctx.prisma);
    const client = await ctx.pg.connect();
    try {
      await client.query('BEGIN');
      const now = new Date();
      await writeHold(client, null, {
        bookingId: randomUUID(),
        code: 'ZZZZZZ',
        showtimeId: showtime.id,
        channel: 'WEB',
        holder: 'web:commit-test',
        kioskId: null,
        amountPaise: 22_000,
        feePaise: 2_000,
        expiresAt: new Date(now.getTime() + 60_000),
        lines: [{ seatId: seatIds[20]!, pricePaise: 20_000 }],
        now,
      });
      expect((await client.query('SHOW synchronous_commit')).rows[0]).toEqual({ synchronous_commit: 'off' });
      await client.query('ROLLBACK');
      expect((await client.query('SHOW synchronous_commit')).rows[0]).toEqual({ synchronous_commit: 'on' });
    } finally {
      client.release();
    }
    // After holds through the API, every pooled connection still commits synchronously (payments do).
    const customer = createCustomerClient(server.url);
    for (const seatId of seatIds.slice(21, 25))
      await customer.holds.create.mutate({ showtimeId: showtime.id, seatIds: [seatId] });
    const settings = await Promise.all(
      Array.from({ length: 10 }, () =>
        ctx.pg.query<{ synchronous_commit: string }>(
          'SELECT current_setting($1) AS synchronous_commit, pg_sleep(0.05)',
          ['synchronous_commit'],
        ),
      ),
    );
    expect(new Set(settings.map((r) => r.rows[0]!.synchronous_commit))).toEqual(new Set(['on']));
  });

  it('charges a kiosk its own booking fee and records the kiosk', async () => {
    const { showtime, seats } = await futureShowtime(ctx.prisma);
    const kiosk = seeded.kiosks[0]!;
    const hold = await createCustomerClient(server.url, { kioskToken: kiosk.token }).holds.create.mutate({
      showtimeId: showtime.id,
      seatIds: [seats.at(-1)!.id],
    });
    const booking = await ctx.prisma.booking.findUniqueOrThrow({ where: { id: hold.bookingId } });
    expect(booking).toMatchObject({
      channel: 'KIOSK',
      holder: `kiosk:${kiosk.id}`,
      kioskId: kiosk.id,
      feePaise: 0,
      amountPaise: 50_000,
    });
  });

  it('replaces the holder’s previous hold on the same showtime, keeping seats picked again', async () => {
    const { showtime, seatIds } = await futureShowtime(ctx.prisma);
    const customer = createCustomerClient(server.url);
    const first = await customer.holds.create.mutate({ showtimeId: showtime.id, seatIds: [seatIds[0]!, seatIds[1]!] });
    const second = await customer.holds.create.mutate({ showtimeId: showtime.id, seatIds: [seatIds[1]!, seatIds[2]!] });
    expect(await ctx.prisma.booking.findUniqueOrThrow({ where: { id: first.bookingId } })).toMatchObject({
      status: 'CANCELLED',
      statusReason: 'replaced by a new selection',
    });
    expect(await readSeatOwners(ctx.redis, showtime.id, seatIds.slice(0, 3))).toEqual([
      null,
      second.bookingId,
      second.bookingId,
    ]);
    const active = await ctx.prisma.bookingSeat.findMany({ where: { showtimeId: showtime.id, active: true } });
    expect(active.map((s) => s.seatId).sort()).toEqual([seatIds[1], seatIds[2]].sort());
    // Another holder can now take the seat that was let go.
    await createCustomerClient(server.url).holds.create.mutate({ showtimeId: showtime.id, seatIds: [seatIds[0]!] });
  });

  it('keeps one open hold when the same customer holds from two tabs at once', async () => {
    const { showtime, seatIds } = await futureShowtime(ctx.prisma);
    const customer = createCustomerClient(server.url);
    await customer.holds.create.mutate({ showtimeId: showtime.id, seatIds: [seatIds[0]!] });
    const results = await Promise.all(
      [1, 2, 3, 4, 5].map((i) =>
        customer.holds.create.mutate({ showtimeId: showtime.id, seatIds: [seatIds[i]!] }).then(
          (hold) => hold.bookingId,
          (err: TRPCClientError<never>) => (err.data as unknown as TRefusalData).appCode,
        ),
      ),
    );
    expect(results.filter((r) => !/^[0-9a-f-]{36}$/.test(r)).every((code) => code === 'HOLD_SEAT_TAKEN')).toBe(true);
    const open = await ctx.prisma.booking.findMany({
      where: { showtimeId: showtime.id, status: 'PENDING' },
      include: { seats: { where: { active: true } } },
    });
    expect(open).toHaveLength(1);
    const active = await ctx.prisma.bookingSeat.findMany({ where: { showtimeId: showtime.id, active: true } });
    expect(active.map((s) => s.bookingId)).toEqual([open[0]!.id]);
  });

  it('refuses a kiosk whose token is unknown', async () => {
    const { showtime, seatIds } = await futureShowtime(ctx.prisma);
    const err = await refusal(
      createCustomerClient(server.url, { kioskToken: 'mqk_forged' }).holds.create.mutate({
        showtimeId: showtime.id,
        seatIds: [seatIds[0]!],
      }),
    );
    expect(err.data).toMatchObject({ code: 'UNAUTHORIZED', appCode: 'AUTH_REQUIRED' });
  });
});

describe('holds.create refuses bad input with a clear error and writes nothing', () => {
  const cases: [
    string,
    (ids: { showtimeId: string; seatIds: string[]; foreign: string; blocked: string }) => unknown,
    string,
    string,
  ][] = [
    ['no seats', (x) => ({ showtimeId: x.showtimeId, seatIds: [] }), 'BAD_REQUEST', 'at least one seat'],
    ['11 seats', (x) => ({ showtimeId: x.showtimeId, seatIds: x.seatIds.slice(0, 11) }), 'BAD_REQUEST', 'at most 10'],
    [
      'the same seat twice',
      (x) => ({ showtimeId: x.showtimeId, seatIds: [x.seatIds[0], x.seatIds[0]] }),
      'BAD_REQUEST',
      'twice',
    ],
    ['a malformed seat id', (x) => ({ showtimeId: x.showtimeId, seatIds: ['seat-1'] }), 'BAD_REQUEST', 'seatIds.0'],
    [
      'an unknown seat id',
      (x) => ({ showtimeId: x.showtimeId, seatIds: ['01935d2e-0000-7000-8000-00000000abcd'] }),
      'BAD_REQUEST',
      'not in this screen',
    ],
    [
      'a seat of another screen',
      (x) => ({ showtimeId: x.showtimeId, seatIds: [x.foreign] }),
      'BAD_REQUEST',
      'not in this screen',
    ],
    [
      'a blocked seat',
      (x) => ({ showtimeId: x.showtimeId, seatIds: [x.seatIds[5], x.blocked] }),
      'CONFLICT',
      'not available',
    ],
    [
      'an unknown showtime',
      (x) => ({ showtimeId: '01935d2e-0000-7000-8000-00000000abcd', seatIds: [x.seatIds[0]] }),
      'NOT_FOUND',
      'could not be found',
    ],
  ];

  it.each(cases)('%s', async (_name, input, code, message) => {
    const { showtime, seatIds, seats } = await futureShowtime(ctx.prisma);
    const foreign = await ctx.prisma.seat.findFirstOrThrow({ where: { screen: { name: 'Audi 1' } } });
    const blocked = seats[20]!.id;
    await ctx.prisma.seatBlock.create({ data: { showtimeId: showtime.id, seatId: blocked, reason: 'broken' } });
    const before = await writes();
    const err = await refusal(
      createCustomerClient(server.url).holds.create.mutate(
        input({ showtimeId: showtime.id, seatIds, foreign: foreign.id, blocked }) as never,
      ),
    );
    expect(err.data.code).toBe(code);
    expect(err.message).toContain(message);
    expect(await writes()).toEqual(before);
    if (code === 'CONFLICT') expect(err.data.takenSeatIds).toEqual([blocked]);
  });

  it.each([
    ['a show that started', { startsInMinutes: -5 }, 'HOLD_SHOW_STARTED'],
    ['a cancelled show', { cancelled: true }, 'HOLD_SHOW_CANCELLED'],
    ['a show not on sale', { onSale: false }, 'HOLD_SHOW_NOT_ON_SALE'],
  ] as const)('%s', async (_name, opts, appCode) => {
    const { showtime, seatIds } = await futureShowtime(ctx.prisma, opts);
    const before = await writes();
    const err = await refusal(
      createCustomerClient(server.url).holds.create.mutate({ showtimeId: showtime.id, seatIds: [seatIds[0]!] }),
    );
    expect(err.data).toMatchObject({ code: 'PRECONDITION_FAILED', appCode });
    expect(await writes()).toEqual(before);
  });

  it('limits how fast one holder may hold', async () => {
    const { showtime, seatIds } = await futureShowtime(ctx.prisma);
    const customer = createCustomerClient(server.url);
    const results = [];
    for (let i = 0; i < 32; i++) {
      results.push(
        await customer.holds.create.mutate({ showtimeId: showtime.id, seatIds: [seatIds[i % 10]!] }).then(
          () => 'ok',
          (e: TRPCClientError<never>) => (e.data as unknown as TRefusalData).code,
        ),
      );
    }
    expect(results.filter((r) => r === 'ok')).toHaveLength(30);
    expect(results.slice(30)).toEqual(['TOO_MANY_REQUESTS', 'TOO_MANY_REQUESTS']);
  });
});

describe('holds.release', () => {
  it('frees the seats at once and is idempotent', async () => {
    const { showtime, seatIds } = await futureShowtime(ctx.prisma);
    const customer = createCustomerClient(server.url);
    const hold = await customer.holds.create.mutate({ showtimeId: showtime.id, seatIds: seatIds.slice(0, 2) });
    expect(await customer.holds.release.mutate({ bookingId: hold.bookingId })).toEqual({
      bookingId: hold.bookingId,
      status: 'CANCELLED',
    });
    expect(await customer.holds.release.mutate({ bookingId: hold.bookingId })).toEqual({
      bookingId: hold.bookingId,
      status: 'CANCELLED',
    });
    expect(await readSeatOwners(ctx.redis, showtime.id, seatIds.slice(0, 2))).toEqual([null, null]);
    const map = await customer.catalog.seatMap.query({ showtimeId: showtime.id });
    expect(map.seats.every((s) => s.state === 'available')).toBe(true);
    await createCustomerClient(server.url).holds.create.mutate({
      showtimeId: showtime.id,
      seatIds: seatIds.slice(0, 2),
    });
  });

  it('answers NOT_FOUND for someone else’s booking and changes nothing', async () => {
    const { showtime, seatIds } = await futureShowtime(ctx.prisma);
    const owner = createCustomerClient(server.url);
    const hold = await owner.holds.create.mutate({ showtimeId: showtime.id, seatIds: [seatIds[0]!] });
    const before = await writes();
    for (const stranger of [
      createCustomerClient(server.url),
      createCustomerClient(server.url, { kioskToken: seeded.kiosks[1]!.token }),
    ]) {
      const err = await refusal(stranger.holds.release.mutate({ bookingId: hold.bookingId }));
      expect(err.data).toMatchObject({ code: 'NOT_FOUND', appCode: 'BOOKING_NOT_FOUND' });
    }
    expect(await writes()).toEqual(before);
    expect((await ctx.prisma.booking.findUniqueOrThrow({ where: { id: hold.bookingId } })).status).toBe('PENDING');
  });
});
