// Holds read and written in batches (db/group-batches.ts): every hold of a batch is judged on its own.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { isUniqueViolation } from '../errors/unique-violation';
import { metrics } from '../metrics/metrics';
import { futureShowtime, seedCinema } from '../test/fixtures';
import { createTestContext, type TTestContext } from '../test/test-context';
import { writeHold, type TNewHold } from './insert-hold';
import { loadHoldContext } from './load-hold-context';

let ctx: TTestContext;

beforeAll(async () => {
  ctx = await createTestContext();
  await seedCinema(ctx.prisma);
});
afterAll(async () => {
  await ctx.close();
});

type TShow = Awaited<ReturnType<typeof futureShowtime>>;

let codes = 0;
function newHold(showtimeId: string, seatIds: string[], holder = `web:${randomUUID()}`): TNewHold {
  const now = new Date();
  return {
    bookingId: randomUUID(),
    code: `B${String(codes++).padStart(5, '0')}`,
    showtimeId,
    channel: 'WEB',
    holder,
    kioskId: null,
    amountPaise: 20_000 * seatIds.length,
    feePaise: 0,
    expiresAt: new Date(now.getTime() + 60_000),
    lines: seatIds.map((seatId) => ({ seatId, pricePaise: 20_000 })),
    now,
  };
}

/** Counts the statements sent through the pool whose text contains `marker` until `stop()`, which returns the count. */
function countStatements(marker: string) {
  const spy = vi.spyOn(ctx.pg, 'query');
  return {
    stop: () => {
      const n = spy.mock.calls.filter(([q]) =>
        (typeof q === 'string' ? q : (q as { text: string }).text).includes(marker),
      ).length;
      spy.mockRestore();
      return n;
    },
  };
}

/** The batch-size histogram's count (statements) and sum (holds) for one statement. */
async function batchSizeCount(statement: 'read' | 'write') {
  const { values } = await metrics.holdBatchSize.get();
  const of = (name: string) =>
    values.find((v) => v.metricName === name && v.labels.statement === statement)?.value ?? 0;
  return { batches: of('marquee_hold_batch_size_count'), holds: of('marquee_hold_batch_size_sum') };
}

async function versionOf(showtimeId: string) {
  return (await ctx.prisma.showtime.findUniqueOrThrow({ where: { id: showtimeId } })).seatVersion;
}

async function bookingState(id: string) {
  const booking = await ctx.prisma.booking.findUnique({ where: { id }, include: { seats: true } });
  return booking && { status: booking.status, active: booking.seats.map((s) => s.active) };
}

