// The staff session (manager.*): sign in, sign out, who is signed in. The door page and the
// dashboard both call these, so the paths stay manager.login, manager.logout and manager.me.
import { ZOkSchema, ZStaffLoginInputSchema, ZStaffMeSchema } from '@marquee/shared';
import { assertSameSite, logIn } from '../auth';
import { publicProcedure, router } from '../trpc';
import { findSignedInStaff } from './find-signed-in-staff';
import { signOut } from './sign-out';

export const staffSessionRouter = router({
  login: publicProcedure
    .input(ZStaffLoginInputSchema)
    .output(ZStaffMeSchema)
    .mutation(({ ctx, input }) => {
      assertSameSite(ctx.req);
      return logIn(ctx, { req: ctx.req, res: ctx.res, email: input.email, password: input.password });
    }),

  logout: publicProcedure.output(ZOkSchema).mutation(async ({ ctx }) => {
    assertSameSite(ctx.req);
    await signOut(ctx, { req: ctx.req, res: ctx.res });
    return { ok: true as const };
  }),

  /** Who is signed in here, or null (the dashboard then shows its sign-in form). */
  me: publicProcedure.output(ZStaffMeSchema.nullable()).query(({ ctx }) => findSignedInStaff(ctx, ctx.req)),
});
