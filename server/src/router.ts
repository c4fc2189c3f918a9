import { catalogRouter } from './catalog/catalog-router';
import { router } from './trpc';

export const appRouter = router({
  catalog: catalogRouter,
});

export type AppRouter = typeof appRouter;
