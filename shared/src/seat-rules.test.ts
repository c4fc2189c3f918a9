import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { seatRuleViolations, type TRuleSeat } from './seat-rules';

/** One row from a picture: 'T' taken, '.' free, ' ' an aisle; seats are labelled A1, A2, ... */
function row(picture: string, y = 0): TRuleSeat[] {
  let n = 0;
  return [...picture].flatMap((ch, x) =>
    ch === ' '
      ? []
      : [{ id: `A${++n}`, x, y, label: `A${n}`, type: 'STANDARD', companionOfId: null, taken: ch === 'T' }],
  );
}
const gaps = (picture: string, pick: string[]) =>
  seatRuleViolations(row(picture), pick, { noSingleSeatGap: true }).flatMap((v) => v.labels);

describe('the single-seat gap rule', () => {
  it.each([
    ['......', ['A2'], ['A1']], // against the row's end
    ['......', ['A3', 'A4'], []],
    ['T.....', ['A3'], ['A2']], // against a taken seat
    ['T.....', ['A2', 'A3'], []],
    ['...T..', ['A1', 'A2'], ['A3']],
    ['... ...', ['A2', 'A3'], ['A1']], // an aisle ends the block like a wall
    ['... ...', ['A3', 'A4'], []],
    ['..T..T', ['A4'], ['A5']],
    ['.T.T..', ['A5', 'A6'], []], // A1 and A3 were stranded already: not this customer's doing
    ['......', ['A1', 'A3'], ['A2']],
  ])('%s picking %j strands %j', (picture, pick, stranded) => {
    expect(gaps(picture, pick)).toEqual(stranded);
  });

  it('is off when the cinema turns it off', () => {
    expect(seatRuleViolations(row('......'), ['A2'], { noSingleSeatGap: false })).toEqual([]);
  });

  it('agrees with a plain reading of the rule on any row (property)', () => {
    const arbRow = fc
      .array(fc.constantFrom('T', '.', '.', ' '), { minLength: 1, maxLength: 16 })
      .map((cs) => cs.join(''));
    fc.assert(
      fc.property(arbRow, fc.array(fc.nat(15), { maxLength: 6 }), (picture, picks) => {
        const seats = row(picture);
        const free = seats.filter((s) => !s.taken);
        const pick = [...new Set(picks.filter((i) => i < free.length).map((i) => free[i]!.id))];
        const got = new Set(seatRuleViolations(seats, pick, { noSingleSeatGap: true }).flatMap((v) => v.seatIds));
        // The plain reading: mark the picture, then a free seat boxed in on both sides (by a taken
        // or picked seat, an aisle or the wall) with a picked seat on at least one side.
        const cells = [...picture].map((ch, x) =>
          ch === ' ' ? '|' : ch === 'T' ? 'T' : pick.includes(seats.find((s) => s.x === x)!.id) ? 'S' : '.',
        );
        const wall = (c: string | undefined) => c === undefined || c === '|' || c === 'T' || c === 'S';
        const expected = new Set(
          cells.flatMap((c, x) =>
            c === '.' && wall(cells[x - 1]) && wall(cells[x + 1]) && (cells[x - 1] === 'S' || cells[x + 1] === 'S')
              ? [seats.find((s) => s.x === x)!.id]
              : [],
          ),
        );
        expect(got).toEqual(expected);
      }),
      { numRuns: 500 },
    );
  });
});

describe('companion seats', () => {
  const seats: TRuleSeat[] = [
    { id: 'w', x: 0, y: 0, label: 'A1', type: 'WHEELCHAIR', companionOfId: null, taken: false },
    { id: 'c', x: 1, y: 0, label: 'A2', type: 'COMPANION', companionOfId: 'w', taken: false },
    { id: 's', x: 2, y: 0, label: 'A3', type: 'STANDARD', companionOfId: null, taken: false },
  ];
  it('sells a companion seat only with its wheelchair space', () => {
    expect(seatRuleViolations(seats, ['c'], { noSingleSeatGap: false })).toEqual([
      { rule: 'companion-alone', seatIds: ['c'], labels: ['A2'] },
    ]);
    expect(seatRuleViolations(seats, ['w', 'c'], { noSingleSeatGap: false })).toEqual([]);
    expect(seatRuleViolations(seats, ['w'], { noSingleSeatGap: false })).toEqual([]);
  });
});
