// A show's prices change until its first sale: before any seat is held or sold the change is saved,
// audited, and customers' seat maps (kept per seat version) show it; after, it is refused and nothing
// changes. A price GST cannot carry is refused like everywhere else.
import type { TSandbox } from '@marquee/razorpay-sandbox';
import type { TCatalogChangeEvent } from '@marquee/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCustomerClient } from '../test/customer-client';
import { eventually } from '../test/eventually';
import { futureShowtime, seedCinema } from '../test/fixtures';
import { streamLive } from '../test/live';
import { holdAndPay } from '../test/pay';
import { startPaymentSandbox, TEST_RAZORPAY } from '../test/payment-sandbox';
import { refusal } from '../test/refusal';
import { signedInStaff } from '../test/staff-client';
import { createTestContext, type TTestContext } from '../test/test-context';
import { startTestServer, type TTestServer } from '../test/test-server';

let sandbox: TSandbox & { url: string };
let ctx: TTestContext;
let server: TTestServer;
let cinemaId: string;
let manager: Awaited<ReturnType<typeof signedInStaff>>;

beforeAll(async () => {
  sandbox = await startPaymentSandbox();
  ctx = await createTestContext({ ...TEST_RAZORPAY, RAZORPAY_API_URL: sandbox.url, HOLDS_PER_MINUTE: '100000' });
  ({ cinemaId } = await seedCinema(ctx.prisma));
  server = await startTestServer(ctx);
  sandbox.setWebhookUrl(`${server.url}/webhooks/razorpay`);
  manager = await signedInStaff(ctx, server.url, { cinemaId, role: 'MANAGER' });
});
afterAll(async () => {
  await server?.close();
  await sandbox?.app.close();
  await ctx?.close();
});

const pricesOf = async (showtimeId: string) =>
  Object.fromEntries(
    (await ctx.prisma.showtimePrice.findMany({ where: { showtimeId } })).map((p) => [p.seatType, p.pricePaise]),
  );
const standardOnMap = async (showtimeId: string) =>
  (await createCustomerClient(server.url).catalog.seatMap.query({ showtimeId })).prices.find(
    (p) => p.seatType === 'STANDARD',
  )?.pricePaise;
const showOf = async (showtimeId: string, startsAt: Date) => {
  const date = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Kolkata' }).format(startsAt);
  return (await manager.client.programme.shows.query({ date })).find((s) => s.id === showtimeId)!;
};

