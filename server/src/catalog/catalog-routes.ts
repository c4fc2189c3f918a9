// The seat map as plain HTTP beside tRPC: the hottest read of all (every customer on the seat screen,
// again after each reconnect), answered from the kept JSON with an ETag per seat version, so a
// client that has the current map gets a 304 and nothing is serialized per request.
import type { FastifyInstance } from 'fastify';
import { AppError } from '../errors/app-error';
import type { TServices } from '../services';
import { cachedSeatMap } from './seat-map-cache';
import { isUuid } from '../http/is-uuid';

export function registerCatalogRoutes(app: FastifyInstance, services: TServices): void {
  app.get<{ Params: { showtimeId: string } }>('/catalog/seat-maps/:showtimeId', async (req, reply) => {
    const { showtimeId } = req.params;
    if (!isUuid(showtimeId))
      throw new AppError('INPUT_INVALID', {
        message: `bad showtime id ${showtimeId}`,
        userMessage: 'That show could not be found.',
      });
    const { json, version } = await cachedSeatMap(services, showtimeId);
    const etag = `"${showtimeId}.${version}"`;
    void reply.header('etag', etag).header('cache-control', 'no-cache');
    if (req.headers['if-none-match'] === etag) return reply.code(304).send();
    return reply.type('application/json; charset=utf-8').send(json);
  });
}
