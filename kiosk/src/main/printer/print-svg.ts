// Draws a decoded ticket as an SVG the width of 80 mm paper (576 dots at 203 dpi), so a person can
// see what the thermal printer would have printed: each run of characters in its own weight and
// magnification, raster images dot for dot, QR codes module for module.
import QRCode from 'qrcode';
import { imageInk, type TPrintedImage, type TPrintedLine, type TPrintedTicket } from './escpos-decoder';

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

/** A raster image as one path of black runs, row by row; returns its height on paper. */
function imagePath(image: TPrintedImage, y0: number): { path: string; height: number } {
  const ink = imageInk(image);
  const { widthDots: w, heightDots: h, scaleX: sx, scaleY: sy } = image;
  const x0 =
    image.align === 'center'
      ? Math.round((PAPER_DOTS - w * sx) / 2)
      : image.align === 'right'
        ? PAPER_DOTS - w * sx
        : 0;
  let path = '';
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      if (!ink[y * w + x]) continue;
      const start = x;
      while (x < w && ink[y * w + x]) x++;
      path += `M${x0 + start * sx} ${y0 + y * sy}h${(x - start) * sx}v${sy}h-${(x - start) * sx}z`;
    }
  }
  return { path, height: h * sy };
}

/** A line's runs, each scaled as the printer scales its characters; x advances by their width. */
function lineTexts(line: TPrintedLine, baseline: number): string[] {
  const columns = line.runs.reduce((sum, run) => sum + run.text.length * run.width, 0);
  let x =
    line.align === 'center'
      ? (PAPER_DOTS - columns * CHAR_WIDTH) / 2
      : line.align === 'right'
        ? PAPER_DOTS - MARGIN - columns * CHAR_WIDTH
        : MARGIN;
  const parts: string[] = [];
  for (const run of line.runs) {
    if (run.text.trim()) {
      parts.push(
        `<text xml:space="preserve" transform="translate(${x.toFixed(1)} ${baseline - 6 * run.height}) scale(${run.width} ${run.height})" font-weight="${run.bold ? 700 : 400}">${escapeXml(run.text)}</text>`,
      );
    }
    x += run.text.length * run.width * CHAR_WIDTH;
  }
  return parts;
}

export function renderTicketSvg(ticket: TPrintedTicket): string {
  const parts: string[] = [];
  let y = MARGIN;
  for (const item of ticket.items) {
    if (item.kind === 'line') {
      // The paper moves by the line spacing, or by the characters' height when they are taller.
      y += item.line.text.trim()
        ? Math.max(LINE_HEIGHT * item.line.height, item.line.spacingDots)
        : item.line.spacingDots;
      parts.push(...lineTexts(item.line, y));
    } else if (item.kind === 'qr') {
      const probe = qrPath(item.data, 0, 0);
      const x = item.align === 'center' ? Math.round((PAPER_DOTS - probe.size) / 2) : MARGIN;
      const { path, size } = qrPath(item.data, x, y + 8);
      parts.push(`<path d="${path}" fill="#000"/>`);
      y += size + 16;
    } else {
      const { path, height } = imagePath(item, y);
      if (path) parts.push(`<path d="${path}" fill="#000"/>`);
      y += height;
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
