// @vitest-environment happy-dom
import type { TInvoice } from '@marquee/shared';
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { BookingInvoice } from './booking-invoice';

const invoice: TInvoice = {
  kind: 'INVOICE',
  number: 'MQD/2627/0000042',
  issuedAt: '2026-11-27T19:00:00.000Z',
  financialYear: '2026-27',
  sellerLegalName: 'Marquee Demo Cinemas Private Limited',
  sellerAddress: '12 MG Road\nBengaluru 560001',
  sellerGstin: '29AAACM0000M1ZT',
  placeOfSupply: { code: '29', name: 'Karnataka' },
  lines: [
    {
      kind: 'ADMISSION',
      description: 'Admission, seat C5',
      seatLabel: 'C5',
      sac: '999692',
      ratePercent: 5,
      cgstRatePercent: 2.5,
      sgstRatePercent: 2.5,
      taxablePaise: 9_429,
      cgstPaise: 236,
      sgstPaise: 235,
      amountPaise: 9_900,
    },
  ],
  totals: { taxablePaise: 9_429, cgstPaise: 236, sgstPaise: 235, totalPaise: 9_900 },
  creditNotes: [],
};

afterEach(cleanup);

describe('the booking desk’s tax invoice', () => {
  it('shows the stored lines and totals, and a refund’s credit note', () => {
    const { creditNotes: _, ...doc } = invoice;
    render(
      <BookingInvoice
        invoice={{
          ...invoice,
          creditNotes: [{ ...doc, kind: 'CREDIT_NOTE', number: 'MQD/2627/C000003', invoiceNumber: invoice.number }],
        }}
      />,
    );
    const section = screen.getByRole('region', { name: 'Tax invoice MQD/2627/0000042' });
    expect(section.textContent).toContain('of 28 Nov 2026');
    expect(section.textContent).toContain('GSTIN 29AAACM0000M1ZT');
    expect(section.textContent).toContain('Karnataka (29)');
    const row = within(section).getByRole('row', { name: /Admission, seat C5/ });
    expect(
      within(row)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['999692', '₹94.29', '5 %', '₹2.36', '₹2.35', '₹99.00']);
    expect(within(section).getByRole('list', { name: 'Credit notes' }).textContent).toContain(
      'Credit note MQD/2627/C000003 of 28 Nov 2026 against MQD/2627/0000042: ₹99.00',
    );
  });
});
