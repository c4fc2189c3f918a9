// A two-seat booking as the kiosk prints it: the renderer's print job, over the print agent's HTTP,
// to the virtual printer over TCP, and read back from what the printer decoded.
import type { AddressInfo } from 'node:net';
import type { TBooking } from '@marquee/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { printJobFor } from '../../renderer/src/screens/done/print-job';
import { renderTicketsHtml } from './ticket-html';
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

  // The same booking paid with a booking fee, with the tax invoice the server stored for it.
  const taxLine = { sac: '999692', cgstRatePercent: 9, sgstRatePercent: 9, ratePercent: 18 };
  const invoiced: TBooking = {
    ...booking,
    amountPaise: 69_000,
    feePaise: 4_000,
    invoice: {
      kind: 'INVOICE',
      number: 'MQD/2627/0000042',
      issuedAt: '2026-11-20T19:00:00.000Z', // 21 Nov in India, whatever the cinema's clock
      financialYear: '2026-27',
      sellerLegalName: 'Marquee Demo Cinemas Private Limited of Bengaluru Karnataka',
      sellerAddress: '12 MG Road\nBengaluru 560001',
      sellerGstin: '29AAACM0000M1ZT',
      placeOfSupply: { code: '29', name: 'Karnataka' },
      lines: [
        {
          ...taxLine,
          kind: 'ADMISSION',
          description: 'Admission, seat E7',
          seatLabel: 'E7',
          taxablePaise: 21_186,
          cgstPaise: 1_907,
          sgstPaise: 1_907,
          amountPaise: 25_000,
        },
        {
          ...taxLine,
          kind: 'ADMISSION',
          description: 'Admission, seat E8',
          seatLabel: 'E8',
          taxablePaise: 33_898,
          cgstPaise: 3_051,
          sgstPaise: 3_051,
          amountPaise: 40_000,
        },
        {
          ...taxLine,
          kind: 'FEE',
          description: 'Booking fee',
          seatLabel: null,
          sac: '998599',
          taxablePaise: 3_390,
          cgstPaise: 305,
          sgstPaise: 305,
          amountPaise: 4_000,
        },
      ],
      totals: { taxablePaise: 58_474, cgstPaise: 5_263, sgstPaise: 5_263, totalPaise: 69_000 },
      creditNotes: [],
    },
  };

  it('prints the tax invoice on every ticket: seller, GSTIN, number, India date, and the seat’s SAC, value, rate, CGST and SGST; the fee and totals on the last', async () => {
    const printed = await printAndRead(printJobFor(invoiced, 'en'), 2);
    const [first, last] = printed.map((ticket) => ticketText(ticket));
    for (const text of [first!, last!])
      expect(text).toEqual(
        expect.arrayContaining([
          'Tax invoice MQD/2627/0000042',
          'Date: 21 Nov 2026',
          // A legal name longer than the paper's 42 columns wraps at a space.
          'Marquee Demo Cinemas Private Limited of',
          'Bengaluru Karnataka',
          'GSTIN: 29AAACM0000M1ZT',
        ]),
      );
    expect(first).toEqual(
      expect.arrayContaining(['SAC 999692, taxable value Rs. 211.86', 'GST 18%: CGST Rs. 19.07, SGST Rs. 19.07']),
    );
    expect(first!.join('\n')).not.toContain('Booking fee');
    expect(first!.join('\n')).not.toContain('Invoice total');
    expect(last).toEqual(
      expect.arrayContaining([
        'SAC 999692, taxable value Rs. 338.98',
        'GST 18%: CGST Rs. 30.51, SGST Rs. 30.51',
        'Booking fee Rs. 40.00, SAC 998599',
        'Fee taxable value Rs. 33.90',
        'GST 18%: CGST Rs. 3.05, SGST Rs. 3.05',
        'Invoice total Rs. 690.00',
        'Taxable value Rs. 584.74',
        'CGST Rs. 52.63, SGST Rs. 52.63',
      ]),
    );
    // The GST the ticket shows is the stored invoice's, not worked out again beside it.
    expect(last!.join('\n')).not.toContain('(GST 18%');
    for (const text of [first!, last!]) for (const line of text) expect(line.length).toBeLessThanOrEqual(42);
  });

  it('prints the tax invoice of a Hindi ticket in Hindi, as images, with the same QR codes', async () => {
    const job = printJobFor(invoiced, 'hi');
    const html = await renderTicketsHtml(job);
    for (const part of [
      'कर बीजक MQD/2627/0000042',
      'जीएसटीआईएन: 29AAACM0000M1ZT',
      'सीट: SAC 999692, कर योग्य मूल्य ₹211.86',
      'GST 18%: सीजीएसटी ₹19.07, एसजीएसटी ₹19.07',
      'बुकिंग शुल्क ₹40.00, SAC 998599',
      'बीजक का कुल ₹690.00',
    ])
      expect(html).toContain(part);
    const printed = await printAndRead(job, 2);
    for (const [i, ticket] of printed.entries()) {
      expect(ticketQrCodes(ticket)).toEqual([booking.tickets[i]!.token]);
      // Ten as before (no GST worked out beside the invoice); the invoice's lines in Hindi: number,
      // date, GSTIN, the seat's value and tax (the seller's name is Latin, in the printer's font),
      // and on the last the fee's three lines and the totals' three.
      expect(ticketImages(ticket)).toHaveLength(i === 0 ? 15 : 21);
      expect(ticketText(ticket)).toContain('Marquee Demo Cinemas Private Limited of');
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
    const [withInvoice] = printJobFor(invoiced).tickets;
    const badRate = await post({
      tickets: [
        {
          ...withInvoice,
          invoice: { ...withInvoice!.invoice, seat: { ...withInvoice!.invoice!.seat, ratePercent: 180 } },
        },
      ],
    });
    expect(badRate.status).toBe(400);
    expect(await badRate.json()).toMatchObject({
      error: {
        code: 'INPUT_INVALID',
        message: expect.stringContaining('tickets.0.invoice.seat.ratePercent') as string,
      },
    });
    expect(printer.tickets.length).toBe(before);
  });
});
