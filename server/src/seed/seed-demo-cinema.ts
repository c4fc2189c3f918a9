// The demo cinema: idempotent, so `npm start` runs it every time. Each run tops the programme up
// to the next 7 days; it never duplicates or overwrites what is there. Its logins and kiosk tokens are
// public (printed, and in the README), so under NODE_ENV=production it refuses unless SEED_DEMO is set.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { TZDate } from '@date-fns/tz';
import { hashPassword } from '../auth';
import type { PrismaClient } from '../db/prisma';
import type { TEnv } from '../env';
import { generateDeviceToken, hashToken } from '../auth';
import { audi1, audi2, type TSeatSpec, type TSeatType } from './demo-layouts';

const TIME_ZONE = 'Asia/Kolkata';
export const DEMO_DAYS = 7;

export const DEMO_LOGINS = [
  { email: 'admin@marquee.local', password: 'marquee-admin-demo', name: 'Asha Admin', role: 'ADMIN' as const },
  { email: 'manager@marquee.local', password: 'marquee-manager-demo', name: 'Meera Manager', role: 'MANAGER' as const },
  { email: 'door@marquee.local', password: 'marquee-door-demo', name: 'Dev Door', role: 'STAFF' as const },
];

const MOVIES = [
  {
    title: 'The Monsoon Heist',
    language: 'Hindi',
    certificate: 'UA' as const,
    runtimeMinutes: 148,
    synopsis: 'Four friends plan the perfect robbery of a Mumbai bank on the wettest night of the year.',
  },
  {
    title: 'Starfall Express',
    language: 'English',
    certificate: 'U' as const,
    runtimeMinutes: 112,
    synopsis: 'A night train across the galaxy, a runaway robot, and a conductor who never sleeps.',
  },
  {
    title: 'Kaveri Nights',
    language: 'Kannada',
    certificate: 'UA' as const,
    runtimeMinutes: 135,
    synopsis: 'A river-town musician returns home to save the theatre where she first sang.',
  },
  {
    title: 'Last Light at Marine Drive',
    language: 'Hindi',
    certificate: 'A' as const,
    runtimeMinutes: 126,
    synopsis: 'A detective has one night to solve the case that ended her career.',
  },
];

const SCREENS = [
  { name: 'Audi 1', layout: audi1, times: ['10:00', '13:30', '17:15', '21:00'] },
  { name: 'Audi 2', layout: audi2, times: ['11:00', '14:30', '18:00', '21:30'] },
];

/** GST-inclusive prices in paise: matinees (before noon) cost less, weekends more. */
function pricesFor(startsAt: TZDate): Record<TSeatType, number> {
  const matinee = startsAt.getHours() < 12;
  const weekend = startsAt.getDay() === 0 || startsAt.getDay() === 6;
  const standard = matinee ? 9_900 : weekend ? 24_000 : 19_000;
  const premium = matinee ? 15_000 : weekend ? 32_000 : 26_000;
  const recliner = weekend ? 55_000 : 45_000;
  return { STANDARD: standard, PREMIUM: premium, RECLINER: recliner, WHEELCHAIR: standard, COMPANION: standard };
}

async function upsertSeats(prisma: PrismaClient, screenId: string, layout: TSeatSpec[]): Promise<void> {
  const existing = await prisma.seat.count({ where: { screenId } });
  if (existing > 0) return; // a layout in use is only changed by a manager, never by the seed
  await prisma.seat.createMany({
    data: layout.map(({ companionOf: _c, ...seat }) => ({ ...seat, screenId })),
  });
  const seats = await prisma.seat.findMany({ where: { screenId }, select: { id: true, label: true } });
  const idOf = new Map(seats.map((s) => [s.label, s.id]));
  for (const seat of layout.filter((s) => s.companionOf)) {
    await prisma.seat.update({
      where: { screenId_label: { screenId, label: seat.label } },
      data: { companionOfId: idOf.get(seat.companionOf!) ?? null },
    });
  }
}

export interface TSeedResult {
  cinemaId: string;
  logins: { email: string; password: string; role: string }[];
  kiosks: { id: string; name: string; token: string }[];
  showtimes: number;
}

/** Thrown when the demo cinema, with its public logins, would be seeded into a production database. */
export class DemoSeedRefusedError extends Error {
  override name = 'DemoSeedRefusedError';
}

/** Whether this environment may hold the demo's public logins and kiosk tokens. */
export const demoSeedAllowed = (env: Pick<TEnv, 'NODE_ENV' | 'SEED_DEMO'>): boolean =>
  env.NODE_ENV !== 'production' || env.SEED_DEMO;

