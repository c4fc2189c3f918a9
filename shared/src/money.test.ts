import { describe, expect, it } from 'vitest';
import { formatRupees } from './money';

describe('formatRupees', () => {
  it('formats paise as rupees with Indian digit grouping', () => {
    expect(formatRupees(12345)).toBe('₹123.45');
    expect(formatRupees(12345600)).toBe('₹1,23,456.00');
    expect(formatRupees(0)).toBe('₹0.00');
  });

  it('refuses fractional paise', () => {
    expect(() => formatRupees(1.5)).toThrow(/integer/);
  });
});
