// Seats blocked over a range of shows, over HTTP against the real server: a week of shows blocked
// and released as one group, a sold seat refusing the whole range, bad ranges refused, and a hold
// racing a range block.
import type { TSandbox } from '@marquee/razorpay-sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCustomerClient } from '../test/customer-client';
import { seedCinema } from '../test/fixtures';
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
let manager: Awaited<ReturnType<typeof signedInStaff>>['client'];
let screenId: string;
let seatIds: string[];
/** The first seat of each row: one held alone leaves no single empty seat beside it. */
let rowStarts: { id: string; label: string }[];

beforeAll(async () => {
  sandbox = await startPaymentSandbox();
  ctx = await createTestContext({ ...TEST_RAZORPAY, RAZORPAY_API_URL: sandbox.url });
  ({ cinemaId } = await seedCinema(ctx.prisma));
  server = await startTestServer(ctx);
  sandbox.setWebhookUrl(`${server.url}/webhooks/razorpay`);
  manager = (await signedInStaff(ctx, server.url, { cinemaId, role: 'MANAGER' })).client;
  const screen = await ctx.prisma.screen.findFirstOrThrow({ where: { name: 'Audi 2' } });
  screenId = screen.id;
  const seats = await ctx.prisma.seat.findMany({ where: { screenId }, orderBy: [{ y: 'asc' }, { x: 'asc' }] });
  seatIds = seats.map((s) => s.id);
  rowStarts = seats.filter((seat, i) => i === 0 || seats[i - 1]!.row !== seat.row);
});
afterAll(async () => {
  await server?.close();
  await sandbox?.app.close();
  await ctx?.close();
});

let nextYear = 2031;
/** Consecutive India dates of a fresh year (so each test's range has only its own shows). */
function freshDays(count: number): string[] {
  const year = nextYear++;
  return Array.from({ length: count }, (_, i) => `${year}-03-${String(10 + i).padStart(2, '0')}`);
}

/** Shows on Audi 2 at these India times ("2031-03-10T18:00"), priced and on sale. */
async function showsAt(times: string[]) {
  const movie = await ctx.prisma.movie.findFirstOrThrow({ where: { title: 'Starfall Express' } });
  const shows = [];
  for (const t of times) {
    const startsAt = new Date(`${t}:00+05:30`);
    shows.push(
      await ctx.prisma.showtime.create({
        data: {
          movieId: movie.id,
          screenId,
          startsAt,
          endsAt: new Date(startsAt.getTime() + movie.runtimeMinutes * 60_000),
          onSale: true,
          prices: {
            create: [
              { seatType: 'STANDARD', pricePaise: 20_000 },
              { seatType: 'PREMIUM', pricePaise: 30_000 },
            ],
          },
        },
      }),
    );
  }
  return shows;
}

const blocksOf = (showtimeIds: string[]) =>
  ctx.prisma.seatBlock.findMany({
    where: { showtimeId: { in: showtimeIds } },
    select: { showtimeId: true, seatId: true, reason: true, groupId: true },
  });

