// Movie posters over plain HTTP: served as static files under /posters/, uploaded by a manager
// (staff session) as the raw request body, which tRPC does not carry.
import type { FastifyInstance } from 'fastify';
import { mkdirSync } from 'node:fs';
import fastifyStatic from '@fastify/static';
import { POSTER_MAX_BYTES, POSTER_TYPES } from '@marquee/shared';
import { assertSameSite, requireStaff } from '../auth';
import { savePoster } from './movies';
import { AppError } from '../errors/app-error';
import type { TServices } from '../services';
import { isUuid } from '../http/is-uuid';

export async function registerPosterRoutes(app: FastifyInstance, services: TServices): Promise<void> {
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
}
