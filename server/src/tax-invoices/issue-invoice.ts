// The tax invoice of a booking being confirmed, issued in the confirming transaction. Issuing is
// two steps: preparing works out the lines from the booking's seats and fee at the date of supply
// (with the film's SGST waiver, if the state granted one for that date) and copies the seller's
// particulars as they are now; only then are numbers taken, last, so the counter row stays locked
// for as short a time as it can. A batch of confirmations prepares each as it goes and takes all
// their numbers in one step at the end (payments/webhook-batches.ts).
import { financialYearOf, indiaDate, invoiceLines, taxTotals, type TTaxLine, type TTaxTotals } from '@marquee/shared';
import { v7 as uuidv7 } from 'uuid';
import type { TSql } from '../db/prisma';
import { allocateTaxDocumentNumbers } from './allocate-number';

export interface TIssuedDocument {
  id: string;
  bookingId: string;
  number: string;
  issuedAt: Date;
}

/** An invoice worked out and waiting for its number. */
export interface TPreparedInvoice {
  bookingId: string;
  cinemaId: string;
  prefix: string;
  now: Date;
  sellerLegalName: string;
  sellerAddress: string;
  sellerGstin: string | null;
  placeOfSupply: string | null;
  lines: TTaxLine[];
  totals: TTaxTotals;
}

export interface TInvoiceRequest {
  bookingId: string;
  now: Date;
  /** The booking's seats with their prices, as the confirmation has just read them. */
  seats: readonly { label: string; pricePaise: number }[];
}

/**
 * Works out the invoice of a booking confirmed at `now`. A booking with nothing to pay (a
 * complimentary ticket) is no supply for consideration and gets none: returns null. Throws if the
 * lines do not add up to the booking's amount (no invoice is better than a wrong one).
 */
export async function prepareInvoice(
  tx: TSql,
  { bookingId, now, seats }: TInvoiceRequest,
): Promise<TPreparedInvoice | null> {
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
  }>(
    `SELECT b."amountPaise", b."feePaise", c.id::text AS "cinemaId", c."legalName", c.name, c.address, c.gstin,
            c."gstStateCode", c."admissionSac", c."bookingFeeSac", c."feeGstRatePercent", c."invoicePrefix",
            EXISTS (SELECT 1 FROM "FilmSgstWaiver" w
                     WHERE w."movieId" = st."movieId" AND w."stateCode" = c."gstStateCode"
                       AND $2::date BETWEEN w."fromDate" AND w."toDate") AS "sgstWaived"
       FROM "Booking" b
       JOIN "Showtime" st ON st.id = b."showtimeId"
       JOIN "Screen" sc ON sc.id = st."screenId"
       JOIN "Cinema" c ON c.id = sc."cinemaId"
      WHERE b.id = $1`,
    [bookingId, indiaDate(now)],
  );
  const b = rows[0];
  if (!b) throw new Error(`invoice: booking ${bookingId} not found`);
  if (b.amountPaise === 0) return null;
  const lines = invoiceLines({
    seats,
    feePaise: b.feePaise,
    feeGstRatePercent: b.feeGstRatePercent,
    suppliedAt: now,
    sgstWaived: b.sgstWaived,
    admissionSac: b.admissionSac,
    bookingFeeSac: b.bookingFeeSac,
  });
  const totals = taxTotals(lines);
  if (totals.totalPaise !== b.amountPaise)
    throw new Error(`invoice: booking ${bookingId}'s lines add up to ${totals.totalPaise} paise, not ${b.amountPaise}`);
  return {
    bookingId,
    cinemaId: b.cinemaId,
    prefix: b.invoicePrefix,
    now,
    sellerLegalName: b.legalName || b.name,
    sellerAddress: b.address,
    sellerGstin: b.gstin,
    placeOfSupply: b.gstStateCode,
    lines,
    totals,
  };
}

/**
 * Numbers and stores prepared invoices: one counter step per cinema and financial year, taken in
 * the order of their keys so two batches never wait on each other's counters. The invoices of one
 * step are numbered in the order given and dated alike (one transaction confirmed them).
 */
export async function issuePreparedInvoices(
  tx: TSql,
  prepared: readonly TPreparedInvoice[],
): Promise<TIssuedDocument[]> {
  const groups = new Map<string, TPreparedInvoice[]>();
  for (const p of prepared) {
    const key = `${p.cinemaId}:${financialYearOf(p.now)}`;
    groups.set(key, [...(groups.get(key) ?? []), p]);
  }
  const issued: TIssuedDocument[] = [];
  for (const key of [...groups.keys()].sort()) {
    const group = groups.get(key)!;
    const latest = new Date(Math.max(...group.map((p) => p.now.getTime())));
    const allocated = await allocateTaxDocumentNumbers(tx, {
      cinemaId: group[0]!.cinemaId,
      prefix: group[0]!.prefix,
      kind: 'INVOICE',
      now: latest,
      count: group.length,
    });
    const ids = group.map(() => uuidv7());
    await tx.query(
      `INSERT INTO "TaxDocument" (id, "cinemaId", kind, "financialYear", serial, number, "bookingId", "issuedAt",
         "sellerLegalName", "sellerAddress", "sellerGstin", "placeOfSupply", lines,
         "taxablePaise", "cgstPaise", "sgstPaise", "totalPaise")
       SELECT d.id, $1, 'INVOICE', $2, d.serial, d.number, d.booking, $3, d.legal_name, d.address, d.gstin, d.place,
              d.lines, d.taxable, d.cgst, d.sgst, d.total
         FROM unnest($4::uuid[], $5::int[], $6::text[], $7::uuid[], $8::text[], $9::text[], $10::text[], $11::text[],
                     $12::jsonb[], $13::int[], $14::int[], $15::int[], $16::int[])
           AS d(id, serial, number, booking, legal_name, address, gstin, place, lines, taxable, cgst, sgst, total)`,
      [
        group[0]!.cinemaId,
        allocated.financialYear,
        allocated.issuedAt,
        ids,
        allocated.serials,
        allocated.numbers,
        group.map((p) => p.bookingId),
        group.map((p) => p.sellerLegalName),
        group.map((p) => p.sellerAddress),
        group.map((p) => p.sellerGstin),
        group.map((p) => p.placeOfSupply),
        group.map((p) => JSON.stringify(p.lines)),
        group.map((p) => p.totals.taxablePaise),
        group.map((p) => p.totals.cgstPaise),
        group.map((p) => p.totals.sgstPaise),
        group.map((p) => p.totals.totalPaise),
      ],
    );
    group.forEach((p, i) =>
      issued.push({ id: ids[i]!, bookingId: p.bookingId, number: allocated.numbers[i]!, issuedAt: allocated.issuedAt }),
    );
  }
  return issued;
}

/** Issues the invoice of one booking confirmed at `now`; null for a booking with nothing to pay. */
export async function issueInvoice(tx: TSql, request: TInvoiceRequest): Promise<TIssuedDocument | null> {
  const prepared = await prepareInvoice(tx, request);
  if (!prepared) return null;
  return (await issuePreparedInvoices(tx, [prepared]))[0]!;
}
