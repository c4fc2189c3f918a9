// The raster engine shapes Devanagari as a browser does: its rendering of a title is compared with
// Chromium's rendering of the same string in the same font (ink width and a coarse picture of the
// ink), and a naive rendering (each code point drawn on its own, unshaped) is shown to differ.
import { existsSync, readFileSync } from 'node:fs';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notoDevanagariFile, RASTER_FONT_FAMILY, RASTER_FONT_PX, renderTextRaster, type TRaster } from './raster-text';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// As the browser journeys: `npm test` provides Chromium; a run without one skips, loudly, except in CI.
const skip = !existsSync(CHROMIUM) && !process.env.CI;
if (skip) console.warn(`Devanagari shaping comparison skipped: no Chromium at ${CHROMIUM}`);
const SIZE = 2; // double size: big enough that shaping differences are many dots wide
const PX = RASTER_FONT_PX * SIZE;
// Wider than the paper, so no title wraps: the comparison is of shaping, not of line breaks.
const WIDTH = 1200;

/** Columns and rows holding ink. */
function inkBox(r: TRaster): { x0: number; x1: number; y0: number; y1: number } {
  let [x0, x1, y0, y1] = [r.width, -1, r.height, -1];
  for (let y = 0; y < r.height; y++) {
    for (let x = 0; x < r.width; x++) {
      if (!r.ink[y * r.width + x]) continue;
      x0 = Math.min(x0, x);
      x1 = Math.max(x1, x);
      y0 = Math.min(y0, y);
      y1 = Math.max(y1, y);
    }
  }
  if (x1 < 0) throw new Error('no ink');
  return { x0, x1, y0, y1 };
}

/**
 * The ink of the box around it, on a coarse grid (ink share per cell), so two renderings that
 * differ by antialiasing and half a dot compare equal while different glyphs do not.
 */
function coarse(r: TRaster, cols = 48, rows = 12): number[] {
  const { x0, x1, y0, y1 } = inkBox(r);
  const cells = new Array<number>(cols * rows).fill(0);
  const counts = new Array<number>(cols * rows).fill(0);
  for (let y = y0; y <= y1; y++) {
    for (let x = x0; x <= x1; x++) {
      const cx = Math.min(cols - 1, Math.floor(((x - x0) / (x1 - x0 + 1)) * cols));
      const cy = Math.min(rows - 1, Math.floor(((y - y0) / (y1 - y0 + 1)) * rows));
      cells[cy * cols + cx]! += r.ink[y * r.width + x]!;
      counts[cy * cols + cx]! += 1;
    }
  }
  return cells.map((v, i) => v / Math.max(1, counts[i]!));
}

/** 1 for the same coarse picture, lower the more the ink differs (1 - mean absolute difference, scaled by ink). */
function similarity(a: TRaster, b: TRaster): number {
  const [ca, cb] = [coarse(a), coarse(b)];
  const diff = ca.reduce((sum, v, i) => sum + Math.abs(v - cb[i]!), 0);
  const ink = ca.reduce((sum, v, i) => sum + Math.max(v, cb[i]!), 0);
  return 1 - diff / ink;
}

function toRaster(data: Uint8ClampedArray, width: number, height: number): TRaster {
  const ink = new Uint8Array(width * height);
  for (let i = 0; i < ink.length; i++) {
    ink[i] = 0.299 * data[i * 4]! + 0.587 * data[i * 4 + 1]! + 0.114 * data[i * 4 + 2]! < 128 ? 1 : 0;
  }
  return { width, height, ink };
}

/** Each code point drawn on its own, side by side: what a renderer without shaping prints. */
function naive(text: string): TRaster {
  renderTextRaster('क'); // registers the fonts
  const height = PX * 2;
  const canvas = createCanvas(WIDTH, height);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, WIDTH, height);
  ctx.fillStyle = '#000';
  ctx.font = `400 ${PX}px ${RASTER_FONT_FAMILY}`;
  let x = 8;
  for (const char of text) {
    ctx.fillText(char, x, PX * 1.2);
    x += ctx.measureText(char).width;
  }
  return toRaster(ctx.getImageData(0, 0, WIDTH, height).data, WIDTH, height);
}

let browser: Browser;

async function chromiumRaster(text: string): Promise<TRaster> {
  const font = readFileSync(notoDevanagariFile('devanagari', 400)).toString('base64');
  const latin = readFileSync(notoDevanagariFile('latin', 400)).toString('base64');
  const page = await browser.newPage({ viewport: { width: WIDTH, height: PX * 3 }, deviceScaleFactor: 1 });
  try {
    await page.setContent(`<!doctype html><style>
@font-face { font-family: T; src: url(data:font/woff2;base64,${font}) format('woff2'); }
@font-face { font-family: TL; src: url(data:font/woff2;base64,${latin}) format('woff2'); }
html, body { margin: 0; background: #fff; }
p { margin: 0; padding-top: ${PX / 2}px; width: ${WIDTH}px; text-align: center; font: 400 ${PX}px T, TL; color: #000; white-space: nowrap; }
</style><p lang="hi">${text}</p>`);
    await page.evaluate('document.fonts.ready.then(() => true)'); // the web fonts, before the shot
    const png = await page.screenshot({ type: 'png' });
    const image = await loadImage(png);
    const canvas = createCanvas(image.width, image.height);
    const ctx = canvas.getContext('2d');
    ctx.drawImage(image, 0, 0);
    return toRaster(ctx.getImageData(0, 0, image.width, image.height).data, image.width, image.height);
  } finally {
    await page.close();
  }
}

const widthOf = (r: TRaster) => {
  const { x0, x1 } = inkBox(r);
  return x1 - x0 + 1;
};

describe.skipIf(skip)('Devanagari shaping of the raster engine, against Chromium', () => {
  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
    });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });

  it.each(['दिलवाले दुल्हनिया ले जाएंगे', 'क्षत्रिय', 'धर्मेंद्र की फ़िल्म'])(
    'draws "%s" as Chromium does, and unlike glyphs drawn one by one',
    async (text) => {
      const engine = renderTextRaster(text, { size: SIZE, width: WIDTH });
      const browserInk = await chromiumRaster(text);
      const unshaped = naive(text);

      const [we, wb, wn] = [widthOf(engine), widthOf(browserInk), widthOf(unshaped)];
      const [shaped, plain] = [similarity(engine, browserInk), similarity(unshaped, browserInk)];
      console.log(
        `${text}: ink width engine ${we}, chromium ${wb}, unshaped ${wn}; similarity to chromium: engine ${shaped.toFixed(3)}, unshaped ${plain.toFixed(3)}`,
      );
      // Same width within 3 %, same coarse picture within antialiasing.
      expect(Math.abs(we - wb) / wb).toBeLessThan(0.03);
      expect(shaped).toBeGreaterThan(0.8);
      // Unshaped: the picture is clearly another one.
      expect(plain).toBeLessThan(shaped - 0.15);
    },
    30_000,
  );
});
