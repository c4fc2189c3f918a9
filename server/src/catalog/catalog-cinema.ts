// Which cinema a catalog read is for. Each cinema sells its own programme: a kiosk always sees its
// own cinema's (from its device token, whatever it asks for); a web customer sees the cinema they
// chose (its slug, as in the web app's URL), the film's cinema when they ask for a film's shows, or
// the only cinema when there is just one; signed-in staff (the dashboard) see their own cinema's.
import type { TCinema } from '@marquee/shared';
import { resolveHolder } from '../auth';
import { currentStaff } from '../auth';
import { AppError } from '../errors/app-error';
import type { TContext } from '../trpc';

export type TCatalogCinema = Pick<TCinema, 'id' | 'slug' | 'timeZone'>;

const SELECT = { id: true, slug: true, timeZone: true } as const;

export async function catalogCinema(
  ctx: TContext,
  slug: string | undefined,
  { movieId }: { movieId?: string } = {},
): Promise<TCatalogCinema> {
  if (ctx.req.headers.authorization) {
    const holder = await resolveHolder(ctx);
    const own = await ctx.prisma.cinema.findUniqueOrThrow({ where: { id: holder.cinemaId! }, select: SELECT });
    if (slug !== undefined && slug !== own.slug)
      throw new AppError('AUTH_FORBIDDEN', {
        message: `${holder.key} of cinema ${own.slug} asked for cinema ${slug}`,
        userMessage: 'This kiosk sells tickets for its own cinema only.',
      });
    return own;
  }
  if (slug !== undefined) {
    const cinema = await ctx.prisma.cinema.findUnique({ where: { slug }, select: SELECT });
    if (!cinema) throw new AppError('CATALOG_CINEMA_NOT_FOUND', { message: `no cinema ${slug}` });
    return cinema;
  }
  if (movieId !== undefined) {
    const movie = await ctx.prisma.movie.findUnique({ where: { id: movieId }, select: { cinema: { select: SELECT } } });
    if (movie) return movie.cinema;
  }
  const staff = await currentStaff(ctx, ctx.req);
  if (staff?.cinemaId) return ctx.prisma.cinema.findUniqueOrThrow({ where: { id: staff.cinemaId }, select: SELECT });
  const cinemas = await ctx.prisma.cinema.findMany({ select: SELECT, orderBy: { slug: 'asc' }, take: 2 });
  if (cinemas.length === 1) return cinemas[0]!;
  throw new AppError(cinemas.length === 0 ? 'CATALOG_CINEMA_NOT_FOUND' : 'CATALOG_CINEMA_REQUIRED', {
    message: cinemas.length === 0 ? 'no cinema exists' : 'several cinemas: the request names none',
  });
}

/** Every cinema, for the web app's picker. */
export async function listCinemas({ prisma }: Pick<TContext, 'prisma'>): Promise<TCinema[]> {
  return prisma.cinema.findMany({
    select: { id: true, slug: true, name: true, city: true, timeZone: true },
    orderBy: [{ city: 'asc' }, { name: 'asc' }],
  });
}
