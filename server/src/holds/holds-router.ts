import {
  ZHoldChallengeInputSchema,
  ZHoldChallengeOutputSchema,
  ZHoldCreateInputSchema,
  ZHoldCreateOutputSchema,
  ZHoldReleaseInputSchema,
  ZHoldReleaseOutputSchema,
} from '@marquee/shared';
import { AppError } from '../errors/app-error';
import { limitByKey } from '../auth';
import { metrics } from '../metrics/metrics';
import { holderProcedure, publicProcedure, router } from '../trpc';
import { addressKey } from '../http/client-address';
import { createHold } from './create-hold';
import { addressLimitError } from './hold-refusals';
import { createHoldChallenge, verifyHoldChallenge } from './hold-challenge';
import { limitHolds } from './hold-rate-limit';
import { releaseOlderKioskHolds } from './kiosk-holds';
import { releaseHold } from './release-hold';

export const holdsRouter = router({
  create: holderProcedure
    .input(ZHoldCreateInputSchema)
    .output(ZHoldCreateOutputSchema)
    .mutation(async ({ ctx, input }) => {
      if (ctx.holder.outOfService)
        throw new AppError('KIOSK_OUT_OF_SERVICE', { message: `${ctx.holder.key} is out of service` });
      await limitHolds(ctx, ctx.holder.key);
      if (ctx.holder.channel !== 'WEB') {
        // Kiosks are not counted by address (a lobby's kiosks share one); each device keeps one open
        // hold (an older one at another show is released) and is limited by HOLDS_PER_MINUTE.
        const held = await createHold(ctx, {
          holder: ctx.holder,
          showtimeId: input.showtimeId,
          seatIds: input.seatIds,
        });
        await releaseOlderKioskHolds(ctx, { holder: ctx.holder, bookingId: held.bookingId });
        return held;
      }
      // Seat spinning: a client's address, not its (free, endless) sessions, is what the limits count.
      const address = addressKey(ctx.req.ip);
      try {
        await limitByKey(ctx, { name: 'hold-address', key: address, perMinute: ctx.env.HOLDS_PER_ADDRESS_PER_MINUTE });
      } catch (err) {
        if (err instanceof AppError && err.code === 'RATE_LIMITED')
          throw addressLimitError('address-per-minute', `${address}: ${err.message}`, err.userMessage);
        throw err;
      }
      let challenge = null;
      if (input.challenge) {
        try {
          challenge = await verifyHoldChallenge(ctx.env, input.challenge, input.showtimeId);
        } catch (err) {
          metrics.holdChallenges.inc({ outcome: 'invalid' });
          metrics.holdLimitRefusals.inc({ reason: 'challenge-invalid' });
          throw err;
        }
        metrics.holdChallenges.inc({ outcome: 'solved' });
      }
      return createHold(ctx, {
        holder: ctx.holder,
        showtimeId: input.showtimeId,
        seatIds: input.seatIds,
        limits: {
          address,
          softSeats: ctx.env.HOLD_SEATS_PER_ADDRESS_SOFT,
          maxSeats: ctx.env.HOLD_SEATS_PER_ADDRESS_MAX,
          hourlySoftHolds: ctx.env.HOLDS_PER_ADDRESS_HOURLY_SOFT,
          challenge,
        },
      });
    }),

  /** A proof-of-work challenge for a hold at this show, for when holds.create asked for one. */
  challenge: publicProcedure
    .input(ZHoldChallengeInputSchema)
    .output(ZHoldChallengeOutputSchema)
    .query(async ({ ctx, input }) => {
      await limitByKey(ctx, { name: 'hold-challenge', key: addressKey(ctx.req.ip), perMinute: 60 });
      metrics.holdChallenges.inc({ outcome: 'issued' });
      const challenge = await createHoldChallenge(ctx.env, input.showtimeId);
      return { parameters: { ...challenge.parameters }, signature: challenge.signature! };
    }),

  release: holderProcedure
    .input(ZHoldReleaseInputSchema)
    .output(ZHoldReleaseOutputSchema)
    .mutation(({ ctx, input }) => releaseHold(ctx, { holder: ctx.holder, bookingId: input.bookingId })),
});
