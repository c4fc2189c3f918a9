// Settlements that arrive together are applied together: webhooks, verify calls and the
// reconciler's findings of one process, gathered while earlier batches are on their way
// (groupBatches), run in one transaction. Each settlement runs in a savepoint of its own, so one
// that fails is rolled back alone and its caller gets its error. The seat versions of the shows
// and the invoice numbers of every booking confirmed in the batch are taken in one step at its end
// (finishConfirmBatch).
//
// Why: every confirmation of a show locks the show's row, and every confirmation of a cinema its
// invoice counter (the series must have no gap, so the number is taken in the confirming
// transaction), until its transaction commits. One at a time, a cinema's confirmations would queue
// behind each other's commits; a batch pays for one commit and holds those rows only for it.
import type pg from 'pg';
import { finishConfirmBatch, lockBookings, type TConfirmBatch, type TConfirmBatchEntry } from '../bookings';
import { groupBatches } from '../db/group-batches';
import { withTransaction } from '../db/prisma';
import type { TServices } from '../services';

export interface TSettleJob<T> {
  /** The booking the job settles, by any of its ids; it orders the jobs of a batch (see runBatch). */
  booking: { bookingId?: string | null; orderId?: string | null; qrId?: string | null };
  run: (tx: pg.PoolClient, batch: TConfirmBatch) => Promise<T>;
}

type TOwner = Pick<TServices, 'pg' | 'log'>;

/** Enough settlements to share a commit, few enough to keep one transaction short. */
const BATCH = { maxBatchSize: 16, maxInFlight: 4 };

/**
 * Jobs are applied in the order of the show and booking they settle. Before any runs, every
 * booking the batch may lock is locked at once in that order: the jobs' own and the bookings an
 * exchange among them ends (completeExchange, in the same transaction). The shows follow at the
 * end, in id order (finishConfirmBatch), the replaced bookings' shows among them. So two batches
 * (or a batch and any other path of docs/design.md's lock order) take the rows they share in the
 * same order and never wait on each other in a circle (bookings/lock-bookings.ts).
 */
async function applyOrder(
  tx: pg.PoolClient,
  jobs: readonly TSettleJob<unknown>[],
): Promise<{ order: number[]; lock: string[] }> {
  const ids = (pick: (b: TSettleJob<unknown>['booking']) => string | null | undefined) =>
    jobs.map((j) => pick(j.booking)).filter((id): id is string => Boolean(id));
  const { rows } = await tx.query<{
    id: string;
    orderId: string | null;
    qrId: string | null;
    key: string;
    replacesBookingId: string | null;
  }>(
    `SELECT id::text, "razorpayOrderId" AS "orderId", "razorpayQrId" AS "qrId", "showtimeId"::text || ':' || id::text AS key,
            "replacesBookingId"::text AS "replacesBookingId"
       FROM "Booking" WHERE id = ANY($1::uuid[]) OR "razorpayOrderId" = ANY($2::text[]) OR "razorpayQrId" = ANY($3::text[])`,
    [ids((b) => b.bookingId), ids((b) => b.orderId), ids((b) => b.qrId)],
  );
  const keyOf = new Map<string, string>();
  for (const r of rows) {
    keyOf.set(`id:${r.id}`, r.key);
    if (r.orderId) keyOf.set(`order:${r.orderId}`, r.key);
    if (r.qrId) keyOf.set(`qr:${r.qrId}`, r.key);
  }
  const keys = jobs.map(
    ({ booking: b }) =>
      keyOf.get(`id:${b.bookingId}`) ?? keyOf.get(`order:${b.orderId}`) ?? keyOf.get(`qr:${b.qrId}`) ?? '',
  );
  return {
    order: jobs.map((_, i) => i).sort((a, b) => (keys[a]! < keys[b]! ? -1 : keys[a]! > keys[b]! ? 1 : a - b)),
    lock: [...new Set(rows.flatMap((r) => (r.replacesBookingId ? [r.id, r.replacesBookingId] : [r.id])))],
  };
}

async function runBatch(services: TOwner, jobs: readonly TSettleJob<unknown>[]): Promise<unknown[]> {
  return withTransaction(services.pg, async (tx) => {
    const results = new Array<unknown>(jobs.length);
    const confirmed: TConfirmBatchEntry[] = [];
    const { order, lock } = await applyOrder(tx, jobs);
    // The bookings' rows first, before anything a job writes: two deliveries of one booking
    // (payment.captured and order.paid, each sent again) in two batches would otherwise each
    // record an event the other then waits on, while holding the booking the other needs.
    await lockBookings(tx, lock);
    for (const i of order) {
      const mine: TConfirmBatchEntry[] = [];
      await tx.query('SAVEPOINT settlement');
      try {
        results[i] = await jobs[i]!.run(tx, { add: (c, invoice) => mine.push({ confirmed: c, invoice }) });
        await tx.query('RELEASE SAVEPOINT settlement');
        confirmed.push(...mine);
      } catch (err) {
        await tx.query('ROLLBACK TO SAVEPOINT settlement');
        services.log.warn({ err, booking: jobs[i]!.booking }, 'a settlement failed and was rolled back alone');
        results[i] = err instanceof Error ? err : new Error(String(err));
      }
    }
    await finishConfirmBatch(tx, confirmed, new Date());
    return results;
  });
}

/**
 * One batcher per connection pool, that is per process: keyed by the pool, not by the services
 * object, since a tRPC context is a copy of the services per request and would batch alone.
 */
const batchers = new WeakMap<pg.Pool, (job: TSettleJob<unknown>) => Promise<unknown>>();

/** Runs one settlement in this process's next batch; resolves once the batch has committed. */
export function settleInBatch<T>(services: TOwner, job: TSettleJob<T>): Promise<T> {
  let batcher = batchers.get(services.pg);
  if (!batcher) {
    const owner: TOwner = { pg: services.pg, log: services.log };
    batcher = groupBatches<TSettleJob<unknown>, unknown>((jobs) => runBatch(owner, jobs), BATCH);
    batchers.set(services.pg, batcher);
  }
  return batcher(job) as Promise<T>;
}
