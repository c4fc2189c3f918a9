import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkGstin, GST_STATE_CODES, GST_STATE_CODES_IN_USE, gstinCheckChar } from './gstin';

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const pick = (chars: string) => fc.constantFrom(...chars.split(''));
const LETTERS = ALPHABET.slice(10);
const DIGITS = ALPHABET.slice(0, 10);

/** A GSTIN of any known state with its check character worked out. */
const validGstin = fc
  .tuple(
    fc.constantFrom(...GST_STATE_CODES.map((s) => s.code)),
    fc.array(pick(LETTERS), { minLength: 5, maxLength: 5 }),
    fc.array(pick(DIGITS), { minLength: 4, maxLength: 4 }),
    pick(LETTERS),
    pick(ALPHABET.slice(1)),
  )
  .map(([state, l5, d4, l1, entity]) => {
    const first14 = `${state}${l5.join('')}${d4.join('')}${l1}${entity}Z`;
    return first14 + gstinCheckChar(first14);
  });

describe('GSTIN', () => {
  it('accepts the widely published sample 27AAPFU0939F1ZV, and in lower case with spaces around it', () => {
    expect(checkGstin('27AAPFU0939F1ZV')).toEqual({
      ok: true,
      gstin: '27AAPFU0939F1ZV',
      stateCode: '27',
      pan: 'AAPFU0939F',
    });
    expect(checkGstin(' 27aapfu0939f1zv ')).toMatchObject({ ok: true, gstin: '27AAPFU0939F1ZV' });
    expect(checkGstin('29 AAACM 0000M1ZT')).toMatchObject({ ok: true, gstin: '29AAACM0000M1ZT' });
    expect(checkGstin('27 AAPFU 0939 F1ZV\t')).toMatchObject({ ok: true, gstin: '27AAPFU0939F1ZV' });
    expect(checkGstin('27AAPFU0939F1ZV', { stateCode: '27' }).ok).toBe(true);
  });

  it.each([
    ['too short', '27AAPFU0939F1Z', 'format'],
    ['a digit where the PAN has a letter', '271APFU0939F1ZV', 'format'],
    ['0 as the entity number', '27AAPFU0939F0ZV', 'format'],
    ['something other than Z in the 14th place', '27AAPFU0939F1YV', 'format'],
    ['a state code GST does not have', '40AAPFU0939F1ZV', 'state-unknown'],
    ['a wrong check character', '27AAPFU0939F1ZW', 'checksum'],
    ['two digits of the PAN swapped', '27AAPFU0993F1ZV', 'checksum'],
  ])('refuses %s (%s) for %s', (_, gstin, reason) => {
    const result = checkGstin(gstin);
    expect(result).toMatchObject({ ok: false, reason });
    if (!result.ok) expect(result.message.length).toBeGreaterThan(10);
  });

  it('refuses a valid GSTIN of another state than the cinema, naming both states', () => {
    expect(checkGstin('27AAPFU0939F1ZV', { stateCode: '29' })).toEqual({
      ok: false,
      reason: 'state-mismatch',
      message: "This GSTIN is registered in Maharashtra (27), not in Karnataka (29), the cinema's state.",
    });
  });

  it('accepts any well-formed GSTIN whose check character is worked out, in its own state', () => {
    fc.assert(
      fc.property(validGstin, (gstin) => {
        expect(checkGstin(gstin, { stateCode: gstin.slice(0, 2) }).ok).toBe(true);
      }),
    );
  });

  it('refuses any valid GSTIN with one character changed', () => {
    fc.assert(
      fc.property(validGstin, fc.nat(14), pick(ALPHABET), (gstin, at, char) => {
        fc.pre(gstin[at] !== char);
        const changed = gstin.slice(0, at) + char + gstin.slice(at + 1);
        expect(checkGstin(changed).ok).toBe(false);
      }),
    );
  });

  it('refuses any valid GSTIN for a cinema in another state', () => {
    fc.assert(
      fc.property(validGstin, fc.constantFrom(...GST_STATE_CODES_IN_USE), (gstin, state) => {
        fc.pre(gstin.slice(0, 2) !== state);
        expect(checkGstin(gstin, { stateCode: state })).toMatchObject({ ok: false, reason: 'state-mismatch' });
      }),
    );
  });

  it('lists every state and union territory once, from Jammu and Kashmir (01) to Other Territory (97)', () => {
    const codes = GST_STATE_CODES.map((s) => s.code);
    expect(new Set(codes).size).toBe(codes.length);
    expect(codes[0]).toBe('01');
    expect(GST_STATE_CODES.find((s) => s.code === '38')?.name).toBe('Ladakh');
    expect(codes.at(-1)).toBe('97');
    expect(GST_STATE_CODES_IN_USE).not.toContain('25');
    expect(GST_STATE_CODES_IN_USE).not.toContain('28');
  });
});
