import { randomUUID } from 'node:crypto';
import fastifyCookie from '@fastify/cookie';
import fastifyCors from '@fastify/cors';
import { fastifyTRPCPlugin, type FastifyTRPCPluginOptions } from '@trpc/server/adapters/fastify';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { ERROR_CODES } from '@marquee/shared';
import { TRPCError } from '@trpc/server';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import { AppError, isDatabaseUnavailable } from './errors/app-error';
import { registerHealthRoutes } from './health/health-routes';
import { registerWebRoutes } from './web/web-routes';
import { registerPaymentRoutes } from './payments/payment-routes';
import { registerPosterRoutes } from './programme/poster-routes';
import { registerSalesRoutes } from './sales/sales-routes';
import { registerTaxReturnRoutes } from './tax-returns/tax-returns-routes';
import { registerCatalogRoutes } from './catalog/catalog-routes';
import { registerMetricsRoute } from './serve-metrics';
import { registerKioskUpdateRoutes } from './kiosk-updates/kiosk-updates-routes';
import { registerSeatsStreamRoutes } from './seats/seats-stream-routes';
import { appRouter, type AppRouter } from './router';
import type { TEnv } from './env';
import type { TServices } from './services';
import { createContextFactory } from './trpc';
import { registerDirectProcedures } from './direct-procedures';
import { waitForHandlersOnClose } from './http/wait-for-handlers';

/** Mutations served by a direct route (direct-procedures.ts): the hold path, under the heaviest load. */
export const DIRECT_PROCEDURES = ['holds.create', 'holds.release'];

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * TRUST_PROXY as Fastify takes it. A hop count becomes a function: Fastify 5 treats a bare number as
 * "trust nothing" (it cannot check the peer), which would quietly key every per-address limit on the
 * proxy's own address. Hop i is trusted when i < hops: the socket's peer, then X-Forwarded-For right to left.
 */
function trustProxyOption(setting: TEnv['TRUST_PROXY']): false | string[] | ((addr: string, hop: number) => boolean) {
  if (typeof setting !== 'number') return setting;
  return (_addr, hop) => hop < setting;
}

export async function buildApp(services: TServices): Promise<FastifyInstance> {
  const app = Fastify({
    // Widened on purpose: the app is typed with Fastify's base logger, as plugins expect.
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion
    loggerInstance: services.log as FastifyBaseLogger,
    trustProxy: trustProxyOption(services.env.TRUST_PROXY),
    // Honour a caller's request id (a load balancer's) when it is sane, so logs join up across hops.
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    requestIdHeader: false,
    bodyLimit: 1_048_576,
  });
  app.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', req.id);
  });
  waitForHandlersOnClose(app);

  await app.register(fastifyCookie, { secret: services.env.SESSION_SECRET });
  // The Electron kiosk's pages (app://kiosk) call the API cross-origin with a bearer token, never cookies.
  await app.register(fastifyCors, { origin: services.env.KIOSK_APP_ORIGINS, credentials: false, maxAge: 600 });
  // REST routes (tRPC has its own mapping): the same codes and readable messages as the API.
  app.setErrorHandler((err, req, reply) => {
    const appError =
      err instanceof AppError
        ? err
        : isDatabaseUnavailable(err)
          ? new AppError('SERVICE_UNAVAILABLE', { cause: err })
          : null;
    if (appError) {
      const status = getHTTPStatusCodeFromError(new TRPCError({ code: ERROR_CODES[appError.code].trpc }));
      if (status >= 500) req.log.error({ err }, appError.message);
      return reply.code(status).send({ error: { code: appError.code, message: appError.userMessage } });
    }
    const status = (err as { statusCode?: number }).statusCode ?? 500;
    if (status >= 500) req.log.error({ err }, 'request failed');
    return reply.code(status).send({
      error: {
        code: status >= 500 ? 'INTERNAL' : 'INPUT_INVALID',
        message: status >= 500 ? ERROR_CODES.INTERNAL.message : (err as Error).message,
      },
    });
  });
  // Open SSE streams would otherwise keep close() waiting forever.
  app.addHook('preClose', (done) => {
    services.seatEvents.endStreams();
    services.bookingEvents.endStreams();
    services.kioskCommands.endStreams();
    services.fleetEvents.endStreams();
    services.catalogEvents.endStreams();
    services.tonightEvents.endStreams();
    done();
  });
  registerHealthRoutes(app, services);
  await registerWebRoutes(app, services);
  await registerPaymentRoutes(app, services);
  await registerPosterRoutes(app, services);
  registerSalesRoutes(app, services);
  registerTaxReturnRoutes(app, services);
  registerCatalogRoutes(app, services);
  await registerKioskUpdateRoutes(app, services);
  // Production (and any METRICS_PORT) serves /metrics on its own listener instead (main.ts).
  if (services.env.METRICS_PORT === undefined) registerMetricsRoute(app, services);

  const createContext = createContextFactory(services);
  const onError: NonNullable<FastifyTRPCPluginOptions<AppRouter>['trpcOptions']['onError']> = ({
    path,
    error,
    req,
    type,
  }) => {
    // A live stream renewed at its longest life is routine, not a failure.
    const renewed = error.cause instanceof AppError && error.cause.code === 'LIVE_STREAM_RENEW';
    const serverSide = !renewed && (error.code === 'INTERNAL_SERVER_ERROR' || error.code === 'SERVICE_UNAVAILABLE');
    if (serverSide)
      req.log.error({ err: error.cause ?? error, path, type, code: error.code }, `trpc ${type} ${path ?? '?'} failed`);
    // A refusal (bad input, not found, conflict) is the caller's business: one line, no stack.
    else
      req.log.info(
        { path, type, code: error.code, appCode: error.cause instanceof AppError ? error.cause.code : undefined },
        `trpc ${type} ${path ?? '?'} refused`,
      );
  };
  // The calls a storm of customers makes skip tRPC's Fetch-API adapter (same procedures, same wire format).
  await registerDirectProcedures(app, '/trpc', { router: appRouter, createContext, onError, paths: DIRECT_PROCEDURES });
  // seats.onChange, the stream of every open seat map: one hub per show writes each event to every socket.
  registerSeatsStreamRoutes(app, services, { router: appRouter, createContext, onError });
  await app.register(fastifyTRPCPlugin, {
    prefix: '/trpc',
    trpcOptions: {
      router: appRouter,
      createContext,
      onError,
    } satisfies FastifyTRPCPluginOptions<AppRouter>['trpcOptions'],
  });

  return app;
}
