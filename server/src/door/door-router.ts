// What the dashboard shows of the doors (door.*). The door page itself calls tickets.* and manager.me.
import { ZDoorConflictSchema } from '@marquee/shared';
import { z } from 'zod';
import { router, staffProcedure } from '../trpc';
import { listDoorConflicts } from './list-door-conflicts';

const manager = staffProcedure('MANAGER');

export const doorRouter = router({
  /** Tickets scanned at two doors while offline (reported when the doors synced), newest first. */
  conflicts: manager
    .output(z.array(ZDoorConflictSchema))
    .query(({ ctx }) => listDoorConflicts(ctx, { cinemaId: ctx.actor.cinemaId })),
});
