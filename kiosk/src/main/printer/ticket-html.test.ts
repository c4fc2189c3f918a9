import { describe, expect, it } from 'vitest';
import { renderTicketsHtml } from './ticket-html';

describe('OS-printer ticket page', () => {
  it('has one page per seat with its fields and QR, and escapes what it prints', async () => {
    const ticket = {
      cinemaName: 'Marquee',
      movieTitle: '<b>Heist</b>',
      startsAt: '2026-11-25T13:00:00.000Z',
      timeZone: 'Asia/Kolkata',
      screenName: 'Audi 1',
      seatLabel: 'E7',
      seatType: 'PREMIUM' as const,
      ticketNumber: 1,
      ticketCount: 2,
      pricePaise: 25_000,
      gstPaise: 3_814,
      gstRatePercent: 18,
      bookingCode: 'K7M2QX',
      token: 'abc.def',
    };
    const html = await renderTicketsHtml({ tickets: [ticket, { ...ticket, seatLabel: 'E8', ticketNumber: 2 }] });
    expect(html.match(/class="ticket"/g)).toHaveLength(2);
    expect(html).toContain('Seat E7');
    expect(html).toContain('₹250.00 incl. GST');
    expect(html).toContain('(GST 18%: ₹38.14)');
    expect(html).toContain('Booking K7M2QX');
    expect(html).toContain('ticket 1 of 2');
    expect(html).toContain('ticket 2 of 2');
    expect(html).toContain('Premium seat');
    expect(html).toContain('Wed, 25 Nov, 2026');
    expect(html).toContain('Time: 6:30 pm');
    expect(html).toContain('&#60;b&#62;Heist');
    expect(html).not.toContain('<b>Heist');
    expect(html.match(/<svg/g)).toHaveLength(2);
  });
});
