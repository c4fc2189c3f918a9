// Prints to a network thermal printer (raw TCP, port 9100). Before a job it asks the printer's
// status (DLE EOT 1 and 4) so a kiosk never sends a ticket into an empty printer, and after the job
// it asks again: paper that ran out mid-job means the customer did not get every ticket.
import net from 'node:net';
import { PRINT_ERRORS, type TPrintErrorCode, type TPrinterState } from '../../common/print-job';
import { isOffline, isStatusByte, paperFromStatus, STATUS_PAPER, STATUS_PRINTER, statusRequest } from './escpos-status';

export interface TNetworkPrinterOptions {
  host: string;
  port: number;
  /** Connecting, and each status answer. */
  timeoutMs?: number;
}

/** A print that did not happen; `message` is for the customer, `detail` for the log. */
export class PrinterError extends Error {
  constructor(
    readonly code: TPrintErrorCode,
    readonly status: TPrinterState,
    readonly detail: string,
  ) {
    super(PRINT_ERRORS[code]);
    this.name = 'PrinterError';
  }
}

/** One TCP connection to the printer that reads status answers in order. */
class PrinterConnection {
  private readonly waiting: ((byte: number) => void)[] = [];
  private closedError: Error | null = null;

  private constructor(
    private readonly socket: net.Socket,
    private readonly timeoutMs: number,
  ) {
    socket.on('data', (chunk) => {
      for (const byte of chunk) this.waiting.shift()?.(byte);
    });
    socket.on('error', (err) => (this.closedError = err));
    socket.on('close', () => (this.closedError ??= new Error('printer closed the connection')));
  }

  static open({ host, port, timeoutMs = 2000 }: TNetworkPrinterOptions): Promise<PrinterConnection> {
    return new Promise((resolve, reject) => {
      const socket = net.connect({ host, port });
      const timer = setTimeout(() => {
        socket.destroy();
        reject(
          new PrinterError('PRINTER_OFFLINE', 'offline', `no connection to ${host}:${port} within ${timeoutMs} ms`),
        );
      }, timeoutMs);
      socket.once('connect', () => {
        clearTimeout(timer);
        socket.setNoDelay(true);
        resolve(new PrinterConnection(socket, timeoutMs));
      });
      socket.once('error', (err) => {
        clearTimeout(timer);
        reject(new PrinterError('PRINTER_OFFLINE', 'offline', `${host}:${port}: ${err.message}`));
      });
    });
  }

  /** Sends DLE EOT n and waits for its one-byte answer. */
  statusByte(n: number): Promise<number> {
    if (this.closedError)
      return Promise.reject(new PrinterError('PRINTER_OFFLINE', 'offline', this.closedError.message));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.splice(this.waiting.indexOf(onByte), 1);
        reject(
          new PrinterError(
            'PRINTER_OFFLINE',
            'offline',
            `no answer to status request ${n} within ${this.timeoutMs} ms`,
          ),
        );
      }, this.timeoutMs);
      const onByte = (byte: number): void => {
        clearTimeout(timer);
        if (isStatusByte(byte)) resolve(byte);
        else
          reject(
            new PrinterError(
              'PRINTER_FAILED',
              'unknown',
              `status request ${n} answered 0x${byte.toString(16)}, not a status byte`,
            ),
          );
      };
      this.waiting.push(onByte);
      this.socket.write(statusRequest(n));
    });
  }

  async state(): Promise<TPrinterState> {
    const printer = await this.statusByte(STATUS_PRINTER);
    const paper = paperFromStatus(await this.statusByte(STATUS_PAPER));
    if (paper === 'out') return 'paper_out';
    if (isOffline(printer)) return 'offline';
    return paper === 'low' ? 'paper_low' : 'ok';
  }

  write(bytes: Uint8Array): Promise<void> {
    return new Promise((resolve, reject) => {
      this.socket.write(bytes, (err) =>
        err ? reject(new PrinterError('PRINTER_OFFLINE', 'offline', err.message)) : resolve(),
      );
    });
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      if (this.socket.destroyed) return resolve();
      this.socket.end(() => resolve());
      this.socket.once('close', () => resolve());
    });
  }
}

/** The printer's state now; an unreachable printer is 'offline', not an error. */
export async function readPrinterState(options: TNetworkPrinterOptions): Promise<TPrinterState> {
  let connection: PrinterConnection | null = null;
  try {
    connection = await PrinterConnection.open(options);
    return await connection.state();
  } catch (err) {
    if (err instanceof PrinterError) return err.status;
    throw err;
  } finally {
    await connection?.close();
  }
}

/** Prints a job; resolves with the printer's state afterwards, or throws a PrinterError. */
export async function printOnNetworkPrinter(
  options: TNetworkPrinterOptions,
  bytes: Uint8Array,
): Promise<TPrinterState> {
  const connection = await PrinterConnection.open(options);
  try {
    const before = await connection.state();
    if (before === 'paper_out') throw new PrinterError('PRINTER_PAPER_OUT', before, 'paper out before printing');
    if (before === 'offline') throw new PrinterError('PRINTER_OFFLINE', before, 'printer reports itself offline');
    await connection.write(bytes);
    // Status requests are answered in order after the job's bytes, so this is the state after it.
    const after = await connection.state();
    if (after === 'paper_out') throw new PrinterError('PRINTER_PAPER_OUT', after, 'paper ran out during the job');
    return after;
  } finally {
    await connection.close();
  }
}
