import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeBase64Url, encodeBase64Url } from './base64url';
import { generateTicketKey, signTicketToken, verifyTicketToken } from './ticket-token';

const key = generateTicketKey('k1');
const keys = new Map([[key.kid, key.publicKey]]);
const claims = {
  tid: '0193a1b2-0000-7000-8000-000000000001',
  bid: '0193a1b2-0000-7000-8000-000000000002',
  st: '0193a1b2-0000-7000-8000-000000000003',
  seat: 'F12',
};

describe('ticket token', () => {
  it('verifies a token it signed, with every claim intact', () => {
    const token = signTicketToken(claims, key);
    expect(verifyTicketToken(token, keys)).toEqual({ ok: true, payload: { v: 1, kid: 'k1', ...claims } });
  });

  it('refuses a token signed by a key it does not know', () => {
    const other = generateTicketKey('k2');
    expect(verifyTicketToken(signTicketToken(claims, other), keys)).toEqual({ ok: false, reason: 'unknown_key' });
  });

  it('refuses a token whose kid was swapped to a known key', () => {
    const other = generateTicketKey('k1');
    expect(verifyTicketToken(signTicketToken(claims, other), keys)).toEqual({ ok: false, reason: 'bad_signature' });
  });

  it('refuses any token with a flipped bit', () => {
    const token = signTicketToken(claims, key);
    fc.assert(
      fc.property(fc.nat(token.length - 1), fc.integer({ min: 0, max: 5 }), (index, bit) => {
        const code = token.charCodeAt(index) ^ (1 << bit);
        const tampered = token.slice(0, index) + String.fromCharCode(code) + token.slice(index + 1);
        fc.pre(tampered !== token);
        expect(verifyTicketToken(tampered, keys).ok).toBe(false);
      }),
      { numRuns: 500 },
    );
  });

  it('refuses garbage without throwing', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        expect(verifyTicketToken(text, keys).ok).toBe(false);
      }),
    );
    expect(verifyTicketToken('a'.repeat(5000), keys)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('carries nothing personal', () => {
    const body = signTicketToken(claims, key).split('.')[0] ?? '';
    expect(Object.keys(JSON.parse(new TextDecoder().decode(decodeBase64Url(body))) as object)).toEqual([
      'v',
      'kid',
      'tid',
      'bid',
      'st',
      'seat',
    ]);
  });
});

describe('base64url', () => {
  it('round-trips any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        expect(decodeBase64Url(encodeBase64Url(bytes))).toEqual(bytes);
      }),
    );
  });
});
