// REST beside tRPC for what a browser downloads: the sales CSV (staff session, manager or admin).
import { ZSalesInputSchema } from '@marquee/shared';
import type { FastifyInstance } from 'fastify';
import { mkdirSync } from 'node:fs';
import fastifyStatic from '@fastify/static';
import { POSTER_MAX_BYTES, POSTER_TYPES } from '@marquee/shared';
import { assertSameSite, requireStaff } from '../auth/staff-session';
import { savePoster } from '../programme/movies';
import { AppError } from '../errors/app-error';
import type { TServices } from '../services';
import { loadSales, salesCsv } from './sales';
import { isUuid } from '../http/is-uuid';

export async function registerManagerRoutes(app: FastifyInstance, services: TServices): Promise<void> {
  // Posters: content-hashed names, so they can be cached for good.
  mkdirSync(services.env.POSTERS_DIR, { recursive: true });
  await app.register(fastifyStatic, {
    root: services.env.POSTERS_DIR,
    prefix: '/posters/',
    decorateReply: false,
    index: false,
    setHeaders: (res) => void res.header('cache-control', 'public, max-age=31536000, immutable'),
  });
  await app.register(async (uploads) => {
    uploads.addContentTypeParser(
      Object.keys(POSTER_TYPES),
      { parseAs: 'buffer', bodyLimit: POSTER_MAX_BYTES + 1 },
      (_req, body, done) => done(null, body),
    );
    uploads.post<{ Params: { movieId: string } }>('/manager/movies/:movieId/poster', async (req, reply) => {
      const staff = await requireStaff(services, req, 'MANAGER', 'a poster upload');
      assertSameSite(req);
      if (!isUuid(req.params.movieId) || !Buffer.isBuffer(req.body))
        throw new AppError('INPUT_INVALID', {
          message: 'bad poster upload',
          userMessage: 'Send the poster image as the request body.',
        });
      return reply.send(
        await savePoster(services, {
          actor: { userId: staff.id, cinemaId: staff.cinemaId },
          movieId: req.params.movieId,
          bytes: req.body,
        }),
      );
    });
  });

  app.get('/manager/sales.csv', async (req, reply) => {
    const staff = await requireStaff(services, req, 'MANAGER', 'sales.csv');
    const parsed = ZSalesInputSchema.safeParse(req.query);
    if (!parsed.success) {
      throw new AppError('INPUT_INVALID', {
        message: 'bad sales.csv range',
        userMessage: `Invalid range: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('; ')}`,
      });
    }
    const sales = await loadSales(services, { ...parsed.data, cinemaId: staff.cinemaId });
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="marquee-sales-${sales.from}-to-${sales.to}.csv"`)
      .header('cache-control', 'private, no-store')
      .send(salesCsv(sales));
  });
}
