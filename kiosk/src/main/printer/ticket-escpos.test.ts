import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { COLUMNS, wrapColumns } from './ticket-escpos';

describe('lines wrapped to the paper', () => {
  it('never exceed the columns, and keep every word that fits, in order', () => {
    fc.assert(
      fc.property(
        fc.array(fc.stringMatching(/^[A-Za-z0-9.,:%-]{1,50}$/), { maxLength: 12 }),
        fc.integer({ min: 8, max: COLUMNS }),
        (words, columns) => {
          const lines = wrapColumns(words.join(' '), columns);
          for (const line of lines) expect(line.length).toBeLessThanOrEqual(columns);
          // Words no longer than a line come back whole and in order.
          if (words.every((w) => w.length <= columns))
            expect(lines.join(' ').split(' ').filter(Boolean)).toEqual(words);
        },
      ),
    );
  });

  it('breaks a long legal name at a space, and keeps an empty line empty', () => {
    expect(wrapColumns('Marquee Demo Cinemas Private Limited of Bengaluru', 42)).toEqual([
      'Marquee Demo Cinemas Private Limited of',
      'Bengaluru',
    ]);
    expect(wrapColumns('', 42)).toEqual(['']);
  });
});
