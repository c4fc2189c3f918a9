import type { FastifyInstance } from 'fastify';
import type { TServices } from '../services';

const CHECK_TIMEOUT_MS = 2_000;

function withTimeout<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${what} did not answer within ${CHECK_TIMEOUT_MS} ms`)),
      CHECK_TIMEOUT_MS,
    );
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** A check's outcome; the error text is for the log only, never for the public answer. */
async function check(fn: () => Promise<unknown>, what: string): Promise<{ ok: true } | { ok: false; error: string }> {
  try {
    await withTimeout(fn(), what);
    return { ok: true };
  } catch (err) {
    return { ok: false, error: err instanceof Error ? err.message : String(err) };
  }
}

/**
 * /healthz: the process is alive. /readyz: it can serve. Without Postgres it cannot (503); without
 * Redis it still can, on Postgres alone, and says so as `degraded`. Both are public, so they say only
 * ok or not; why a check failed (host names, driver messages) goes to the log.
 */
export function registerHealthRoutes(app: FastifyInstance, { prisma, redis, log }: TServices): void {
  app.get('/healthz', (_req, reply) => reply.send({ status: 'ok' }));

  app.get('/readyz', async (_req, reply) => {
    const [postgres, redisCheck] = await Promise.all([
      check(() => prisma.$queryRaw`SELECT 1`, 'postgres'),
      check(() => redis.ping(), 'redis'),
    ]);
    const status = !postgres.ok ? 'unavailable' : !redisCheck.ok ? 'degraded' : 'ok';
    if (status !== 'ok') log.warn({ postgres, redis: redisCheck }, `readiness: ${status}`);
    return reply
      .code(postgres.ok ? 200 : 503)
      .send({ status, checks: { postgres: { ok: postgres.ok }, redis: { ok: redisCheck.ok } } });
  });
}
