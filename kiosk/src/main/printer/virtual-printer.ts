// A thermal printer on TCP (port 9100 by default) for development and tests: it decodes the ESC/POS
// it receives, answers status requests like an Epson printer, and keeps each cut ticket as an SVG
// (and its decoded form as JSON) in a folder. Its paper can be set low or out to try the failures.
import { EventEmitter } from 'node:events';
import { mkdir, writeFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { EscPosDecoder, type TPrintedTicket } from './escpos-decoder';
import { statusByte, type TPaper } from './escpos-status';
import { renderTicketSvg } from './print-svg';

export interface TVirtualPrinterOptions {
  host?: string;
  port?: number;
  /** Where tickets are kept; none: only in memory (and the 'ticket' event). */
  outputDir?: string | null;
  paper?: TPaper;
  /** Paper left, in tickets: the roll runs out after this many (unlimited when not set). */
  ticketsLeft?: number | null;
}

export interface TStoredTicket {
  ticket: TPrintedTicket;
  svgPath: string | null;
}

export class VirtualPrinter extends EventEmitter<{ ticket: [TStoredTicket]; error: [Error] }> {
  readonly tickets: TStoredTicket[] = [];
  paper: TPaper;
  ticketsLeft: number | null;
  /** Jobs (or parts) refused because the paper was out. */
  refusedTickets = 0;
  private readonly server: net.Server;
  private readonly sockets = new Set<net.Socket>();
  private sequence = 0;

  constructor(private readonly options: TVirtualPrinterOptions = {}) {
    super();
    this.paper = options.paper ?? 'ok';
    this.ticketsLeft = options.ticketsLeft ?? null;
    this.server = net.createServer((socket) => this.serve(socket));
  }

  async listen(): Promise<{ host: string; port: number }> {
    const host = this.options.host ?? '127.0.0.1';
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.options.port ?? 9100, host, () => resolve());
    });
    return { host, port: (this.server.address() as net.AddressInfo).port };
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private serve(socket: net.Socket): void {
    this.sockets.add(socket);
    const decoder = new EscPosDecoder();
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('error', () => socket.destroy()); // a client that went away mid-job: nothing to keep
    socket.on('data', (chunk) => {
      for (const event of decoder.push(chunk)) {
        if (event.type === 'status-request') socket.write(Uint8Array.of(statusByte(event.n, this.paper)));
        else if (event.type === 'ticket') this.receive(event.ticket);
      }
    });
  }

  private receive(ticket: TPrintedTicket): void {
    // Out of paper, a printer prints nothing; the client sees it in the status after the job.
    if (this.paper === 'out') {
      this.refusedTickets += 1;
      return;
    }
    if (this.ticketsLeft !== null) {
      this.ticketsLeft -= 1;
      if (this.ticketsLeft <= 0) this.paper = 'out';
      else if (this.ticketsLeft <= 2) this.paper = 'low';
    }
    this.store(ticket).then(
      (stored) => {
        this.tickets.push(stored);
        this.emit('ticket', stored);
      },
      (err: unknown) => this.emit('error', err instanceof Error ? err : new Error(String(err))),
    );
  }

  private async store(ticket: TPrintedTicket): Promise<TStoredTicket> {
    const dir = this.options.outputDir;
    if (!dir) return { ticket, svgPath: null };
    await mkdir(dir, { recursive: true });
    this.sequence += 1;
    const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${String(this.sequence).padStart(3, '0')}`;
    const svgPath = path.join(dir, `${name}.svg`);
    await writeFile(svgPath, renderTicketSvg(ticket));
    await writeFile(path.join(dir, `${name}.json`), JSON.stringify(ticket, null, 2));
    return { ticket, svgPath };
  }
}
