// The cinema's seat rules as customers meet them at holds.create (over HTTP): no stranded single
// seat, companion seats only with their wheelchair space.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCustomerClient } from '../test/customer-client';
import { futureShowtime, seedCinema } from '../test/fixtures';
import { refusal } from '../test/refusal';
import { createTestContext, type TTestContext } from '../test/test-context';
import { startTestServer, type TTestServer } from '../test/test-server';

let ctx: TTestContext;
let server: TTestServer;

beforeAll(async () => {
  ctx = await createTestContext({ HOLDS_PER_MINUTE: '100000' });
  await seedCinema(ctx.prisma);
  server = await startTestServer(ctx);
});
afterAll(async () => {
  await server?.close();
  await ctx?.close();
});

async function showWithRow(rowName: string) {
  const { showtime, seats } = await futureShowtime(ctx.prisma);
  const row = seats.filter((s) => s.row === rowName).sort((a, b) => a.x - b.x);
  const seat = (label: string) => seats.find((s) => s.label === label)!.id;
  return { showtime, row, seat };
}

describe('seat rules at holds.create', () => {
  it('refuses a selection that strands one seat, says which, and holds nothing', async () => {
    const { showtime, seat } = await showWithRow('D');
    const customer = createCustomerClient(server.url);
    // D1..D6 | aisle | D7..D12: picking D2 and D3 leaves D1 alone against the wall.
    const err = await refusal(
      customer.holds.create.mutate({ showtimeId: showtime.id, seatIds: [seat('D2'), seat('D3')] }),
    );
    expect(err).toMatchObject({
      message: 'That would leave seat D1 empty on its own. Pick it too, or choose seats next to each other.',
      data: { code: 'BAD_REQUEST', appCode: 'HOLD_SEAT_GAP', ruleSeatIds: [seat('D1')] },
    });
    expect(await ctx.prisma.booking.count({ where: { showtimeId: showtime.id } })).toBe(0);
    await expect(
      customer.holds.create.mutate({ showtimeId: showtime.id, seatIds: [seat('D1'), seat('D2'), seat('D3')] }),
    ).resolves.toMatchObject({ bookingId: expect.any(String) as string });
  });

  it('sells a companion seat only with its wheelchair space', async () => {
    const { showtime, seat } = await showWithRow('A');
    const customer = createCustomerClient(server.url);
    const err = await refusal(
      customer.holds.create.mutate({ showtimeId: showtime.id, seatIds: [seat('A2'), seat('A3')] }),
    );
    expect(err).toMatchObject({
      data: { appCode: 'HOLD_COMPANION_ALONE', ruleSeatIds: [seat('A2')] },
      message: expect.stringContaining('A2 is a companion seat') as string,
    });
    await expect(
      customer.holds.create.mutate({ showtimeId: showtime.id, seatIds: [seat('A1'), seat('A2')] }),
    ).resolves.toMatchObject({ bookingId: expect.any(String) as string });
  });

  it('lets a cinema turn the gap rule off', async () => {
    const cinema = await ctx.prisma.cinema.findFirstOrThrow();
    await ctx.prisma.cinema.update({ where: { id: cinema.id }, data: { noSingleSeatGap: false } });
    try {
      const { showtime, seat } = await showWithRow('D');
      await expect(
        createCustomerClient(server.url).holds.create.mutate({ showtimeId: showtime.id, seatIds: [seat('D2')] }),
      ).resolves.toBeTruthy();
    } finally {
      await ctx.prisma.cinema.update({ where: { id: cinema.id }, data: { noSingleSeatGap: true } });
    }
  });

  it('never accepts a hold that strands a single seat, and refuses only such holds (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.boolean(), { minLength: 12, maxLength: 12 }),
        fc.array(fc.nat(11), { minLength: 1, maxLength: 4 }),
        async (takenFlags, picks) => {
          const { showtime, row } = await showWithRow('E');
          const taken = row.filter((_, i) => takenFlags[i] && i % 3 !== 0); // about half the row, some always free
          if (taken.length)
            await ctx.prisma.seatBlock.createMany({
              data: taken.map((s) => ({ showtimeId: showtime.id, seatId: s.id, reason: 'property' })),
            });
          const free = row.filter((s) => !taken.includes(s));
          const pick = [...new Set(picks.map((i) => free[i % free.length]!.id))];
          const result = await createCustomerClient(server.url)
            .holds.create.mutate({ showtimeId: showtime.id, seatIds: pick })
            .then(
              () => 'held' as const,
              (err: { data?: { appCode?: string } }) => err.data?.appCode,
            );
          // The row after the hold, read back from the seat map, judged plainly: a free seat boxed in
          // (taken seat, aisle or wall on both sides) next to a seat of this hold is stranded.
          const map = await createCustomerClient(server.url).catalog.seatMap.query({ showtimeId: showtime.id });
          const states = new Map(map.seats.filter((s) => s.row === 'E').map((s) => [s.x, s]));
          const cell = (x: number) => {
            const s = states.get(x);
            if (!s) return '|';
            if (pick.includes(s.id)) return 'S';
            return s.state === 'available' ? '.' : 'T';
          };
          const xs = row.map((s) => s.x);
          const stranded = xs.some(
            (x) =>
              cell(x) === '.' &&
              /[|TS]/.test(cell(x - 1)) &&
              /[|TS]/.test(cell(x + 1)) &&
              (cell(x - 1) === 'S' || cell(x + 1) === 'S'),
          );
          if (result === 'held') expect(stranded).toBe(false);
          else expect([result, stranded]).toEqual(['HOLD_SEAT_GAP', true]);
        },
      ),
      { numRuns: 40 },
    );
  }, 60_000);
});
