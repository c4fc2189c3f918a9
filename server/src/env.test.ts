import { describe, expect, it } from 'vitest';
import { EnvError, parseEnv } from './env';

describe('parseEnv', () => {
  it('gives a working local setup with no settings at all', () => {
    expect(parseEnv({})).toMatchObject({ PORT: 3000, DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/marquee', REDIS_URL: 'redis://127.0.0.1:6379', HOLD_TTL_SECONDS: 600 });
  });

  it('stops with one line naming the bad setting', () => {
    expect(() => parseEnv({ PORT: 'eighty' })).toThrow(new EnvError('Invalid setting PORT: Invalid input: expected number, received NaN'));
    expect(() => parseEnv({ REDIS_PREFIX: '{st}' })).toThrow(/REDIS_PREFIX/);
    expect(() => parseEnv({ HOLD_TTL_SECONDS: '0' })).toThrow(/HOLD_TTL_SECONDS/);
  });

  it('refuses the public development session secret in production', () => {
    expect(() => parseEnv({ NODE_ENV: 'production' })).toThrow(/SESSION_SECRET/);
    expect(parseEnv({ NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(40) }).NODE_ENV).toBe('production');
  });
});
