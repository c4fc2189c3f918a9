// A two-seat booking as the kiosk prints it: the renderer's print job, over the print agent's HTTP,
// to the virtual printer over TCP, and read back from what the printer decoded.
import type { AddressInfo } from 'node:net';
import type { TBooking } from '@marquee/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { printJobFor } from '../../renderer/src/screens/done/print-job';
import { imageInk, ticketImages, ticketQrCodes, ticketText } from './escpos-decoder';
import { createPrintAgent } from './print-agent';
import { PAPER_DOTS } from './raster-text';
import { networkTicketPrinter } from './ticket-printer';
import { VirtualPrinter } from './virtual-printer';

const SHOP = 'http://127.0.0.1:3000';
const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

const booking: TBooking = {
  id: uuid(1),
  code: 'K7M2QX',
  status: 'CONFIRMED',
  statusReason: null,
  showtimeId: uuid(2),
  amountPaise: 65_000,
  feePaise: 0,
  feeGstRatePercent: 18,
  expiresAt: '2026-11-20T10:10:00.000Z',
  confirmedAt: '2026-11-20T10:05:00.000Z',
  showtime: {
    cinemaName: 'Marquee Kathmandu',
    movieTitle: 'दिलवाले दुल्हनिया ले जाएंगे',
    certificate: 'U',
    screenName: 'Audi 3',
    startsAt: '2026-11-25T13:00:00.000Z',
    // Not India's zone: the ticket must read the cinema's own clock (13:00 UTC is 18:45 there).
    timeZone: 'Asia/Kathmandu',
  },
  customerEmail: null,
  seats: [
    { seatId: uuid(3), label: 'E7', type: 'PREMIUM', pricePaise: 25_000 },
    { seatId: uuid(4), label: 'E8', type: 'RECLINER', pricePaise: 40_000 },
  ],
  tickets: [
    { id: uuid(5), seatLabel: 'E7', token: 'token-e7.signature' },
    { id: uuid(6), seatLabel: 'E8', token: 'token-e8.signature' },
  ],
  invoice: null,
};

describe('a two-seat booking through the print agent', () => {
  const printer = new VirtualPrinter({ port: 0, outputDir: null });
  let agent: ReturnType<typeof createPrintAgent>;
  let url: string;

  beforeAll(async () => {
    const address = await printer.listen();
    agent = createPrintAgent({
      printer: networkTicketPrinter({ ...address, timeoutMs: 2_000 }),
      allowedOrigins: [SHOP],
      device: async () => ({ token: 'mqk_device', name: 'Lobby 1' }),
    });
    await new Promise<void>((resolve) => agent.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(agent.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => agent.close(resolve));
    await printer.close();
  });

  const post = (body: unknown) =>
    fetch(`${url}/print`, {
      method: 'POST',
      headers: { origin: SHOP, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  const printAndRead = async (job: unknown, count: number) => {
    const before = printer.tickets.length;
    const res = await post(job);
    expect(await res.json()).toEqual({ ok: true, printed: count, status: 'ok' });
    await expect.poll(() => printer.tickets.length).toBe(before + count);
    return printer.tickets.slice(before).map((t) => t.ticket);
  };

  it('prints "1 of 2" and "2 of 2", each seat with its type and its GST-inclusive price, on the cinema clock', async () => {
    const printed = await printAndRead(printJobFor(booking, 'en'), 2);
    const expected = [
      { seat: 'E7', type: 'Premium seat', price: 'Rs. 250.00 incl. GST', gst: '(GST 18%: Rs. 38.14)' },
      { seat: 'E8', type: 'Recliner', price: 'Rs. 400.00 incl. GST', gst: '(GST 18%: Rs. 61.02)' },
    ];
    printed.forEach((ticket, i) => {
      expect(ticket.unknown).toEqual([]);
      const text = ticketText(ticket);
      expect(text).toEqual(
        expect.arrayContaining([
          'Marquee Kathmandu',
          `ADMIT ONE - ticket ${i + 1} of 2`,
          'Wed, 25 Nov, 2026',
          'Time: 6:45 pm',
          'Screen: Audi 3',
          `Seat ${expected[i]!.seat}`,
          expected[i]!.type,
          expected[i]!.price,
          expected[i]!.gst,
          'Booking K7M2QX',
        ]),
      );
      expect(ticketQrCodes(ticket)).toEqual([booking.tickets[i]!.token]);
      // The Devanagari title is one raster image, the paper's width, with ink.
      const [title] = ticketImages(ticket);
      expect(ticketImages(ticket)).toHaveLength(1);
      expect(title!.widthDots).toBe(PAPER_DOTS);
      expect(imageInk(title!).some(Boolean)).toBe(true);
    });
  });

  it('prints a Hindi booking with its labels as images, the same number of tickets and QR codes', async () => {
    const printed = await printAndRead(printJobFor(booking, 'hi'), 2);
    for (const [i, ticket] of printed.entries()) {
      expect(ticket.unknown).toEqual([]);
      expect(ticketQrCodes(ticket)).toEqual([booking.tickets[i]!.token]);
      // title, admit, date, time, screen, seat, seat type, price, GST, booking, "show this code"
      expect(ticketImages(ticket)).toHaveLength(11);
      expect(ticketText(ticket).join('\n')).not.toMatch(/[^\x20-\x7e\n─]/);
    }
  });

  it('refuses a job numbering a ticket past its count, or naming no known seat type, and prints nothing', async () => {
    const [first] = printJobFor(booking).tickets;
    const before = printer.tickets.length;
    const past = await post({ tickets: [{ ...first, ticketNumber: 3, ticketCount: 2 }] });
    expect(past.status).toBe(400);
    expect(await past.json()).toMatchObject({
      error: {
        code: 'INPUT_INVALID',
        message: expect.stringContaining('ticketNumber must not exceed ticketCount') as string,
      },
    });
    const badType = await post({ tickets: [{ ...first, seatType: 'SOFA' }] });
    expect(badType.status).toBe(400);
    expect(await badType.json()).toMatchObject({
      error: { code: 'INPUT_INVALID', message: expect.stringContaining('tickets.0.seatType') as string },
    });
    expect(printer.tickets.length).toBe(before);
  });
});
