// The CSV's figures: paise written as rupees with two decimals (negatives keep their sign and stay
// numbers), and instants as their India date, DD-MM-YYYY.
import { indiaDate } from '@marquee/shared';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { b2cCsv, indiaDateDmy, rupees } from './tax-returns-csv';

describe('the GST CSVs’ figures', () => {
  it('writes any paise as rupees with two decimals that read back to the same paise', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), (paise) => {
        const text = rupees(paise);
        expect(text).toMatch(/^-?\d+\.\d\d$/);
        expect(Math.round(Number(text) * 100)).toBe(paise);
      }),
    );
    expect([rupees(0), rupees(5), rupees(-101_00), rupees(12_345_67)]).toEqual(['0.00', '0.05', '-101.00', '12345.67']);
  });

  it('dates an instant by its India day', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('2017-07-01'), max: new Date('2099-12-31'), noInvalidDate: true }), (at) => {
        const [y, m, d] = indiaDate(at).split('-');
        expect(indiaDateDmy(at)).toBe(`${d}-${m}-${y}`);
      }),
    );
    expect(indiaDateDmy(new Date('2030-03-31T18:29:59.999Z'))).toBe('31-03-2030');
    expect(indiaDateDmy(new Date('2030-03-31T18:30:00.000Z'))).toBe('01-04-2030');
  });

  it('leaves a negative net a number, not text a spreadsheet would need to convert', () => {
    const row = { taxablePaise: -169_49, cgstPaise: -15_26, sgstPaise: -15_25, cessPaise: 0 };
    const csv = b2cCsv({
      month: '2030-02',
      b2c: [{ placeOfSupply: { code: '29', label: '29-Karnataka' }, ratePercent: 18, ...row }],
      documents: [],
      totals: {
        invoices: { documents: 0, taxablePaise: 0, cgstPaise: 0, sgstPaise: 0, totalPaise: 0 },
        creditNotes: { documents: 1, taxablePaise: 169_49, cgstPaise: 15_26, sgstPaise: 15_25, totalPaise: 200_00 },
        net: { documents: 1, taxablePaise: -169_49, cgstPaise: -15_26, sgstPaise: -15_25, totalPaise: -200_00 },
      },
      complimentary: 0,
    });
    expect(csv.trim().split('\n').slice(1)).toEqual([
      '29-Karnataka,18,-169.49,-15.26,-15.25,0.00',
      'Total,,-169.49,-15.26,-15.25,0.00',
    ]);
  });
});
