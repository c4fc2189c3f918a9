// The layout check names the row at fault in every refusal, so the editor can say where to look.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ZLayoutSchema } from './programme';

const problems = (layout: unknown) => {
  const parsed = ZLayoutSchema.safeParse(layout);
  return parsed.success ? [] : parsed.error.issues.map((i) => i.message);
};

describe('layout problems', () => {
  it('names the row (or the line, when the name is wrong) in each refusal', () => {
    expect(
      problems({
        rows: [
          { row: 'A', cells: 'SSS' },
          { row: 'B', cells: 'SSX' },
        ],
      }),
    ).toEqual(['row B, column 3: "X" is not a place; use S, P, R, W, C, "." or spaces']);
    expect(
      problems({
        rows: [
          { row: 'A', cells: 'SSS' },
          { row: 'b', cells: 'SSS' },
        ],
      }),
    ).toEqual(['line 2: "b" is not a row name; a row is named by one or two capital letters']);
    expect(problems({ rows: [{ row: '', cells: 'SSS' }] })).toEqual([
      'line 1: the row has no name; a row is named by one or two capital letters',
    ]);
    expect(problems({ rows: [{ row: 'C', cells: 'S'.repeat(61) }] })).toEqual([
      'row C has 61 columns: at most 60 columns',
    ]);
    expect(problems({ rows: [{ row: 'D', cells: 'SCS' }] })).toEqual([
      'row D, column 2: a companion seat must sit next to a wheelchair space',
    ]);
  });

  // At least two rows, so a good one keeps seats in the layout.
  it('for any one bad row among good ones, refuses naming that row and no other', () => {
    const good = fc.stringMatching(/^[SPR.]{1,20}$/);
    const bad = fc.oneof(
      fc.stringMatching(/^[SPR.]{0,10}[XYZ?#][SPR.]{0,10}$/),
      fc.stringMatching(/^[SPR.]{0,5}C[.]{1,3}$/).map((c) => `.${c}`),
      fc.constant('S'.repeat(61)),
    );
    fc.assert(
      fc.property(fc.array(good, { minLength: 2, maxLength: 10 }), bad, fc.nat(), (rows, badCells, at) => {
        const names = rows.map((_, i) => String.fromCharCode(65 + i));
        const k = at % rows.length;
        const layout = { rows: rows.map((cells, i) => ({ row: names[i]!, cells: i === k ? badCells : `S${cells}` })) };
        const messages = problems(layout);
        expect(messages.length).toBeGreaterThan(0);
        for (const m of messages) expect(m).toMatch(new RegExp(`^row ${names[k]}\\b`));
      }),
    );
  });
});
