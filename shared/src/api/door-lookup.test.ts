// The door lookup's input: a booking code in any case, and four phone digits or three email letters.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseBookingCode, parseDoorContact, ZDoorLookupInputSchema } from './tickets';

const ALPHABET = '23456789ABCDEFGHJKMNPQRSTWXYZ';
const code = fc.string({ unit: fc.constantFrom(...ALPHABET), minLength: 6, maxLength: 6 });
const space = fc.string({ unit: fc.constantFrom(' ', '\t'), maxLength: 3 });

describe('the door lookup input', () => {
  it('takes any real code in any case with spaces around, and gives it upper-cased', () => {
    fc.assert(
      fc.property(code, fc.boolean(), space, space, (c, lower, before, after) => {
        expect(parseBookingCode(`${before}${lower ? c.toLowerCase() : c}${after}`)).toBe(c);
      }),
    );
  });

  it('refuses anything whose trimmed, upper-cased form is not six code characters', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 10 }), (s) => {
        const t = s.trim().toUpperCase();
        const ok = t.length === 6 && [...t].every((ch) => ALPHABET.includes(ch));
        expect(parseBookingCode(s) !== null).toBe(ok);
      }),
    );
  });

  it('reads four digits as the phone and three email characters as the email, lower-cased', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{4}$/), space, (d, pad) => {
        expect(parseDoorContact(`${pad}${d}${pad}`)).toEqual({ kind: 'phone4', digits: d });
      }),
    );
    fc.assert(
      fc.property(fc.stringMatching(/^[a-zA-Z0-9._+-]{3}$/), (s) => {
        expect(parseDoorContact(s)).toEqual({ kind: 'email3', letters: s.toLowerCase() });
      }),
    );
  });

  it('never accepts a contact of another length, and never reads one input as both', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 8 }), (s) => {
        const parsed = parseDoorContact(s);
        const t = s.trim();
        if (t.length !== 3 && t.length !== 4) expect(parsed).toBeNull();
        if (parsed?.kind === 'phone4') expect(parsed.digits).toMatch(/^\d{4}$/);
        if (parsed?.kind === 'email3') expect(parsed.letters).toMatch(/^[a-z0-9._%+-]{3}$/);
      }),
    );
  });

  it('names the field that is wrong', () => {
    const r = ZDoorLookupInputSchema.safeParse({ code: 'K7M2', contact: '12' });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.path.join('.')).sort()).toEqual(['code', 'contact']);
    expect(ZDoorLookupInputSchema.parse({ code: 'k7m2qx', contact: 'ABC' })).toEqual({
      code: 'K7M2QX',
      contact: { kind: 'email3', letters: 'abc' },
    });
  });
});
