// The month's GST returns as CSV, for an accountant to paste into the GST portal's offline tool:
// amounts in rupees with two decimals, dates as DD-MM-YYYY (India), rates as plain numbers ("18",
// "2.5"). Text that could start a spreadsheet formula (a reason typed by staff) is escaped by
// csv-stringify's escape_formulas; amounts go in as numbers of paise, which it leaves alone and
// writes as rupees, so a negative net stays "-12.34" rather than becoming text.
import { indiaDate, type TTaxReturns } from '@marquee/shared';
import { stringify } from 'csv-stringify/sync';
import type { TRegisterRow } from './load-tax-returns';

/** Paise → "1234.50"; negative nets keep their sign. */
export function rupees(paise: number): string {
  const sign = paise < 0 ? '-' : '';
  const abs = Math.abs(paise);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** An instant's India date as DD-MM-YYYY. */
export function indiaDateDmy(at: Date): string {
  const [y, m, d] = indiaDate(at).split('-');
  return `${d}-${m}-${y}`;
}

/** Every number in a record is an amount in paise; counts and rates go in as text. */
const csv = (records: (string | number)[][]) =>
  stringify(records, { escape_formulas: true, cast: { number: (paise) => rupees(paise) } });

/** GSTR-1 Table 7 (B2C, small), with a closing total row. */
export function b2cCsv(returns: TTaxReturns): string {
  const t = returns.totals.net;
  return csv([
    ['Place of supply', 'Rate', 'Taxable value', 'Central tax', 'State/UT tax', 'Cess'],
    ...returns.b2c.map((r) => [
      r.placeOfSupply?.label ?? 'not set',
      String(r.ratePercent),
      r.taxablePaise,
      r.cgstPaise,
      r.sgstPaise,
      r.cessPaise,
    ]),
    ['Total', '', t.taxablePaise, t.cgstPaise, t.sgstPaise, 0],
  ]);
}

/** GSTR-1 Table 13 (documents issued during the tax period). */
export function documentsCsv(returns: TTaxReturns): string {
  return csv([
    ['Nature of document', 'Sr. No. From', 'Sr. No. To', 'Total number', 'Cancelled', 'Net issued'],
    ...returns.documents.map((d) => [
      d.nature,
      d.fromNumber,
      d.toNumber,
      String(d.totalNumber),
      String(d.cancelled),
      String(d.netIssued),
    ]),
  ]);
}

/** Every invoice, credit note and complimentary ticket of the month: one row per document and rate. */
export function registerCsv(rows: readonly TRegisterRow[]): string {
  return csv([
    [
      'Date',
      'Document type',
      'Number',
      'Booking code',
      'Original invoice number',
      'Place of supply',
      'Rate',
      'Taxable value',
      'Central tax',
      'State/UT tax',
      'Total',
      'Note',
    ],
    ...rows.map((r) => [
      indiaDateDmy(r.issuedAt),
      r.type,
      r.number,
      r.bookingCode,
      r.invoiceNumber,
      r.placeOfSupply,
      r.ratePercent === null ? '' : String(r.ratePercent),
      r.taxablePaise,
      r.cgstPaise,
      r.sgstPaise,
      r.totalPaise,
      r.note,
    ]),
  ]);
}