export async function seedDemoCinema({
  prisma,
  env,
  now = new Date(),
  dataDir,
}: {
  prisma: PrismaClient;
  env: Pick<TEnv, 'NODE_ENV' | 'SEED_DEMO'>;
  now?: Date;
  dataDir: string;
}): Promise<TSeedResult> {
  if (!demoSeedAllowed(env))
    throw new DemoSeedRefusedError(
      'Refusing to seed the demo cinema under NODE_ENV=production: its logins and kiosk tokens are public. Set SEED_DEMO=1 for a demonstration copy.',
    );
  const cinema = await prisma.cinema.upsert({
    where: { slug: 'marquee-demo' },
    update: {},
    create: {
      slug: 'marquee-demo',
      name: 'Marquee Demo Cinemas',
      city: 'Bengaluru',
      timeZone: TIME_ZONE,
      webFeePaise: 2_000,
      // Valid in form (state, PAN shape, check character) but made up: no real registration.
      legalName: 'Marquee Demo Cinemas Private Limited',
      address: '12 MG Road, Ashok Nagar\nBengaluru 560001',
      gstStateCode: '29',
      gstin: '29AAACM0000M1ZT',
      invoicePrefix: 'MQD',
    },
  });

  const movies = [];
  for (const movie of MOVIES) {
    movies.push(
      await prisma.movie.upsert({
        where: { cinemaId_title_language: { cinemaId: cinema.id, title: movie.title, language: movie.language } },
        update: {},
        create: { ...movie, cinemaId: cinema.id },
      }),
    );
  }

  const today = new TZDate(now.getTime(), TIME_ZONE);
  let showtimes = 0;
  for (const [screenIndex, spec] of SCREENS.entries()) {
    const screen = await prisma.screen.upsert({
      where: { cinemaId_name: { cinemaId: cinema.id, name: spec.name } },
      update: {},
      create: { cinemaId: cinema.id, name: spec.name },
    });
    await upsertSeats(prisma, screen.id, spec.layout());
    for (let day = 0; day < DEMO_DAYS; day++) {
      for (const [slot, time] of spec.times.entries()) {
        const [hh, mm] = time.split(':').map(Number) as [number, number];
        const startsAt = new TZDate(today.getFullYear(), today.getMonth(), today.getDate() + day, hh, mm, TIME_ZONE);
        const movie = movies[(day + slot + screenIndex * 2) % movies.length]!;
        await prisma.showtime.upsert({
          where: { screenId_startsAt: { screenId: screen.id, startsAt: new Date(startsAt.getTime()) } },
          update: {},
          create: {
            movieId: movie.id,
            screenId: screen.id,
            startsAt: new Date(startsAt.getTime()),
            endsAt: new Date(startsAt.getTime() + movie.runtimeMinutes * 60_000),
            prices: {
              create: Object.entries(pricesFor(startsAt)).map(([seatType, pricePaise]) => ({
                seatType: seatType as TSeatType,
                pricePaise,
              })),
            },
          },
        });
        showtimes += 1;
      }
    }
  }

  // One blocked seat, on the next show in Audi 1 (a broken armrest), once.
  const blocked = await prisma.seatBlock.findFirst({ where: { reason: { startsWith: 'Broken armrest' } } });
  if (!blocked) {
    const next = await prisma.showtime.findFirst({
      where: { screen: { cinemaId: cinema.id, name: 'Audi 1' }, startsAt: { gt: now } },
      orderBy: { startsAt: 'asc' },
    });
    const seat = next && (await prisma.seat.findFirst({ where: { screenId: next.screenId, label: 'E8' } }));
    if (next && seat)
      await prisma.seatBlock.create({
        data: { showtimeId: next.id, seatId: seat.id, reason: 'Broken armrest (demo)' },
      });
  }

  for (const login of DEMO_LOGINS) {
    const exists = await prisma.staffUser.findUnique({ where: { email: login.email } });
    if (!exists) {
      await prisma.staffUser.create({
        data: {
          email: login.email,
          name: login.name,
          role: login.role,
          cinemaId: cinema.id,
          passwordHash: await hashPassword(login.password),
        },
      });
    }
  }

  // Kiosk device tokens exist only on devices; for the demo kiosks they are kept under .data/.
  const tokensFile = path.join(dataDir, 'demo-kiosks.json');
  const known = (existsSync(tokensFile) ? JSON.parse(readFileSync(tokensFile, 'utf8')) : {}) as Record<string, string>;
  const kiosks = [];
  for (const name of ['Lobby Kiosk 1', 'Lobby Kiosk 2']) {
    const kiosk = await prisma.kiosk.upsert({
      where: { cinemaId_name: { cinemaId: cinema.id, name } },
      update: {},
      create: { cinemaId: cinema.id, name },
    });
    let token = known[name];
    if (!token || kiosk.tokenHash !== hashToken(token)) {
      token = generateDeviceToken();
      await prisma.kiosk.update({
        where: { id: kiosk.id },
        data: { tokenHash: hashToken(token), registeredAt: kiosk.registeredAt ?? now, registrationCodeHash: null },
      });
    }
    known[name] = token;
    kiosks.push({ id: kiosk.id, name, token });
  }
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(tokensFile, `${JSON.stringify(known, null, 2)}\n`, { mode: 0o600 });

  return {
    cinemaId: cinema.id,
    logins: DEMO_LOGINS.map(({ email, password, role }) => ({ email, password, role })),
    kiosks,
    showtimes,
  };
}
