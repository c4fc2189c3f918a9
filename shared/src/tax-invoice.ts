// The tax invoice an e-ticket is deemed to be (and the credit note of its refund): the financial
// year and number series, and the lines worked out from a booking's seats and fee. Pure: the
// server issues and stores documents with it, and every screen shows what it stored.
import { z } from 'zod';
import { splitGst, splitGstAtRate } from './gst';
import { ZPaiseSchema } from './paise-schema';

/** India has one time zone without summer time; invoice dates and financial years are India's. */
const INDIA_OFFSET_MS = (5 * 60 + 30) * 60_000;

function indiaParts(at: Date): { year: number; month: number; day: number } {
  const t = at.getTime();
  if (Number.isNaN(t)) throw new RangeError('not a valid date');
  const d = new Date(t + INDIA_OFFSET_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** The calendar date in India of an instant, as YYYY-MM-DD. */
export function indiaDate(at: Date): string {
  const { year, month, day } = indiaParts(at);
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The financial year (1 April to 31 March, India time) of an instant, named by the year it starts in. */
export function financialYearOf(at: Date): number {
  const { year, month } = indiaParts(at);
  return month >= 4 ? year : year - 1;
}

/** 2026 → "2026-27", as returns name a financial year. */
export function financialYearLabel(financialYear: number): string {
  return `${financialYear}-${String((financialYear + 1) % 100).padStart(2, '0')}`;
}

/** The instant a calendar month starts in India: month is 1-12. */
export function indiaMonthStart(year: number, month: number): Date {
  return new Date(Date.UTC(year, month - 1, 1) - INDIA_OFFSET_MS);
}

export const TAX_DOCUMENT_KINDS = ['INVOICE', 'CREDIT_NOTE'] as const;
export type TTaxDocumentKind = (typeof TAX_DOCUMENT_KINDS)[number];

/** What a cinema's invoice numbers start with: up to 3 capital letters or digits (empty for none). */
export const INVOICE_PREFIX_FORMAT = /^[A-Z0-9]{0,3}$/;

/** GST allows a document number of at most 16 letters, digits, "/" and "-", unique in its financial year. */
export const TAX_DOCUMENT_NUMBER_FORMAT = /^[A-Za-z0-9/-]{1,16}$/;

/**
 * The number of a document: the cinema's prefix, the financial year ("2627" for 2026-27) and the
 * serial of its series, "MQK/2627/0000123" for an invoice and "MQK/2627/C000045" for a credit note.
 * Fixed widths, so numbers sort as they were issued; 16 characters at most.
 */
export function taxDocumentNumber({
  prefix,
  kind,
  financialYear,
  serial,
}: {
  prefix: string;
  kind: TTaxDocumentKind;
  financialYear: number;
  serial: number;
}): string {
  if (!INVOICE_PREFIX_FORMAT.test(prefix))
    throw new RangeError(`invoice prefix ${JSON.stringify(prefix)} is not 0-3 capitals or digits`);
  if (!Number.isSafeInteger(serial) || serial < 1)
    throw new RangeError(`serial must be a positive integer, got ${serial}`);
  const fy = `${String(financialYear % 100).padStart(2, '0')}${String((financialYear + 1) % 100).padStart(2, '0')}`;
  const width = kind === 'INVOICE' ? 7 : 6;
  const digits = String(serial).padStart(width, '0');
  if (digits.length > width)
    throw new RangeError(
      `the ${kind === 'INVOICE' ? 'invoice' : 'credit note'} series of ${financialYearLabel(financialYear)} is full at ${serial - 1}`,
    );
  return `${prefix ? `${prefix}/` : ''}${fy}/${kind === 'INVOICE' ? '' : 'C'}${digits}`;
}

export const ZTaxLineSchema = z.object({
  kind: z.enum(['ADMISSION', 'FEE']),
  /** "Admission, seat F12" or "Booking fee". */
  description: z.string(),
  /** The seat of an admission line; null for the fee. */
  seatLabel: z.string().nullable(),
  sac: z.string(),
  /** The GST the line carries in all: CGST and SGST rates added (2.5 where the state waived its half of 5). */
  ratePercent: z.number(),
  cgstRatePercent: z.number(),
  sgstRatePercent: z.number(),
  /** The value before tax. */
  taxablePaise: ZPaiseSchema,
  cgstPaise: ZPaiseSchema,
  sgstPaise: ZPaiseSchema,
  /** What the customer paid for the line: taxable value plus CGST plus SGST. */
  amountPaise: ZPaiseSchema,
});
export type TTaxLine = z.infer<typeof ZTaxLineSchema>;

export const ZTaxTotalsSchema = z.object({
  taxablePaise: ZPaiseSchema,
  cgstPaise: ZPaiseSchema,
  sgstPaise: ZPaiseSchema,
  totalPaise: ZPaiseSchema,
});
export type TTaxTotals = z.infer<typeof ZTaxTotalsSchema>;

/** A tax invoice or credit note as issued: every particular the law asks of it, never changed after. */
export const ZTaxDocumentSchema = z.object({
  kind: z.enum(TAX_DOCUMENT_KINDS),
  number: z.string(),
  issuedAt: z.iso.datetime(),
  /** "2026-27". */
  financialYear: z.string(),
  sellerLegalName: z.string(),
  sellerAddress: z.string(),
  /** Null when the cinema had not set its GSTIN when the document was issued. */
  sellerGstin: z.string().nullable(),
  /** The cinema's state: admission is supplied where the cinema is (CGST and SGST, never IGST). */
  placeOfSupply: z.object({ code: z.string(), name: z.string() }).nullable(),
  lines: z.array(ZTaxLineSchema),
  totals: ZTaxTotalsSchema,
});
export type TTaxDocument = z.infer<typeof ZTaxDocumentSchema>;

/** A booking's invoice, with the credit notes of its refunds. */
export const ZInvoiceSchema = ZTaxDocumentSchema.extend({
  creditNotes: z.array(ZTaxDocumentSchema.extend({ invoiceNumber: z.string() })),
});
export type TInvoice = z.infer<typeof ZInvoiceSchema>;

/** Half of a rate, in percent, as CGST and SGST each carry (2.5 of 5). */
const half = (ratePercent: number) => ratePercent / 2;

/**
 * A GST-inclusive amount taxed at CGST only (the state waived its SGST): the value before tax at
 * half the rate, rounded half up to the paisa, in integer arithmetic (rates in hundredths of a percent).
 */
function splitCgstOnly(inclusivePaise: number, ratePercent: number) {
  const bp = Math.round(ratePercent * 50);
  const taxablePaise = Math.floor((2 * 10_000 * inclusivePaise + (10_000 + bp)) / (2 * (10_000 + bp)));
  return { taxablePaise, cgstPaise: inclusivePaise - taxablePaise, sgstPaise: 0 };
}

export interface TInvoiceInput {
  seats: readonly { label: string; pricePaise: number }[];
  /** The booking fee, GST-inclusive, for the whole booking. */
  feePaise: number;
  feeGstRatePercent: number;
  /** The date of supply: the slab in force then applies. */
  suppliedAt: Date;
  /** True when the state waived its SGST on this film at the date of supply ("tax-free"). */
  sgstWaived: boolean;
  admissionSac: string;
  bookingFeeSac: string;
}

/**
 * The lines of a booking's invoice: one per seat, taxed by its own slab (CGST only where the state
 * waived SGST on the film), and one for the booking fee (never waived: the waiver is of admission).
 * Each line's taxable value, CGST and SGST add up to what was paid for it, so the totals do too.
 */
export function invoiceLines(input: TInvoiceInput): TTaxLine[] {
  const lines: TTaxLine[] = [...input.seats]
    .sort((a, b) => a.label.localeCompare(b.label, 'en', { numeric: true }))
    .map((seat) => {
      const { ratePercent, basePaise, cgstPaise, sgstPaise } = splitGst(seat.pricePaise, input.suppliedAt);
      const split = input.sgstWaived
        ? splitCgstOnly(seat.pricePaise, ratePercent)
        : { taxablePaise: basePaise, cgstPaise, sgstPaise };
      return {
        kind: 'ADMISSION',
        description: `Admission, seat ${seat.label}`,
        seatLabel: seat.label,
        sac: input.admissionSac,
        ratePercent: input.sgstWaived ? half(ratePercent) : ratePercent,
        cgstRatePercent: half(ratePercent),
        sgstRatePercent: input.sgstWaived ? 0 : half(ratePercent),
        ...split,
        amountPaise: seat.pricePaise,
      };
    });
  if (input.feePaise > 0) {
    const fee = splitGstAtRate(input.feePaise, input.feeGstRatePercent);
    lines.push({
      kind: 'FEE',
      description: 'Booking fee',
      seatLabel: null,
      sac: input.bookingFeeSac,
      ratePercent: fee.ratePercent,
      cgstRatePercent: half(fee.ratePercent),
      sgstRatePercent: half(fee.ratePercent),
      taxablePaise: fee.basePaise,
      cgstPaise: fee.cgstPaise,
      sgstPaise: fee.sgstPaise,
      amountPaise: input.feePaise,
    });
  }
  return lines;
}

export function taxTotals(lines: readonly TTaxLine[]): TTaxTotals {
  const totals = { taxablePaise: 0, cgstPaise: 0, sgstPaise: 0, totalPaise: 0 };
  for (const l of lines) {
    totals.taxablePaise += l.taxablePaise;
    totals.cgstPaise += l.cgstPaise;
    totals.sgstPaise += l.sgstPaise;
    totals.totalPaise += l.amountPaise;
  }
  return totals;
}

/** "5 %", "2.5 %": a rate as an invoice prints it. */
export function formatRate(ratePercent: number): string {
  return `${ratePercent} %`;
}
