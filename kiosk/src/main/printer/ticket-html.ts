// Tickets as a printable HTML page, for kiosks without a thermal printer: Electron prints it
// through the operating system's printer. The same fields and QR token as the ESC/POS ticket.
import { formatRupees, formatShowTime } from '@marquee/shared';
import QRCode from 'qrcode';
import type { TPrintJob } from '../../common/print-job';

const escapeHtml = (text: string): string => text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);

export async function renderTicketsHtml(job: TPrintJob): Promise<string> {
  const pages = await Promise.all(
    job.tickets.map(async (t) => {
      const qr = await QRCode.toString(t.token, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 });
      return `<section class="ticket">
  <h1>${escapeHtml(t.cinemaName)}</h1>
  <p class="movie">${escapeHtml(t.movieTitle)}${t.certificate ? ` (${escapeHtml(t.certificate)})` : ''}</p>
  <p>${escapeHtml(formatShowTime(t.startsAt, t.timeZone))}</p>
  <p>Screen: ${escapeHtml(t.screenName)}</p>
  <p class="seat">Seat ${escapeHtml(t.seatLabel)}</p>
  <p>${escapeHtml(formatRupees(t.pricePaise))} (incl. GST) · Booking ${escapeHtml(t.bookingCode)}</p>
  <div class="qr">${qr}</div>
  <p>Show this code at the door</p>
</section>`;
    }),
  );
  return `<!doctype html><html><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'"><style>
@page { size: 80mm auto; margin: 4mm; }
body { font-family: sans-serif; margin: 0; }
.ticket { break-after: page; text-align: center; }
.movie { font-weight: bold; font-size: 14pt; }
.seat { font-size: 22pt; font-weight: bold; margin: 4mm 0; }
.qr svg { width: 45mm; height: 45mm; }
</style></head><body>${pages.join('\n')}</body></html>`;
}
