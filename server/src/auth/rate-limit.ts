// Rate limits shared by every instance: rate-limiter-flexible keeps the counters in Redis and falls
// back to a per-process memory limiter while Redis is down, so a limit still holds in degraded mode.
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { Redis } from '../redis';
import { AppError } from '../errors/app-error';
import type { TServices } from '../services';

const limiters = new WeakMap<Redis, Map<string, RateLimiterRedis>>();

function limiterFor(redis: Redis, name: string, perMinute: number): RateLimiterRedis {
  let byName = limiters.get(redis);
  if (!byName) limiters.set(redis, (byName = new Map<string, RateLimiterRedis>()));
  const id = `${name}:${perMinute}`;
  let limiter = byName.get(id);
  if (!limiter) {
    limiter = new RateLimiterRedis({
      storeClient: redis,
      keyPrefix: `rl:${name}`,
      points: perMinute,
      duration: 60,
      insuranceLimiter: new RateLimiterMemory({ points: perMinute, duration: 60 }),
    });
    byName.set(id, limiter);
  }
  return limiter;
}

/** Counts one attempt of `key` (a holder, an IP) against `name`'s limit; RATE_LIMITED past it. */
export async function limitByKey(
  { redis }: Pick<TServices, 'redis'>,
  { name, key, perMinute }: { name: string; key: string; perMinute: number },
): Promise<void> {
  try {
    await limiterFor(redis, name, perMinute).consume(key);
  } catch (err) {
    if (err instanceof RateLimiterRes) {
      throw new AppError('RATE_LIMITED', {
        message: `${name} rate limit for ${key}`,
        userMessage: `Too many tries. Please wait ${Math.ceil(err.msBeforeNext / 1000)} seconds.`,
      });
    }
    throw err;
  }
}
