import { bookingsRouter } from './bookings/bookings-router';
import { catalogRouter } from './catalog/catalog-router';
import { holdsRouter } from './holds/holds-router';
import { kiosksRouter } from './kiosks/kiosks-router';
import { managerRouter } from './manager/manager-router';
import { paymentsRouter } from './payments/payments-router';
import { programmeRouter } from './programme/programme-router';
import { seatsRouter } from './seats/seats-router';
import { ticketsRouter } from './tickets/tickets-router';
import { router } from './trpc';

export const appRouter = router({
  catalog: catalogRouter,
  holds: holdsRouter,
  payments: paymentsRouter,
  bookings: bookingsRouter,
  seats: seatsRouter,
  kiosks: kiosksRouter,
  manager: managerRouter,
  tickets: ticketsRouter,
  programme: programmeRouter,
});

export type AppRouter = typeof appRouter;
