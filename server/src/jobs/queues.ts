// BullMQ wiring shared by producers (API) and the worker process: the connections, one typed queue
// per contract (jobs/<queue>/index.ts), and the consumer's start.
import { Queue, Worker, type ConnectionOptions, type Processor } from 'bullmq';
import { Cluster, Redis } from 'ioredis';
import type { TEnv } from '../env';
import type { Logger } from '../logger';
import { coalesceRedisWrites, isRedisConnectionError } from '../redis';
import { CLEANUP_QUEUE, type TCleanupQueue } from './cleanup';
import { EXPIRY_QUEUE, type TExpiryQueue } from './expiry';
import { RECEIPTS_QUEUE, type TReceiptsQueue } from './receipts';
import { RECONCILE_QUEUE, type TReconcileQueue } from './reconcile';
import { REFUNDS_QUEUE, type TRefundsQueue } from './refunds';
import { REMINDERS_QUEUE, type TRemindersQueue } from './reminders';

/** A started consumer; `close` lets its running jobs finish, then drops its connection. */
export interface TRunningWorker {
  worker: Worker;
  close: () => Promise<void>;
}

/** A consumer of one queue on its own blocking connection, with failures logged. */
export function startWorker(
  services: {
    env: Pick<TEnv, 'WORKER_LOCK_MS' | 'REDIS_PREFIX' | 'REDIS_URL' | 'REDIS_CLUSTER_NODES'>;
    log: Logger;
  },
  queue: TQueueName,
  processor: Processor,
  opts: { concurrency: number },
): TRunningWorker {
  const connection = workerConnection(services.env);
  // A job whose worker died (lock not renewed) is put back for another worker after one lock period.
  const lock = services.env.WORKER_LOCK_MS;
  const worker = new Worker(queue, processor, {
    connection,
    prefix: bullPrefix(services.env),
    concurrency: opts.concurrency,
    lockDuration: lock,
    stalledInterval: lock,
  });
  worker.on('failed', (job, err) => services.log.error({ err, jobId: job?.id, queue }, `${queue} job failed`));
  worker.on('error', (err) => {
    // Redis unreachable: reported once per outage by the process (create-services.ts), not per queue and attempt.
    if (isRedisConnectionError(err)) services.log.debug({ err, queue }, `${queue} worker cannot reach redis`);
    // A job that was running when Redis lost its data cannot be finished; its work is idempotent and
    // it comes again (its own schedule, the sweeps, the outbox), so this is news, not an error.
    else if (isJobLostWithRedis(err))
      services.log.info({ queue, reason: err.message }, `${queue}: a running job was lost with Redis`);
    else services.log.error({ err, queue }, `${queue} worker error`);
  });
  return {
    worker,
    close: async () => {
      await worker.close();
      connection.disconnect();
    },
  };
}

/** BullMQ's answer when a job's keys are gone (Redis flushed or restarted empty under a running job). */
function isJobLostWithRedis(err: Error): boolean {
  return /^Missing (key|lock) for job /.test(err.message);
}

export type TQueueName =
  | typeof EXPIRY_QUEUE
  | typeof RECONCILE_QUEUE
  | typeof RECEIPTS_QUEUE
  | typeof REMINDERS_QUEUE
  | typeof CLEANUP_QUEUE
  | typeof REFUNDS_QUEUE;

/**
 * Every BullMQ key of this deployment starts with one hash tag, e.g. `{mq:bull}:expiry:…`, so a
 * queue's multi-key scripts stay on one Redis Cluster slot. (BullMQ refuses ioredis' keyPrefix.)
 */
export function bullPrefix(env: Pick<TEnv, 'REDIS_PREFIX'>): string {
  return `{${env.REDIS_PREFIX}bull}`;
}

/** Workers block on Redis and must retry forever (BullMQ's requirement). */
export function workerConnection(env: Pick<TEnv, 'REDIS_URL' | 'REDIS_CLUSTER_NODES'>): Redis | Cluster {
  const options = { maxRetriesPerRequest: null, retryStrategy: (times: number) => Math.min(times * 200, 2_000) };
  if (env.REDIS_CLUSTER_NODES)
    return new Cluster(env.REDIS_CLUSTER_NODES, { redisOptions: options, clusterRetryStrategy: options.retryStrategy });
  return new Redis(env.REDIS_URL, options);
}

