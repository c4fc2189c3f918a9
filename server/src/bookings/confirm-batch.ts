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
 * Moves each show's seat version by the number of its changes in the batch, giving each its own
 * version (in the order given), and numbers their invoices. A confirmation that ended the booking
 * it replaces (an exchange settled in the batch, completeExchange's `batched`) moves that
 * booking's show too, just before its own. The shows are locked as an UPDATE locks them (FOR NO
 * KEY UPDATE), so holds, which only key-share a show to see its seat blocks, do not wait for a batch.
 */
export async function finishConfirmBatch(tx: TSql, entries: readonly TConfirmBatchEntry[], now: Date): Promise<void> {
  if (entries.length === 0) return;
  const byShow = new Map<string, { seatVersion: number }[]>();
  const moves = (showtimeId: string, change: { seatVersion: number }) =>
    byShow.set(showtimeId, [...(byShow.get(showtimeId) ?? []), change]);
  for (const { confirmed } of entries) {
    if (confirmed.exchanged) moves(confirmed.exchanged.showtimeId, confirmed.exchanged);
    moves(confirmed.showtimeId, confirmed);
  }
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
    const changes = byShow.get(row.id)!;
    changes.forEach((c, i) => (c.seatVersion = row.seatVersion - changes.length + 1 + i));
  }
  await issuePreparedInvoices(
    tx,
    entries.flatMap((e) => (e.invoice ? [e.invoice] : [])),
  );
}
