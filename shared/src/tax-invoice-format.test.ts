import { describe, expect, it } from 'vitest';
import type { TTaxDocument } from './tax-invoice';
import { invoiceDateLabel, placeOfSupplyLabel, taxDocumentText } from './tax-invoice-format';

const doc: TTaxDocument = {
  kind: 'INVOICE',
  number: 'MQD/2627/0000001',
  issuedAt: '2026-11-27T19:00:00.000Z', // 00:30 on 28 Nov in India
  financialYear: '2026-27',
  sellerLegalName: 'Marquee Demo Cinemas Private Limited',
  sellerAddress: '12 MG Road\nBengaluru 560001',
  sellerGstin: '29AAACM0000M1ZT',
  placeOfSupply: { code: '29', name: 'Karnataka' },
  lines: [
    {
      kind: 'ADMISSION',
      description: 'Admission, seat A1',
      seatLabel: 'A1',
      sac: '999692',
      ratePercent: 2.5,
      cgstRatePercent: 2.5,
      sgstRatePercent: 0,
      taxablePaise: 9659,
      cgstPaise: 241,
      sgstPaise: 0,
      amountPaise: 9900,
    },
  ],
  totals: { taxablePaise: 9659, cgstPaise: 241, sgstPaise: 0, totalPaise: 9900 },
};

describe('tax invoice text', () => {
  it('dates a document by the India calendar', () => {
    expect(invoiceDateLabel(doc.issuedAt)).toBe('28 Nov 2026');
    expect(invoiceDateLabel('2027-03-31T18:29:59.000Z')).toBe('31 Mar 2027');
    expect(invoiceDateLabel('2027-03-31T18:30:00.000Z')).toBe('1 Apr 2027');
  });

  it('names the place of supply with its code', () => {
    expect(placeOfSupplyLabel(doc.placeOfSupply)).toBe('Karnataka (29)');
    expect(placeOfSupplyLabel(null)).toBe('not recorded');
  });

  it('prints every particular, a waived SGST as zero, and the credit note under its own title', () => {
    const text = taxDocumentText(doc).join('\n');
    for (const part of [
      'Tax invoice',
      'Marquee Demo Cinemas Private Limited',
      '12 MG Road\nBengaluru 560001',
      'GSTIN: 29AAACM0000M1ZT',
      'Invoice number: MQD/2627/0000001',
      'Date: 28 Nov 2026',
      'Place of supply: Karnataka (29)',
      'Admission, seat A1     999692      ₹96.59  2.5 %     ₹2.41     ₹0.00     ₹99.00',
      'Taxable value: ₹96.59',
      'Total: ₹99.00',
    ])
      expect(text).toContain(part);
    const note = taxDocumentText({ ...doc, kind: 'CREDIT_NOTE', number: 'MQD/2627/C000001' }, (p) => `Rs. ${p / 100}`);
    expect(note[0]).toBe('Credit note');
    expect(note.join('\n')).toContain('Credit note number: MQD/2627/C000001');
    expect(note.join('\n')).toContain('Total: Rs. 99');
  });
});