/**
 * Producers give up quickly while Redis is down (one reconnect attempt, 2 s at most per command):
 * a customer's request must not hang on a job that the sweeper will cover anyway. The offline
 * queue stays on because BullMQ sends its first commands before the connection is up.
 */
function producerConnection(env: Pick<TEnv, 'REDIS_URL' | 'REDIS_CLUSTER_NODES'>): Redis | Cluster {
  // No auto-pipelining: with BullMQ's scripts and MULTIs, ioredis 5.11 lost replies under load
  // ("results[i] is not iterable" thrown from autoPipelining.js, the add never settling).
  // Its writes are coalesced instead (coalesce-writes.ts): the same bytes, so replies stay as they were.
  const options = {
    maxRetriesPerRequest: 1,
    commandTimeout: 2_000,
    retryStrategy: (times: number) => Math.min(times * 200, 2_000),
  };
  if (env.REDIS_CLUSTER_NODES)
    return coalesceRedisWrites(
      new Cluster(env.REDIS_CLUSTER_NODES, { redisOptions: options, clusterRetryStrategy: options.retryStrategy }),
    );
  return coalesceRedisWrites(new Redis(env.REDIS_URL, options));
}

/**
 * The queues' producer side, one typed queue per contract: a job's name and payload are checked at
 * compile time. Producers go through their queue's `enqueue…` functions, which also fix the job id
 * and options.
 */
export class Jobs {
  readonly expiry: TExpiryQueue;
  readonly reconcile: TReconcileQueue;
  /** Receipt emails with the PDF tickets; consumed by workers/receipts/receipt-worker.ts. */
  readonly receipts: TReceiptsQueue;
  readonly reminders: TRemindersQueue;
  readonly cleanup: TCleanupQueue;
  /** Refunds of a cancelled show's bookings, one job per booking, each with its cancellation email. */
  readonly refunds: TRefundsQueue;
  private readonly connection: Redis | Cluster;

  constructor(env: Pick<TEnv, 'REDIS_URL' | 'REDIS_PREFIX' | 'REDIS_CLUSTER_NODES'>, log: Logger) {
    this.connection = producerConnection(env);
    this.connection.on('error', () => {}); // the shared connection's handler reports Redis outages
    const opts = {
      connection: this.connection as ConnectionOptions,
      prefix: bullPrefix(env),
      skipWaitingForReady: true,
    };
    this.expiry = new Queue(EXPIRY_QUEUE, opts);
    this.reconcile = new Queue(RECONCILE_QUEUE, opts);
    this.receipts = new Queue(RECEIPTS_QUEUE, opts);
    this.reminders = new Queue(REMINDERS_QUEUE, opts);
    this.cleanup = new Queue(CLEANUP_QUEUE, opts);
    this.refunds = new Queue(REFUNDS_QUEUE, opts);
    // Without a listener BullMQ prints connection errors raw; each failed add is logged where it happens.
    for (const queue of this.all)
      queue.on('error', (err) => log.debug({ err, queue: queue.name }, 'queue connection error'));
  }

  /** Every queue, for metrics and the managers' queue view. */
  get all(): Queue[] {
    return [this.expiry, this.reconcile, this.receipts, this.reminders, this.cleanup, this.refunds];
  }

  /** Calls `listener` each time the producer connection is (again) ready; returns the unsubscribe. */
  onReady(listener: () => void): () => void {
    this.connection.on('ready', listener);
    return () => void this.connection.off('ready', listener);
  }

  /** False while Redis is unreachable: callers skip enqueueing instead of waiting for a timeout. */
  get ready(): boolean {
    return this.connection.status === 'ready';
  }

  async close(): Promise<void> {
    await Promise.all(this.all.map((q) => q.close()));
    this.connection.disconnect();
  }
}
