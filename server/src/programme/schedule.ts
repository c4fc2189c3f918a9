// Scheduling shows: every date × time on the cinema's clock, checked against the screen's other
// shows (runtime plus the cinema's cleaning buffer) and against each other, then created together.
import { TZDate } from '@date-fns/tz';
import type { TClash, TPriceList, TScheduleInput } from '@marquee/shared';
import { AppError } from '../errors/app-error';
import { assertChargeable, tablesForShows } from './chargeable-prices';
import type { TServices } from '../services';
import { recordAudit } from '../audit/record-audit';

type TSlot = { showtimeId: string | null; movieTitle: string; startsAt: Date; endsAt: Date };

/** The UTC instant of a wall-clock time on a date in a time zone. */
export function cinemaInstant(date: string, time: string, timeZone: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [hh, mm] = time.split(':').map(Number) as [number, number];
  return new Date(new TZDate(y, m - 1, d, hh, mm, timeZone).getTime());
}

/**
 * Proposed shows that overlap another show on the same screen, counting the cleaning buffer after
 * each: two shows clash unless one starts at least `bufferMinutes` after the other ends.
 */
export function findClashes(existing: readonly TSlot[], proposed: readonly TSlot[], bufferMinutes: number): TClash[] {
  const buffer = bufferMinutes * 60_000;
  const overlaps = (a: TSlot, b: TSlot) =>
    a.startsAt.getTime() < b.endsAt.getTime() + buffer && b.startsAt.getTime() < a.endsAt.getTime() + buffer;
  const clashes: TClash[] = [];
  proposed.forEach((p, i) => {
    const other = existing.find((e) => overlaps(p, e)) ?? proposed.slice(0, i).find((q) => overlaps(p, q));
    if (other)
      clashes.push({
        startsAt: p.startsAt.toISOString(),
        clashesWith: {
          showtimeId: other.showtimeId,
          movieTitle: other.movieTitle,
          startsAt: other.startsAt.toISOString(),
          endsAt: other.endsAt.toISOString(),
        },
      });
  });
  return clashes;
}