describe('blocking seats over a range of shows', () => {
  it('blocks the seats in every show of a week, shows the reason to staff, and releases them as one', async () => {
    const days = freshDays(9);
    // Seven days of shows, plus one the day before and one the day after that must stay untouched.
    const week = await showsAt(days.slice(1, 8).flatMap((d) => [`${d}T12:00`, `${d}T21:30`]));
    const outside = await showsAt([`${days[0]}T23:30`, `${days[8]}T00:30`]);
    // A late show on the last day (23:30 India time is the next day in UTC) is still in the range.
    const late = await showsAt([`${days[7]}T23:45`]);
    const inRange = [...week, ...late].map((s) => s.id);

    const made = await manager.seatBlocks.blockRange.mutate({
      screenId,
      seatIds: [seatIds[0]!, seatIds[1]!],
      reason: 'House seats',
      fromDate: days[1]!,
      toDate: days[7]!,
    });
    expect(made).toEqual({ groupId: expect.any(String) as string, shows: 15, blocked: 30 });
    const blocks = await blocksOf([...inRange, ...outside.map((s) => s.id)]);
    expect(blocks).toHaveLength(30);
    expect(new Set(blocks.map((b) => b.showtimeId))).toEqual(new Set(inRange));
    expect(blocks.every((b) => b.groupId === made.groupId && b.reason === 'House seats')).toBe(true);

    const customer = createCustomerClient(server.url);
    const map = await customer.catalog.seatMap.query({ showtimeId: week[3]!.id });
    expect(map.seats.find((s) => s.id === seatIds[1])?.state).toBe('blocked');
    expect(
      await refusal(customer.holds.create.mutate({ showtimeId: week[3]!.id, seatIds: [seatIds[0]!] })),
    ).toMatchObject({ data: { appCode: 'HOLD_SEAT_BLOCKED' } });
    const listed = await manager.seatBlocks.list.query({ showtimeId: week[0]!.id });
    expect(listed).toHaveLength(2);
    expect(listed[0]).toMatchObject({
      reason: 'House seats',
      groupId: made.groupId,
      group: {
        shows: 15,
        firstStartsAt: week[0]!.startsAt.toISOString(),
        lastStartsAt: late[0]!.startsAt.toISOString(),
      },
    });

    await expect(manager.seatBlocks.releaseGroup.mutate({ groupId: made.groupId })).resolves.toEqual({
      shows: 15,
      unblocked: 30,
    });
    expect(await blocksOf(inRange)).toEqual([]);
    expect(await refusal(manager.seatBlocks.releaseGroup.mutate({ groupId: made.groupId }))).toMatchObject({
      data: { appCode: 'SEAT_BLOCK_GROUP_NOT_FOUND' },
    });
    expect(
      await ctx.prisma.auditLog.findMany({
        where: { entityType: 'SeatBlockGroup', entityId: made.groupId },
        select: { action: true, data: true },
        orderBy: { createdAt: 'asc' },
      }),
    ).toMatchObject([
      { action: 'seats.block-range', data: { reason: 'House seats', fromDate: days[1], toDate: days[7], blocked: 30 } },
      { action: 'seats.release-range', data: { unblocked: 30 } },
    ]);
  });

  it('leaves a seat blocked on its own alone when the group is released', async () => {
    const days = freshDays(2);
    const shows = await showsAt([`${days[0]}T18:00`, `${days[1]}T18:00`]);
    await manager.seatBlocks.block.mutate({
      showtimeId: shows[0]!.id,
      seatIds: [seatIds[2]!],
      reason: 'broken armrest',
    });
    const made = await manager.seatBlocks.blockRange.mutate({
      screenId,
      seatIds: [seatIds[2]!, seatIds[3]!],
      reason: 'Press screening',
      fromDate: days[0]!,
      toDate: days[1]!,
    });
    expect(made).toMatchObject({ shows: 2, blocked: 3 });
    await manager.seatBlocks.releaseGroup.mutate({ groupId: made.groupId });
    expect(await blocksOf(shows.map((s) => s.id))).toEqual([
      { showtimeId: shows[0]!.id, seatId: seatIds[2], reason: 'broken armrest', groupId: null },
    ]);
  });

  it('refuses the whole range when a seat is sold in one of its shows, naming the show and seat, and writes nothing', async () => {
    const days = freshDays(3);
    const shows = await showsAt(days.map((d) => `${d}T18:00`));
    await holdAndPay(createCustomerClient(server.url), sandbox.url, {
      showtimeId: shows[1]!.id,
      seatIds: [rowStarts[1]!.id],
      email: 'sold@example.com',
    });
    const versions = await ctx.prisma.showtime.findMany({
      where: { id: { in: shows.map((s) => s.id) } },
      select: { id: true, seatVersion: true },
    });
    const refused = await refusal(
      manager.seatBlocks.blockRange.mutate({
        screenId,
        seatIds: [rowStarts[1]!.id, seatIds[5]!],
        reason: 'House seats',
        fromDate: days[0]!,
        toDate: days[2]!,
      }),
    );
    expect(refused).toMatchObject({
      data: { code: 'CONFLICT', appCode: 'HOLD_SEAT_TAKEN', takenSeatIds: [rowStarts[1]!.id] },
    });
    expect(refused.message).toContain(`${rowStarts[1]!.label} is held or sold for the`);
    expect(refused.message).toContain('6:00 pm show');
    expect(refused.message).toContain('Nothing was blocked');
    expect(await blocksOf(shows.map((s) => s.id))).toEqual([]);
    expect(
      await ctx.prisma.showtime.findMany({
        where: { id: { in: shows.map((s) => s.id) } },
        select: { id: true, seatVersion: true },
      }),
    ).toEqual(versions);
    expect(
      await ctx.prisma.auditLog.count({
        where: { action: 'seats.block-range', data: { path: ['fromDate'], equals: days[0] } },
      }),
    ).toBe(0);
  });

  it('refuses a range that ends before it starts, has no shows, is too long, or is not this cinema’s', async () => {
    const days = freshDays(2);
    await showsAt([`${days[0]}T18:00`]);
    const base = { screenId, seatIds: [seatIds[6]!], reason: 'House seats', fromDate: days[0]!, toDate: days[0]! };
    expect(
      await refusal(manager.seatBlocks.blockRange.mutate({ ...base, fromDate: days[1]!, toDate: days[0]! })),
    ).toMatchObject({ data: { fieldErrors: { toDate: 'the last day cannot be before the first day' } } });
    expect(await refusal(manager.seatBlocks.blockRange.mutate({ ...base, fromDate: '2031-02-30' }))).toMatchObject({
      data: { fieldErrors: { fromDate: 'give a real date like 2026-12-01' } },
    });
    expect(
      await refusal(manager.seatBlocks.blockRange.mutate({ ...base, fromDate: '2040-01-01', toDate: '2040-03-01' })),
    ).toMatchObject({ data: { fieldErrors: { toDate: 'block at most 31 days at a time' } } });
    expect(
      await refusal(manager.seatBlocks.blockRange.mutate({ ...base, fromDate: days[1]!, toDate: days[1]! })),
    ).toMatchObject({
      message: `This screen has no shows from ${days[1]} to ${days[1]}. Pick days that have shows.`,
      data: { appCode: 'SEAT_BLOCK_RANGE_EMPTY' },
    });
    expect(await refusal(manager.seatBlocks.blockRange.mutate({ ...base, reason: ' ' }))).toMatchObject({
      data: { fieldErrors: { reason: 'say why, in a few words' } },
    });
    const foreign = await ctx.prisma.seat.findFirstOrThrow({ where: { screen: { name: 'Audi 1' } } });
    expect(await refusal(manager.seatBlocks.blockRange.mutate({ ...base, seatIds: [foreign.id] }))).toMatchObject({
      data: { code: 'BAD_REQUEST', unknownSeatIds: [foreign.id] },
    });

    const other = await ctx.prisma.cinema.create({
      data: { slug: 'elsewhere-blocks', name: 'Elsewhere', city: 'Pune' },
    });
    const otherScreen = await ctx.prisma.screen.create({ data: { cinemaId: other.id, name: 'Elsewhere 1' } });
    expect(await refusal(manager.seatBlocks.blockRange.mutate({ ...base, screenId: otherScreen.id }))).toMatchObject({
      data: { code: 'NOT_FOUND', appCode: 'SEAT_BLOCK_SCREEN_NOT_FOUND' },
    });
    // Another cinema's manager cannot block this screen, nor release this cinema's group.
    const stranger = (await signedInStaff(ctx, server.url, { cinemaId: other.id, role: 'MANAGER' })).client;
    expect(await refusal(stranger.seatBlocks.blockRange.mutate(base))).toMatchObject({
      data: { appCode: 'SEAT_BLOCK_SCREEN_NOT_FOUND' },
    });
    const made = await manager.seatBlocks.blockRange.mutate(base);
    expect(await refusal(stranger.seatBlocks.releaseGroup.mutate({ groupId: made.groupId }))).toMatchObject({
      data: { appCode: 'SEAT_BLOCK_GROUP_NOT_FOUND' },
    });
    expect(await ctx.prisma.seatBlock.count({ where: { groupId: made.groupId } })).toBe(1);
    const door = (await signedInStaff(ctx, server.url, { cinemaId, role: 'STAFF' })).client;
    expect(await refusal(door.seatBlocks.blockRange.mutate(base))).toMatchObject({ data: { code: 'FORBIDDEN' } });
  });

  it('lets a hold and a range block racing for a seat end one way only: the seat is held or blocked, never both', async () => {
    expect(rowStarts.length).toBeGreaterThanOrEqual(4);
    for (let round = 0; round < 8; round++) {
      const days = freshDays(3);
      const shows = await showsAt(days.map((d) => `${d}T18:00`));
      const seat = rowStarts[round % rowStarts.length]!.id;
      const [hold, block] = await Promise.allSettled([
        createCustomerClient(server.url).holds.create.mutate({ showtimeId: shows[2]!.id, seatIds: [seat] }),
        manager.seatBlocks.blockRange.mutate({
          screenId,
          seatIds: [seat],
          reason: 'House seats',
          fromDate: days[0]!,
          toDate: days[2]!,
        }),
      ]);
      const held = await ctx.prisma.bookingSeat.count({
        where: { showtimeId: shows[2]!.id, seatId: seat, active: true },
      });
      const blocked = await ctx.prisma.seatBlock.count({ where: { showtimeId: { in: shows.map((s) => s.id) } } });
      expect([hold.status, block.status].filter((s) => s === 'fulfilled')).toHaveLength(1);
      if (hold.status === 'fulfilled') {
        expect({ held, blocked }).toEqual({ held: 1, blocked: 0 });
        expect((block as PromiseRejectedResult).reason).toMatchObject({ data: { appCode: 'HOLD_SEAT_TAKEN' } });
      } else {
        expect({ held, blocked }).toEqual({ held: 0, blocked: 3 });
        expect(hold.reason).toMatchObject({ data: { appCode: 'HOLD_SEAT_BLOCKED' } });
      }
    }
  });
});
