import type pg from 'pg';
import type { PrismaClient } from './db/prisma';
import type { TEnv } from './env';
import type { Logger } from './logger';
import type { Jobs } from './jobs/queues';
import type { RazorpayGateway } from './razorpay/razorpay-gateway';
import type { Redis } from './redis';
import type {
  BookingEvents,
  CatalogEvents,
  FleetEvents,
  KioskCommands,
  SeatEvents,
  SeatStreams,
  TonightEvents,
} from './realtime/live-events';
import type { LiveStreams } from './realtime/live-streams';

/** The long-lived things every request and job works with, created once per process. */
export interface TServices {
  env: TEnv;
  log: Logger;
  prisma: PrismaClient;
  /** The pool under Prisma, for the hot-path statements written in SQL. */
  pg: pg.Pool;
  redis: Redis;
  seatEvents: SeatEvents;
  /** This instance's seat-map streams: one hub per live show, its version kept without a database read. */
  seatStreams: SeatStreams;
  bookingEvents: BookingEvents;
  /** Commands to kiosks (out of service, reprint), delivered at once over kiosks.onCommand. */
  kioskCommands: KioskCommands;
  /** Kiosk changes per cinema, for the managers' live fleet view. */
  fleetEvents: FleetEvents;
  /** Programme changes (a show cancelled or scheduled), so kiosks and browsers refresh at once. */
  catalogEvents: CatalogEvents;
  /** Check-ins per cinema, for the managers' live Tonight board (sales reach it as seat events). */
  tonightEvents: TonightEvents;
  /** Caps and lifetime of the public live streams of this instance. */
  liveStreams: LiveStreams;
  /** Queue producers (the worker process runs the consumers). */
  jobs: Jobs;
  razorpay: RazorpayGateway;
}
