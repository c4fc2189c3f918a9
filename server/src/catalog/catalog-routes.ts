// The seat map as plain HTTP beside tRPC: the hottest read of all (every customer on the seat screen,
// again after each reconnect), answered from the kept JSON with an ETag per seat version, so a
// client that has the current map gets a 304 and nothing is serialized per request; the body goes
// brotli- or gzip-compressed when the client accepts it, compressed once per version.
import { negotiate } from '@fastify/accept-negotiator';
import type { FastifyInstance } from 'fastify';
import { AppError } from '../errors/app-error';
import type { TServices } from '../services';
import { cachedSeatMap, SEAT_MAP_ENCODINGS } from './seat-map-cache';
import { isUuid } from '../http/is-uuid';

export function registerCatalogRoutes(app: FastifyInstance, services: TServices): void {
  app.get<{ Params: { showtimeId: string } }>('/catalog/seat-maps/:showtimeId', async (req, reply) => {
    const { showtimeId } = req.params;
    if (!isUuid(showtimeId))
      throw new AppError('INPUT_INVALID', {
        message: `bad showtime id ${showtimeId}`,
        userMessage: 'That show could not be found.',
      });
    const { json, encoded, version } = await cachedSeatMap(services, showtimeId);
    const etag = `"${showtimeId}.${version}"`;
    void reply.header('etag', etag).header('cache-control', 'no-cache').header('vary', 'accept-encoding');
    if (req.headers['if-none-match'] === etag) return reply.code(304).send();
    void reply.type('application/json; charset=utf-8');
    const encoding = negotiate(req.headers['accept-encoding'] ?? '', SEAT_MAP_ENCODINGS);
    if (!encoding) return reply.send(json);
    return reply.header('content-encoding', encoding).send(await encoded(encoding));
  });
}
