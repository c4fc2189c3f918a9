import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPassword } from '../auth/password';
import { hashToken } from '../auth/device-token';
import { createTestContext, type TTestContext } from '../test/test-context';
import { DEMO_LOGINS, DemoSeedRefusedError, seedDemoCinema, type TSeedResult } from './seed-demo-cinema';

let ctx: TTestContext;
let first: TSeedResult;
const dataDir = mkdtempSync(path.join(tmpdir(), 'marquee-seed-'));
const now = new Date('2026-11-25T04:00:00Z'); // 09:30 in Kolkata
const DEV = { NODE_ENV: 'development', SEED_DEMO: false } as const;

async function counts() {
  const p = ctx.prisma;
  const [cinemas, screens, seats, movies, showtimes, prices, blocks, staff, kiosks] = await Promise.all([
    p.cinema.count(),
    p.screen.count(),
    p.seat.count(),
    p.movie.count(),
    p.showtime.count(),
    p.showtimePrice.count(),
    p.seatBlock.count(),
    p.staffUser.count(),
    p.kiosk.count(),
  ]);
  return { cinemas, screens, seats, movies, showtimes, prices, blocks, staff, kiosks };
}

beforeAll(async () => {
  ctx = await createTestContext();
  first = await seedDemoCinema({ prisma: ctx.prisma, env: DEV, now, dataDir });
});
afterAll(() => ctx.close());

describe('the demo cinema seed', () => {
  it('creates a cinema in Asia/Kolkata with 2 screens, 4 movies, 7 days of shows, 2 kiosks, 1 blocked seat', async () => {
    expect(await counts()).toMatchObject({
      cinemas: 1,
      screens: 2,
      movies: 4,
      showtimes: 2 * 4 * 7,
      blocks: 1,
      staff: 3,
      kiosks: 2,
    });
    const cinema = await ctx.prisma.cinema.findFirstOrThrow();
    expect(cinema.timeZone).toBe('Asia/Kolkata');
    const last = await ctx.prisma.showtime.findFirstOrThrow({ orderBy: { startsAt: 'desc' } });
    expect(last.startsAt.getTime() - now.getTime()).toBeGreaterThan(6 * 24 * 3600_000);
  });

  it('is idempotent: a second run adds and changes nothing', async () => {
    const before = await counts();
    const again = await seedDemoCinema({ prisma: ctx.prisma, env: DEV, now, dataDir });
    expect(await counts()).toEqual(before);
    expect(again.kiosks).toEqual(first.kiosks);
  });

  it('lays out aisles, a premium block, recliners, and wheelchair spaces with their companions', async () => {
    const screen = await ctx.prisma.screen.findFirstOrThrow({ where: { name: 'Audi 1' }, include: { seats: true } });
    const types = new Set(screen.seats.map((s) => s.type));
    expect(types).toEqual(new Set(['STANDARD', 'PREMIUM', 'RECLINER', 'WHEELCHAIR', 'COMPANION']));
    const rowA = screen.seats.filter((s) => s.row === 'A').sort((a, b) => a.number - b.number);
    expect(rowA[4]!.x - rowA[3]!.x).toBe(2); // an aisle after seat 4
    const companions = screen.seats.filter((s) => s.type === 'COMPANION');
    for (const companion of companions) {
      const wheelchair = screen.seats.find((s) => s.id === companion.companionOfId);
      expect(wheelchair?.type).toBe('WHEELCHAIR');
      expect(Math.abs(wheelchair!.x - companion.x)).toBe(1);
    }
  });

  it('prices every show for every seat type, in paise, GST-inclusive', async () => {
    const showtimes = await ctx.prisma.showtime.findMany({ include: { prices: true } });
    for (const s of showtimes)
      expect(s.prices.map((p) => p.seatType).sort()).toEqual([
        'COMPANION',
        'PREMIUM',
        'RECLINER',
        'STANDARD',
        'WHEELCHAIR',
      ]);
  });

  it('creates logins whose demo passwords verify, and kiosks whose stored tokens match their hashes', async () => {
    for (const login of DEMO_LOGINS) {
      const user = await ctx.prisma.staffUser.findUniqueOrThrow({ where: { email: login.email } });
      expect(user.passwordHash).toMatch(/^\$argon2id\$/);
      expect(await verifyPassword(user.passwordHash, login.password)).toBe(true);
    }
    const stored = JSON.parse(readFileSync(path.join(dataDir, 'demo-kiosks.json'), 'utf8')) as Record<string, string>;
    for (const kiosk of await ctx.prisma.kiosk.findMany()) {
      expect(kiosk.tokenHash).toBe(hashToken(stored[kiosk.name]!));
      expect(kiosk.registeredAt).not.toBeNull();
    }
  });
});

describe('the demo cinema seed in production', () => {
  it('refuses under NODE_ENV=production: no demo account, kiosk or token file', async () => {
    const prod = await createTestContext();
    const prodDir = mkdtempSync(path.join(tmpdir(), 'marquee-seed-prod-'));
    try {
      await expect(
        seedDemoCinema({
          prisma: prod.prisma,
          env: { NODE_ENV: 'production', SEED_DEMO: false },
          now,
          dataDir: prodDir,
        }),
      ).rejects.toThrow(DemoSeedRefusedError);
      expect(await prod.prisma.staffUser.count()).toBe(0);
      expect(await prod.prisma.kiosk.count()).toBe(0);
      expect(await prod.prisma.cinema.count()).toBe(0);
      expect(existsSync(path.join(prodDir, 'demo-kiosks.json'))).toBe(false);
    } finally {
      await prod.close();
    }
  });

  it('seeds the demo logins under NODE_ENV=production only when SEED_DEMO is set', async () => {
    const prod = await createTestContext();
    try {
      const result = await seedDemoCinema({
        prisma: prod.prisma,
        env: { NODE_ENV: 'production', SEED_DEMO: true },
        now,
        dataDir: mkdtempSync(path.join(tmpdir(), 'marquee-seed-demo-')),
      });
      expect(result.logins).toHaveLength(DEMO_LOGINS.length);
      expect(await prod.prisma.staffUser.count()).toBe(DEMO_LOGINS.length);
    } finally {
      await prod.close();
    }
  });
});
