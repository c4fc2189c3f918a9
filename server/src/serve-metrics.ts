// GET /metrics: on its own listener (METRICS_PORT; always in production), or, in development without
// METRICS_PORT, on the public app. A scrape reads queue depths and the outbox from Redis and Postgres,
// so the public must not be able to make it do that at will.
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { collectOutboxMetrics } from './jobs/outbox/collect-outbox-metrics';
import type { TServices } from './services';
import { collectQueueMetrics, metricsContentType, metricsText } from './metrics/metrics';

export function registerMetricsRoute(app: FastifyInstance, services: TServices): void {
  app.get('/metrics', async (req, reply) => {
    if (services.jobs.ready) {
      await collectQueueMetrics(services.jobs.all).catch((err: unknown) =>
        req.log.warn({ err }, 'queue metrics not refreshed'),
      );
    }
    await collectOutboxMetrics(services).catch((err: unknown) => req.log.warn({ err }, 'outbox metrics not refreshed'));
    return reply.type(metricsContentType).send(await metricsText());
  });
}

/** The internal listener: /metrics and nothing else. */
export function buildMetricsApp(services: TServices): FastifyInstance {
  // Warnings and errors only: a scrape every few seconds is not worth a log line each.
  const log = services.log.child({ listener: 'metrics' }, { level: 'warn' }) as FastifyBaseLogger;
  const app = Fastify({ loggerInstance: log });
  registerMetricsRoute(app, services);
  return app;
}
