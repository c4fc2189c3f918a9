// Tickets as a printable HTML page, for kiosks without a thermal printer: Electron prints it
// through the operating system's printer. The same fields and QR token as the ESC/POS ticket.
import QRCode from 'qrcode';
import type { TPrintJob } from '../../common/print-job';
import { ticketLines, type TLine } from './ticket-lines';

const escapeHtml = (text: string): string => text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);

export async function renderTicketsHtml(job: TPrintJob): Promise<string> {
  const pages = await Promise.all(
    job.tickets.map(async (t) => {
      const qr = await QRCode.toString(t.token, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 });
      const { head, foot } = ticketLines(t);
      const [cinema, ...rest] = head;
      const p = (line: TLine) =>
        `<p class="${line.size === 2 ? 'large' : line.bold ? 'bold' : ''}">${escapeHtml(line.text)}</p>`;
      return `<section class="ticket" lang="${t.language ?? 'en'}">
  <h1>${escapeHtml(cinema!.text)}</h1>
  ${rest.map(p).join('\n  ')}
  <div class="qr">${qr}</div>
  ${foot.map(p).join('\n  ')}
</section>`;
    }),
  );
  return `<!doctype html><html><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'"><style>
@page { size: 80mm auto; margin: 4mm; }
body { font-family: sans-serif, 'Noto Sans Devanagari'; margin: 0; }
.ticket { break-after: page; text-align: center; }
.bold { font-weight: bold; font-size: 14pt; }
.large { font-size: 22pt; font-weight: bold; margin: 4mm 0; }
.qr svg { width: 45mm; height: 45mm; }
</style></head><body>${pages.join('\n')}</body></html>`;
}
