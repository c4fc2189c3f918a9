import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { futureShowtime, seedCinema } from '../test/fixtures';
import { createTestContext, type TTestContext } from '../test/test-context';
import { loadHoldContext } from './load-hold-context';
import { showtimeLayout } from './showtime-layout';

let ctx: TTestContext;

beforeAll(async () => {
  ctx = await createTestContext();
  await seedCinema(ctx.prisma);
});
afterAll(async () => {
  await ctx.close();
});

describe('showtimeLayout', () => {
  it("gives the screen's seats, and for a selection every seat of its rows plus the wheelchair space of a companion seat", async () => {
    const { showtime, seats } = await futureShowtime(ctx.prisma);
    const layout = (await showtimeLayout(ctx.pg, showtime.id))!;
    expect(layout.screenId).toBe(showtime.screenId);
    expect([...layout.seats.keys()].sort()).toEqual(seats.map((s) => s.id).sort());

    const companion = seats.find((s) => s.type === 'COMPANION' && s.companionOfId)!;
    const wheelchair = seats.find((s) => s.id === companion.companionOfId)!;
    const other = seats.find((s) => s.y !== companion.y && s.y !== wheelchair.y)!;
    const expected = seats.filter((s) => s.y === companion.y || s.y === other.y).map((s) => s.id);
    if (wheelchair.y !== companion.y) expected.push(wheelchair.id);
    expect(layout.ruleSeatIds([companion.id, other.id, randomUUID()]).sort()).toEqual(expected.sort());
  });

  it('does not remember a show that does not exist yet', async () => {
    const { showtime } = await futureShowtime(ctx.prisma);
    const id = randomUUID();
    expect(await showtimeLayout(ctx.pg, id)).toBeNull();
    const { id: _id, seatVersion: _v, createdAt: _c, updatedAt: _u, startsAt, ...rest } = showtime;
    await ctx.prisma.showtime.create({ data: { ...rest, id, startsAt: new Date(startsAt.getTime() + 60_000) } });
    expect((await showtimeLayout(ctx.pg, id))?.screenId).toBe(showtime.screenId);
  });

  it('keeps a layout until a hold sees the screen at a newer version, then reads it again once', async () => {
    const screen = await ctx.prisma.screen.create({
      data: {
        cinemaId: (await ctx.prisma.cinema.findFirstOrThrow()).id,
        name: 'Layout test',
        seats: { create: [{ row: 'A', number: 1, label: 'A1', type: 'STANDARD', x: 0, y: 0 }] },
      },
    });
    const { showtime } = await futureShowtime(ctx.prisma);
    const show = await ctx.prisma.showtime.update({ where: { id: showtime.id }, data: { screenId: screen.id } });
    const kept = (await showtimeLayout(ctx.pg, show.id))!;
    expect(kept.seats.size).toBe(1);

    await ctx.prisma.screen.update({
      where: { id: screen.id },
      data: {
        layoutVersion: { increment: 1 },
        seats: { create: [{ row: 'A', number: 2, label: 'A2', type: 'STANDARD', x: 1, y: 0 }] },
      },
    });
    expect(await showtimeLayout(ctx.pg, show.id)).toBe(kept);
    const [a, b] = await Promise.all([
      showtimeLayout(ctx.pg, show.id, { stale: kept }),
      showtimeLayout(ctx.pg, show.id, { stale: kept }),
    ]);
    expect(a).toBe(b);
    expect(a?.version).toBe(kept.version + 1);
    expect(a?.seats.size).toBe(2);
    expect(await showtimeLayout(ctx.pg, show.id)).toBe(a);
  });

  it('gives a hold the layout of the screen its show is on now, even at the same layout version as the old one', async () => {
    const { showtime, seatIds } = await futureShowtime(ctx.prisma); // Audi 2
    const audi1 = await ctx.prisma.screen.findFirstOrThrow({ where: { name: 'Audi 1' }, include: { seats: true } });
    const read = (seatId: string) =>
      loadHoldContext(ctx.pg, {
        showtimeId: showtime.id,
        seatIds: [seatId],
        holderKey: 'web:layout-test',
        now: new Date(),
      });
    expect((await read(seatIds[0]!))?.seats).toHaveLength(1);
    await ctx.prisma.showtime.update({ where: { id: showtime.id }, data: { screenId: audi1.id } });
    const moved = await read(audi1.seats[0]!.id);
    expect(moved?.screenId).toBe(audi1.id);
    expect(moved?.seats).toEqual([{ id: audi1.seats[0]!.id, type: audi1.seats[0]!.type }]);
    expect((await read(seatIds[0]!))?.seats).toEqual([]); // an Audi 2 seat is now unknown to this show
  });
});
