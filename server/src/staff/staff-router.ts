// Staff accounts of the admin's cinema (staffAccounts.*): list, add, disable or enable, unlock.
import {
  ZOkSchema,
  ZStaffAccountSchema,
  ZStaffCreateInputSchema,
  ZStaffCreateOutputSchema,
  ZStaffDisableInputSchema,
  ZStaffUnlockInputSchema,
  ZStaffUnlockOutputSchema,
} from '@marquee/shared';
import { z } from 'zod';
import { router, staffProcedure } from '../trpc';
import { createStaff } from './create-staff';
import { listStaff } from './list-staff';
import { setStaffDisabled } from './set-staff-disabled';
import { unlockStaff } from './unlock-staff';

const admin = staffProcedure('ADMIN');

export const staffRouter = router({
  list: admin.output(z.array(ZStaffAccountSchema)).query(({ ctx }) => listStaff(ctx, { cinemaId: ctx.actor.cinemaId })),
  create: admin
    .input(ZStaffCreateInputSchema)
    .output(ZStaffCreateOutputSchema)
    .mutation(({ ctx, input }) => createStaff(ctx, { actor: ctx.actor, ...input })),
  setDisabled: admin
    .input(ZStaffDisableInputSchema)
    .output(ZOkSchema)
    .mutation(async ({ ctx, input }) => {
      await setStaffDisabled(ctx, { actor: ctx.actor, ...input });
      return { ok: true as const };
    }),
  /** Ends every address's wait after wrong passwords, so the owner can sign in again at once. */
  unlock: admin
    .input(ZStaffUnlockInputSchema)
    .output(ZStaffUnlockOutputSchema)
    .mutation(({ ctx, input }) => unlockStaff(ctx, { actor: ctx.actor, userId: input.userId })),
});
