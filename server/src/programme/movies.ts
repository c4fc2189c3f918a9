// Movies and their posters. A poster is checked by its bytes (PNG, JPEG or WebP signature) and size,
// stored under POSTERS_DIR with its content hash in the name, and served as immutable.
import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { POSTER_MAX_BYTES, POSTER_TYPES, type TManagerMovie, type TMovieInput } from '@marquee/shared';
import { AppError } from '../errors/app-error';
import { isUniqueViolation } from '../errors/unique-violation';
import type { TServices } from '../services';
import { recordAudit } from '../audit/record-audit';
import { posterUrl } from '../catalog';

/** The films of the manager's cinema (another cinema's are not theirs to see or change). */
export async function listManagerMovies(
  { prisma }: Pick<TServices, 'prisma'>,
  cinemaId: string,
  now = new Date(),
): Promise<TManagerMovie[]> {
  const movies = await prisma.movie.findMany({
    where: { cinemaId },
    orderBy: { title: 'asc' },
    include: { _count: { select: { showtimes: { where: { endsAt: { gt: now }, cancelled: false } } } } },
  });
  return movies.map((m) => ({
    id: m.id,
    title: m.title,
    language: m.language,
    certificate: m.certificate,
    runtimeMinutes: m.runtimeMinutes,
    synopsis: m.synopsis,
    posterUrl: posterUrl(m.posterPath),
    upcomingShows: m._count.showtimes,
  }));
}

export async function saveMovie(
  { prisma }: Pick<TServices, 'prisma'>,
  { actor, input }: { actor: { userId: string; cinemaId: string }; input: TMovieInput },
): Promise<{ id: string }> {
  const { id, ...data } = input;
  try {
    // Only a film of the actor's own cinema can be changed; another cinema's reads as not found.
    const movie = id
      ? await prisma.movie.update({ where: { id, cinemaId: actor.cinemaId }, data })
      : await prisma.movie.create({ data: { ...data, cinemaId: actor.cinemaId } });
    await recordAudit(prisma, {
      by: actor.userId,
      action: id ? 'movie.update' : 'movie.create',
      entityType: 'Movie',
      entityId: movie.id,
      data,
    });
    return { id: movie.id };
  } catch (err) {
    if (isUniqueViolation(err))
      throw new AppError('INPUT_INVALID', {
        message: `movie ${input.title} exists`,
        userMessage: `"${input.title}" in ${input.language} is already in the programme.`,
        data: { fieldErrors: { title: 'already exists in that language' } },
      });
    if ((err as { code?: string }).code === 'P2025')
      throw new AppError('CATALOG_MOVIE_NOT_FOUND', { message: `movie ${id} not found` });
    throw err;
  }
}

/** The image type a file's first bytes announce, if it is one we take. */
export function sniffImage(bytes: Buffer): keyof typeof POSTER_TYPES | null {
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])))
    return 'image/png';
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (
    bytes.length >= 12 &&
    bytes.subarray(0, 4).toString('latin1') === 'RIFF' &&
    bytes.subarray(8, 12).toString('latin1') === 'WEBP'
  )
    return 'image/webp';
  return null;
}

export async function savePoster(
  { prisma, env }: Pick<TServices, 'prisma' | 'env'>,
  { actor, movieId, bytes }: { actor: { userId: string; cinemaId: string }; movieId: string; bytes: Buffer },
): Promise<{ posterUrl: string }> {
  if (bytes.length > POSTER_MAX_BYTES)
    throw new AppError('INPUT_INVALID', {
      message: 'poster too large',
      userMessage: `The poster is too large: at most ${POSTER_MAX_BYTES / 1024 / 1024} MB.`,
    });
  const type = sniffImage(bytes);
  if (!type)
    throw new AppError('INPUT_INVALID', {
      message: 'poster not an image we take',
      userMessage: 'The poster must be a PNG, JPEG or WebP image.',
    });
  const movie = await prisma.movie.findFirst({
    where: { id: movieId, cinemaId: actor.cinemaId },
    select: { id: true },
  });
  if (!movie) throw new AppError('CATALOG_MOVIE_NOT_FOUND', { message: `movie ${movieId} not found` });
  const name = `${movieId}-${createHash('sha256').update(bytes).digest('hex').slice(0, 16)}.${POSTER_TYPES[type]}`;
  await mkdir(env.POSTERS_DIR, { recursive: true });
  await writeFile(path.join(env.POSTERS_DIR, name), bytes);
  await prisma.movie.update({ where: { id: movieId }, data: { posterPath: name } });
  await recordAudit(prisma, {
    by: actor.userId,
    action: 'movie.poster',
    entityType: 'Movie',
    entityId: movieId,
    data: { file: name, bytes: bytes.length },
  });
  return { posterUrl: posterUrl(name)! };
}
