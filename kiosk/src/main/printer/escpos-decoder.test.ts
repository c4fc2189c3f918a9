import { SEAT_TYPES } from '@marquee/shared';
import ReceiptPrinterEncoder from '@point-of-sale/receipt-printer-encoder';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TPrintTicket } from '../../common/print-job';
import { EscPosDecoder, decodeEscPos, ticketQrCodes, ticketText, type TDecodedEvent } from './escpos-decoder';
import { statusRequest } from './escpos-status';
import { encodeTickets } from './ticket-escpos';

const printableText = (max: number) =>
  fc
    .string({
      unit: fc.constantFrom(...'ABCDEFGHJKLMNPQRSTUVWXYZabcdefgh0123456789 -'.split('')),
      minLength: 1,
      maxLength: max,
    })
    .filter((s) => s.trim() === s && s.length > 0);

const arbTicket: fc.Arbitrary<TPrintTicket> = fc.record({
  cinemaName: printableText(20),
  movieTitle: printableText(40),
  startsAt: fc
    .date({ min: new Date('2026-01-01'), max: new Date('2030-01-01'), noInvalidDate: true })
    .map((d) => d.toISOString()),
  timeZone: fc.constant('Asia/Kolkata'),
  screenName: printableText(12),
  seatLabel: fc.tuple(fc.constantFrom('A', 'B', 'K'), fc.integer({ min: 1, max: 30 })).map(([r, n]) => `${r}${n}`),
  seatType: fc.constantFrom(...SEAT_TYPES),
  ticketNumber: fc.constant(1),
  ticketCount: fc.constant(1),
  pricePaise: fc.integer({ min: 0, max: 1_000_000 }),
  bookingCode: fc.stringMatching(/^[A-Z0-9]{6}$/),
  token: fc.stringMatching(/^[A-Za-z0-9_-]{20,300}\.[A-Za-z0-9_-]{86}$/),
});

describe('ESC/POS decoder', () => {
  it('reads back every ticket the encoder wrote: seat, booking code and the exact QR payload', () => {
    fc.assert(
      fc.property(fc.array(arbTicket, { minLength: 1, maxLength: 4 }), (tickets) => {
        const { tickets: printed, rest } = decodeEscPos(encodeTickets({ tickets }));
        expect(printed).toHaveLength(tickets.length);
        expect(rest).toBeNull();
        printed.forEach((p, i) => {
          expect(p.unknown).toEqual([]);
          expect(ticketText(p)).toContain(`Seat ${tickets[i]!.seatLabel}`);
          expect(ticketText(p)).toContain(`Booking ${tickets[i]!.bookingCode}`);
          expect(ticketQrCodes(p)).toEqual([tickets[i]!.token]);
        });
      }),
      { numRuns: 60 },
    );
  });

  it('decodes a stream cut into arbitrary TCP packets exactly as the whole stream', () => {
    fc.assert(
      fc.property(
        arbTicket,
        fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 60 }),
        (ticket, sizes) => {
          const bytes = encodeTickets({ tickets: [ticket] });
          const decoder = new EscPosDecoder();
          const events: TDecodedEvent[] = [];
          let at = 0;
          for (let i = 0; at < bytes.length; i++) {
            const size = sizes[i % sizes.length]!;
            events.push(...decoder.push(bytes.subarray(at, at + size)));
            at += size;
          }
          expect(decoder.pendingBytes).toBe(0);
          expect(events).toEqual(decodeEscPos(bytes).tickets.map((t) => ({ type: 'ticket', ticket: t })));
        },
      ),
      { numRuns: 60 },
    );
  });

  it("keeps each line's weight and size as the encoder set them, though it resets both before the line feed", () => {
    const arbLine = fc.record({
      text: printableText(18),
      bold: fc.boolean(),
      width: fc.integer({ min: 1, max: 2 }),
      height: fc.integer({ min: 1, max: 2 }),
      align: fc.constantFrom<'left' | 'center' | 'right'>('left', 'center', 'right'),
    });
    fc.assert(
      fc.property(fc.array(arbLine, { minLength: 1, maxLength: 8 }), (lines) => {
        const encoder = new ReceiptPrinterEncoder({ language: 'esc-pos', columns: 42 });
        for (const l of lines)
          encoder.align(l.align).bold(l.bold).size(l.width, l.height).line(l.text).size(1, 1).bold(false);
        const { rest } = decodeEscPos(encoder.encode());
        const printed = rest!.items.flatMap((i) => (i.kind === 'line' && i.line.text.trim() ? [i.line] : []));
        expect(printed.map((p) => ({ text: p.text.trim(), bold: p.bold, width: p.width, height: p.height }))).toEqual(
          lines.map(({ text, bold, width, height }) => ({ text, bold, width, height })),
        );
      }),
      { numRuns: 100 },
    );
  });

  it('reports status requests in order with the text around them untouched', () => {
    const bytes = Buffer.concat([
      Buffer.from('Hello'),
      statusRequest(1),
      Buffer.from(' world\n'),
      statusRequest(4),
      Buffer.from([0x1d, 0x56, 0x01]),
    ]);
    const { tickets, statusRequests } = decodeEscPos(bytes);
    expect(statusRequests).toEqual([1, 4]);
    expect(ticketText(tickets[0]!)).toEqual(['Hello world']);
  });

  it('lists commands it does not know instead of printing them as text', () => {
    const { rest } = decodeEscPos(Buffer.from([0x1b, 0x7f, 0x41, 0x0a]));
    expect(rest?.unknown).toEqual(['1b7f']);
    expect(ticketText(rest!)).toEqual(['A']);
  });
});
