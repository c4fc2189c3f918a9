// The one tRPC router: each domain's router under its name. Kiosks, web customers and the door call
// catalog, holds, payments, bookings, seats, kiosks, tickets and manager (the staff session) at
// paths that never move; the other routers serve only the dashboard, which ships with the server.
import { bookingDeskRouter } from './bookings/booking-desk-router';
import { bookingsRouter } from './bookings/bookings-router';
import { boxOfficeRouter, exchangeDeskRouter } from './box-office/box-office-router';
import { cashShiftsRouter } from './cash-shifts/cash-shifts-router';
import { catalogRouter } from './catalog/catalog-router';
import { taxSettingsRouter } from './cinema-settings/tax-settings-router';
import { doorRouter } from './door/door-router';
import { holdsRouter } from './holds/holds-router';
import { fleetRouter } from './kiosks/fleet-router';
import { kiosksRouter } from './kiosks/kiosks-router';
import { paymentsRouter } from './payments/payments-router';
import { filmTaxWaiversRouter } from './programme/film-tax-waivers-router';
import { programmeRouter } from './programme/programme-router';
import { queuesRouter } from './queues/queues-router';
import { salesRouter } from './sales/sales-router';
import { seatBlocksRouter } from './seats/seat-blocks-router';
import { seatsRouter } from './seats/seats-router';
import { showtimesRouter } from './showtimes/showtimes-router';
import { staffRouter } from './staff/staff-router';
import { staffSessionRouter } from './staff/staff-session-router';
import { taxReturnsRouter } from './tax-returns/tax-returns-router';
import { ticketsRouter } from './tickets/tickets-router';
import { tonightRouter } from './tonight/tonight-router';
import { mergeRouters, router } from './trpc';

export const appRouter = router({
  catalog: catalogRouter,
  holds: holdsRouter,
  payments: paymentsRouter,
  bookings: bookingsRouter,
  seats: seatsRouter,
  kiosks: kiosksRouter,
  manager: staffSessionRouter,
  tickets: ticketsRouter,
  programme: programmeRouter,
  fleet: fleetRouter,
  sales: salesRouter,
  bookingDesk: mergeRouters(bookingDeskRouter, exchangeDeskRouter),
  boxOffice: boxOfficeRouter,
  cashShifts: cashShiftsRouter,
  seatBlocks: seatBlocksRouter,
  door: doorRouter,
  showtimes: showtimesRouter,
  queues: queuesRouter,
  staffAccounts: staffRouter,
  taxSettings: taxSettingsRouter,
  taxReturns: taxReturnsRouter,
  filmTaxWaivers: filmTaxWaiversRouter,
  tonight: tonightRouter,
});

export type AppRouter = typeof appRouter;
