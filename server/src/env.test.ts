import { describe, expect, it } from 'vitest';
import { EnvError, parseEnv } from './env';

describe('parseEnv', () => {
  it('gives a working local setup with no settings at all', () => {
    expect(parseEnv({})).toMatchObject({
      PORT: 3000,
      DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/marquee',
      REDIS_URL: 'redis://127.0.0.1:6379',
      HOLD_TTL_SECONDS: 600,
    });
  });

  it('stops with one line naming the bad setting', () => {
    expect(() => parseEnv({ PORT: 'eighty' })).toThrow(
      new EnvError('Invalid setting PORT: Invalid input: expected number, received NaN'),
    );
    expect(() => parseEnv({ REDIS_PREFIX: '{st}' })).toThrow(/REDIS_PREFIX/);
    expect(() => parseEnv({ HOLD_TTL_SECONDS: '0' })).toThrow(/HOLD_TTL_SECONDS/);
  });

  it('keeps /metrics off the public port in production, on 9464 unless METRICS_PORT says otherwise', () => {
    const own = {
      NODE_ENV: 'production',
      SESSION_SECRET: 'x'.repeat(40),
      RAZORPAY_KEY_SECRET: 'live-secret',
      RAZORPAY_WEBHOOK_SECRET: 'live-webhook-secret',
      TICKET_SIGNING_KEY: Buffer.alloc(32, 7).toString('base64url'),
      HOLD_CHALLENGE_SECRET: 'c'.repeat(40),
    };
    expect(parseEnv(own)).toMatchObject({ METRICS_PORT: 9464, METRICS_HOST: '127.0.0.1' });
    expect(parseEnv({ ...own, METRICS_PORT: '9100' }).METRICS_PORT).toBe(9100);
    expect(parseEnv({}).METRICS_PORT).toBeUndefined();
    expect(() => parseEnv({ ...own, PORT: '8080', METRICS_PORT: '8080' })).toThrow(
      /METRICS_PORT: must differ from PORT/,
    );
  });

  it('refuses every public development secret in production', () => {
    const own = {
      NODE_ENV: 'production',
      SESSION_SECRET: 'x'.repeat(40),
      RAZORPAY_KEY_ID: 'rzp_live_abc',
      RAZORPAY_KEY_SECRET: 'live-secret',
      RAZORPAY_WEBHOOK_SECRET: 'live-webhook-secret',
      TICKET_SIGNING_KEY: Buffer.alloc(32, 7).toString('base64url'),
      HOLD_CHALLENGE_SECRET: 'c'.repeat(40),
    };
    expect(parseEnv(own).NODE_ENV).toBe('production');
    for (const name of [
      'SESSION_SECRET',
      'RAZORPAY_KEY_SECRET',
      'RAZORPAY_WEBHOOK_SECRET',
      'TICKET_SIGNING_KEY',
      'HOLD_CHALLENGE_SECRET',
    ] as const) {
      expect(() => parseEnv({ ...own, [name]: undefined })).toThrow(new RegExp(`${name}: set a secret of your own`));
    }
  });

  it('lets no setting switch the seat-spinning limits off in production', () => {
    const own = {
      NODE_ENV: 'production',
      SESSION_SECRET: 'x'.repeat(40),
      RAZORPAY_KEY_ID: 'rzp_live_abc',
      RAZORPAY_KEY_SECRET: 'live-secret',
      RAZORPAY_WEBHOOK_SECRET: 'live-webhook-secret',
      TICKET_SIGNING_KEY: Buffer.alloc(32, 7).toString('base64url'),
      HOLD_CHALLENGE_SECRET: 'c'.repeat(40),
    };
    expect(parseEnv(own)).toMatchObject({
      HOLD_SEATS_PER_ADDRESS_SOFT: 10,
      HOLD_SEATS_PER_ADDRESS_MAX: 40,
      HOLDS_PER_ADDRESS_HOURLY_SOFT: 20,
    });
    for (const name of [
      'HOLD_SEATS_PER_ADDRESS_SOFT',
      'HOLD_SEATS_PER_ADDRESS_MAX',
      'HOLDS_PER_ADDRESS_HOURLY_SOFT',
      'HOLDS_PER_ADDRESS_PER_MINUTE',
      'WEB_SESSIONS_PER_ADDRESS_PER_MINUTE',
    ] as const) {
      expect(() => parseEnv({ ...own, HOLD_SEATS_PER_ADDRESS_MAX: '400', [name]: '1000000' })).toThrow(
        new RegExp(`${name}: at most \\d+ in production`),
      );
    }
    expect(() => parseEnv({ ...own, HOLD_CHALLENGE_COST: '1', HOLD_CHALLENGE_MAX_COUNTER: '2' })).toThrow(
      /HOLD_CHALLENGE_COST: .* at least 100000 in production/,
    );
    expect(() => parseEnv({ HOLD_SEATS_PER_ADDRESS_SOFT: '50' })).toThrow(
      /HOLD_SEATS_PER_ADDRESS_SOFT: must not exceed HOLD_SEATS_PER_ADDRESS_MAX/,
    );
    // Outside production tests and benchmarks may raise them as far as they need.
    expect(parseEnv({ HOLD_SEATS_PER_ADDRESS_SOFT: '1000000', HOLD_SEATS_PER_ADDRESS_MAX: '1000000' })).toMatchObject({
      HOLD_SEATS_PER_ADDRESS_MAX: 1_000_000,
    });
  });

  it('refuses a ticket key that is not 32 bytes', () => {
    expect(() => parseEnv({ TICKET_SIGNING_KEY: 'short' })).toThrow(/TICKET_SIGNING_KEY: must be 32 bytes/);
  });

  it('takes TRUST_PROXY as a hop count or a list of proxy addresses, and refuses "trust everything"', () => {
    expect(parseEnv({}).TRUST_PROXY).toBe(false);
    expect(parseEnv({ TRUST_PROXY: '1' }).TRUST_PROXY).toBe(1);
    expect(parseEnv({ TRUST_PROXY: '10.0.0.1, 10.0.1.0/24,fd00::/8' }).TRUST_PROXY).toEqual([
      '10.0.0.1',
      '10.0.1.0/24',
      'fd00::/8',
    ]);
    expect(() => parseEnv({ TRUST_PROXY: 'true' })).toThrow(
      /^Invalid setting TRUST_PROXY: give the number of proxy hops .* never true/,
    );
    expect(() => parseEnv({ TRUST_PROXY: 'loadbalancer' })).toThrow(
      'Invalid setting TRUST_PROXY: "loadbalancer" is not a hop count, an IP address or a CIDR',
    );
    expect(() => parseEnv({ TRUST_PROXY: '10.0.0.0/40' })).toThrow(/TRUST_PROXY/);
  });

  it('loads Checkout from checkout.razorpay.com when the server talks to Razorpay itself', () => {
    expect(
      parseEnv({ RAZORPAY_CHECKOUT_URL: 'https://checkout.razorpay.com/v1/checkout.js' }).RAZORPAY_CHECKOUT_URL,
    ).toBe('https://checkout.razorpay.com/v1/checkout.js');
    expect(() => parseEnv({ RAZORPAY_CHECKOUT_URL: 'https://cdn.example.com/checkout.js' })).toThrow(
      /RAZORPAY_CHECKOUT_URL: with Razorpay itself/,
    );
    // A stand-in of the API may serve its own.
    expect(
      parseEnv({
        RAZORPAY_API_URL: 'http://127.0.0.1:3100',
        RAZORPAY_CHECKOUT_URL: 'http://127.0.0.1:3101/checkout.js',
      }).RAZORPAY_CHECKOUT_URL,
    ).toBe('http://127.0.0.1:3101/checkout.js');
  });
});
