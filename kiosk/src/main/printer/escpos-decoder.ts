// Reads an ESC/POS byte stream the way a thermal printer does: text and line feeds into lines with
// their style, QR codes (GS ( k, function 180/181), paper cuts ending a ticket, and real-time
// status requests (DLE EOT n) that want an answer. Streaming: a command split across TCP packets
// waits for its remaining bytes. The virtual printer and the printer tests decode with it.
import { DLE_EOT, EOT } from './escpos-status';

export interface TPrintedLine {
  text: string;
  bold: boolean;
  /** Character magnification (GS !): 1 to 8. */
  width: number;
  height: number;
  align: 'left' | 'center' | 'right';
}

export type TPrintedItem =
  | { kind: 'line'; line: TPrintedLine }
  | { kind: 'qr'; data: string; align: TPrintedLine['align'] }
  | { kind: 'image'; widthDots: number; heightDots: number };

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
const NEED_MORE = -1;

export class EscPosDecoder {
  private buffer: Buffer = Buffer.alloc(0);
  private items: TPrintedItem[] = [];
  private unknown: string[] = [];
  private text = '';
  private style = { bold: false, width: 1, height: 1, align: 'left' as TPrintedLine['align'] };
  private qrData = '';

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
    this.text += byte < 0x80 ? String.fromCharCode(byte) : CP437_HIGH[byte - 0x80];
    return 1;
  }

  private esc(at: number, need: (n: number) => boolean, arg: (i: number) => number, events: TDecodedEvent[]): number {
    if (!need(2)) return NEED_MORE;
    const command = arg(1);
    if (command === 0x40) {
      // ESC @: reset, and whatever sat in the line buffer is discarded.
      this.text = '';
      this.style = { bold: false, width: 1, height: 1, align: 'left' };
      return 2;
    }
    if (command === 0x32) return 2; // default line spacing
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
      case 0x33:
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
      this.items.push({ kind: 'image', widthDots: widthBytes * 8, heightDots });
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

  /** A line feed prints the buffered text (an empty line when there is none). */
  private endLine(feed: boolean): void {
    if (!this.text && !feed) return;
    const { bold, width, height, align } = this.style;
    this.items.push({ kind: 'line', line: { text: this.text, bold, width, height, align } });
    this.text = '';
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

export function ticketQrCodes(ticket: TPrintedTicket): string[] {
  return ticket.items.flatMap((item) => (item.kind === 'qr' ? [item.data] : []));
}
