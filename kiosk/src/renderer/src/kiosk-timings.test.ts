import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KIOSK_TIMINGS, kioskTimingsFrom } from './kiosk-timings';

describe('kiosk timings', () => {
  it('give a paying customer minutes, not seconds, by default', () => {
    expect(KIOSK_TIMINGS.payingIdleMs).toBeGreaterThanOrEqual(4 * 60_000);
    expect(KIOSK_TIMINGS.payingWarnMs).toBe(30_000);
  });

  it('read whole milliseconds of a second or more from the query string, and keep the default otherwise', () => {
    expect(kioskTimingsFrom('?agent=x&idleMs=5000&payingIdleMs=15000')).toEqual({
      ...KIOSK_TIMINGS,
      idleMs: 5000,
      payingIdleMs: 15000,
    });
    expect(kioskTimingsFrom('?idleMs=999&warnMs=1.5e3&payingWarnMs=-1&payingIdleMs=abc')).toEqual({
      ...KIOSK_TIMINGS,
      warnMs: 1500,
    });
  });

  it('never give a timing under a second, whatever the query string says (property)', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (key, value) => {
        const timings = kioskTimingsFrom(`?${encodeURIComponent(key)}=${encodeURIComponent(value)}`);
        for (const ms of Object.values(timings)) expect(Number.isInteger(ms) && ms >= 1000).toBe(true);
      }),
    );
  });
});
