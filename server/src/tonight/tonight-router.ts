// The dashboard's Tonight board (tonight.*): managers and admins of the cinema, their own cinema only.
import { ZTonightSchema } from '@marquee/shared';
import { router, staffProcedure } from '../trpc';
import { loadTonight } from './load-tonight';
import { tonightStream } from './tonight-stream';

const manager = staffProcedure('MANAGER');

export const tonightRouter = router({
  get: manager.output(ZTonightSchema).query(({ ctx }) => loadTonight(ctx, { cinemaId: ctx.actor.cinemaId })),
  /** The board now, then whenever it changes (SSE). */
  onChange: manager.subscription(({ ctx, signal }) =>
    tonightStream(ctx, { cinemaId: ctx.actor.cinemaId, signal: signal ?? new AbortController().signal }),
  ),
});
