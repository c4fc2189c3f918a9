// Reads an ESC/POS byte stream the way a thermal printer does: text and line feeds into lines with
// their style (each character keeps the bold and size in force when it arrived, as on paper; the
// alignment is the one in force when the line began), raster images (GS v 0), QR codes (GS ( k, function 180/181), paper cuts ending a ticket, and real-time
// status requests (DLE EOT n) that want an answer. Streaming: a command split across TCP packets
// waits for its remaining bytes. The virtual printer and the printer tests decode with it.
import { DLE_EOT, EOT } from './escpos-status';

/** Characters printed in one style. */
export interface TPrintedRun {
  text: string;
  bold: boolean;
  /** Character magnification (GS !, ESC !): 1 to 8. */
  width: number;
  height: number;
}

export interface TPrintedLine {
  text: string;
  /** Whether any printed (non-blank) character is bold. */
  bold: boolean;
  /** The largest magnification of the line's printed characters (1 when it has none). */
  width: number;
  height: number;
  align: 'left' | 'center' | 'right';
  /** The line spacing in force at its feed, in dots (ESC 3 n; ESC 2 and ESC @ restore the default). */
  spacingDots: number;
  /** The line as printed, style by style (spaces included: they take room on paper). */
  runs: TPrintedRun[];
}

/** A GS v 0 raster image: `rows` holds its dots row by row, 8 to a byte, most significant first. */
export interface TPrintedImage {
  kind: 'image';
  widthDots: number;
  heightDots: number;
  /** GS v 0 m: 1 and 3 double the width, 2 and 3 the height. */
  scaleX: number;
  scaleY: number;
  align: TPrintedLine['align'];
  /** base64, so a decoded ticket stays plain JSON. */
  rows: string;
}

export type TPrintedItem =
  { kind: 'line'; line: TPrintedLine } | { kind: 'qr'; data: string; align: TPrintedLine['align'] } | TPrintedImage;

export interface TPrintedTicket {
  items: TPrintedItem[];
  /** Commands this decoder does not know, as hex, so tests can insist there are none. */
  unknown: string[];
}

export type TDecodedEvent =
  { type: 'status-request'; n: number } | { type: 'ticket'; ticket: TPrintedTicket } | { type: 'pulse' };

// CP437's upper half: what ESC t 0 prints for bytes 0x80-0xFF.
const CP437_HIGH =
  'ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜ¢£¥₧ƒáíóúñÑªº¿⌐¬½¼¡«»░▒▓│┤╡╢╖╕╣║╗╝╜╛┐└┴┬├─┼╞╟╚╔╩╦╠═╬╧╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀αßΓπΣσµτΦΘΩδ∞φε∩≡±≥≤⌠⌡÷≈°∙·√ⁿ²■ ';

const ALIGN = ['left', 'center', 'right'] as const;
/** The default line spacing, one line of font A with its gap. */
export const DEFAULT_LINE_SPACING = 30;
const NEED_MORE = -1;

export class EscPosDecoder {
  private buffer: Buffer = Buffer.alloc(0);
  private items: TPrintedItem[] = [];
  private unknown: string[] = [];
  private text = '';
  private runs: TPrintedRun[] = [];
  /** The alignment in force when the line's first character arrived. */
  private lineAlign: TPrintedLine['align'] | null = null;
  private style = { bold: false, width: 1, height: 1, align: 'left' as TPrintedLine['align'] };
  private qrData = '';
  private spacingDots = DEFAULT_LINE_SPACING;

  /** Feeds bytes; returns what they completed, in order. */
  push(chunk: Uint8Array): TDecodedEvent[] {
    this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : Buffer.from(chunk);
    const events: TDecodedEvent[] = [];
    let at = 0;
    while (at < this.buffer.length) {
      const used = this.step(at, events);
      if (used === NEED_MORE) break;
      at += used;
    }
    this.buffer = this.buffer.subarray(at);
    return events;
  }

  /** Bytes received that do not yet form a whole command (a cut-off stream leaves some). */
  get pendingBytes(): number {
    return this.buffer.length;
  }

  /** What was printed since the last cut, for a stream that ends without one. */
  flush(): TPrintedTicket | null {
    this.endLine(false);
    const blank = this.items.every((item) => item.kind === 'line' && !item.line.text.trim());
    if (blank) {
      this.items = [];
      return null;
    }
    return this.takeTicket();
  }

