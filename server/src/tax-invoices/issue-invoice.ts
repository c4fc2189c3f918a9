// The tax invoice of a booking being confirmed, issued in the confirming transaction: its lines are
// worked out from the booking's seats and fee at the date of supply (with the film's SGST waiver,
// if the state granted one for that date), the seller's particulars are copied as they are now, and
// only then is the number taken, so the counter row stays locked for as short a time as it can.
import { indiaDate, invoiceLines, taxTotals } from '@marquee/shared';
import { v7 as uuidv7 } from 'uuid';
import type { TSql } from '../db/prisma';
import { allocateTaxDocumentNumber } from './allocate-number';

export interface TIssuedDocument {
  id: string;
  number: string;
  issuedAt: Date;
}

/**
 * Issues the invoice of a booking confirmed at `now`. A booking with nothing to pay (a
 * complimentary ticket) is no supply for consideration and gets none: returns null.
 */
export async function issueInvoice(
  tx: TSql,
  { bookingId, now }: { bookingId: string; now: Date },
): Promise<TIssuedDocument | null> {
  const { rows } = await tx.query<{
    amountPaise: number;
    feePaise: number;
    cinemaId: string;
    legalName: string;
    name: string;
    address: string;
    gstin: string | null;
    gstStateCode: string | null;
    admissionSac: string;
    bookingFeeSac: string;
    feeGstRatePercent: number;
    invoicePrefix: string;
    sgstWaived: boolean;
    seats: { label: string; pricePaise: number }[];
  }>(
    `SELECT b."amountPaise", b."feePaise", c.id::text AS "cinemaId", c."legalName", c.name, c.address, c.gstin,
            c."gstStateCode", c."admissionSac", c."bookingFeeSac", c."feeGstRatePercent", c."invoicePrefix",
            EXISTS (SELECT 1 FROM "FilmSgstWaiver" w
                     WHERE w."movieId" = st."movieId" AND w."stateCode" = c."gstStateCode"
                       AND $2::date BETWEEN w."fromDate" AND w."toDate") AS "sgstWaived",
            (SELECT json_agg(json_build_object('label', s.label, 'pricePaise', bs."pricePaise"))
               FROM "BookingSeat" bs JOIN "Seat" s ON s.id = bs."seatId" WHERE bs."bookingId" = b.id) AS seats
       FROM "Booking" b
       JOIN "Showtime" st ON st.id = b."showtimeId"
       JOIN "Screen" sc ON sc.id = st."screenId"
       JOIN "Cinema" c ON c.id = sc."cinemaId"
      WHERE b.id = $1`,
    [bookingId, indiaDate(now)],
  );
  const b = rows[0];
  if (!b) throw new Error(`issueInvoice: booking ${bookingId} not found`);
  if (b.amountPaise === 0) return null;
  const lines = invoiceLines({
    seats: b.seats ?? [],
    feePaise: b.feePaise,
    feeGstRatePercent: b.feeGstRatePercent,
    suppliedAt: now,
    sgstWaived: b.sgstWaived,
    admissionSac: b.admissionSac,
    bookingFeeSac: b.bookingFeeSac,
  });
  const totals = taxTotals(lines);
  if (totals.totalPaise !== b.amountPaise)
    throw new Error(`issueInvoice: booking ${bookingId} lines add up to ${totals.totalPaise}, not ${b.amountPaise}`);
  const allocated = await allocateTaxDocumentNumber(tx, {
    cinemaId: b.cinemaId,
    prefix: b.invoicePrefix,
    kind: 'INVOICE',
    now,
  });
  const id = uuidv7();
  await tx.query(
    `INSERT INTO "TaxDocument" (id, "cinemaId", kind, "financialYear", serial, number, "bookingId", "issuedAt",
       "sellerLegalName", "sellerAddress", "sellerGstin", "placeOfSupply", lines,
       "taxablePaise", "cgstPaise", "sgstPaise", "totalPaise")
     VALUES ($1, $2, 'INVOICE', $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)`,
    [
      id,
      b.cinemaId,
      allocated.financialYear,
      allocated.serial,
      allocated.number,
      bookingId,
      allocated.issuedAt,
      b.legalName || b.name,
      b.address,
      b.gstin,
      b.gstStateCode,
      JSON.stringify(lines),
      totals.taxablePaise,
      totals.cgstPaise,
      totals.sgstPaise,
      totals.totalPaise,
    ],
  );
  return { id, number: allocated.number, issuedAt: allocated.issuedAt };
}
