import { catalogRouter } from './catalog/catalog-router';
import { holdsRouter } from './holds/holds-router';
import { seatsRouter } from './seats/seats-router';
import { router } from './trpc';

export const appRouter = router({
  catalog: catalogRouter,
  holds: holdsRouter,
  seats: seatsRouter,
});

export type AppRouter = typeof appRouter;