  private step(at: number, events: TDecodedEvent[]): number {
    const b = this.buffer;
    const byte = b[at]!;
    const need = (n: number): boolean => at + n <= b.length;
    const arg = (i: number): number => b[at + i]!;

    if (byte === 0x0a) {
      this.endLine(true);
      return 1;
    }
    if (byte === 0x0d || byte === 0x00) return 1;
    if (byte === DLE_EOT) {
      if (!need(3)) return NEED_MORE;
      if (arg(1) === EOT) events.push({ type: 'status-request', n: arg(2) });
      else this.unknown.push(b.subarray(at, at + 3).toString('hex'));
      return 3;
    }
    if (byte === 0x1b) return this.esc(at, need, arg, events);
    if (byte === 0x1c) {
      if (!need(2)) return NEED_MORE;
      if (arg(1) === 0x2e || arg(1) === 0x26) return 2; // kanji mode off / on
      if (!need(3)) return NEED_MORE;
      return 3; // FS C n and friends: character sets we do not print
    }
    if (byte === 0x1d) return this.gs(at, need, arg, events);
    if (byte < 0x20) {
      this.unknown.push(byte.toString(16).padStart(2, '0'));
      return 1;
    }
    this.print(byte < 0x80 ? String.fromCharCode(byte) : CP437_HIGH[byte - 0x80]!);
    return 1;
  }

  private esc(at: number, need: (n: number) => boolean, arg: (i: number) => number, events: TDecodedEvent[]): number {
    if (!need(2)) return NEED_MORE;
    const command = arg(1);
    if (command === 0x40) {
      // ESC @: reset, and whatever sat in the line buffer is discarded.
      this.text = '';
      this.runs = [];
      this.lineAlign = null;
      this.style = { bold: false, width: 1, height: 1, align: 'left' };
      this.spacingDots = DEFAULT_LINE_SPACING;
      return 2;
    }
    if (command === 0x32) {
      this.spacingDots = DEFAULT_LINE_SPACING; // ESC 2: default line spacing
      return 2;
    }
    if (command === 0x70) {
      if (!need(5)) return NEED_MORE;
      events.push({ type: 'pulse' }); // cash drawer kick
      return 5;
    }
    if (!need(3)) return NEED_MORE;
    const n = arg(2);
    switch (command) {
      case 0x45: // ESC E n: bold
        this.style.bold = (n & 1) === 1;
        return 3;
      case 0x61: // ESC a n: justification
        this.style.align = ALIGN[n % 48] ?? 'left';
        return 3;
      case 0x21: // ESC ! n: print mode
        this.style = { ...this.style, bold: (n & 0x08) !== 0, height: n & 0x10 ? 2 : 1, width: n & 0x20 ? 2 : 1 };
        return 3;
      case 0x33: // ESC 3 n: line spacing of n dots
        this.spacingDots = n;
        return 3;
      case 0x64: // ESC d n: feed n lines
        this.endLine(true);
        for (let i = 1; i < n; i++) this.endLine(true);
        return 3;
      case 0x2d:
      case 0x74:
      case 0x4d:
      case 0x4a:
      case 0x47:
      case 0x7b:
      case 0x52:
      case 0x56:
      case 0x72:
      case 0x55:
      case 0x20:
        return 3; // underline, code page, font, feed dots, double-strike, upside-down, charset, rotate, colour, direction, spacing
      default:
        this.unknown.push(`1b${command.toString(16).padStart(2, '0')}`);
        return 2;
    }
  }

  private gs(at: number, need: (n: number) => boolean, arg: (i: number) => number, _events: TDecodedEvent[]): number {
    if (!need(2)) return NEED_MORE;
    const command = arg(1);
    if (command === 0x28) {
      // GS ( fn pL pH data
      if (!need(5)) return NEED_MORE;
      const length = arg(3) + arg(4) * 256;
      if (!need(5 + length)) return NEED_MORE;
      if (arg(2) === 0x6b) this.symbol(this.buffer.subarray(at + 5, at + 5 + length));
      return 5 + length;
    }
    if (command === 0x76) {
      // GS v 0 m xL xH yL yH d1..dk: raster image
      if (!need(8)) return NEED_MORE;
      const widthBytes = arg(4) + arg(5) * 256;
      const heightDots = arg(6) + arg(7) * 256;
      if (!need(8 + widthBytes * heightDots)) return NEED_MORE;
      this.endLine(false);
      const m = arg(3) % 48;
      this.items.push({
        kind: 'image',
        widthDots: widthBytes * 8,
        heightDots,
        scaleX: m & 1 ? 2 : 1,
        scaleY: m & 2 ? 2 : 1,
        align: this.style.align,
        rows: this.buffer.subarray(at + 8, at + 8 + widthBytes * heightDots).toString('base64'),
      });
      return 8 + widthBytes * heightDots;
    }
    if (!need(3)) return NEED_MORE;
    const n = arg(2);
    switch (command) {
      case 0x21: // GS ! n: character size
        this.style.width = (n >> 4) + 1;
        this.style.height = (n & 0x0f) + 1;
        return 3;
      case 0x56: {
        // GS V m [n]: cut; this printer's "ticket" ends here
        const length = n === 65 || n === 66 ? 4 : 3;
        if (!need(length)) return NEED_MORE;
        this.endLine(false);
        _events.push({ type: 'ticket', ticket: this.takeTicket() });
        return length;
      }
      case 0x4c:
      case 0x57:
      case 0x50:
        return need(4) ? 4 : NEED_MORE; // margins, print area, motion units
      case 0x42:
      case 0x48:
      case 0x66:
      case 0x68:
      case 0x77:
      case 0x62:
      case 0x61:
        return 3; // reverse, HRI position and font, barcode size, smoothing, status back
      default:
        this.unknown.push(`1d${command.toString(16).padStart(2, '0')}`);
        return 2;
    }
  }

