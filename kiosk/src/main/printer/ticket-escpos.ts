// One ticket per seat in ESC/POS, for an 80 mm thermal printer (42 columns of font A). The encoder
// is the well-kept @point-of-sale/receipt-printer-encoder; this module only decides the layout.
import { formatRupees, formatShowTime } from '@marquee/shared';
import ReceiptPrinterEncoder from '@point-of-sale/receipt-printer-encoder';
import type { TPrintJob, TPrintTicket } from '../../common/print-job';

export const COLUMNS = 42;

/** Thermal printers' code pages have no rupee sign. */
const printedRupees = (paise: number): string => formatRupees(paise).replace('₹', 'Rs. ');

/** Code-page text only: anything else would print as "?" (titles in other scripts, curly quotes). */
const printable = (text: string): string => text.normalize('NFKD').replace(/[^\x20-\x7e]/g, '');

function encodeTicket(encoder: ReceiptPrinterEncoder, t: TPrintTicket): void {
  encoder
    .align('center')
    .bold(true)
    .size(2, 2)
    .line(printable(t.cinemaName).slice(0, COLUMNS / 2))
    .size(1, 1)
    .bold(false)
    .line('ADMIT ONE')
    .rule()
    .bold(true)
    .line(printable(`${t.movieTitle}${t.certificate ? ` (${t.certificate})` : ''}`).slice(0, COLUMNS))
    .bold(false)
    .line(printable(formatShowTime(t.startsAt, t.timeZone)))
    .line(printable(`Screen: ${t.screenName}`))
    .size(2, 2)
    .line(`Seat ${printable(t.seatLabel)}`)
    .size(1, 1)
    .line(`${printedRupees(t.pricePaise)} (incl. GST)`)
    .line(`Booking ${t.bookingCode}`)
    .newline()
    .qrcode(t.token, { model: 2, size: 6, errorlevel: 'm' })
    .newline()
    .line('Show this code at the door')
    .newline(2)
    .cut('partial');
}

/** The bytes of a whole job: every ticket, each ending in a paper cut. */
export function encodeTickets(job: TPrintJob): Uint8Array {
  // ESC @ on its own: the encoder writes a centred first line's padding before the commands it
  // buffered, and a printer drops whatever precedes ESC @.
  const reset = new ReceiptPrinterEncoder({ language: 'esc-pos', columns: COLUMNS }).initialize().encode();
  const body = new ReceiptPrinterEncoder({ language: 'esc-pos', columns: COLUMNS }).codepage('cp437');
  for (const ticket of job.tickets) encodeTicket(body, ticket);
  const bytes = body.encode();
  const all = new Uint8Array(reset.length + bytes.length);
  all.set(reset);
  all.set(bytes, reset.length);
  return all;
}
