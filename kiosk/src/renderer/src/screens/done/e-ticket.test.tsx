// @vitest-environment happy-dom
import type { TBooking, TInvoice } from '@marquee/shared';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { I18nProvider } from '../../i18n/i18n';
import type { TLanguage } from '../../i18n/messages';
import { ETicket } from './e-ticket';

const line = {
  cgstRatePercent: 2.5,
  sgstRatePercent: 2.5,
  ratePercent: 5,
  sac: '999692',
};
const invoice: TInvoice = {
  kind: 'INVOICE',
  number: 'MQD/2627/0000042',
  issuedAt: '2026-11-27T19:00:00.000Z', // 28 Nov in India
  financialYear: '2026-27',
  sellerLegalName: 'Marquee Demo Cinemas Private Limited',
  sellerAddress: '12 MG Road, Ashok Nagar\nBengaluru 560001',
  sellerGstin: '29AAACM0000M1ZT',
  placeOfSupply: { code: '29', name: 'Karnataka' },
  lines: [
    {
      ...line,
      kind: 'ADMISSION',
      description: 'Admission, seat C5',
      seatLabel: 'C5',
      taxablePaise: 9_429,
      cgstPaise: 236,
      sgstPaise: 235,
      amountPaise: 9_900,
    },
    {
      kind: 'FEE',
      description: 'Booking fee',
      seatLabel: null,
      sac: '998599',
      ratePercent: 18,
      cgstRatePercent: 9,
      sgstRatePercent: 9,
      taxablePaise: 1_695,
      cgstPaise: 153,
      sgstPaise: 152,
      amountPaise: 2_000,
    },
  ],
  totals: { taxablePaise: 11_124, cgstPaise: 389, sgstPaise: 387, totalPaise: 11_900 },
  creditNotes: [],
};

const booking: TBooking = {
  id: '0190a0b0-0000-7000-8000-000000000001',
  code: 'K7QX2M',
  status: 'CONFIRMED',
  statusReason: null,
  showtimeId: '0190a0b0-0000-7000-8000-000000000002',
  amountPaise: 11_900,
  feePaise: 2_000,
  feeGstRatePercent: 18,
  expiresAt: '2026-11-28T13:00:00.000Z',
  confirmedAt: '2026-11-27T19:00:00.000Z',
  showtime: {
    cinemaName: 'Marquee Central',
    movieTitle: 'Starfall Express',
    certificate: 'UA',
    screenName: 'Audi 2',
    startsAt: '2026-11-28T14:00:00.000Z',
    timeZone: 'Asia/Kolkata',
  },
  customerEmail: 'a@example.com',
  seats: [{ seatId: '0190a0b0-0000-7000-8000-000000000003', label: 'C5', type: 'STANDARD', pricePaise: 9_900 }],
  tickets: [{ id: '0190a0b0-0000-7000-8000-000000000004', seatLabel: 'C5', token: 'tok' }],
  invoice,
};

function renderETicket(b: TBooking, language: TLanguage = 'en') {
  render(<ETicket booking={b} canDownload onDone={vi.fn()} />, {
    wrapper: ({ children }: { children: ReactNode }) => <I18nProvider initial={language}>{children}</I18nProvider>,
  });
}

afterEach(() => {
  cleanup();
  localStorage.clear();
});

describe('the e-ticket’s tax invoice', () => {
  it('is folded under the tickets and opens to every particular of the stored invoice', () => {
    renderETicket(booking);
    const details = document.querySelector('details.tax-invoice') as HTMLDetailsElement;
    expect(details.open).toBe(false);
    // The QR codes come first.
    expect(details.compareDocumentPosition(screen.getByText('Download tickets (PDF)'))).toBe(
      Node.DOCUMENT_POSITION_PRECEDING,
    );
    fireEvent.click(screen.getByText('Tax invoice'));
    const text = details.textContent;
    for (const part of [
      'Tax invoice',
      'Marquee Demo Cinemas Private Limited',
      '12 MG Road, Ashok Nagar\nBengaluru 560001',
      'GSTIN29AAACM0000M1ZT',
      'Invoice numberMQD/2627/0000042',
      'Date28 Nov 2026',
      'Place of supplyKarnataka (29)',
      'Admission, seat C5₹99.00',
      'SAC 999692',
      'Taxable value ₹94.29',
      'Rate 5 %',
      'CGST ₹2.36',
      'SGST ₹2.35',
      'Booking fee₹20.00',
      'SAC 998599',
      'Rate 18 %',
      'Taxable value₹111.24',
      'CGST₹3.89',
      'SGST₹3.87',
      'Total₹119.00',
    ])
      expect(text).toContain(part);
  });

  it('reads in Hindi', () => {
    renderETicket(booking, 'hi');
    const details = document.querySelector('details.tax-invoice')!;
    const text = details.textContent;
    for (const part of [
      'कर बीजक',
      'जीएसटीआईएन29AAACM0000M1ZT',
      'आपूर्ति का स्थानKarnataka (29)',
      'कर योग्य मूल्य ₹94.29',
      'प्रवेश, सीट C5',
      'बुकिंग शुल्क',
      'कुल₹119.00',
    ])
      expect(text).toContain(part);
  });

  it('shows a refunded booking’s credit note, opened, without its QR codes', () => {
    const note = {
      ...invoice,
      kind: 'CREDIT_NOTE' as const,
      number: 'MQD/2627/C000007',
      issuedAt: '2026-11-29T06:00:00.000Z',
      invoiceNumber: invoice.number,
    };
    const { creditNotes: _, ...noteDoc } = note;
    renderETicket({ ...booking, status: 'REFUNDED', invoice: { ...invoice, creditNotes: [noteDoc] } });
    expect(screen.queryByRole('img')).toBeNull();
    const details = document.querySelector('details.tax-invoice') as HTMLDetailsElement;
    expect(details.open).toBe(true);
    expect(within(details).getByText('Credit note MQD/2627/C000007 of 29 Nov 2026: ₹119.00')).toBeTruthy();
  });

  it('is absent from a free booking, which has no invoice', () => {
    renderETicket({ ...booking, invoice: null });
    expect(document.querySelector('details.tax-invoice')).toBeNull();
  });
});
