import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bookingFeePaise } from './booking-fee';

const rule = { kioskPerSeatPaise: 0, webPerSeatPaise: 20_00 };

describe('booking fee', () => {
  it('charges the web rate per seat on the web and the kiosk rate at a kiosk', () => {
    expect(bookingFeePaise(rule, 'WEB', 2)).toBe(40_00);
    expect(bookingFeePaise(rule, 'KIOSK', 2)).toBe(0);
    expect(bookingFeePaise({ kioskPerSeatPaise: 5_00, webPerSeatPaise: 0 }, 'KIOSK', 3)).toBe(15_00);
    expect(bookingFeePaise(rule, 'WEB', 0)).toBe(0);
  });

  it('refuses a seat count that is not a whole number of seats', () => {
    expect(() => bookingFeePaise(rule, 'WEB', -1)).toThrow(/non-negative integer/);
    expect(() => bookingFeePaise(rule, 'WEB', 1.5)).toThrow(/non-negative integer/);
    expect(() => bookingFeePaise(rule, 'WEB', Number.NaN)).toThrow(/non-negative integer/);
  });

  it('is whole paise, adds up seat by seat, and never depends on the other channel', () => {
    fc.assert(
      fc.property(
        fc.nat(100_00),
        fc.nat(100_00),
        fc.nat(10),
        fc.nat(10),
        fc.constantFrom('KIOSK' as const, 'WEB' as const),
        (kiosk, web, a, b, channel) => {
          const r = { kioskPerSeatPaise: kiosk, webPerSeatPaise: web };
          const fee = bookingFeePaise(r, channel, a + b);
          expect(Number.isSafeInteger(fee)).toBe(true);
          expect(fee).toBe(bookingFeePaise(r, channel, a) + bookingFeePaise(r, channel, b));
          const other =
            channel === 'KIOSK' ? { ...r, webPerSeatPaise: web + 1 } : { ...r, kioskPerSeatPaise: kiosk + 1 };
          expect(bookingFeePaise(other, channel, a)).toBe(bookingFeePaise(r, channel, a));
        },
      ),
    );
  });
});
