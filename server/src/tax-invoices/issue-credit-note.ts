// The credit note of a refund, issued in the refunding transaction from its own series: it
// reverses the lines given back (seat-refund.ts works them out from the invoice's), with the
// seller's particulars as the invoice gave them. A booking without an invoice (never confirmed, or
// complimentary) gets none.
import type { TTaxLine, TTaxTotals } from '@marquee/shared';
import { v7 as uuidv7 } from 'uuid';
import type { TSql } from '../db/prisma';
import { allocateTaxDocumentNumbers } from './allocate-number';
import type { TIssuedDocument } from './issue-invoice';

export async function issueCreditNote(
  tx: TSql,
  {
    bookingId,
    refundId,
    now,
    lines,
    totals,
  }: { bookingId: string; refundId: string | null; now: Date; lines: TTaxLine[]; totals: TTaxTotals },
): Promise<TIssuedDocument | null> {
  const { rows } = await tx.query<{ id: string; cinemaId: string; invoicePrefix: string }>(
    `SELECT d.id::text, d."cinemaId"::text, c."invoicePrefix"
       FROM "TaxDocument" d JOIN "Cinema" c ON c.id = d."cinemaId"
      WHERE d."bookingId" = $1 AND d.kind = 'INVOICE'`,
    [bookingId],
  );
  const invoice = rows[0];
  if (!invoice) return null;
  const allocated = await allocateTaxDocumentNumbers(tx, {
    cinemaId: invoice.cinemaId,
    prefix: invoice.invoicePrefix,
    kind: 'CREDIT_NOTE',
    now,
    count: 1,
  });
  const id = uuidv7();
  await tx.query(
    `INSERT INTO "TaxDocument" (id, "cinemaId", kind, "financialYear", serial, number, "bookingId", "invoiceId", "refundId",
       "issuedAt", "sellerLegalName", "sellerAddress", "sellerGstin", "placeOfSupply", lines,
       "taxablePaise", "cgstPaise", "sgstPaise", "totalPaise")
     SELECT $1, "cinemaId", 'CREDIT_NOTE', $2, $3, $4, "bookingId", id, $5, $6, "sellerLegalName", "sellerAddress",
            "sellerGstin", "placeOfSupply", $8::jsonb, $9, $10, $11, $12
       FROM "TaxDocument" WHERE id = $7`,
    [
      id,
      allocated.financialYear,
      allocated.serials[0],
      allocated.numbers[0],
      refundId,
      allocated.issuedAt,
      invoice.id,
      JSON.stringify(lines),
      totals.taxablePaise,
      totals.cgstPaise,
      totals.sgstPaise,
      totals.totalPaise,
    ],
  );
  return { id, bookingId, number: allocated.numbers[0]!, issuedAt: allocated.issuedAt };
}
