import fc from 'fast-check';
import { isIPv6 } from 'node:net';
import { describe, expect, it } from 'vitest';
import { addressKey } from './client-address';

const hex = (n: number) => n.toString(16);

describe('addressKey', () => {
  it('keeps IPv4 addresses and folds IPv4-mapped IPv6 into them', () => {
    expect(addressKey('203.0.113.7')).toBe('203.0.113.7');
    expect(addressKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(addressKey('::ffff:cb00:7107')).toBe('203.0.113.7');
  });

  it('counts IPv6 by its /64, whatever way the address is written', () => {
    expect(addressKey('2001:db8:0:1::1')).toBe('2001:db8:0:1::/64');
    expect(addressKey('2001:0DB8:0000:0001:ffff:ffff:ffff:fffe')).toBe('2001:db8:0:1::/64');
    expect(addressKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(addressKey('::1')).toBe('0:0:0:0::/64');
    expect(addressKey('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
    expect(addressKey('2001:db8:0:2::1')).not.toBe(addressKey('2001:db8:0:1::1'));
  });

  it('leaves what is not an address as it is', () => {
    expect(addressKey('')).toBe('');
    expect(addressKey('not-an-ip')).toBe('not-an-ip');
  });

  it('gives every address of one /64 the same key, and addresses of other /64s other keys', () => {
    const group = fc.integer({ min: 0, max: 0xffff });
    const groups = fc.array(group, { minLength: 8, maxLength: 8 });
    fc.assert(
      fc.property(groups, groups, fc.boolean(), (a, b, compress) => {
        if (a.slice(0, 6).every((g, i) => g === [0, 0, 0, 0, 0, 0xffff][i])) return; // IPv4-mapped
        const write = (g: number[]) => {
          const full = g.map(hex).join(':');
          return compress ? full.replace(/(^|:)0(:0)+(:|$)/, '::') : full;
        };
        const sameNet = [...a.slice(0, 4), ...b.slice(4)];
        expect(isIPv6(write(a))).toBe(true);
        expect(addressKey(write(a))).toBe(addressKey(write(sameNet)));
        expect(addressKey(write(a))).toBe(`${a.slice(0, 4).map(hex).join(':')}::/64`);
        const otherNet = [...b.slice(0, 4), ...a.slice(4)];
        if (
          b.slice(0, 4).some((g, i) => g !== a[i]) &&
          !b.slice(0, 6).every((g, i) => g === [0, 0, 0, 0, 0, 0xffff][i])
        )
          expect(addressKey(write(otherNet))).not.toBe(addressKey(write(a)));
      }),
    );
  });
});
