// Prices GST cannot carry, over HTTP: refused in templates and schedules with the nearest prices
// that can be charged, nothing saved; those already saved are reported to the dashboard.
import { cinemaDate } from '@marquee/shared';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedCinema } from '../test/fixtures';
import { refusal } from '../test/refusal';
import { signedInStaff } from '../test/staff-client';
import { createTestContext, type TTestContext } from '../test/test-context';
import { startTestServer, type TTestServer } from '../test/test-server';

let ctx: TTestContext;
let server: TTestServer;
let cinemaId: string;
let manager: Awaited<ReturnType<typeof signedInStaff>>;

beforeAll(async () => {
  ctx = await createTestContext();
  ({ cinemaId } = await seedCinema(ctx.prisma));
  server = await startTestServer(ctx);
  manager = await signedInStaff(ctx, server.url, { cinemaId, role: 'MANAGER' });
});
afterAll(async () => {
  await server?.close();
  await ctx?.close();
});

const GAP_MESSAGE =
  'fits no GST slab: a ticket up to ₹100.00 before tax carries 5 %, one above it 18 %, so prices from ₹105.01 to ₹118.00 cannot be charged. The nearest prices that can are ₹105.00 and ₹118.01.';
/** Two weeks ahead, on the cinema's clock: clear of the demo programme's seven days. */
const dayAhead = (days: number) => cinemaDate(new Date(Date.now() + days * 86_400_000), 'Asia/Kolkata');

async function counts() {
  return {
    templates: await ctx.prisma.priceTemplate.count(),
    shows: await ctx.prisma.showtime.count(),
    audits: await ctx.prisma.auditLog.count(),
  };
}

describe('prices no GST slab can carry', () => {
  it('the demo cinema has none', async () => {
    expect(await manager.client.programme.unchargeablePrices.query()).toEqual([]);
  });

  it('a template with one is refused, naming the nearest prices that can be charged, and nothing is saved', async () => {
    const before = await counts();
    const err = await refusal(
      manager.client.programme.savePriceTemplate.mutate({
        name: 'Matinee',
        prices: { STANDARD: 110_00, PREMIUM: 150_00 },
      }),
    );
    expect(err.message).toBe(`The standard price: ₹110.00 ${GAP_MESSAGE}`);
    expect(err.data).toMatchObject({
      code: 'BAD_REQUEST',
      appCode: 'INPUT_INVALID',
      fieldErrors: { 'prices.STANDARD': `₹110.00 ${GAP_MESSAGE}` },
    });
    expect(await counts()).toEqual(before);
  });

  it('any price from ₹105.01 to ₹118.00 is refused and any other is taken', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 100_00, max: 125_00 }), async (price) => {
        const name = `Try ${++run} at ${price}`;
        const call = manager.client.programme.savePriceTemplate.mutate({ name, prices: { RECLINER: price } });
        if (price >= 105_01 && price <= 118_00) {
          expect((await refusal(call)).message).toMatch(/The nearest prices that can are ₹105.00 and ₹118.01/);
          expect(await ctx.prisma.priceTemplate.count({ where: { name } })).toBe(0);
        } else {
          expect((await call).id).toMatch(/^[0-9a-f-]{36}$/);
        }
      }),
      { numRuns: 40 },
    );
  });

  it('a schedule with one is refused and creates no show', async () => {
    const movie = await ctx.prisma.movie.findFirstOrThrow();
    const screen = await ctx.prisma.screen.findFirstOrThrow({ where: { cinemaId } });
    const before = await counts();
    const err = await refusal(
      manager.client.programme.schedule.mutate({
        movieId: movie.id,
        screenId: screen.id,
        dates: [dayAhead(20)],
        times: ['10:00'],
        prices: { STANDARD: 99_00, PREMIUM: 118_00, RECLINER: 106_00 },
      }),
    );
    expect(err.message).toBe(`The premium price: ₹118.00 ${GAP_MESSAGE} (1 more price too.)`);
    expect(Object.keys(err.data.fieldErrors!)).toEqual(['prices.PREMIUM', 'prices.RECLINER']);
    expect(await counts()).toEqual(before);
  });

  it('a template saved before such prices were refused is reported, and refused when scheduled from', async () => {
    const old = await ctx.prisma.priceTemplate.create({
      data: { cinemaId, name: 'Old matinee', prices: { STANDARD: 112_00, PREMIUM: 150_00 } },
    });
    const movie = await ctx.prisma.movie.findFirstOrThrow();
    const screen = await ctx.prisma.screen.findFirstOrThrow({ where: { cinemaId } });
    const before = await counts();
    const err = await refusal(
      manager.client.programme.schedule.mutate({
        movieId: movie.id,
        screenId: screen.id,
        dates: [dayAhead(21)],
        times: ['10:00'],
        templateId: old.id,
      }),
    );
    expect(err.message).toBe(`The standard price in template "Old matinee": ₹112.00 ${GAP_MESSAGE}`);
    expect(await counts()).toEqual(before);
    expect(await manager.client.programme.unchargeablePrices.query()).toContainEqual({
      seatType: 'STANDARD',
      pricePaise: 112_00,
      problem: `₹112.00 ${GAP_MESSAGE}`,
      template: { id: old.id, name: 'Old matinee' },
      show: null,
    });
    await ctx.prisma.priceTemplate.delete({ where: { id: old.id } });
  });

  it('reports upcoming shows with such a price, not past or cancelled ones', async () => {
    const screen = await ctx.prisma.screen.findFirstOrThrow({
      where: { cinemaId },
      include: { showtimes: { where: { startsAt: { gt: new Date() } }, take: 1, include: { movie: true } } },
    });
    const upcoming = screen.showtimes[0]!;
    await ctx.prisma.showtimePrice.update({
      where: { showtimeId_seatType: { showtimeId: upcoming.id, seatType: 'STANDARD' } },
      data: { pricePaise: 110_00 },
    });
    const movie = upcoming.movie;
    const past = await ctx.prisma.showtime.create({
      data: {
        movieId: movie.id,
        screenId: screen.id,
        startsAt: new Date(Date.now() - 86_400_000 * 30),
        endsAt: new Date(Date.now() - 86_400_000 * 30 + 3_600_000),
        prices: { create: [{ seatType: 'STANDARD', pricePaise: 110_00 }] },
      },
    });
    const cancelled = await ctx.prisma.showtime.create({
      data: {
        movieId: movie.id,
        screenId: screen.id,
        startsAt: new Date(Date.now() + 86_400_000 * 30),
        endsAt: new Date(Date.now() + 86_400_000 * 30 + 3_600_000),
        cancelled: true,
        prices: { create: [{ seatType: 'STANDARD', pricePaise: 110_00 }] },
      },
    });

    const found = await manager.client.programme.unchargeablePrices.query();
    expect(found).toEqual([
      {
        seatType: 'STANDARD',
        pricePaise: 110_00,
        problem: `₹110.00 ${GAP_MESSAGE}`,
        template: null,
        show: {
          id: upcoming.id,
          movieTitle: movie.title,
          screenName: screen.name,
          startsAt: upcoming.startsAt.toISOString(),
        },
      },
    ]);
    expect(found.map((f) => f.show?.id)).not.toContain(past.id);
    expect(found.map((f) => f.show?.id)).not.toContain(cancelled.id);
  });

  it('is for managers only', async () => {
    const door = await signedInStaff(ctx, server.url, { cinemaId, role: 'STAFF' });
    expect((await refusal(door.client.programme.unchargeablePrices.query())).data.code).toBe('FORBIDDEN');
  });
});
