// Money is integer paise everywhere. Prices are GST-inclusive, as Indian cinemas display them;
// gst.ts splits them.
export { ZPaiseSchema, type TPaise } from './paise-schema';

const rupeeFormat = new Intl.NumberFormat('en-IN', { style: 'currency', currency: 'INR', minimumFractionDigits: 2 });

/** 12345 → "₹123.45"; 1234500 → "₹12,345.00" (Indian digit grouping). */
export function formatRupees(paise: number): string {
  if (!Number.isSafeInteger(paise)) throw new RangeError(`paise must be an integer, got ${paise}`);
  return rupeeFormat.format(paise / 100);
}
