// Prometheus metrics, one registry per process, served at GET /metrics. When the API runs as several
// instances (api-cluster.ts), the instance that takes the scrape asks the primary for everyone's
// metrics added up, so a scrape never depends on which instance answered.
import cluster from 'node:cluster';
import type { Queue } from 'bullmq';
import { AggregatorRegistry, collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { METRICS_REQUEST, METRICS_RESPONSE, type TMetricsResponse } from '../lifecycle/api-cluster';

export const registry = new Registry();
collectDefaultMetrics({ register: registry, prefix: 'marquee_' });
/** Read from Redis at scrape time by the instance that answers, so never added up across instances. */
const queueRegistry = new Registry();

export const metrics = {
  holds: new Counter({
    name: 'marquee_holds_total',
    help: 'holds.create outcomes',
    labelNames: ['result'] as const,
    registers: [registry],
  }),
  // Seat spinning: holds refused by a per-address or per-session limit, or for want of a valid challenge.
  holdLimitRefusals: new Counter({
    name: 'marquee_hold_limit_refusals_total',
    help: 'holds.create calls refused by a seat-spinning limit, by reason',
    labelNames: ['reason'] as const,
    registers: [registry],
  }),
  holdChallenges: new Counter({
    name: 'marquee_hold_challenges_total',
    help: 'hold challenges issued, and solved ones presented with a hold, by outcome',
    labelNames: ['outcome'] as const,
    registers: [registry],
  }),
  holdSeconds: new Histogram({
    name: 'marquee_hold_seconds',
    help: 'holds.create latency',
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  }),
  // Group commit (db/group-batches.ts): how many holds share each statement; 1s under load mean no batching.
  holdBatchSize: new Histogram({
    name: 'marquee_hold_batch_size',
    help: 'holds per Postgres statement: the batched context read and write',
    labelNames: ['statement'] as const,
    buckets: [1, 2, 4, 8, 16, 32],
    registers: [registry],
  }),
  degraded: new Counter({
    name: 'marquee_redis_degraded_operations_total',
    help: 'operations that went on without Redis (Postgres alone arbitrated)',
    labelNames: ['operation'] as const,
    registers: [registry],
  }),
  // Across instances, the lowest: degraded as soon as one instance is.
  redisUp: new Gauge({
    name: 'marquee_redis_up',
    help: '1 while Redis answers, 0 in degraded mode',
    aggregator: 'min',
    registers: [registry],
  }),
  expired: new Counter({
    name: 'marquee_bookings_expired_total',
    help: 'holds expired',
    labelNames: ['by'] as const,
    registers: [registry],
  }),
  queueJobs: new Gauge({
    name: 'marquee_queue_jobs',
    help: 'BullMQ jobs per queue and state (read at scrape time)',
    labelNames: ['queue', 'state'] as const,
    registers: [queueRegistry],
  }),
  outboxRelayPasses: new Counter({
    name: 'marquee_outbox_relay_passes_total',
    help: 'passes of the worker’s outbox relay over the due rows, by outcome',
    labelNames: ['outcome'] as const,
    registers: [registry],
  }),
  outboxWaiting: new Gauge({
    name: 'marquee_outbox_waiting',
    help: 'outbox rows due and not yet done (read from Postgres at scrape time)',
    registers: [queueRegistry],
  }),
  outboxOldestSeconds: new Gauge({
    name: 'marquee_outbox_oldest_seconds',
    help: 'how long the oldest waiting outbox row has been due, 0 when none waits (read at scrape time)',
    registers: [queueRegistry],
  }),
};

const QUEUE_STATES = ['waiting', 'active', 'delayed', 'completed', 'failed', 'prioritized'] as const;

/** Refreshes the queue gauges from Redis; without Redis they keep their last values. */
export async function collectQueueMetrics(queues: Queue[]): Promise<void> {
  await Promise.all(
    queues.map(async (queue) => {
      const counts = await queue.getJobCounts(...QUEUE_STATES);
      for (const state of QUEUE_STATES) metrics.queueJobs.set({ queue: queue.name, state }, counts[state] ?? 0);
    }),
  );
}

if (cluster.isWorker) {
  new AggregatorRegistry(); // answers the primary's requests for this instance's metrics
  AggregatorRegistry.setRegistries([registry]);
}

const PRIMARY_TIMEOUT_MS = 5_000;
let requestId = 0;

/** The primary's sum of every instance's metrics (api-cluster.ts). */
function clusterMetrics(): Promise<string> {
  const id = ++requestId;
  return new Promise((resolve, reject) => {
    const onMessage = (message: Partial<TMetricsResponse>) => {
      if (message?.type !== METRICS_RESPONSE || message.id !== id) return;
      done();
      if (message.text !== undefined) resolve(message.text);
      else reject(new Error(`the primary could not add up the metrics: ${message.error ?? 'no reason given'}`));
    };
    const timer = setTimeout(() => {
      done();
      reject(new Error(`the primary did not answer for the metrics within ${PRIMARY_TIMEOUT_MS / 1000} s`));
    }, PRIMARY_TIMEOUT_MS);
    const done = () => {
      clearTimeout(timer);
      process.off('message', onMessage);
    };
    process.on('message', onMessage);
    process.send!({ type: METRICS_REQUEST, id });
  });
}

/** The text GET /metrics answers: this process's metrics, or every API instance's added up. */
export async function metricsText(): Promise<string> {
  const [own, queues] = await Promise.all([
    cluster.isWorker ? clusterMetrics() : registry.metrics(),
    queueRegistry.metrics(),
  ]);
  return `${own.trimEnd()}\n\n${queues}`;
}

export const metricsContentType = registry.contentType;
