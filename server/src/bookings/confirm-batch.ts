// Confirmations made in one transaction (a batch of webhooks), finished together at its end. The
// show's row and the cinema's invoice counter are locked by every confirmation until it commits;
// a batch takes each once for all its confirmations, last, and in key order, so its locks are held
// only for the commit and two batches never wait on each other in a circle.
import type { TSql } from '../db/prisma';
import { issuePreparedInvoices, type TPreparedInvoice } from '../tax-invoices';
import type { TConfirmedBooking } from './confirm-booking';

export interface TConfirmBatchEntry {
  confirmed: TConfirmedBooking;
  invoice: TPreparedInvoice | null;
}

/**
 * Moves each show's seat version by the number of its confirmations in the batch, giving each its
 * own version (in the order given), and numbers their invoices. The shows are locked as an UPDATE
 * locks them (FOR NO KEY UPDATE), so holds, which only key-share a show to see its seat blocks, do
 * not wait for a batch.
 */
export async function finishConfirmBatch(tx: TSql, entries: readonly TConfirmBatchEntry[], now: Date): Promise<void> {
  if (entries.length === 0) return;
  const byShow = new Map<string, TConfirmedBooking[]>();
  for (const { confirmed } of entries)
    byShow.set(confirmed.showtimeId, [...(byShow.get(confirmed.showtimeId) ?? []), confirmed]);
  const ids = [...byShow.keys()].sort();
  const { rows } = await tx.query<{ id: string; seatVersion: number }>(
    `UPDATE "Showtime" st SET "seatVersion" = st."seatVersion" + b.n, "updatedAt" = $3
       FROM (SELECT s.id, u.n FROM "Showtime" s JOIN unnest($1::uuid[], $2::int[]) AS u(id, n) ON u.id = s.id
              ORDER BY s.id FOR NO KEY UPDATE OF s) b
      WHERE st.id = b.id
      RETURNING st.id::text, st."seatVersion"`,
    [ids, ids.map((id) => byShow.get(id)!.length), now],
  );
  for (const row of rows) {
    const confirmations = byShow.get(row.id)!;
    confirmations.forEach((c, i) => (c.seatVersion = row.seatVersion - confirmations.length + 1 + i));
  }
  await issuePreparedInvoices(
    tx,
    entries.flatMap((e) => (e.invoice ? [e.invoice] : [])),
  );
}
