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

  it('prints the tax invoice under the QR code, the fee and totals where the job puts them', async () => {
    const seat = {
      sac: '999692',
      taxablePaise: 21_186,
      ratePercent: 18,
      cgstPaise: 1_907,
      sgstPaise: 1_907,
      amountPaise: 25_000,
    };
    const html = await renderTicketsHtml({
      tickets: [
        {
          cinemaName: 'Marquee',
          movieTitle: 'Heist',
          startsAt: '2026-11-25T13:00:00.000Z',
          timeZone: 'Asia/Kolkata',
          screenName: 'Audi 1',
          seatLabel: 'E7',
          seatType: 'STANDARD',
          ticketNumber: 1,
          ticketCount: 1,
          pricePaise: 25_000,
          bookingCode: 'K7M2QX',
          token: 'abc.def',
          invoice: {
            number: 'MQD/2627/0000042',
            issuedAt: '2026-11-25T12:00:00.000Z',
            sellerLegalName: 'Marquee Demo Cinemas Private Limited',
            sellerGstin: null,
            seat: { ...seat, ratePercent: 2.5, taxablePaise: 24_390, cgstPaise: 610, sgstPaise: 0 },
            totals: { taxablePaise: 24_390, cgstPaise: 610, sgstPaise: 0, totalPaise: 25_000 },
          },
        },
      ],
    });
    const qr = html.indexOf('<svg');
    for (const part of [
      'Tax invoice MQD/2627/0000042',
      'Date: 25 Nov 2026',
      'Marquee Demo Cinemas Private Limited',
      'GSTIN: not registered',
      'SAC 999692, taxable value ₹243.90',
      // A film the state made tax-free: CGST alone, at half the slab.
      'GST 2.5%: CGST ₹6.10, SGST ₹0.00',
      'Invoice total ₹250.00',
      'Taxable value ₹243.90',
    ])
      expect(html.indexOf(part)).toBeGreaterThan(qr);
    expect(html).not.toContain('Booking fee');
  });
});
