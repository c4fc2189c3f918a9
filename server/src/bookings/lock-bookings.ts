// The one order in which a transaction takes the rows that bookings and shows share, so no two
// transactions wait on each other in a circle (Postgres would abort one of them after a second,
// deadlock_timeout, with SQLSTATE 40P01). See docs/design.md, Concurrency.
//
//   1. bookings, by show and then id (a show's own bookings by id);
//   2. the cinema's credit-note counter (issueCreditNote);
//   3. shows, by id: a transaction moving several shows' seat versions moves them in one
//      statement at its end (finishConfirmBatch, closePendingBookings, marquee_write_holds);
//   4. the cinema's invoice counter (issueInvoice, issuePreparedInvoices).
//
// A path that needs a row of an earlier step after one of a later step locks it up front instead.
import type { TSql } from '../db/prisma';

/** Locks these bookings' rows (FOR UPDATE) in the order above, in one statement. */
export async function lockBookings(tx: TSql, bookingIds: readonly string[]): Promise<void> {
  await tx.query(`SELECT 1 FROM "Booking" WHERE id = ANY($1::uuid[]) ORDER BY "showtimeId", id FOR UPDATE`, [
    bookingIds,
  ]);
}
