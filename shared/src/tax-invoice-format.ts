// A stored tax invoice (or credit note) as documents print it: its date as India writes it, its
// place of supply, and a plain-text block with every particular for the receipt email. Pure: every
// document shows the stored figures, never figures worked out again.
import { formatRupees } from './money';
import { formatRate, indiaDate, type TTaxDocument } from './tax-invoice';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** The document's date in India, as an invoice prints it: "28 Nov 2026". */
export function invoiceDateLabel(issuedAt: string | Date): string {
  const [year, month, day] = indiaDate(new Date(issuedAt)).split('-').map(Number);
  return `${day} ${MONTHS[month! - 1]} ${year}`;
}

/** "Karnataka (29)": the state's name and its GST code. */
export function placeOfSupplyLabel(placeOfSupply: TTaxDocument['placeOfSupply']): string {
  return placeOfSupply ? `${placeOfSupply.name} (${placeOfSupply.code})` : 'not recorded';
}

const pad = (text: string, width: number, right = false) => (right ? text.padStart(width) : text.padEnd(width));

/**
 * A tax document as plain text, aligned in columns for a fixed-width reader and still readable in
 * a proportional one: the seller, the number and date, the place of supply, a line per seat and
 * for the fee (value before tax, rate, CGST, SGST, amount) and the totals. `money` formats paise
 * (the PDF passes one that writes "Rs.", its fonts having no "₹").
 */
export function taxDocumentText(doc: TTaxDocument, money: (paise: number) => string = formatRupees): string[] {
  const title = doc.kind === 'INVOICE' ? 'Tax invoice' : 'Credit note';
  const widths = [22, 7, 10, 6, 9, 9, 10] as const;
  const row = (cells: readonly string[]) =>
    cells
      .map((c, i) => pad(c, widths[i]!, i >= 2))
      .join(' ')
      .trimEnd();
  const totals = doc.totals;
  return [
    title,
    `${doc.sellerLegalName}`,
    ...doc.sellerAddress.split('\n'),
    `GSTIN: ${doc.sellerGstin ?? 'not registered'}`,
    `${doc.kind === 'INVOICE' ? 'Invoice number' : 'Credit note number'}: ${doc.number}`,
    `Date: ${invoiceDateLabel(doc.issuedAt)}`,
    `Place of supply: ${placeOfSupplyLabel(doc.placeOfSupply)}`,
    '',
    row(['Description', 'SAC', 'Taxable', 'Rate', 'CGST', 'SGST', 'Amount']),
    ...doc.lines.map((l) =>
      row([
        l.description,
        l.sac,
        money(l.taxablePaise),
        formatRate(l.ratePercent),
        money(l.cgstPaise),
        money(l.sgstPaise),
        money(l.amountPaise),
      ]),
    ),
    '',
    `Taxable value: ${money(totals.taxablePaise)}`,
    `CGST: ${money(totals.cgstPaise)}`,
    `SGST: ${money(totals.sgstPaise)}`,
    `Total: ${money(totals.totalPaise)}`,
  ];
}
