// The API as several instances on one machine (node:cluster). Node runs JavaScript on one thread, so
// one instance uses one core: in the hold storm on two cores, the single API thread was busy ~80% of
// its core while a tenth of the machine idled. The primary only supervises: it forks the instances
// (they share the port; the primary hands out connections in turn), forks again one that dies,
// passes SIGINT/SIGTERM on and waits for them, and adds up their metrics for GET /metrics.
import cluster, { type Worker } from 'node:cluster';
import { AggregatorRegistry } from 'prom-client';
import type { Logger } from '../logger';

/** What an instance asks the primary for, and the answer: every instance's metrics, added up. */
export const METRICS_REQUEST = 'marquee:metrics-request';
export const METRICS_RESPONSE = 'marquee:metrics-response';
export interface TMetricsResponse {
  type: typeof METRICS_RESPONSE;
  id: number;
  text?: string;
  error?: string;
}

/**
 * An instance that dies before it listens, or this soon after, counts as a failed start. Counting
 * from the listen, not the fork: a start itself can take longer than this on a busy machine (tsx
 * compiling the server), and a port in use would then be retried for ever.
 */
const QUICK_EXIT_MS = 5_000;
/** This many failed starts in a row stop the whole API (a bad setting, a port in use...). */
const MAX_FAILED_STARTS = 3;

/**
 * `poolSize` is the API's Postgres connections in all: each instance gets its share, so one instance
 * per core on a large machine does not open cores × DATABASE_POOL_SIZE connections.
 */
export function runApiCluster(opts: {
  instances: number;
  poolSize: number;
  log: Logger;
  stopDeadlineMs: number;
}): void {
  const { instances, log } = opts;
  const poolShare = Math.max(1, Math.ceil(opts.poolSize / instances));
  const aggregator = new AggregatorRegistry();
  const running = new Set<Worker>();
  const listeningAt = new Map<Worker, number>();
  let failedStarts = 0;
  let stopping = false;
  let exitCode = 0;

  const fork = () => running.add(cluster.fork({ DATABASE_POOL_SIZE: String(poolShare) }));

  cluster.on('message', (worker, message: { type?: string; id?: number }) => {
    if (message?.type !== METRICS_REQUEST) return;
    const reply = (r: Omit<TMetricsResponse, 'type' | 'id'>) =>
      worker.isConnected() &&
      worker.send({ type: METRICS_RESPONSE, id: message.id ?? 0, ...r } satisfies TMetricsResponse);
    aggregator.clusterMetrics().then(
      (text) => reply({ text }),
      (err: unknown) => {
        log.warn({ err }, 'could not add up the instances’ metrics');
        reply({ error: String(err) });
      },
    );
  });

  cluster.on('listening', (worker) => listeningAt.set(worker, Date.now()));

  cluster.on('exit', (worker, code, signal) => {
    const listenedAt = listeningAt.get(worker);
    running.delete(worker);
    listeningAt.delete(worker);
    if (stopping) {
      if (code !== 0) exitCode = 1;
      if (running.size === 0) process.exit(exitCode);
      return;
    }
    failedStarts = listenedAt === undefined || Date.now() - listenedAt < QUICK_EXIT_MS ? failedStarts + 1 : 0;
    if (failedStarts >= MAX_FAILED_STARTS) {
      log.fatal({ code, signal }, `API instances failed to start ${failedStarts} times in a row; stopping`);
      stopping = true;
      exitCode = 1;
      for (const w of running) w.process.kill('SIGTERM');
      if (running.size === 0) process.exit(1);
      setTimeout(() => process.exit(1), opts.stopDeadlineMs).unref();
      return;
    }
    log.error({ pid: worker.process.pid, code, signal }, 'an API instance stopped; starting another');
    fork();
  });

  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'api shutting down its instances');
    // Always SIGTERM: a Ctrl-C in a terminal has already sent them SIGINT, and a second SIGINT would kill them mid-stop.
    for (const w of running) w.process.kill('SIGTERM');
    // Each instance has its own deadline; this one only covers an instance that never answers.
    setTimeout(() => {
      log.error('API instances did not stop in time; exiting');
      process.exit(1);
    }, opts.stopDeadlineMs + 2_000).unref();
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));

  log.info({ instances, poolPerInstance: poolShare }, 'starting API instances');
  for (let i = 0; i < instances; i++) fork();
}
