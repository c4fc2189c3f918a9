import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maskContact, normaliseContact } from './contact';

const mobile = fc
  .tuple(fc.constantFrom('6', '7', '8', '9'), fc.stringMatching(/^\d{9}$/))
  .map(([first, rest]) => first + rest);
const emailLocal = fc.stringMatching(/^[a-z0-9._-]{1,20}$/);
const emailDomain = fc.stringMatching(/^[a-z0-9-]{1,12}\.[a-z]{2,6}$/);

/** Ways people type the same mobile number. */
const typedPhone = (digits: string) =>
  fc
    .constantFrom(
      (d: string) => d,
      (d: string) => `+91${d}`,
      (d: string) => `+91 ${d.slice(0, 5)} ${d.slice(5)}`,
      (d: string) => `91-${d}`,
      (d: string) => `0${d}`,
      (d: string) => `(${d.slice(0, 3)}) ${d.slice(3, 6)}-${d.slice(6)}`,
      (d: string) => ` ${d}. `,
    )
    .map((f) => f(digits));

describe('normaliseContact', () => {
  it('reads every usual way of typing a mobile number as the 10 digits set-contact stores', () => {
    fc.assert(
      fc.property(
        mobile.chain((d) => fc.tuple(fc.constant(d), typedPhone(d))),
        ([digits, typed]) => {
          expect(normaliseContact(typed)).toEqual({ kind: 'phone', value: digits });
        },
      ),
    );
  });

  it('reads an email in any case, with spaces around it, as its lower-case form', () => {
    fc.assert(
      fc.property(emailLocal, emailDomain, fc.boolean(), fc.nat(3), (local, domain, upper, pad) => {
        const email = `${local}@${domain}`;
        const typed = `${' '.repeat(pad)}${upper ? email.toUpperCase() : email}${' '.repeat(pad)}`;
        expect(normaliseContact(typed)).toEqual({ kind: 'email', value: email });
      }),
    );
  });

  it('is idempotent: a normalised contact normalises to itself', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (s) => {
        const once = normaliseContact(s);
        if (once) expect(normaliseContact(once.value)).toEqual(once);
      }),
    );
  });

  it('never calls anything a phone number that is not 10 digits starting 6-9', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }), (s) => {
        const c = normaliseContact(s);
        if (c?.kind === 'phone') expect(c.value).toMatch(/^[6-9]\d{9}$/);
      }),
    );
  });

  it('refuses what is neither', () => {
    for (const bad of [
      '',
      '   ',
      'asha',
      'asha@',
      '@example.com',
      '12345',
      '5876543210',
      '98765432101',
      'ab 9876543210',
    ])
      expect(normaliseContact(bad)).toBeNull();
  });
});

describe('maskContact', () => {
  it('keeps the domain and the first and last letters of an email, and the last 4 digits of a phone', () => {
    expect(maskContact('asha.rao@example.com')).toBe('a•••o@example.com');
    expect(maskContact('ab@x.in')).toBe('a•••@x.in');
    expect(maskContact('9876543210')).toBe('••••••3210');
  });

  it('never shows the middle of an email’s name or more than the last 4 digits of a phone', () => {
    fc.assert(
      fc.property(emailLocal, emailDomain, (local, domain) => {
        const masked = maskContact(`${local}@${domain}`);
        expect(masked.endsWith(`@${domain}`)).toBe(true);
        const name = masked.slice(0, -domain.length - 1);
        expect(name.replace(/•/g, '').length).toBeLessThanOrEqual(2);
        expect(name.startsWith(local[0]!)).toBe(true);
      }),
    );
    fc.assert(
      fc.property(mobile, (phone) => {
        const masked = maskContact(phone);
        expect(masked).toHaveLength(10);
        expect(masked.slice(0, 6)).toBe('••••••');
        expect(masked.slice(6)).toBe(phone.slice(6));
      }),
    );
  });
});
