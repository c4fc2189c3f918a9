// Writes holds through marquee_write_holds, whose source is sql/marquee_write_holds.sql.
import pg from 'pg';
import type { TSql } from '../db/prisma';
import { groupBatchesPer } from '../db/group-batches';
import { metrics } from '../metrics/metrics';

export interface TNewHold {
  bookingId: string;
  code: string;
  showtimeId: string;
  channel: 'KIOSK' | 'WEB' | 'BOX_OFFICE';
  holder: string;
  kioskId: string | null;
  amountPaise: number;
  feePaise: number;
  expiresAt: Date;
  lines: { seatId: string; pricePaise: number }[];
  now: Date;
}

type TWrite = { previousBookingId: string | null; hold: TNewHold };

// Every hold of the batch in one call, one transaction (see the function's migration). The function
// commits without waiting for the WAL flush.
const WRITE_HOLDS = `SELECT seat_version AS "seatVersion", error_state AS "errorState", error_constraint AS "errorConstraint", error_message AS "errorMessage"
  FROM marquee_write_holds($1::timestamptz[], $2::uuid[], $3::uuid[], $4::text[], $5::uuid[], $6::"Channel"[], $7::text[], $8::uuid[], $9::int[], $10::int[], $11::timestamptz[], $12::int[], $13::uuid[], $14::int[])`;

type TRow = {
  seatVersion: number | null;
  errorState: string | null;
  errorConstraint: string | null;
  errorMessage: string | null;
};

/** Deadlock, serialization failure: nothing of the transaction (or that hold) was written; trying again is safe. */
const RETRYABLE = new Set(['40P01', '40001']);
const ATTEMPTS = 3;

function writeValues(writes: readonly TWrite[]): unknown[] {
  const holds = writes.map((w) => w.hold);
  const seats = holds.flatMap((h, i) => h.lines.map((l) => ({ hold: i + 1, ...l })));
  return [
    holds.map((h) => h.now),
    writes.map((w) => w.previousBookingId),
    holds.map((h) => h.bookingId),
    holds.map((h) => h.code),
    holds.map((h) => h.showtimeId),
    holds.map((h) => h.channel),
    holds.map((h) => h.holder),
    holds.map((h) => h.kioskId),
    holds.map((h) => h.amountPaise),
    holds.map((h) => h.feePaise),
    holds.map((h) => h.expiresAt),
    seats.map((s) => s.hold),
    seats.map((s) => s.seatId),
    seats.map((s) => s.pricePaise),
  ];
}

/** The error Postgres raised for one hold of a batch, shaped as node-postgres reports a statement's (code, constraint). */
function holdError(row: TRow): pg.DatabaseError {
  const err = new pg.DatabaseError(row.errorMessage ?? 'hold refused', 0, 'error');
  err.code = row.errorState!;
  if (row.errorConstraint) err.constraint = row.errorConstraint;
  return err;
}

const retryable = (code: string | null | undefined) => RETRYABLE.has(code ?? '');

/**
 * Writes the batch; what a deadlock undid is written again: the whole batch if Postgres aborted
 * its transaction (only on the pool: a caller's own transaction is over once aborted), or the holds
 * whose own subtransaction it aborted.
 */
async function writeBatch(db: TSql, writes: readonly TWrite[]): Promise<(number | pg.DatabaseError)[]> {
  const ownTransaction = db instanceof pg.Pool;
  const results: (number | pg.DatabaseError)[] = [];
  let pending = writes.map((_, i) => i);
  for (let attempt = 1; pending.length > 0; attempt++) {
    let rows: TRow[];
    metrics.holdBatchSize.observe({ statement: 'write' }, pending.length);
    try {
      ({ rows } = await db.query<TRow>({
        name: 'write-holds',
        text: WRITE_HOLDS,
        values: writeValues(pending.map((i) => writes[i]!)),
      }));
    } catch (err) {
      if (!ownTransaction || attempt >= ATTEMPTS || !retryable((err as { code?: string }).code)) throw err;
      continue;
    }
    const again: number[] = [];
    rows.forEach((row, j) => {
      const i = pending[j]!;
      if (retryable(row.errorState) && attempt < ATTEMPTS) again.push(i);
      else results[i] = row.errorState ? holdError(row) : row.seatVersion!;
    });
    pending = again;
  }
  return results;
}

/**
 * Batches per pool. One batch at a time per process: holds of the same showtimes queue on their row
 * locks anyway, and the pool stays free for reads; the next batch fills while one is out.
 */
const writeBatched = groupBatchesPer<pg.Pool, TWrite, number>(writeBatch, { maxBatchSize: 32, maxInFlight: 1 });

/**
 * Writes the PENDING booking and its seats, closing the holder's previous PENDING booking first if
 * given, and moves the showtime's seat version on, in one transaction with the other holds being
 * written at the same moment (a client inside a transaction writes it alone, in that transaction).
 * The partial unique index on active booking seats refuses it whole if any seat is taken: it then
 * rejects with Postgres's error (code 23505 and the constraint). Returns the new seat version.
 */
export async function writeHold(db: TSql, previousBookingId: string | null, hold: TNewHold): Promise<number> {
  const write = { previousBookingId, hold };
  if (db instanceof pg.Pool) return writeBatched(db, write);
  const [result] = await writeBatch(db, [write]);
  if (result instanceof Error) throw result;
  return result!;
}
