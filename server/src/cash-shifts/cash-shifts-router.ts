// cashShifts.*: a staff member's own drawer (open with a float, close with the count), and every
// shift of the cinema for its managers.
import {
  ZCashShiftSchema,
  ZCloseShiftInputSchema,
  ZOpenShiftInputSchema,
  ZShiftListInputSchema,
} from '@marquee/shared';
import { z } from 'zod';
import { dayBounds } from '../catalog';
import { router, staffProcedure } from '../trpc';
import { closeShift, currentShift, listShifts, openShift } from './cash-shifts';

const staff = staffProcedure('STAFF');
const manager = staffProcedure('MANAGER');

export const cashShiftsRouter = router({
  current: staff.output(ZCashShiftSchema.nullable()).query(({ ctx }) => currentShift(ctx, ctx.actor)),
  open: staff
    .input(ZOpenShiftInputSchema)
    .output(ZCashShiftSchema)
    .mutation(({ ctx, input }) => openShift(ctx, { actor: ctx.actor, floatPaise: input.floatPaise })),
  close: staff
    .input(ZCloseShiftInputSchema)
    .output(ZCashShiftSchema)
    .mutation(({ ctx, input }) => closeShift(ctx, { actor: ctx.actor, role: ctx.staff.role, ...input })),
  list: manager
    .input(ZShiftListInputSchema)
    .output(z.array(ZCashShiftSchema))
    .query(async ({ ctx, input }) => {
      const { timeZone } = await ctx.prisma.cinema.findUniqueOrThrow({
        where: { id: ctx.actor.cinemaId },
        select: { timeZone: true },
      });
      return listShifts(ctx, { cinemaId: ctx.actor.cinemaId, since: dayBounds(input.from, timeZone).start });
    }),
});