  /** GS ( k: cn 49 is QR Code; fn 80 stores the data, fn 81 prints it. */
  private symbol(data: Buffer): void {
    const [cn, fn] = [data[0], data[1]];
    if (cn !== 0x31) return;
    if (fn === 0x50) this.qrData = data.subarray(3).toString('latin1');
    if (fn === 0x51) {
      this.endLine(false);
      this.items.push({ kind: 'qr', data: this.qrData, align: this.style.align });
    }
  }

  /** A character into the line buffer, in the style in force now. */
  private print(char: string): void {
    if (!this.text) this.lineAlign = this.style.align;
    this.text += char;
    const { bold, width, height } = this.style;
    const last = this.runs.at(-1);
    if (last && last.bold === bold && last.width === width && last.height === height) last.text += char;
    else this.runs.push({ text: char, bold, width, height });
  }

  /** A line feed prints the buffered text (an empty line when there is none). */
  private endLine(feed: boolean): void {
    if (!this.text && !feed) return;
    const inked = this.runs.filter((run) => run.text.trim());
    const line: TPrintedLine = {
      text: this.text,
      bold: inked.some((run) => run.bold),
      width: Math.max(1, ...inked.map((run) => run.width)),
      height: Math.max(1, ...inked.map((run) => run.height)),
      align: this.lineAlign ?? this.style.align,
      spacingDots: this.spacingDots,
      runs: this.runs,
    };
    this.items.push({ kind: 'line', line });
    this.text = '';
    this.runs = [];
    this.lineAlign = null;
  }

  private takeTicket(): TPrintedTicket {
    const ticket = { items: this.items, unknown: this.unknown };
    this.items = [];
    this.unknown = [];
    return ticket;
  }
}

/** Every ticket in a complete stream (tests and tools). */
export function decodeEscPos(bytes: Uint8Array): {
  tickets: TPrintedTicket[];
  statusRequests: number[];
  rest: TPrintedTicket | null;
} {
  const decoder = new EscPosDecoder();
  const events = decoder.push(bytes);
  return {
    tickets: events.flatMap((e) => (e.type === 'ticket' ? [e.ticket] : [])),
    statusRequests: events.flatMap((e) => (e.type === 'status-request' ? [e.n] : [])),
    rest: decoder.flush(),
  };
}

/** The ticket's text, line by line, trimmed (what a person reads on the paper). */
export function ticketText(ticket: TPrintedTicket): string[] {
  return ticket.items.flatMap((item) => (item.kind === 'line' ? [item.line.text.trim()] : []));
}

/** A raster image's dots: `ink[y * widthDots + x]` is 1 where the paper is black (before GS v 0 scaling). */
export function imageInk(image: TPrintedImage): Uint8Array {
  const bytes = Buffer.from(image.rows, 'base64');
  const rowBytes = image.widthDots / 8;
  const ink = new Uint8Array(image.widthDots * image.heightDots);
  for (let y = 0; y < image.heightDots; y++) {
    for (let x = 0; x < image.widthDots; x++) {
      ink[y * image.widthDots + x] = (bytes[y * rowBytes + (x >> 3)]! >> (7 - (x & 7))) & 1;
    }
  }
  return ink;
}

export function ticketImages(ticket: TPrintedTicket): TPrintedImage[] {
  return ticket.items.flatMap((item) => (item.kind === 'image' ? [item] : []));
}

export function ticketQrCodes(ticket: TPrintedTicket): string[] {
  return ticket.items.flatMap((item) => (item.kind === 'qr' ? [item.data] : []));
}
