// The printer module against real TCP: the virtual printer decodes what the module sends, and a
// silent listener and a closed port stand in for broken printers.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { generateTicketKey, signTicketToken, verifyTicketToken } from '@marquee/shared';
import getPort from 'get-port';
import { afterEach, describe, expect, it } from 'vitest';
import type { TPrintTicket } from '../../common/print-job';
import { ticketQrCodes, ticketText } from './escpos-decoder';
import { readPrinterState } from './network-printer';
import { networkTicketPrinter } from './ticket-printer';
import { VirtualPrinter, type TVirtualPrinterOptions } from './virtual-printer';

const key = generateTicketKey('k1');

function ticket(seatLabel: string, ticketNumber = 1, ticketCount = 1): TPrintTicket {
  return {
    cinemaName: 'Marquee Demo Cinema',
    movieTitle: 'The Monsoon Heist',
    certificate: 'UA',
    startsAt: '2026-11-25T13:00:00.000Z',
    timeZone: 'Asia/Kolkata',
    screenName: 'Audi 1',
    seatLabel,
    seatType: 'PREMIUM',
    ticketNumber,
    ticketCount,
    pricePaise: 25_000,
    gstPaise: 3_814,
    gstRatePercent: 18,
    bookingCode: 'K7M2QX',
    token: signTicketToken({ tid: `t-${seatLabel}`, bid: 'b-1', st: 's-1', seat: seatLabel }, key),
  };
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function startPrinter(options: TVirtualPrinterOptions = {}) {
  const printer = new VirtualPrinter({ port: 0, outputDir: null, ...options });
  const address = await printer.listen();
  cleanups.push(() => printer.close());
  return { printer, client: networkTicketPrinter({ ...address, timeoutMs: 500 }) };
}

const received = (printer: VirtualPrinter, count: number) =>
  new Promise<void>((resolve) => {
    const check = () => (printer.tickets.length >= count ? resolve() : printer.once('ticket', check));
    check();
  });

describe('network thermal printer', () => {
  it('prints every field of each ticket and a QR of its signed token, one cut ticket per seat', async () => {
    const { printer, client } = await startPrinter();
    const job = { tickets: [ticket('E7', 1, 2), ticket('E8', 2, 2)] };

    await expect(client.print(job)).resolves.toEqual({ ok: true, printed: 2, status: 'ok' });
    await received(printer, 2);

    for (const [i, stored] of printer.tickets.entries()) {
      const text = ticketText(stored.ticket);
      const seat = job.tickets[i]!;
      expect(stored.ticket.unknown).toEqual([]);
      expect(text).toEqual(
        expect.arrayContaining([
          'Marquee Demo Cinema',
          `ADMIT ONE - ticket ${i + 1} of 2`,
          'The Monsoon Heist (UA)',
          'Wed, 25 Nov, 2026',
          'Time: 6:30 pm',
          'Screen: Audi 1',
          `Seat ${seat.seatLabel}`,
          'Premium seat',
          'Rs. 250.00 incl. GST',
          '(GST 18%: Rs. 38.14)',
          'Booking K7M2QX',
        ]),
      );
      // Styles as the paper has them: the encoder resets bold and size before each line feed.
      const style = (line: string) =>
        stored.ticket.items.flatMap((item) =>
          item.kind === 'line' && item.line.text.trim() === line ? [item.line] : [],
        )[0];
      expect(style('Marquee Demo Cinema')).toMatchObject({ bold: true, width: 2, height: 2 });
      expect(style('The Monsoon Heist (UA)')).toMatchObject({ bold: true, width: 1, height: 1 });
      expect(style(`Seat ${seat.seatLabel}`)).toMatchObject({ bold: false, width: 2, height: 2 });
      expect(style('Premium seat')).toMatchObject({ bold: false, width: 1, height: 1 });
      const [qr] = ticketQrCodes(stored.ticket);
      expect(qr).toBe(seat.token);
      expect(verifyTicketToken(qr!, new Map([['k1', key.publicKey]]))).toMatchObject({
        ok: true,
        payload: { seat: seat.seatLabel },
      });
    }
  });

  it('keeps each ticket as an SVG and its decoded form as JSON', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'prints-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    const { printer, client } = await startPrinter({ outputDir: dir });

    await client.print({ tickets: [ticket('A1')] });
    await received(printer, 1);

    const files = (await readdir(dir)).sort();
    expect(files.map((f) => path.extname(f))).toEqual(['.json', '.svg']);
    const svg = await readFile(path.join(dir, files[1]!), 'utf8');
    expect(svg).toMatch(/^<svg /);
    expect(svg).toMatch(/scale\(2 2\)" font-weight="400">Seat A1</);
    expect(svg).toMatch(/scale\(2 2\)" font-weight="700">Marquee Demo Cinema</);
    expect(svg).toContain('<path d="M'); // the QR's modules
  });

  it('refuses to print into an empty printer and says so', async () => {
    const { printer, client } = await startPrinter({ paper: 'out' });

    await expect(client.print({ tickets: [ticket('A1')] })).resolves.toEqual({
      ok: false,
      code: 'PRINTER_PAPER_OUT',
      message: 'The ticket printer is out of paper.',
      status: 'paper_out',
    });
    expect(printer.tickets).toHaveLength(0);
    expect(printer.refusedTickets).toBe(0); // nothing was even sent
  });

  it('reports paper that runs out during a job', async () => {
    const { printer, client } = await startPrinter({ ticketsLeft: 1 });

    await expect(client.print({ tickets: [ticket('A1'), ticket('A2')] })).resolves.toMatchObject({
      ok: false,
      code: 'PRINTER_PAPER_OUT',
      status: 'paper_out',
    });
    expect(printer.refusedTickets).toBe(1);
  });

  it('warns when the paper is low but still prints', async () => {
    const { client } = await startPrinter({ paper: 'low' });
    await expect(client.state()).resolves.toBe('paper_low');
    await expect(client.print({ tickets: [ticket('A1')] })).resolves.toEqual({
      ok: true,
      printed: 1,
      status: 'paper_low',
    });
  });

  it('says the printer is offline when nothing listens on its port', async () => {
    const port = await getPort({ host: '127.0.0.1' });
    const client = networkTicketPrinter({ host: '127.0.0.1', port, timeoutMs: 500 });
    await expect(client.state()).resolves.toBe('offline');
    await expect(client.print({ tickets: [ticket('A1')] })).resolves.toMatchObject({
      ok: false,
      code: 'PRINTER_OFFLINE',
      message: 'The ticket printer is not responding.',
    });
  });

  it('says the printer is offline when it accepts the connection but never answers', async () => {
    const silent = net.createServer((socket) => socket.on('data', () => undefined));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise((resolve) => silent.close(() => resolve())));
    const { port } = silent.address() as net.AddressInfo;
    silent.on('connection', (socket) => cleanups.push(async () => void socket.destroy()));

    await expect(readPrinterState({ host: '127.0.0.1', port, timeoutMs: 300 })).resolves.toBe('offline');
  });
});
