// The subset of @point-of-sale/receipt-printer-encoder 3.x that Marquee uses (3.x ships no types;
// 4.0.1 ships types but its ESM entry point is missing from the package).
declare module '@point-of-sale/receipt-printer-encoder' {
  interface TEncoderOptions {
    language?: 'esc-pos' | 'star-prnt' | 'star-line';
    columns?: number;
    newline?: string;
    /** How image() sends pixels: ESC * bands ('column', the default) or GS v 0 ('raster'). */
    imageMode?: 'column' | 'raster';
  }
  export default class ReceiptPrinterEncoder {
    constructor(options?: TEncoderOptions);
    initialize(): this;
    codepage(codepage: string): this;
    text(value: string): this;
    line(value: string): this;
    newline(count?: number): this;
    align(value: 'left' | 'center' | 'right'): this;
    bold(value?: boolean): this;
    underline(value?: boolean): this;
    size(width: number, height?: number): this;
    rule(options?: { style?: 'single' | 'double'; width?: number }): this;
    qrcode(value: string, options?: { model?: 1 | 2; size?: number; errorlevel?: 'l' | 'm' | 'q' | 'h' }): this;
    /** Width and height multiples of 8; the input may be a plain { width, height, data: RGBA }. */
    image(
      input: { width: number; height: number; data: Uint8ClampedArray },
      width: number,
      height: number,
      algorithm?: 'threshold' | 'bayer' | 'floydsteinberg' | 'atkinson',
      threshold?: number,
    ): this;
    raw(data: number[]): this;
    cut(value?: 'full' | 'partial'): this;
    encode(): Uint8Array;
  }
}
