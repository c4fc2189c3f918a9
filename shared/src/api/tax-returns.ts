// The month's GST returns (taxReturns.*, and the gst-*.csv downloads): the B2C summary in the shape
// of GSTR-1 Table 7, the document summary of Table 13, and the month's totals. Months are India's.
import { z } from 'zod';
import { indiaMonthStart } from '../tax-invoice';

/** GST began on 1 July 2017: no return is filed for an earlier month. */
export const FIRST_RETURN_MONTH = '2017-07';

const MONTH_FORMAT = /^(\d{4})-(\d{2})$/;

export type TReturnMonthProblem = 'format' | 'month' | 'before-gst';

/**
 * A return period written "YYYY-MM" → its year and month (1-12), or why it is not one. Months sort
 * as text, so "before GST" is a string comparison.
 */
export function parseReturnMonth(
  input: string,
): { ok: true; year: number; month: number } | { ok: false; problem: TReturnMonthProblem; message: string } {
  const m = MONTH_FORMAT.exec(input);
  if (!m) return { ok: false, problem: 'format', message: 'must be a month written like 2026-11 (year-month)' };
  const year = Number(m[1]);
  const month = Number(m[2]);
  if (month < 1 || month > 12)
    return { ok: false, problem: 'month', message: `must have a month from 01 to 12, not ${m[2]}` };
  if (input < FIRST_RETURN_MONTH)
    return { ok: false, problem: 'before-gst', message: 'must be July 2017 or later (GST began on 1 July 2017)' };
  return { ok: true, year, month };
}

/** The instants a return month covers in India: [from, to). */
export function returnMonthBounds(month: string): { from: Date; to: Date } {
  const p = parseReturnMonth(month);
  if (!p.ok) throw new RangeError(`${JSON.stringify(month)} ${p.message}`);
  return {
    from: indiaMonthStart(p.year, p.month),
    to: p.month === 12 ? indiaMonthStart(p.year + 1, 1) : indiaMonthStart(p.year, p.month + 1),
  };
}

export const ZReturnMonthSchema = z.string().superRefine((value, ctx) => {
  const p = parseReturnMonth(value);
  if (!p.ok) ctx.addIssue({ code: 'custom', message: p.message });
});

export const ZTaxReturnsInputSchema = z.strictObject({ month: ZReturnMonthSchema });
export type TTaxReturnsInput = z.infer<typeof ZTaxReturnsInputSchema>;

/** Net amounts may fall below zero: a month's credit notes can exceed its invoices at one rate. */
const ZNetPaiseSchema = z.int();

const ZPlaceOfSupplySchema = z.object({
  /** GST state code, "29". */
  code: z.string(),
  /** "29-Karnataka", as the GST portal writes a place of supply. */
  label: z.string(),
});

/** One row of GSTR-1 Table 7 (B2C, small): a place of supply and rate, invoices less credit notes. */
export const ZB2cRowSchema = z.object({
  /** Null for documents issued before the cinema set its GST state (they need one before filing). */
  placeOfSupply: ZPlaceOfSupplySchema.nullable(),
  /** The line's whole rate: CGST and SGST rates added (2.5 where the state waived SGST on a 5 % slab). */
  ratePercent: z.number(),
  taxablePaise: ZNetPaiseSchema,
  cgstPaise: ZNetPaiseSchema,
  sgstPaise: ZNetPaiseSchema,
  cessPaise: ZNetPaiseSchema,
});
export type TB2cRow = z.infer<typeof ZB2cRowSchema>;

/** One row of GSTR-1 Table 13: a series of documents issued in the month. */
export const ZDocumentSeriesSchema = z.object({
  kind: z.enum(['INVOICE', 'CREDIT_NOTE']),
  /** "Invoices for outward supply" or "Credit notes", as Table 13 names them. */
  nature: z.string(),
  fromNumber: z.string(),
  toNumber: z.string(),
  totalNumber: z.int().nonnegative(),
  /** Always 0: an invoice is never cancelled; a refund issues a credit note. */
  cancelled: z.int().nonnegative(),
  netIssued: z.int().nonnegative(),
});
export type TDocumentSeries = z.infer<typeof ZDocumentSeriesSchema>;

const ZReturnTotalsSchema = z.object({
  documents: z.int().nonnegative(),
  taxablePaise: ZNetPaiseSchema,
  cgstPaise: ZNetPaiseSchema,
  sgstPaise: ZNetPaiseSchema,
  totalPaise: ZNetPaiseSchema,
});
export type TReturnTotals = z.infer<typeof ZReturnTotalsSchema>;

export const ZTaxReturnsSchema = z.object({
  month: z.string(),
  /** Invoices less credit notes, by place of supply and rate. */
  b2c: z.array(ZB2cRowSchema),
  documents: z.array(ZDocumentSeriesSchema),
  totals: z.object({
    invoices: ZReturnTotalsSchema,
    creditNotes: ZReturnTotalsSchema,
    /** Invoices less credit notes: what the B2C rows add up to. */
    net: ZReturnTotalsSchema,
  }),
  /** Confirmed bookings with nothing to pay (no invoice: no supply for consideration). */
  complimentary: z.int().nonnegative(),
});
export type TTaxReturns = z.infer<typeof ZTaxReturnsSchema>;
