// Money is integer paise everywhere. Prices are GST-inclusive, as Indian cinemas display them.
import { z } from 'zod';

export const ZPaiseSchema = z.number().int().nonnegative().max(100_000_000);
export type TPaise = z.infer<typeof ZPaiseSchema>;

const rupeeFormat = new Intl.NumberFormat('en-IN', { style: 'currency', currency: 'INR', minimumFractionDigits: 2 });

/** 12345 → "₹123.45"; 1234500 → "₹12,345.00" (Indian digit grouping). */
export function formatRupees(paise: number): string {
  if (!Number.isSafeInteger(paise)) throw new RangeError(`paise must be an integer, got ${paise}`);
  return rupeeFormat.format(paise / 100);
}

/** ₹100 in paise: the GST slab boundary for cinema tickets. */
export const GST_SLAB_LIMIT_PAISE = 100_00;

export interface TGstSplit {
  /** The ticket's value before tax. */
  basePaise: number;
  gstPaise: number;
  ratePercent: 12 | 18;
  /** Intra-state supply: GST is shown as equal CGST and SGST halves (the odd paisa goes to CGST). */
  cgstPaise: number;
  sgstPaise: number;
}

/**
 * Splits a GST-inclusive ticket price. The slab depends on the ticket's value before tax: 12% up
 * to ₹100, 18% above. An inclusive price between ₹112 and ₹118 has no base that fits its own slab
 * (₹112 is ₹100 + 12%, ₹118 is ₹100 + 18%); such prices are taxed at 18%, the rate for tickets over ₹100.
 */
export function splitGst(inclusivePaise: number): TGstSplit {
  if (!Number.isSafeInteger(inclusivePaise) || inclusivePaise < 0) {
    throw new RangeError(`price must be a non-negative integer of paise, got ${inclusivePaise}`);
  }
  const baseAt12 = Math.round((inclusivePaise * 100) / 112);
  const ratePercent = baseAt12 <= GST_SLAB_LIMIT_PAISE ? 12 : 18;
  const basePaise = ratePercent === 12 ? baseAt12 : Math.round((inclusivePaise * 100) / 118);
  const gstPaise = inclusivePaise - basePaise;
  const sgstPaise = Math.floor(gstPaise / 2);
  return { basePaise, gstPaise, ratePercent, cgstPaise: gstPaise - sgstPaise, sgstPaise };
}
