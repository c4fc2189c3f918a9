// The refusals of holds.create that carry words of their own for the customer (a kiosk or the web
// shows `userMessage`); the other refusals use the error table's text.
import type { TSeatRuleViolation } from '@marquee/shared';
import { AppError } from '../errors/app-error';
import { metrics } from '../metrics/metrics';
import type { TAddressLimitReason } from '../seat-keys';

/** The refusal a per-address limit gives, counted on /metrics by reason. */
export function addressLimitError(
  reason: TAddressLimitReason | 'address-per-minute',
  detail: string,
  userMessage?: string,
): AppError {
  metrics.holdLimitRefusals.inc({ reason });
  switch (reason) {
    case 'challenge-spent':
      return new AppError('HOLD_CHALLENGE_INVALID', {
        message: `hold challenge refused: already used (${detail})`,
        userMessage: 'That check was already used. Please complete a new one.',
      });
    case 'address-seats-max':
      return new AppError('HOLD_ADDRESS_LIMIT', { message: `hold refused: ${detail}`, data: { holdLimit: reason } });
    case 'address-seats':
    case 'address-holds-hourly':
      return new AppError('HOLD_CHALLENGE_REQUIRED', {
        message: `hold needs a challenge: ${detail}`,
        data: { holdLimit: reason },
      });
    default:
      return new AppError('RATE_LIMITED', {
        message: `hold refused: ${detail}`,
        userMessage,
        data: { holdLimit: reason },
      });
  }
}

/** A selection that breaks a seat rule: a companion seat without its wheelchair space, or a stranded seat. */
export function seatRuleError(v: TSeatRuleViolation): AppError {
  if (v.rule === 'companion-alone') {
    return new AppError('HOLD_COMPANION_ALONE', {
      message: `companion seats without their wheelchair space: ${v.labels.join(', ')}`,
      userMessage: `${v.labels.join(', ')} ${v.labels.length === 1 ? 'is a companion seat' : 'are companion seats'}, sold together with the wheelchair space next to it. Please pick that space too.`,
      data: { ruleSeatIds: v.seatIds },
    });
  }
  return new AppError('HOLD_SEAT_GAP', {
    message: `selection strands ${v.labels.join(', ')}`,
    userMessage: `That would leave ${v.labels.length === 1 ? `seat ${v.labels[0]!}` : `seats ${v.labels.join(', ')}`} empty on ${v.labels.length === 1 ? 'its' : 'their'} own. Pick ${v.labels.length === 1 ? 'it' : 'them'} too, or choose seats next to each other.`,
    data: { ruleSeatIds: v.seatIds },
  });
}

/**
 * Postgres refused the hold's insert. No seat taken means the same holder changed their hold at the
 * same moment (another tab), which the customer is told in their own words.
 */
export function postgresRefusedError(takenSeatIds: string[], cause: unknown): AppError {
  return new AppError('HOLD_SEAT_TAKEN', {
    message: `Postgres refused the hold; taken: ${takenSeatIds.join(', ') || 'none (the holder changed their hold concurrently)'}`,
    ...(takenSeatIds.length
      ? {}
      : { userMessage: 'Your selection changed at the same moment somewhere else. Please try again.' }),
    data: { takenSeatIds },
    cause,
  });
}
