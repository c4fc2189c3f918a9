import { Redis } from 'ioredis';

export type { Redis };

/**
 * One Redis connection with this deployment's key prefix. Commands fail at once while Redis is
 * down (no offline queue), so a caller can fall back to Postgres instead of waiting.
 */
export function createRedis(opts: { url: string; prefix: string; lazyConnect?: boolean }): Redis {
  return new Redis(opts.url, {
    keyPrefix: opts.prefix,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 2_000,
    lazyConnect: opts.lazyConnect ?? false,
    // Commands issued in the same tick by concurrent requests go out in one write: under a storm of
    // holds, socket writes (syscalls) were the API's largest cost.
    enableAutoPipelining: true,
    // Keep retrying in the background, at most every 2 s, so service resumes when Redis returns.
    retryStrategy: (times) => Math.min(times * 200, 2_000),
  });
}
