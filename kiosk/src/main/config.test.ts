import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isLoopbackHost, parseKioskEnv } from './config';

describe('kiosk settings', () => {
  it('accepts https anywhere and http only on this machine', () => {
    for (const url of [
      'https://tickets.example.in',
      'http://127.0.0.1:3000',
      'http://localhost:3000',
      'http://[::1]:3000',
    ])
      expect(parseKioskEnv({ MARQUEE_API_URL: url }).MARQUEE_API_URL).toBe(url);
    for (const url of ['http://tickets.example.in', 'http://10.0.0.5:3000', 'http://127.example.in', 'ftp://127.0.0.1'])
      expect(() => parseKioskEnv({ MARQUEE_API_URL: url })).toThrow(/MARQUEE_API_URL: must be an https:\/\/ address/);
  });

  it('counts exactly 127.x.x.x, ::1 and localhost as loopback', () => {
    fc.assert(
      fc.property(fc.ipV4(), (ip) => isLoopbackHost(ip) === ip.startsWith('127.')),
      { numRuns: 500 },
    );
    fc.assert(
      fc.property(fc.domain(), (host) => isLoopbackHost(host) === (host.toLowerCase() === 'localhost')),
      { numRuns: 500 },
    );
  });

  it('keeps a key file only when asked, and names a bad value', () => {
    expect(parseKioskEnv({}).KIOSK_ALLOW_FILE_KEY).toBe(false);
    expect(parseKioskEnv({ KIOSK_ALLOW_FILE_KEY: '1' }).KIOSK_ALLOW_FILE_KEY).toBe(true);
    expect(() => parseKioskEnv({ KIOSK_ALLOW_FILE_KEY: 'yes please' })).toThrow(/KIOSK_ALLOW_FILE_KEY/);
  });

  it('takes Checkout stand-in origins over https (http on this machine only), and none by default', () => {
    expect(parseKioskEnv({}).KIOSK_EXTRA_ORIGINS).toBeNull();
    expect(
      parseKioskEnv({ KIOSK_EXTRA_ORIGINS: 'http://127.0.0.1:3100/v1/checkout.js, https://pay.example.in' })
        .KIOSK_EXTRA_ORIGINS,
    ).toEqual(['http://127.0.0.1:3100', 'https://pay.example.in']);
    for (const bad of ['http://pay.example.in', 'not a url'])
      expect(() => parseKioskEnv({ KIOSK_EXTRA_ORIGINS: bad })).toThrow(/KIOSK_EXTRA_ORIGINS/);
  });
});
