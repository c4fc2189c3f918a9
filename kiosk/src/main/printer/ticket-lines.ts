// What a printed ticket says, line by line, in the customer's language, with the date and time on
// the cinema's clock. The ESC/POS ticket (ticket-escpos.ts) and the OS printer's page (ticket-html.ts)
// both print these lines.
import { formatRupees, type TSeatType } from '@marquee/shared';
import type { TPrintInvoice, TPrintTicket } from '../../common/print-job';

export type TLanguage = NonNullable<TPrintTicket['language']>;

const SEAT_TYPES: Record<TLanguage, Record<TSeatType, string>> = {
  en: {
    STANDARD: 'Standard seat',
    PREMIUM: 'Premium seat',
    RECLINER: 'Recliner',
    WHEELCHAIR: 'Wheelchair space',
    COMPANION: 'Companion seat',
  },
  hi: {
    STANDARD: 'सामान्य सीट',
    PREMIUM: 'प्रीमियम सीट',
    RECLINER: 'रिक्लाइनर',
    WHEELCHAIR: 'व्हीलचेयर स्थान',
    COMPANION: 'साथी की सीट',
  },
};

const LABELS = {
  en: {
    locale: 'en-IN',
    admit: (i: number, n: number) => `ADMIT ONE - ticket ${i} of ${n}`,
    time: (clock: string) => `Time: ${clock}`,
    screen: (name: string) => `Screen: ${name}`,
    seat: (label: string) => `Seat ${label}`,
    price: (paise: number) => `${formatRupees(paise)} incl. GST`,
    gst: (rate: number, paise: number) => `(GST ${rate}%: ${formatRupees(paise)})`,
    booking: (code: string) => `Booking ${code}`,
    door: 'Show this code at the door',
    invoice: (number: string) => `Tax invoice ${number}`,
    date: (date: string) => `Date: ${date}`,
    gstin: (gstin: string) => `GSTIN: ${gstin}`,
    noGstin: 'GSTIN: not registered',
    seatValue: (sac: string, paise: number) => `SAC ${sac}, taxable value ${formatRupees(paise)}`,
    feeLine: (sac: string, paise: number) => `Booking fee ${formatRupees(paise)}, SAC ${sac}`,
    feeValue: (paise: number) => `Fee taxable value ${formatRupees(paise)}`,
    tax: (rate: number, cgst: number, sgst: number) =>
      `GST ${rate}%: CGST ${formatRupees(cgst)}, SGST ${formatRupees(sgst)}`,
    total: (paise: number) => `Invoice total ${formatRupees(paise)}`,
    taxable: (paise: number) => `Taxable value ${formatRupees(paise)}`,
    taxes: (cgst: number, sgst: number) => `CGST ${formatRupees(cgst)}, SGST ${formatRupees(sgst)}`,
  },
  hi: {
    locale: 'hi-IN',
    admit: (i: number, n: number) => `एक व्यक्ति का प्रवेश - टिकट ${n} में से ${i}`,
    time: (clock: string) => `समय: ${clock}`,
    screen: (name: string) => `स्क्रीन: ${name}`,
    seat: (label: string) => `सीट ${label}`,
    price: (paise: number) => `${formatRupees(paise)} (GST सहित)`,
    gst: (rate: number, paise: number) => `(GST ${rate}%: ${formatRupees(paise)})`,
    booking: (code: string) => `बुकिंग ${code}`,
    door: 'प्रवेश द्वार पर यह कोड दिखाएँ',
    invoice: (number: string) => `कर बीजक ${number}`,
    date: (date: string) => `दिनांक: ${date}`,
    gstin: (gstin: string) => `जीएसटीआईएन: ${gstin}`,
    noGstin: 'जीएसटीआईएन: पंजीकृत नहीं',
    seatValue: (sac: string, paise: number) => `सीट: SAC ${sac}, कर योग्य मूल्य ${formatRupees(paise)}`,
    feeLine: (sac: string, paise: number) => `बुकिंग शुल्क ${formatRupees(paise)}, SAC ${sac}`,
    feeValue: (paise: number) => `शुल्क का कर योग्य मूल्य ${formatRupees(paise)}`,
    tax: (rate: number, cgst: number, sgst: number) =>
      `GST ${rate}%: सीजीएसटी ${formatRupees(cgst)}, एसजीएसटी ${formatRupees(sgst)}`,
    total: (paise: number) => `बीजक का कुल ${formatRupees(paise)}`,
    taxable: (paise: number) => `कर योग्य मूल्य ${formatRupees(paise)}`,
    taxes: (cgst: number, sgst: number) => `सीजीएसटी ${formatRupees(cgst)}, एसजीएसटी ${formatRupees(sgst)}`,
  },
} satisfies Record<TLanguage, unknown>;

