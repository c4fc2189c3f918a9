// The proof-of-work a web customer solves once their address holds many seats of a show (ALTCHA,
// self-hosted: the challenge is made and checked here, the browser's widget solves it). A challenge
// is signed with HOLD_CHALLENGE_SECRET, names its show, expires, and is spent by the hold's Redis
// script (its signature is remembered until it expires), so one solve buys one hold.
import { createChallenge, randomInt, solveChallenge, verifySolution, type Challenge, type Payload } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/pbkdf2';
import { AppError } from '../errors/app-error';
import type { TEnv } from '../env';

export const HOLD_CHALLENGE_ALGORITHM = 'PBKDF2/SHA-256';

type TChallengeEnv = Pick<
  TEnv,
  'HOLD_CHALLENGE_SECRET' | 'HOLD_CHALLENGE_COST' | 'HOLD_CHALLENGE_MAX_COUNTER' | 'HOLD_CHALLENGE_SECONDS'
>;

/** A new challenge for holds at this show. The answer (counter) is random in the upper half of the range. */
export async function createHoldChallenge(
  env: TChallengeEnv,
  showtimeId: string,
  now = new Date(),
): Promise<Challenge> {
  const max = env.HOLD_CHALLENGE_MAX_COUNTER;
  return createChallenge({
    algorithm: HOLD_CHALLENGE_ALGORITHM,
    cost: env.HOLD_CHALLENGE_COST,
    counter: randomInt(max, Math.ceil(max / 2)),
    deriveKey,
    data: { showtimeId },
    expiresAt: new Date(now.getTime() + env.HOLD_CHALLENGE_SECONDS * 1000),
    hmacSignatureSecret: env.HOLD_CHALLENGE_SECRET,
  });
}

export interface TSolvedChallenge {
  /** The challenge's HMAC signature, the key under which Redis remembers it as spent. */
  signature: string;
  /** Seconds since the epoch after which the challenge is worthless anyway. */
  expiresAt: number;
}

function invalid(message: string, userMessage?: string): AppError {
  return new AppError('HOLD_CHALLENGE_INVALID', { message: `hold challenge refused: ${message}`, userMessage });
}

/** Decodes the widget's payload (base64 JSON of { challenge, solution }); null when it is not one. */
function decodePayload(payload: string): Payload | null {
  try {
    const value = JSON.parse(Buffer.from(payload, 'base64').toString('utf8')) as unknown;
    const p = value as Payload;
    if (
      typeof p !== 'object' ||
      p === null ||
      typeof p.challenge?.parameters !== 'object' ||
      p.challenge.parameters === null ||
      typeof p.challenge.signature !== 'string' ||
      typeof p.solution?.counter !== 'number' ||
      typeof p.solution.derivedKey !== 'string'
    )
      return null;
    return p;
  } catch {
    return null;
  }
}

/**
 * Checks a solved challenge for this show: signed by us, not expired, for this show, solved. Throws
 * HOLD_CHALLENGE_INVALID otherwise. Whether it was used before is the hold script's to decide.
 */
export async function verifyHoldChallenge(
  env: TChallengeEnv,
  payload: string,
  showtimeId: string,
): Promise<TSolvedChallenge> {
  const decoded = decodePayload(payload);
  if (!decoded) throw invalid('not an ALTCHA payload');
  const { parameters, signature } = decoded.challenge;
  if (parameters.algorithm !== HOLD_CHALLENGE_ALGORITHM) throw invalid(`algorithm ${String(parameters.algorithm)}`);
  let result: Awaited<ReturnType<typeof verifySolution>>;
  try {
    result = await verifySolution({
      challenge: decoded.challenge,
      solution: decoded.solution,
      deriveKey,
      hmacSignatureSecret: env.HOLD_CHALLENGE_SECRET,
    });
  } catch (err) {
    throw new AppError('HOLD_CHALLENGE_INVALID', { message: 'hold challenge could not be checked', cause: err });
  }
  if (result.expired) throw invalid('expired', 'That check took too long and has expired. Please try again.');
  if (!result.verified) throw invalid(result.invalidSignature ? 'bad signature' : 'wrong solution');
  // Signed by us, so the show it names is the one it was made for.
  if (parameters.data?.showtimeId !== showtimeId) throw invalid('made for another show');
  if (typeof parameters.expiresAt !== 'number') throw invalid('no expiry');
  return { signature: signature!, expiresAt: parameters.expiresAt };
}

/**
 * Solves a challenge in Node as the widget would in a browser, and encodes the payload the same way:
 * what the tests do, and what a script attacking the limits would do (`pnpm bench pow` times it).
 */
export async function solveHoldChallenge(challenge: Challenge): Promise<string> {
  const solution = await solveChallenge({ challenge, deriveKey });
  if (!solution) throw new Error('no solution found for the hold challenge');
  return Buffer.from(JSON.stringify({ challenge, solution })).toString('base64');
}
