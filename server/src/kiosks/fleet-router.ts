// The kiosk fleet on the dashboard (fleet.*): live state, one-time codes for new devices, out of
// service, revocation. Managers watch and switch; admins add and revoke devices.
import {
  ZFleetSchema,
  ZKioskCodeInputSchema,
  ZKioskCodeSchema,
  ZKioskOutOfServiceInputSchema,
  ZKioskRevokeInputSchema,
  ZKioskRevokeOutputSchema,
  ZOkSchema,
} from '@marquee/shared';
import { router, staffProcedure } from '../trpc';
import { issueKioskCode } from './issue-kiosk-code';
import { fleetStream, loadFleet } from './load-fleet';
import { revokeKiosk } from './revoke-kiosk';
import { setOutOfServiceForStaff } from './set-out-of-service-for-staff';

const manager = staffProcedure('MANAGER');
const admin = staffProcedure('ADMIN');

export const fleetRouter = router({
  list: manager.output(ZFleetSchema).query(({ ctx }) => loadFleet(ctx, { cinemaId: ctx.actor.cinemaId })),
  /** The fleet now, then whenever a kiosk changes or falls silent (SSE). */
  onChange: manager.subscription(({ ctx, signal }) =>
    fleetStream(ctx, { cinemaId: ctx.actor.cinemaId, signal: signal ?? new AbortController().signal }),
  ),

  /** A one-time code for a new (or replaced) kiosk device; shown once. */
  issueCode: admin
    .input(ZKioskCodeInputSchema)
    .output(ZKioskCodeSchema)
    .mutation(({ ctx, input }) => issueKioskCode(ctx, { actor: ctx.actor, name: input.name })),

  setOutOfService: manager
    .input(ZKioskOutOfServiceInputSchema)
    .output(ZOkSchema)
    .mutation(async ({ ctx, input }) => {
      await setOutOfServiceForStaff(ctx, { actor: ctx.actor, ...input });
      return { ok: true as const };
    }),

  /** Revokes a kiosk's device token: its calls are refused at once and it shows its registration screen. */
  revoke: admin
    .input(ZKioskRevokeInputSchema)
    .output(ZKioskRevokeOutputSchema)
    .mutation(({ ctx, input }) =>
      revokeKiosk(ctx, { cinemaId: ctx.actor.cinemaId, kioskId: input.kioskId, byUserId: ctx.actor.userId }),
    ),
});
