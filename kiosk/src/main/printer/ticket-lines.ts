// What a printed ticket says, line by line, in the customer's language, with the date and time on
// the cinema's clock. The ESC/POS ticket (ticket-escpos.ts) and the OS printer's page (ticket-html.ts)
// both print these lines.
import { formatRupees, type TSeatType } from '@marquee/shared';
import type { TPrintTicket } from '../../common/print-job';

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
  return { head, foot: [{ text: l.door }] };
}
