// Prometheus metrics, one registry per process (served at GET /metrics).
import type { Queue } from 'bullmq';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

export const registry = new Registry();
collectDefaultMetrics({ register: registry, prefix: 'marquee_' });

export const metrics = {
  holds: new Counter({ name: 'marquee_holds_total', help: 'holds.create outcomes', labelNames: ['result'] as const, registers: [registry] }),
  holdSeconds: new Histogram({
    name: 'marquee_hold_seconds',
    help: 'holds.create latency',
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  }),
  degraded: new Counter({
    name: 'marquee_redis_degraded_operations_total',
    help: 'operations that went on without Redis (Postgres alone arbitrated)',
    labelNames: ['operation'] as const,
    registers: [registry],
  }),
  redisUp: new Gauge({ name: 'marquee_redis_up', help: '1 while Redis answers, 0 in degraded mode', registers: [registry] }),
  expired: new Counter({ name: 'marquee_bookings_expired_total', help: 'holds expired', labelNames: ['by'] as const, registers: [registry] }),
  queueJobs: new Gauge({ name: 'marquee_queue_jobs', help: 'BullMQ jobs per queue and state (read at scrape time)', labelNames: ['queue', 'state'] as const, registers: [registry] }),
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
