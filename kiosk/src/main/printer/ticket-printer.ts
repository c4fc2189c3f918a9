// The kiosk's printer, whichever kind it has: the Electron main process and the print agent both
// print through this. Failures come back as a result the UI can show, never as a silent drop.
import type { TPrintJob, TPrintResult, TPrinterState } from '../../common/print-job';
import { PrinterError, printOnNetworkPrinter, readPrinterState, type TNetworkPrinterOptions } from './network-printer';
import { encodeTickets } from './ticket-escpos';

export interface TTicketPrinter {
  readonly description: string;
  state(): Promise<TPrinterState>;
  print(job: TPrintJob): Promise<TPrintResult>;
}

export function networkTicketPrinter(options: TNetworkPrinterOptions): TTicketPrinter {
  return {
    description: `ESC/POS printer at ${options.host}:${options.port}`,
    state: () => readPrinterState(options),
    async print(job) {
      try {
        const status = await printOnNetworkPrinter(options, encodeTickets(job));
        return { ok: true, printed: job.tickets.length, status };
      } catch (err) {
        if (err instanceof PrinterError) return { ok: false, code: err.code, message: err.message, status: err.status };
        throw err;
      }
    },
  };
}