describe('changing a show’s prices', () => {
  it('saves a change before the first sale: audited, and the seat map customers load shows it at once', async () => {
    const { showtime } = await futureShowtime(ctx.prisma);
    expect(await standardOnMap(showtime.id)).toBe(20_000); // the map is now kept for this seat version
    expect(await showOf(showtime.id, showtime.startsAt)).toMatchObject({
      pricesEditable: true,
      prices: { STANDARD: 20_000, PREMIUM: 30_000 },
    });
    const events: TCatalogChangeEvent[] = [];
    const sub = createCustomerClient(server.url).catalog.onChange.subscribe(undefined, {
      onData: (e) => events.push(e),
    });
    await streamLive(ctx.catalogEvents, 'all');
    try {
      const result = await manager.client.programme.setShowPrices.mutate({
        showtimeId: showtime.id,
        prices: { STANDARD: 25_000, PREMIUM: 35_000 },
      });
      expect(result.prices).toEqual({
        STANDARD: 25_000,
        PREMIUM: 35_000,
        RECLINER: 50_000,
        WHEELCHAIR: 20_000,
        COMPANION: 20_000,
      });
      expect(await pricesOf(showtime.id)).toEqual(result.prices);
      expect(await standardOnMap(showtime.id)).toBe(25_000);
      await eventually(
        () => events,
        (e) => e.some((x) => x.showtimeId === showtime.id && x.change === 'updated'),
        3000,
      );
    } finally {
      sub.unsubscribe();
    }
    const audit = await ctx.prisma.auditLog.findFirstOrThrow({
      where: { action: 'showtime.prices', entityId: showtime.id },
    });
    expect(audit).toMatchObject({
      actorUserId: manager.user.id,
      data: { before: { STANDARD: 20_000, PREMIUM: 30_000 }, after: { STANDARD: 25_000, PREMIUM: 35_000 } },
    });
    // A customer holding now pays the new price.
    const seat = await ctx.prisma.seat.findFirstOrThrow({ where: { screenId: showtime.screenId, type: 'STANDARD' } });
    const hold = await createCustomerClient(server.url).holds.create.mutate({
      showtimeId: showtime.id,
      seatIds: [seat.id],
    });
    expect((await ctx.prisma.bookingSeat.findFirstOrThrow({ where: { bookingId: hold.bookingId } })).pricePaise).toBe(
      25_000,
    );
  });

  it('refuses after the first sale, saying why, and changes nothing', async () => {
    const { showtime, seats } = await futureShowtime(ctx.prisma);
    const seat = seats.find((s) => s.type === 'STANDARD')!;
    await holdAndPay(createCustomerClient(server.url), sandbox.url, { showtimeId: showtime.id, seatIds: [seat.id] });
    const version = (await ctx.prisma.showtime.findUniqueOrThrow({ where: { id: showtime.id } })).seatVersion;
    const err = await refusal(
      manager.client.programme.setShowPrices.mutate({ showtimeId: showtime.id, prices: { STANDARD: 15_000 } }),
    );
    expect(err.message).toBe(
      'Tickets for this show have been sold (1 booking), so its prices stay as they were sold. Prices can be changed only before the first sale.',
    );
    expect((await pricesOf(showtime.id)).STANDARD).toBe(20_000);
    expect((await ctx.prisma.showtime.findUniqueOrThrow({ where: { id: showtime.id } })).seatVersion).toBe(version);
    expect(await ctx.prisma.auditLog.count({ where: { action: 'showtime.prices', entityId: showtime.id } })).toBe(0);
    expect((await showOf(showtime.id, showtime.startsAt)).pricesEditable).toBe(false);
  });

  it('refuses while a customer holds seats at the current prices (they were shown them), and changes nothing', async () => {
    const { showtime, seats } = await futureShowtime(ctx.prisma);
    const seat = seats.find((s) => s.type === 'STANDARD')!;
    await createCustomerClient(server.url).holds.create.mutate({ showtimeId: showtime.id, seatIds: [seat.id] });
    const err = await refusal(
      manager.client.programme.setShowPrices.mutate({ showtimeId: showtime.id, prices: { STANDARD: 15_000 } }),
    );
    expect(err.message).toContain('A customer is choosing or paying for seats at the current prices');
    expect((await pricesOf(showtime.id)).STANDARD).toBe(20_000);
    expect((await showOf(showtime.id, showtime.startsAt)).pricesEditable).toBe(false);
  });

  it('refuses a price no GST slab can carry, on the field, and changes nothing', async () => {
    const { showtime } = await futureShowtime(ctx.prisma);
    const err = await refusal(
      manager.client.programme.setShowPrices.mutate({ showtimeId: showtime.id, prices: { STANDARD: 11_000 } }),
    );
    expect(err.message).toMatch(/^The standard price: /);
    expect(err.data.fieldErrors).toHaveProperty(['prices.STANDARD']);
    expect((await pricesOf(showtime.id)).STANDARD).toBe(20_000);
  });

  it('refuses a seat type the show does not price, a cancelled or started show, and another cinema’s show', async () => {
    const { showtime } = await futureShowtime(ctx.prisma);
    await ctx.prisma.showtimePrice.delete({
      where: { showtimeId_seatType: { showtimeId: showtime.id, seatType: 'RECLINER' } },
    });
    expect(
      await refusal(
        manager.client.programme.setShowPrices.mutate({ showtimeId: showtime.id, prices: { RECLINER: 40_000 } }),
      ),
    ).toMatchObject({
      message: 'This show sells no recliner seats: change the prices it has.',
      data: { fieldErrors: { 'prices.RECLINER': 'this show has no such seats' } },
    });
    const cancelled = (await futureShowtime(ctx.prisma, { cancelled: true })).showtime;
    expect(
      await refusal(
        manager.client.programme.setShowPrices.mutate({ showtimeId: cancelled.id, prices: { STANDARD: 15_000 } }),
      ),
    ).toMatchObject({ message: 'This show is cancelled: its prices can no longer be changed.' });
    const started = (await futureShowtime(ctx.prisma, { startsInMinutes: -5 })).showtime;
    expect(
      await refusal(
        manager.client.programme.setShowPrices.mutate({ showtimeId: started.id, prices: { STANDARD: 15_000 } }),
      ),
    ).toMatchObject({ message: 'This show has started: its prices can no longer be changed.' });
    const elsewhere = await ctx.prisma.cinema.create({
      data: { slug: 'prices-elsewhere', name: 'Elsewhere', city: 'Pune' },
    });
    const stranger = await signedInStaff(ctx, server.url, { cinemaId: elsewhere.id, role: 'MANAGER' });
    expect(
      await refusal(
        stranger.client.programme.setShowPrices.mutate({ showtimeId: showtime.id, prices: { STANDARD: 15_000 } }),
      ),
    ).toMatchObject({ data: { code: 'NOT_FOUND' } });
    const door = await signedInStaff(ctx, server.url, { cinemaId, role: 'STAFF' });
    expect(
      await refusal(
        door.client.programme.setShowPrices.mutate({ showtimeId: showtime.id, prices: { STANDARD: 15_000 } }),
      ),
    ).toMatchObject({ data: { code: 'FORBIDDEN' } });
    for (const id of [showtime.id, cancelled.id, started.id]) expect((await pricesOf(id)).STANDARD).toBe(20_000);
  });
});
