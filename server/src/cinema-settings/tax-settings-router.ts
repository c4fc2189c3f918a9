// The cinema's tax particulars from the dashboard (taxSettings.*): managers read, admins change.
import { ZTaxSettingsInputSchema, ZTaxSettingsSchema } from '@marquee/shared';
import { router, staffProcedure } from '../trpc';
import { getTaxSettings, updateTaxSettings } from './tax-settings';

export const taxSettingsRouter = router({
  get: staffProcedure('MANAGER')
    .output(ZTaxSettingsSchema)
    .query(({ ctx }) => getTaxSettings(ctx, { cinemaId: ctx.actor.cinemaId })),
  /** Refuses a GSTIN that is malformed, mistyped (check character) or of another state, changing nothing. */
  update: staffProcedure('ADMIN')
    .input(ZTaxSettingsInputSchema)
    .output(ZTaxSettingsSchema)
    .mutation(({ ctx, input }) => updateTaxSettings(ctx, { actor: ctx.actor, input })),
});
