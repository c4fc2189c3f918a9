// The outbox's backlog on /metrics: rows due and not done, and how long the oldest has waited. A
// number that grows means receipts or reminders are not going out (Redis down, no worker running).
import { metrics } from '../../metrics/metrics';
import type { TServices } from '../../services';

export async function collectOutboxMetrics({ pg }: Pick<TServices, 'pg'>, now = new Date()): Promise<void> {
  const { rows } = await pg.query<{ waiting: number; oldest: Date | null }>(
    `SELECT count(*)::int AS waiting, min("dueAt") AS oldest FROM "OutboxEntry" WHERE "doneAt" IS NULL AND "dueAt" <= $1`,
    [now],
  );
  const { waiting, oldest } = rows[0]!;
  metrics.outboxWaiting.set(waiting);
  metrics.outboxOldestSeconds.set(oldest ? Math.max(0, (now.getTime() - oldest.getTime()) / 1000) : 0);
}
