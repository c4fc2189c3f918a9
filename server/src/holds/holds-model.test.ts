// Random sequences of create / release / expire against a model where a seat has at most one owner.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { THolder } from '../auth/holder';
import { AppError } from '../errors/app-error';
import { futureShowtime, seedCinema } from '../test/fixtures';
import { createTestContext, type TTestContext } from '../test/test-context';
import { createHold } from './create-hold';
import { expireOverdueBookings } from './expire-bookings';
import { readSeatOwners } from '../seat-keys/redis-holds';
import { releaseHold } from './release-hold';

let ctx: TTestContext;
beforeAll(async () => {
  ctx = await createTestContext();
  await seedCinema(ctx.prisma);
  // Arbitrary seat picks: the seat rules (tested in seat-rules.test.ts) would refuse many of them.
  await ctx.prisma.cinema.updateMany({ data: { noSingleSeatGap: false } });
  await ctx.prisma.seat.updateMany({ where: { type: 'COMPANION' }, data: { type: 'STANDARD', companionOfId: null } });
});
afterAll(() => ctx.close());

const SEATS = 6;
const HOLDERS = 3;

type TOp =
  | { kind: 'create'; holder: number; seats: number[] }
  | { kind: 'release'; holder: number }
  | { kind: 'expire'; holder: number };

const opArb: fc.Arbitrary<TOp> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('create' as const),
      holder: fc.nat(HOLDERS - 1),
      seats: fc.uniqueArray(fc.nat(SEATS - 1), { minLength: 1, maxLength: 3 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('release' as const), holder: fc.nat(HOLDERS - 1) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('expire' as const), holder: fc.nat(HOLDERS - 1) }) },
);

describe('holds against a model', () => {
  it('agree with the model after every step of any sequence', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 12 }), async (ops) => {
        const { showtime, seatIds } = await futureShowtime(ctx.prisma);
        const seats = seatIds.slice(0, SEATS);
        const holders: THolder[] = Array.from({ length: HOLDERS }, (_, i) => ({
          key: `web:model-${showtime.id}-${i}`,
          channel: 'WEB',
          kioskId: null,
          cinemaId: null,
          outOfService: false,
        }));
        const owner = new Map<number, number>(); // seat index → holder index
        const bookingOf = new Map<number, string>(); // holder index → open booking id

        for (const op of ops) {
          const holder = holders[op.holder]!;
          if (op.kind === 'create') {
            const takenByOthers = op.seats.filter((s) => owner.has(s) && owner.get(s) !== op.holder);
            const attempt = createHold(ctx, {
              holder,
              showtimeId: showtime.id,
              seatIds: op.seats.map((s) => seats[s]!),
            });
            if (takenByOthers.length) {
              const err = await attempt.then(
                () => null,
                (e: unknown) => e,
              );
              expect(err).toBeInstanceOf(AppError);
              expect((err as AppError).code).toBe('HOLD_SEAT_TAKEN');
              expect((err as AppError).data.takenSeatIds).toEqual(takenByOthers.map((s) => seats[s]));
            } else {
              const hold = await attempt;
              for (const [seat, h] of owner) if (h === op.holder) owner.delete(seat);
              for (const s of op.seats) owner.set(s, op.holder);
              bookingOf.set(op.holder, hold.bookingId);
            }
          } else if (bookingOf.has(op.holder)) {
            const bookingId = bookingOf.get(op.holder)!;
            if (op.kind === 'release') {
              expect((await releaseHold(ctx, { holder, bookingId })).status).toBe('CANCELLED');
            } else {
              await ctx.prisma.booking.update({
                where: { id: bookingId },
                data: { expiresAt: new Date(Date.now() - 1000) },
              });
              expect(await expireOverdueBookings(ctx, { bookingIds: [bookingId] }, { by: 'job' })).toEqual([bookingId]);
            }
            for (const [seat, h] of owner) if (h === op.holder) owner.delete(seat);
            bookingOf.delete(op.holder);
          }

          // Postgres and Redis both say exactly what the model says.
          const active = await ctx.prisma.bookingSeat.findMany({
            where: { showtimeId: showtime.id, active: true },
            select: { seatId: true, bookingId: true },
          });
          const expected = seats.map((_, i) => (owner.has(i) ? bookingOf.get(owner.get(i)!)! : null));
          const fromDb = seats.map((id) => active.find((a) => a.seatId === id)?.bookingId ?? null);
          expect(fromDb).toEqual(expected);
          expect(await readSeatOwners(ctx.redis, showtime.id, seats)).toEqual(expected);
        }
      }),
      { numRuns: 25 },
    );
  }, 120_000);
});
