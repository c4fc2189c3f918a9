// Kiosk releases on the dashboard (kioskUpdates.*): the releases and the rollout as it stands, rolling
// a release out to chosen kiosks or a share of the fleet, and rolling back. Admins only. Uploads
// come over plain HTTP (kiosk-updates-routes.ts).
import { ZKioskRollbackOutputSchema, ZKioskRolloutInputSchema, ZKioskUpdatesSchema, ZOkSchema } from '@marquee/shared';
import { router, staffProcedure } from '../trpc';
import { loadKioskUpdates } from './load-kiosk-updates';
import { rollBackRelease } from './roll-back-release';
import { rollOutRelease } from './roll-out-release';

const admin = staffProcedure('ADMIN');

export const kioskUpdatesRouter = router({
  overview: admin
    .output(ZKioskUpdatesSchema)
    .query(({ ctx }) => loadKioskUpdates(ctx, { cinemaId: ctx.actor.cinemaId })),
  rollout: admin
    .input(ZKioskRolloutInputSchema)
    .output(ZOkSchema)
    .mutation(async ({ ctx, input }) => {
      await rollOutRelease(ctx, { actor: ctx.actor, ...input });
      return { ok: true as const };
    }),
  rollback: admin.output(ZKioskRollbackOutputSchema).mutation(({ ctx }) => rollBackRelease(ctx, { actor: ctx.actor })),
});
