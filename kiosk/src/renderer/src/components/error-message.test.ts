import { TRPCClientError } from '@trpc/client';
import { describe, expect, it } from 'vitest';
import { MESSAGES } from '../i18n/messages';
import { RequestTimeoutError } from './connection-monitor';
import { errorMessage } from './error-message';

describe('what a customer reads about a failed call', () => {
  it('says the API could not be reached when no answer came (network down, or timed out), in both languages', () => {
    const down = TRPCClientError.from(new TypeError('Failed to fetch'));
    const timedOut = TRPCClientError.from(new RequestTimeoutError(12_000));
    for (const t of [MESSAGES.en, MESSAGES.hi]) {
      expect(errorMessage(t, down)).toBe(t.networkError);
      expect(errorMessage(t, timedOut)).toBe(t.networkError);
    }
  });

  it('translates an answer by its code', () => {
    const taken = TRPCClientError.from({
      error: {
        code: -32009,
        message: 'taken',
        data: { code: 'CONFLICT', httpStatus: 409, appCode: 'HOLD_SEAT_TAKEN' },
      },
    });
    expect(errorMessage(MESSAGES.hi, taken)).toBe(MESSAGES.hi.errors.HOLD_SEAT_TAKEN);
    expect(errorMessage(MESSAGES.en, taken)).toBe(MESSAGES.en.errors.HOLD_SEAT_TAKEN);
  });
});
