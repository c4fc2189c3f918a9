import type { TMovie } from '@marquee/shared';
import type { PrismaClient } from '../db/prisma';
import { posterUrl } from './poster-url';

/** A cinema's movies with at least one show still to come (not cancelled), by title. */
export async function listMovies({
  prisma,
  cinemaId,
  now = new Date(),
}: {
  prisma: PrismaClient;
  cinemaId: string;
  now?: Date;
}): Promise<TMovie[]> {
  const movies = await prisma.movie.findMany({
    where: { cinemaId, showtimes: { some: { endsAt: { gt: now }, cancelled: false } } },
    orderBy: { title: 'asc' },
  });
  return movies.map((m) => ({
    id: m.id,
    title: m.title,
    language: m.language,
    certificate: m.certificate,
    runtimeMinutes: m.runtimeMinutes,
    synopsis: m.synopsis,
    posterUrl: posterUrl(m.posterPath),
  }));
}