describe('holds written in batches', () => {
  it('writes the holds of one moment in one statement: a refused hold is undone alone, the others stand, each show’s version moves once per hold, in order', async () => {
    const a = await futureShowtime(ctx.prisma);
    const b = await futureShowtime(ctx.prisma);
    const taken = newHold(b.showtime.id, [b.seatIds[0]!]);
    const previousX = newHold(a.showtime.id, [a.seatIds[5]!], 'web:x');
    const previousY = newHold(a.showtime.id, [a.seatIds[9]!], 'web:y');
    for (const h of [taken, previousX, previousY]) await writeHold(ctx.pg, null, h);
    const [versionA, versionB] = [await versionOf(a.showtime.id), await versionOf(b.showtime.id)];

    const batch: [string | null, TNewHold][] = [
      [null, newHold(a.showtime.id, [a.seatIds[1]!])],
      [null, newHold(b.showtime.id, [b.seatIds[1]!])],
      [null, newHold(a.showtime.id, [a.seatIds[2]!, a.seatIds[3]!])],
      [null, newHold(a.showtime.id, [a.seatIds[3]!])], // taken by the hold before it, in the same batch
      [null, newHold(b.showtime.id, [b.seatIds[0]!])], // taken before the batch
      [previousX.bookingId, newHold(a.showtime.id, [a.seatIds[5]!, a.seatIds[6]!], 'web:x')], // replaces x's hold, keeping its seat
      [previousY.bookingId, newHold(a.showtime.id, [a.seatIds[2]!], 'web:y')], // refused: y keeps the previous hold
    ];
    const statements = countStatements('marquee_write_holds');
    const batchSizes = await batchSizeCount('write');
    const results = await Promise.allSettled(batch.map(([previous, h]) => writeHold(ctx.pg, previous, h)));
    expect(statements.stop()).toBe(1);
    expect(await batchSizeCount('write')).toEqual({ batches: batchSizes.batches + 1, holds: batchSizes.holds + 7 });
    const refused = [3, 4, 6];
    results.forEach((r, i) => {
      if (!refused.includes(i)) return expect(r.status).toBe('fulfilled');
      expect(r.status).toBe('rejected');
      const err = (r as PromiseRejectedResult).reason as { code: string; constraint: string };
      expect(isUniqueViolation(err)).toBe(true);
      expect(err).toMatchObject({ code: '23505', constraint: 'BookingSeat_active_seat_key' });
    });
    const versions = results.map((r) => (r.status === 'fulfilled' ? r.value : null));
    expect(versions).toEqual([versionA + 1, versionB + 1, versionA + 2, null, null, versionA + 3, null]);
    expect([await versionOf(a.showtime.id), await versionOf(b.showtime.id)]).toEqual([versionA + 3, versionB + 1]);

    const states = await Promise.all(batch.map(([, h]) => bookingState(h.bookingId)));
    expect(states).toEqual([
      { status: 'PENDING', active: [true] },
      { status: 'PENDING', active: [true] },
      { status: 'PENDING', active: [true, true] },
      null,
      null,
      { status: 'PENDING', active: [true, true] },
      null,
    ]);
    expect(await bookingState(previousX.bookingId)).toEqual({ status: 'CANCELLED', active: [false] });
    expect(await bookingState(previousY.bookingId)).toEqual({ status: 'PENDING', active: [true] });
    expect(await bookingState(taken.bookingId)).toEqual({ status: 'PENDING', active: [true] });
  });

  it('writes the batch again when Postgres breaks a deadlock by aborting it, and writes it once', async () => {
    // a's id sorts first, so the batch locks it first.
    const [a, b] = [await futureShowtime(ctx.prisma), await futureShowtime(ctx.prisma)].sort((x, y) =>
      x.showtime.id < y.showtime.id ? -1 : 1,
    ) as [TShow, TShow];
    const holds = [newHold(a.showtime.id, [a.seatIds[0]!]), newHold(b.showtime.id, [b.seatIds[0]!])];
    const other = await ctx.pg.connect();
    try {
      // Another transaction locks b; the batch locks a and waits for b; that transaction then waits for a.
      await other.query('BEGIN');
      await other.query(`UPDATE "Showtime" SET "updatedAt" = now() WHERE id = $1`, [b.showtime.id]);
      const written = Promise.all(holds.map((h) => writeHold(ctx.pg, null, h)));
      await vi.waitFor(async () => {
        const { rows } = await ctx.pg.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE '%marquee_write_holds%'`,
        );
        expect(rows[0]!.n).toBe(1);
      });
      // Postgres finds the circle after deadlock_timeout in the batch's backend (it waited first) and aborts the batch.
      await other.query(`UPDATE "Showtime" SET "updatedAt" = now() WHERE id = $1`, [a.showtime.id]);
      await other.query('COMMIT');
      const versions = await written;
      expect(versions).toEqual([await versionOf(a.showtime.id), await versionOf(b.showtime.id)]);
    } finally {
      other.release();
    }
    expect(await ctx.prisma.booking.count({ where: { id: { in: holds.map((h) => h.bookingId) } } })).toBe(2);
    expect(await ctx.prisma.bookingSeat.count({ where: { bookingId: { in: holds.map((h) => h.bookingId) } } })).toBe(2);
  });
});

describe('hold contexts read in batches', () => {
  it('reads the contexts of one moment in one statement, each request its own (an unknown showtime gets none)', async () => {
    const a = await futureShowtime(ctx.prisma);
    const b = await futureShowtime(ctx.prisma);
    const open = newHold(a.showtime.id, [a.seatIds[3]!], 'web:reader');
    await writeHold(ctx.pg, null, open);
    await ctx.prisma.seatBlock.create({ data: { showtimeId: b.showtime.id, seatId: b.seatIds[4]!, reason: 'broken' } });
    const now = new Date();
    const read = (showtimeId: string, seatIds: string[], holderKey: string) =>
      loadHoldContext(ctx.pg, { showtimeId, seatIds, holderKey, now });
    // The layouts are kept from the first read on; the statement counted is the batch's.
    await Promise.all([
      read(a.showtime.id, [a.seatIds[0]!], 'web:warm'),
      read(b.showtime.id, [b.seatIds[0]!], 'web:warm'),
    ]);

    const statements = countStatements('unnest($1::uuid[], $2::text[]');
    const [forReader, forOther, forB, unknown, odd] = await Promise.all([
      read(a.showtime.id, [a.seatIds[3]!, a.seatIds[4]!], 'web:reader'),
      read(a.showtime.id, [a.seatIds[4]!], 'web:other'),
      read(b.showtime.id, [b.seatIds[4]!, b.seatIds[5]!], 'web:reader'),
      read(randomUUID(), [a.seatIds[0]!], 'web:reader'),
      // Not a seat id (the API refuses it before, this is the last line): it names no seat, and it neither fails the batch nor smuggles one in.
      read(b.showtime.id, [`${b.seatIds[4]!},${b.seatIds[5]!}`, '}'], 'web:odd'),
    ]);
    expect(statements.stop()).toBe(1);
    expect(forReader).toMatchObject({
      id: a.showtime.id,
      blockedSeatIds: [],
      previous: { id: open.bookingId, seatIds: [a.seatIds[3]] },
      hasOverdue: false,
    });
    expect(forReader!.seats.map((s) => s.id)).toEqual([a.seatIds[3], a.seatIds[4]]);
    expect(forOther).toMatchObject({ id: a.showtime.id, blockedSeatIds: [], previous: null });
    // The gap rule sees the reader's seat as taken for anyone else, and free for the reader (it would be replaced).
    expect(forOther!.ruleSeats.find((s) => s.id === a.seatIds[3])?.taken).toBe(true);
    expect(forReader!.ruleSeats.find((s) => s.id === a.seatIds[3])?.taken).toBe(false);
    expect(forB).toMatchObject({ id: b.showtime.id, blockedSeatIds: [b.seatIds[4]], previous: null });
    expect(unknown).toBeNull();
    expect(odd).toMatchObject({ id: b.showtime.id, blockedSeatIds: [], seats: [] });
  });
});
