import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { PrismaClient } from '../db/prisma';
import { seedDemoCinema, type TSeedResult } from '../seed/seed-demo-cinema';

export function seedCinema(prisma: PrismaClient): Promise<TSeedResult> {
  return seedDemoCinema({
    prisma,
    env: { NODE_ENV: 'test', SEED_DEMO: false },
    dataDir: mkdtempSync(path.join(tmpdir(), 'marquee-test-')),
  });
}

/** A fresh showtime in Audi 2 (90 seats) starting later, with every seat type priced. */
export async function futureShowtime(
  prisma: PrismaClient,
  opts: { startsInMinutes?: number; onSale?: boolean; cancelled?: boolean } = {},
) {
  const screen = await prisma.screen.findFirstOrThrow({ where: { name: 'Audi 2' } });
  const movie = await prisma.movie.findFirstOrThrow({ where: { title: 'Starfall Express' } });
  // A random offset keeps (screen, startsAt) unique across the fixtures of one test file.
  const startsAt = new Date(
    Date.now() +
      (opts.startsInMinutes ?? 600 * 24 * 60 + Math.floor(Math.random() * 1e6)) * 60_000 +
      Math.floor(Math.random() * 50_000),
  );
  const showtime = await prisma.showtime.create({
    data: {
      movieId: movie.id,
      screenId: screen.id,
      startsAt,
      endsAt: new Date(startsAt.getTime() + movie.runtimeMinutes * 60_000),
      onSale: opts.onSale ?? true,
      cancelled: opts.cancelled ?? false,
      prices: {
        create: [
          { seatType: 'STANDARD', pricePaise: 20_000 },
          { seatType: 'PREMIUM', pricePaise: 30_000 },
          { seatType: 'RECLINER', pricePaise: 50_000 },
          { seatType: 'WHEELCHAIR', pricePaise: 20_000 },
          { seatType: 'COMPANION', pricePaise: 20_000 },
        ],
      },
    },
  });
  const seats = await prisma.seat.findMany({ where: { screenId: screen.id }, orderBy: [{ y: 'asc' }, { x: 'asc' }] });
  return { showtime, seats, seatIds: seats.map((s) => s.id) };
}

/**
 * A second cinema beside the demo one (Riverside Pune, one row of seats) with one film of its own
 * and one show of it, `startsInHours` from now.
 */
export async function secondCinema(
  prisma: PrismaClient,
  {
    film,
    seats,
    startsInHours,
    pricePaise,
  }: {
    film: { title: string; language: string; certificate: 'U' | 'UA' | 'A'; runtimeMinutes: number };
    seats: number;
    startsInHours: number;
    pricePaise: number;
  },
) {
  const cinema = await prisma.cinema.create({
    data: { slug: 'riverside-pune', name: 'Riverside Pune', city: 'Pune', timeZone: 'Asia/Kolkata' },
    select: { id: true, slug: true },
  });
  const screen = await prisma.screen.create({ data: { cinemaId: cinema.id, name: 'Riverside 1' } });
  await prisma.seat.createMany({
    data: Array.from({ length: seats }, (_, i) => ({
      screenId: screen.id,
      row: 'A',
      number: i + 1,
      label: `A${i + 1}`,
      x: i,
      y: 0,
    })),
  });
  const movie = await prisma.movie.create({ data: { cinemaId: cinema.id, ...film } });
  const startsAt = new Date(Date.now() + startsInHours * 3600_000);
  const showtime = await prisma.showtime.create({
    data: {
      movieId: movie.id,
      screenId: screen.id,
      startsAt,
      endsAt: new Date(startsAt.getTime() + film.runtimeMinutes * 60_000),
      prices: { create: [{ seatType: 'STANDARD', pricePaise }] },
    },
  });
  return { cinema, screen, movie, showtime };
}
