// One ticket per seat in ESC/POS, for an 80 mm thermal printer (42 columns of font A). The encoder
// is the well-kept @point-of-sale/receipt-printer-encoder; this module only decides the layout.
//
// Non-Latin text: the printer's code page (CP437) has no Devanagari and no rupee sign, and the
// encoder drops what it cannot encode. So each line is printed as text when the code page holds it
// and otherwise as a raster image of the line (GS v 0), drawn and shaped by raster-text.ts. The
// labels follow the customer's language: a Hindi ticket's labels are Devanagari and so print as
// images too, like a Devanagari title; an English ticket keeps its labels in the printer's own font
// (sharper, and quicker to print) and writes the price as "Rs." since CP437 has no "₹".
import ReceiptPrinterEncoder from '@point-of-sale/receipt-printer-encoder';
import type { TPrintJob, TPrintTicket } from '../../common/print-job';
import { rasterPixels, renderTextRaster } from './raster-text';
import { ticketLines, type TLine } from './ticket-lines';

export const COLUMNS = 42;

/** Accents dropped ("Amélie" prints as "Amelie") and typographic punctuation made plain. */
const plain = (text: string): string =>
  text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[‘’]/g, "'")
    .replace(/[“”]/g, '"')
    .replace(/[–—]/g, '-')
    .replace(/\u00a0/g, ' ');

/** Whether the printer's own font prints the line: plain ASCII, after `plain`. */
export const fitsCodePage = (text: string): boolean => /^[\x20-\x7e]*$/.test(plain(text));

/**
 * Text broken into lines of at most `columns` characters at spaces (a seller's long legal name, an
 * invoice line with large amounts); a word longer than a line is cut, as the paper would.
 */
export function wrapColumns(text: string, columns: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ').filter(Boolean)) {
    const candidate = line ? `${line} ${word}` : word;
    if (line && candidate.length > columns) {
      lines.push(line);
      line = word;
    } else line = candidate;
  }
  lines.push(line);
  return lines.map((l) => l.slice(0, columns));
}

function printLine(encoder: ReceiptPrinterEncoder, { text, bold = false, size = 1 }: TLine): void {
  if (fitsCodePage(text)) {
    const columns = Math.floor(COLUMNS / size);
    encoder.bold(bold).size(size, size);
    for (const line of wrapColumns(plain(text), columns)) encoder.line(line);
    encoder.size(1, 1).bold(false);
    return;
  }
  const raster = renderTextRaster(text, { size, bold, align: 'center' });
  // The encoder ends the image with a line feed; with the line spacing at 0 (ESC 3 0) that feed
  // moves no paper, so raster lines sit as close as text lines. ESC 2 restores the spacing.
  encoder
    .raw([0x1b, 0x33, 0x00])
    .image(rasterPixels(raster), raster.width, raster.height, 'threshold', 128)
    .raw([0x1b, 0x32]);
}

function encodeTicket(encoder: ReceiptPrinterEncoder, t: TPrintTicket): void {
  const { head, foot } = ticketLines(t, { rupee: 'Rs. ' });
  encoder.align('center');
  const [cinema, admit, ...rest] = head;
  printLine(encoder, cinema!);
  printLine(encoder, admit!);
  encoder.rule();
  for (const line of rest) printLine(encoder, line);
  encoder.newline().qrcode(t.token, { model: 2, size: 6, errorlevel: 'm' }).newline();
  for (const line of foot) printLine(encoder, line);
  encoder.newline(2).cut('partial');
}

/** The bytes of a whole job: every ticket, each ending in a paper cut. */
export function encodeTickets(job: TPrintJob): Uint8Array {
  // ESC @ on its own: the encoder writes a centred first line's padding before the commands it
  // buffered, and a printer drops whatever precedes ESC @.
  const reset = new ReceiptPrinterEncoder({ language: 'esc-pos', columns: COLUMNS }).initialize().encode();
  // Images as GS v 0 raster (row by row), which every current ESC/POS printer takes, rather than
  // the encoder's default of ESC * bands.
  const body = new ReceiptPrinterEncoder({ language: 'esc-pos', columns: COLUMNS, imageMode: 'raster' }).codepage(
    'cp437',
  );
  for (const ticket of job.tickets) encodeTicket(body, ticket);
  const bytes = body.encode();
  const all = new Uint8Array(reset.length + bytes.length);
  all.set(reset);
  all.set(bytes, reset.length);
  return all;
}