export interface TLine {
  text: string;
  bold?: boolean;
  /** ESC/POS character size, 1 or 2 (double width and height). */
  size?: 1 | 2;
}

const dateOf = (t: TPrintTicket, locale: string) =>
  new Intl.DateTimeFormat(locale, {
    timeZone: t.timeZone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
  }).format(new Date(t.startsAt));

const clockOf = (t: TPrintTicket, locale: string) =>
  new Intl.DateTimeFormat(locale, { timeZone: t.timeZone, hour: 'numeric', minute: '2-digit' }).format(
    new Date(t.startsAt),
  );

/** What a ticket says, line by line, in its language; date and time on the cinema's clock. */
export function ticketLines(
  t: TPrintTicket,
  { rupee = '₹' }: { rupee?: string } = {},
): { head: TLine[]; foot: TLine[] } {
  const l = LABELS[t.language ?? 'en'];
  // An English thermal ticket says "Rs." to keep its price in the printer's own font (CP437 has no
  // "₹"); a Hindi one prints as an image anyway and keeps the sign.
  const money = (line: string) => (t.language === 'hi' ? line : line.replaceAll('₹', rupee));
  const head: TLine[] = [
    { text: t.cinemaName, bold: true, size: 2 },
    { text: l.admit(t.ticketNumber, t.ticketCount) },
    { text: `${t.movieTitle}${t.certificate ? ` (${t.certificate})` : ''}`, bold: true },
    { text: dateOf(t, l.locale) },
    { text: l.time(clockOf(t, l.locale)) },
    { text: l.screen(t.screenName) },
    { text: l.seat(t.seatLabel), size: 2 },
    { text: SEAT_TYPES[t.language ?? 'en'][t.seatType] },
    { text: money(l.price(t.pricePaise)) },
    ...(t.gstPaise !== undefined && t.gstRatePercent !== undefined
      ? [{ text: money(l.gst(t.gstRatePercent, t.gstPaise)) }]
      : []),
    { text: l.booking(t.bookingCode) },
  ];
  return { head, foot: [{ text: l.door }, ...(t.invoice ? invoiceLines(t.invoice, t.language ?? 'en', money) : [])] };
}

/** The invoice's date in India (its date by law, wherever the cinema's clock is): "28 Nov 2026". */
const invoiceDate = (issuedAt: string, locale: string) =>
  new Intl.DateTimeFormat(locale, { timeZone: 'Asia/Kolkata', day: 'numeric', month: 'short', year: 'numeric' }).format(
    new Date(issuedAt),
  );

/**
 * The tax invoice under the QR code, in short lines for 80 mm paper (42 columns): the seller and
 * its GSTIN, the number and date, this seat's SAC, value before tax, rate, CGST and SGST, and on
 * the last ticket the booking fee's line and the totals.
 */
function invoiceLines(inv: TPrintInvoice, language: TLanguage, money: (line: string) => string): TLine[] {
  const l = LABELS[language];
  const lines: TLine[] = [
    { text: l.invoice(inv.number), bold: true },
    { text: l.date(invoiceDate(inv.issuedAt, l.locale)) },
    { text: inv.sellerLegalName },
    { text: inv.sellerGstin ? l.gstin(inv.sellerGstin) : l.noGstin },
    { text: l.seatValue(inv.seat.sac, inv.seat.taxablePaise) },
    { text: l.tax(inv.seat.ratePercent, inv.seat.cgstPaise, inv.seat.sgstPaise) },
  ];
  if (inv.fee)
    lines.push(
      { text: l.feeLine(inv.fee.sac, inv.fee.amountPaise) },
      { text: l.feeValue(inv.fee.taxablePaise) },
      { text: l.tax(inv.fee.ratePercent, inv.fee.cgstPaise, inv.fee.sgstPaise) },
    );
  if (inv.totals)
    lines.push(
      { text: l.total(inv.totals.totalPaise), bold: true },
      { text: l.taxable(inv.totals.taxablePaise) },
      { text: l.taxes(inv.totals.cgstPaise, inv.totals.sgstPaise) },
    );
  return lines.map((line) => ({ ...line, text: money(line.text) }));
}
