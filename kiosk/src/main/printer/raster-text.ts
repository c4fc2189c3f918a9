// Text a thermal printer's code page cannot print (a Devanagari film title, Hindi labels, the rupee
// sign) goes to the paper as a 1-bit raster image instead (ESC/POS GS v 0). The text is drawn by
// Skia through @napi-rs/canvas, whose text layout shapes with HarfBuzz: Devanagari needs shaping
// (conjuncts like क्ष, the i-matra drawn before its consonant, reph over the next syllable), and
// drawing code points one by one prints it wrong. The font is the Noto Sans Devanagari the web app
// already ships (@fontsource, WOFF2, which Skia reads), with its Latin subset for digits and names.
import { createRequire } from 'node:module';
import path from 'node:path';
import { createCanvas, GlobalFonts, type SKRSContext2D } from '@napi-rs/canvas';

/** An 80 mm thermal printer prints 72 mm: 576 dots at 203 dpi. A raster line is this wide. */
export const PAPER_DOTS = 576;
/** Dots left blank at each side of a raster line. */
const SIDE_MARGIN = 8;
/** Font A of an ESC/POS printer is 24 dots tall; raster text of size 1 is drawn this big. */
export const RASTER_FONT_PX = 28;
/** Blank dots between two raster lines. */
const LINE_GAP = 6;

const DEVANAGARI = 'Marquee Ticket Devanagari';
const LATIN = 'Marquee Ticket Latin';
export const RASTER_FONT_FAMILY = `"${DEVANAGARI}", "${LATIN}"`;

let fontsLoaded = false;

/** Where the Noto Sans Devanagari WOFF2 files are (the package exports only CSS and its LICENSE). */
export function notoDevanagariFile(subset: 'devanagari' | 'latin', weight: 400 | 700): string {
  const dir = path.dirname(createRequire(import.meta.url).resolve('@fontsource/noto-sans-devanagari/LICENSE'));
  return path.join(dir, 'files', `noto-sans-devanagari-${subset}-${weight}-normal.woff2`);
}

function loadFonts(): void {
  if (fontsLoaded) return;
  for (const weight of [400, 700] as const) {
    for (const [subset, family] of [
      ['devanagari', DEVANAGARI],
      ['latin', LATIN],
    ] as const) {
      const file = notoDevanagariFile(subset, weight);
      if (!GlobalFonts.registerFromPath(file, family)) throw new Error(`could not load the ticket font ${file}`);
    }
  }
  fontsLoaded = true;
}

export interface TRasterOptions {
  /** Character size as ESC/POS sizes text: 1 (normal) or 2 (double). */
  size?: number;
  bold?: boolean;
  align?: 'left' | 'center' | 'right';
  width?: number;
}

/** A 1-bit image: `ink[y * width + x]` is 1 where the paper is burnt black. */
export interface TRaster {
  width: number;
  height: number;
  ink: Uint8Array;
}

const fontOf = (px: number, bold: boolean): string => `${bold ? 700 : 400} ${px}px ${RASTER_FONT_FAMILY}`;

/** Breaks text into lines no wider than `max`, at spaces; a word wider than a line is its own line. */
function wrap(ctx: SKRSContext2D, text: string, max: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const candidate = line ? `${line} ${word}` : word;
    if (line && ctx.measureText(candidate).width > max) {
      lines.push(line);
      line = word;
    } else line = candidate;
  }
  if (line) lines.push(line);
  return lines;
}

/**
 * Draws text as the printer would print it, wrapped to the paper, thresholded to black and white
 * (a thermal head has no grey). The height is a multiple of 8, as GS v 0 and the encoder want.
 */
export function renderTextRaster(text: string, options: TRasterOptions = {}): TRaster {
  loadFonts();
  const { size = 1, bold = false, align = 'center', width = PAPER_DOTS } = options;
  const max = width - 2 * SIDE_MARGIN;
  const basePx = RASTER_FONT_PX * size;
  const probe = createCanvas(1, 1).getContext('2d');
  probe.font = fontOf(basePx, bold);
  // Each line at the base size; a single word too wide for the paper is drawn smaller to fit. Each
  // line is as tall as its own ink (Devanagari reaches above and below Latin: matras, the reph,
  // subjoined forms), plus a little air.
  const lines = wrap(probe, text.trim(), max).map((line) => {
    const measured = probe.measureText(line).width;
    const px = measured > max ? Math.floor((basePx * max) / measured) : basePx;
    probe.font = fontOf(px, bold);
    const m = probe.measureText(line);
    probe.font = fontOf(basePx, bold);
    const ascent = Math.ceil(Math.max(m.actualBoundingBoxAscent, px * 0.75));
    const descent = Math.ceil(Math.max(m.actualBoundingBoxDescent, px * 0.2));
    return { text: line, px, ascent, height: ascent + descent + LINE_GAP };
  });
  const inked = lines.reduce((sum, l) => sum + l.height, 0);
  const height = Math.max(8, Math.ceil(inked / 8) * 8);

  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, width, height);
  ctx.fillStyle = '#000';
  ctx.textBaseline = 'alphabetic';
  ctx.textAlign = align;
  const x = align === 'center' ? width / 2 : align === 'right' ? width - SIDE_MARGIN : SIDE_MARGIN;
  let top = Math.floor((height - inked) / 2) + LINE_GAP / 2;
  for (const line of lines) {
    ctx.font = fontOf(line.px, bold);
    ctx.fillText(line.text, x, top + line.ascent);
    top += line.height;
  }

  const { data } = ctx.getImageData(0, 0, width, height);
  const ink = new Uint8Array(width * height);
  for (let i = 0; i < ink.length; i++) {
    const luminance = 0.299 * data[i * 4]! + 0.587 * data[i * 4 + 1]! + 0.114 * data[i * 4 + 2]!;
    ink[i] = luminance < 128 ? 1 : 0;
  }
  return { width, height, ink };
}

/** The raster as RGBA pixels (black ink on white), what the ESC/POS encoder's image() takes. */
export function rasterPixels(raster: TRaster): { width: number; height: number; data: Uint8ClampedArray } {
  const data = new Uint8ClampedArray(raster.width * raster.height * 4);
  for (let i = 0; i < raster.ink.length; i++) {
    const v = raster.ink[i] ? 0 : 255;
    data.set([v, v, v, 255], i * 4);
  }
  return { width: raster.width, height: raster.height, data };
}
