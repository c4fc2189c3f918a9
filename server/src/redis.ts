import { Cluster, Redis as IORedis, type ClusterNode, type RedisOptions } from 'ioredis';
import { coalesceWrites } from './net/coalesce-writes';

/** A Redis connection: one server, or a Redis Cluster (every multi-key script stays in one slot through hash tags). */
export type Redis = IORedis | Cluster;

// Keep retrying in the background, at most every 2 s, so service resumes when Redis returns.
const retryStrategy = (times: number) => Math.min(times * 200, 2_000);

/**
 * One Redis connection with this deployment's key prefix. Commands fail at once while Redis is
 * down (no offline queue), so a caller can fall back to Postgres instead of waiting.
 */
export function createRedis(opts: {
  url: string;
  prefix: string;
  clusterNodes?: ClusterNode[];
  lazyConnect?: boolean;
}): Redis {
  const options: RedisOptions = {
    keyPrefix: opts.prefix,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 2_000,
    lazyConnect: opts.lazyConnect ?? false,
    // No auto-pipelining: under load ioredis 5.11 lost replies when scripts (EVALSHA, loaded on
    // first use) shared an auto-pipeline ("results[i] is not iterable", the caller never answered).
    // The socket's writes are coalesced instead (coalesceRedisWrites): fewer writes, same commands.
    enableAutoPipelining: false,
    retryStrategy,
  };
  if (opts.clusterNodes?.length) {
    const { keyPrefix, enableOfflineQueue, enableAutoPipelining, lazyConnect, ...redisOptions } = options;
    return coalesceRedisWrites(
      new Cluster(opts.clusterNodes, {
        keyPrefix,
        enableOfflineQueue,
        enableAutoPipelining,
        lazyConnect,
        redisOptions,
        clusterRetryStrategy: retryStrategy,
      }),
    );
  }
  return coalesceRedisWrites(new IORedis(opts.url, options));
}

/** Coalesces the writes of each connection `redis` opens (every node of a cluster), see coalesce-writes.ts. */
export function coalesceRedisWrites<T extends Redis>(redis: T): T {
  const onNode = (node: IORedis) => {
    if (node.stream) coalesceWrites(node.stream); // already connecting
    node.on('connect', () => coalesceWrites(node.stream)); // and after every reconnect
  };
  if (isCluster(redis)) redis.on('+node', onNode);
  else onNode(redis);
  return redis;
}

export function isCluster(redis: Redis): redis is Cluster {
  return redis instanceof Cluster;
}

/** A subscriber connection beside `redis` (same server or cluster): queues commands while it reconnects. */
export function subscriberFor(redis: Redis): Redis {
  if (isCluster(redis))
    return redis.duplicate([], {
      enableOfflineQueue: true,
      enableAutoPipelining: false,
      redisOptions: { ...redis.options.redisOptions, maxRetriesPerRequest: null },
    });
  return redis.duplicate({ enableOfflineQueue: true, maxRetriesPerRequest: null, enableAutoPipelining: false });
}

const CONNECTION_ERROR_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENOTFOUND',
]);

/**
 * An error that only says Redis is unreachable (refused, reset, closed, timed out). While Redis is
 * down every connection and queue reports one per reconnect attempt; the process logs the outage
 * once (create-services.ts), so these are not worth a line each.
 */
export function isRedisConnectionError(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  const code = (err as NodeJS.ErrnoException).code;
  if (code && CONNECTION_ERROR_CODES.has(code)) return true;
  if (err.name === 'MaxRetriesPerRequestError') return true;
  return /Connection is closed|Stream isn't writeable|connect ETIMEDOUT|Command timed out/.test(err.message);
}
