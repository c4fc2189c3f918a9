// Draws a decoded ticket as an SVG the width of 80 mm paper (576 dots at 203 dpi), so a person can
// see what the thermal printer would have printed.
import QRCode from 'qrcode';
import type { TPrintedTicket } from './escpos-decoder';

const PAPER_DOTS = 576;
const MARGIN = 12;
const CHAR_WIDTH = (PAPER_DOTS - 2 * MARGIN) / 42;
const LINE_HEIGHT = 30;
const QR_MODULE = 6;

const escapeXml = (text: string): string => text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);

function qrPath(data: string, x0: number, y0: number): { path: string; size: number } {
  const { modules } = QRCode.create(data, { errorCorrectionLevel: 'M' });
  let path = '';
  for (let row = 0; row < modules.size; row++) {
    for (let col = 0; col < modules.size; col++) {
      if (modules.get(row, col))
        path += `M${x0 + col * QR_MODULE} ${y0 + row * QR_MODULE}h${QR_MODULE}v${QR_MODULE}h-${QR_MODULE}z`;
    }
  }
  return { path, size: modules.size * QR_MODULE };
}

export function renderTicketSvg(ticket: TPrintedTicket): string {
  const parts: string[] = [];
  let y = MARGIN;
  for (const item of ticket.items) {
    if (item.kind === 'line') {
      const { text, bold, width, height, align } = item.line;
      const lineHeight = LINE_HEIGHT * height;
      y += lineHeight;
      const columns = text.length * width * CHAR_WIDTH;
      const x =
        align === 'center' ? (PAPER_DOTS - columns) / 2 : align === 'right' ? PAPER_DOTS - MARGIN - columns : MARGIN;
      if (text.trim()) {
        parts.push(
          `<text xml:space="preserve" transform="translate(${x.toFixed(1)} ${y - 6 * height}) scale(${width} ${height})" font-weight="${bold ? 700 : 400}">${escapeXml(text)}</text>`,
        );
      }
    } else if (item.kind === 'qr') {
      const probe = qrPath(item.data, 0, 0);
      const x = item.align === 'center' ? Math.round((PAPER_DOTS - probe.size) / 2) : MARGIN;
      const { path, size } = qrPath(item.data, x, y + 8);
      parts.push(`<path d="${path}" fill="#000"/>`);
      y += size + 16;
    } else {
      parts.push(`<rect x="${MARGIN}" y="${y}" width="${item.widthDots}" height="${item.heightDots}" fill="#ccc"/>`);
      y += item.heightDots;
    }
  }
  const height = Math.ceil(y + MARGIN);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${PAPER_DOTS}" height="${height}" viewBox="0 0 ${PAPER_DOTS} ${height}">`,
    `<rect width="100%" height="100%" fill="#fff"/>`,
    `<g font-family="DejaVu Sans Mono, monospace" font-size="${(CHAR_WIDTH / 0.6).toFixed(1)}" fill="#000">`,
    ...parts,
    '</g></svg>',
  ].join('\n');
}
