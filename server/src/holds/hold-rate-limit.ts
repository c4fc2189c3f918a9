// Per-holder rate limit on holds: a kiosk or browser cannot sweep a showtime's seats in a loop.
// rate-limiter-flexible keeps the counters in Redis (shared by every instance) and falls back to
// a per-process memory limiter while Redis is down, so the limit still holds in degraded mode.
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { Redis } from 'ioredis';
import { AppError } from '../errors/app-error';
import type { TServices } from '../services';

const limiters = new WeakMap<Redis, RateLimiterRedis>();

function limiterFor(redis: Redis, perMinute: number): RateLimiterRedis {
  let limiter = limiters.get(redis);
  if (!limiter) {
    limiter = new RateLimiterRedis({
      storeClient: redis,
      keyPrefix: 'rl:hold',
      points: perMinute,
      duration: 60,
      insuranceLimiter: new RateLimiterMemory({ points: perMinute, duration: 60 }),
    });
    limiters.set(redis, limiter);
  }
  return limiter;
}

export async function limitHolds({ redis, env }: Pick<TServices, 'redis' | 'env'>, holderKey: string): Promise<void> {
  try {
    await limiterFor(redis, env.HOLDS_PER_MINUTE).consume(holderKey);
  } catch (err) {
    if (err instanceof RateLimiterRes) {
      throw new AppError('RATE_LIMITED', { message: `hold rate limit for ${holderKey}`, userMessage: `Too many tries. Please wait ${Math.ceil(err.msBeforeNext / 1000)} seconds.` });
    }
    throw err;
  }
}