export async function scheduleShowtimes(
  services: Pick<TServices, 'prisma' | 'catalogEvents'>,
  {
    actor,
    input,
    now = new Date(),
  }: { actor: { userId: string; cinemaId: string }; input: TScheduleInput; now?: Date },
): Promise<{ created: string[] }> {
  const { prisma } = services;
  const [cinema, screen, movie] = await Promise.all([
    prisma.cinema.findUniqueOrThrow({ where: { id: actor.cinemaId } }),
    prisma.screen.findFirst({ where: { id: input.screenId, cinemaId: actor.cinemaId } }),
    prisma.movie.findFirst({ where: { id: input.movieId, cinemaId: actor.cinemaId } }),
  ]);
  if (!screen)
    throw new AppError('INPUT_INVALID', {
      message: `screen ${input.screenId} not in cinema`,
      userMessage: 'No such screen here.',
      data: { fieldErrors: { screenId: 'no such screen' } },
    });
  if (!movie) throw new AppError('CATALOG_MOVIE_NOT_FOUND', { message: `movie ${input.movieId} not found` });
  let prices: TPriceList | undefined = input.prices;
  let templateName: string | undefined;
  if (input.templateId) {
    const template = await prisma.priceTemplate.findFirst({
      where: { id: input.templateId, cinemaId: actor.cinemaId },
    });
    if (!template)
      throw new AppError('INPUT_INVALID', {
        message: `template ${input.templateId} not in cinema`,
        userMessage: 'No such price template.',
        data: { fieldErrors: { templateId: 'no such template' } },
      });
    prices = template.prices as TPriceList;
    templateName = template.name;
  }
  const proposed: TSlot[] = input.dates
    .flatMap((date) => input.times.map((time) => cinemaInstant(date, time, cinema.timeZone)))
    .sort((a, b) => a.getTime() - b.getTime())
    .map((startsAt) => ({
      showtimeId: null,
      movieTitle: movie.title,
      startsAt,
      endsAt: new Date(startsAt.getTime() + movie.runtimeMinutes * 60_000),
    }));
  const past = proposed.filter((p) => p.startsAt <= now);
  if (past.length)
    throw new AppError('INPUT_INVALID', {
      message: 'schedule in the past',
      userMessage: `These times have already passed: ${past.map((p) => p.startsAt.toISOString()).join(', ')}.`,
    });
  // A template saved before such prices were refused may still hold one.
  assertChargeable(prices!, tablesForShows(now, proposed.at(-1)!.startsAt), { templateName });

  const buffer = cinema.cleaningBufferMinutes * 60_000;
  const first = proposed[0]!.startsAt;
  const last = proposed.at(-1)!.endsAt;
  const created = await prisma.$transaction(async (tx) => {
    // One scheduler per screen at a time: two managers cannot book the same slot in parallel.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`schedule:${screen.id}`}))`;
    const existing = await tx.showtime.findMany({
      where: {
        screenId: screen.id,
        cancelled: false,
        startsAt: { lt: new Date(last.getTime() + buffer) },
        endsAt: { gt: new Date(first.getTime() - buffer) },
      },
      include: { movie: { select: { title: true } } },
    });
    const clashes = findClashes(
      existing.map((e) => ({ showtimeId: e.id, movieTitle: e.movie.title, startsAt: e.startsAt, endsAt: e.endsAt })),
      proposed,
      cinema.cleaningBufferMinutes,
    );
    if (clashes.length) {
      throw new AppError('INPUT_INVALID', {
        message: `${clashes.length} clashes on screen ${screen.name}`,
        userMessage: `${clashes.length === 1 ? 'One show clashes' : `${clashes.length} shows clash`} with another on ${screen.name} (runtime plus ${cinema.cleaningBufferMinutes} minutes of cleaning). Nothing was scheduled.`,
        data: {
          fieldErrors: Object.fromEntries(
            clashes.map((c) => [c.startsAt, `clashes with ${c.clashesWith.movieTitle} at ${c.clashesWith.startsAt}`]),
          ),
        },
      });
    }
    const ids: string[] = [];
    for (const p of proposed) {
      const show = await tx.showtime.create({
        data: {
          movieId: movie.id,
          screenId: screen.id,
          startsAt: p.startsAt,
          endsAt: p.endsAt,
          onSale: input.onSale,
          prices: {
            create: Object.entries(prices!).map(([seatType, pricePaise]) => ({
              seatType: seatType as 'STANDARD',
              pricePaise,
            })),
          },
        },
      });
      ids.push(show.id);
    }
    await recordAudit(tx, {
      by: actor.userId,
      action: 'showtime.schedule',
      entityType: 'Screen',
      entityId: screen.id,
      data: { movieId: movie.id, showtimeIds: ids, prices },
    });
    return ids;
  });
  await services.catalogEvents.publish({ scope: 'all', showtimeId: null, change: 'scheduled' });
  return { created };
}

export async function setOnSale(
  services: Pick<TServices, 'prisma' | 'catalogEvents'>,
  { actor, showtimeId, onSale }: { actor: { userId: string; cinemaId: string }; showtimeId: string; onSale: boolean },
): Promise<void> {
  const show = await services.prisma.showtime.findFirst({
    where: { id: showtimeId, screen: { cinemaId: actor.cinemaId } },
    select: { cancelled: true },
  });
  if (!show) throw new AppError('CATALOG_SHOWTIME_NOT_FOUND', { message: `showtime ${showtimeId} not in cinema` });
  if (show.cancelled && onSale)
    throw new AppError('HOLD_SHOW_CANCELLED', {
      message: `showtime ${showtimeId} cancelled`,
      userMessage: 'A cancelled show cannot go back on sale.',
    });
  await services.prisma.$transaction([
    services.prisma.showtime.update({ where: { id: showtimeId }, data: { onSale } }),
    recordAudit(services.prisma, {
      by: actor.userId,
      action: onSale ? 'showtime.on_sale' : 'showtime.off_sale',
      entityType: 'Showtime',
      entityId: showtimeId,
    }),
  ]);
  await services.catalogEvents.publish({ scope: 'all', showtimeId, change: 'updated' });
}
