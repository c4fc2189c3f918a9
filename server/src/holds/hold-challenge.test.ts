// The hold challenge's validator: whatever a client sends as a payload, it is either a solution of a
// challenge we made for this show, or a HOLD_CHALLENGE_INVALID refusal (never another error).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../errors/app-error';
import { parseEnv } from '../env';
import { createHoldChallenge, solveHoldChallenge, verifyHoldChallenge } from './hold-challenge';

const env = parseEnv({ HOLD_CHALLENGE_COST: '1', HOLD_CHALLENGE_MAX_COUNTER: '50' });
const SHOW = '0195f3a0-0000-7000-8000-000000000001';

async function refusal(payload: string, showtimeId = SHOW): Promise<AppError> {
  const err = await verifyHoldChallenge(env, payload, showtimeId).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof AppError)) throw new Error(`expected an AppError, got ${String(err)}`);
  return err;
}

describe('verifyHoldChallenge', () => {
  it('accepts a solved challenge for its show, naming its signature and expiry', async () => {
    const payload = await solveHoldChallenge(await createHoldChallenge(env, SHOW));
    const solved = await verifyHoldChallenge(env, payload, SHOW);
    expect(solved.signature).toMatch(/^[0-9a-f]{64}$/);
    expect(solved.expiresAt * 1000).toBeGreaterThan(Date.now());
    expect((await refusal(payload, '0195f3a0-0000-7000-8000-000000000002')).code).toBe('HOLD_CHALLENGE_INVALID');
    // Another secret did not sign it.
    const other = parseEnv({ HOLD_CHALLENGE_SECRET: 'another-secret-of-at-least-32-characters' });
    await expect(verifyHoldChallenge(other, payload, SHOW)).rejects.toMatchObject({ code: 'HOLD_CHALLENGE_INVALID' });
  });

  it('refuses any string that is not such a payload with HOLD_CHALLENGE_INVALID', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string(),
          fc.jsonValue().map((v) => Buffer.from(JSON.stringify(v)).toString('base64')),
          fc
            .record({
              challenge: fc.record({ parameters: fc.dictionary(fc.string(), fc.jsonValue()), signature: fc.string() }),
              solution: fc.record({ counter: fc.integer(), derivedKey: fc.string() }),
            })
            .map((v) => Buffer.from(JSON.stringify(v)).toString('base64')),
        ),
        async (payload) => {
          expect((await refusal(payload)).code).toBe('HOLD_CHALLENGE_INVALID');
        },
      ),
      { numRuns: 200 },
    );
  });

  it('refuses a solved payload with any one field changed', async () => {
    const payload = await solveHoldChallenge(await createHoldChallenge(env, SHOW));
    const good = JSON.parse(Buffer.from(payload, 'base64').toString()) as {
      challenge: { parameters: Record<string, unknown>; signature: string };
      solution: { counter: number; derivedKey: string };
    };
    const fields = [...Object.keys(good.challenge.parameters).map((k) => `parameters.${k}`), 'signature', 'counter'];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...fields),
        fc.oneof(fc.string(), fc.integer(), fc.constant(null)),
        async (field, value) => {
          const changed = structuredClone(good);
          if (field === 'signature') changed.challenge.signature = String(value);
          else if (field === 'counter')
            changed.solution.counter = typeof value === 'number' ? value : good.solution.counter + 1;
          else changed.challenge.parameters[field.slice('parameters.'.length)] = value;
          fc.pre(JSON.stringify(changed) !== JSON.stringify(good));
          const encoded = Buffer.from(JSON.stringify(changed)).toString('base64');
          expect((await refusal(encoded)).code).toBe('HOLD_CHALLENGE_INVALID');
        },
      ),
      { numRuns: 150 },
    );
  });
});
