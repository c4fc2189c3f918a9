import {
  ZBookingStatusEventSchema,
  ZCatalogChangeEventSchema,
  ZFleetEventSchema,
  type TCatalogChangeEvent,
  type TFleetEvent,
  ZKioskCommandSchema,
  ZSeatChangeEventSchema,
  type TBookingStatusEvent,
  type TKioskCommand,
  type TSeatChangeEvent,
  type TTonightEvent,
  ZTonightEventSchema,
} from '@marquee/shared';
import type { Redis } from '../redis';
import type { Logger } from '../logger';
import { Fanout } from './fanout';
import { SSE_OPTIONS } from './sse-options';
import { SseHub } from './sse-hub';

export type SeatEvents = Fanout<TSeatChangeEvent>;
export type SeatStreams = SseHub<TSeatChangeEvent>;
export type BookingEvents = Fanout<TBookingStatusEvent>;
export type KioskCommands = Fanout<TKioskCommand>;
export type FleetEvents = Fanout<TFleetEvent>;
export type CatalogEvents = Fanout<TCatalogChangeEvent>;
export type TonightEvents = Fanout<TTonightEvent>;

export function createSeatEvents(redis: Redis, log: Logger, prefix: string): SeatEvents {
  return new Fanout(redis, log, { prefix, topic: 'seats', schema: ZSeatChangeEventSchema, keyOf: (e) => e.showtimeId });
}

/**
 * The seat-map streams of this instance (seats.onChange): one hub per live show, fed by the show's
 * seat events. `loadVersion` reads a show's seat version (null: no such show).
 */
export function createSeatStreams(
  seatEvents: SeatEvents,
  log: Logger,
  opts: { loadVersion: (showtimeId: string) => Promise<number | null>; maxBufferedBytes: number },
): SeatStreams {
  return new SseHub(seatEvents, log, {
    versionOf: (e) => e.version,
    resyncEvent: (showtimeId, version) => ({ showtimeId, version, seats: [] }),
    loadVersion: opts.loadVersion,
    connectedData: JSON.stringify(SSE_OPTIONS.client),
    pingMs: SSE_OPTIONS.ping.intervalMs,
    maxBufferedBytes: opts.maxBufferedBytes,
  });
}

export function createBookingEvents(redis: Redis, log: Logger, prefix: string): BookingEvents {
  return new Fanout(redis, log, {
    prefix,
    topic: 'booking',
    schema: ZBookingStatusEventSchema,
    keyOf: (e) => e.bookingId,
  });
}

export function createKioskCommands(redis: Redis, log: Logger, prefix: string): KioskCommands {
  return new Fanout(redis, log, { prefix, topic: 'kiosk', schema: ZKioskCommandSchema, keyOf: (e) => e.kioskId });
}

/** "Something about this cinema's kiosks changed" (a heartbeat, out of service): dashboards reload the fleet. */
export function createFleetEvents(redis: Redis, log: Logger, prefix: string): FleetEvents {
  return new Fanout(redis, log, { prefix, topic: 'fleet', schema: ZFleetEventSchema, keyOf: (e) => e.cinemaId });
}

/** Programme changes, to every open app (one key: every kiosk and browser listens to it). */
export function createCatalogEvents(redis: Redis, log: Logger, prefix: string): CatalogEvents {
  return new Fanout(redis, log, { prefix, topic: 'catalog', schema: ZCatalogChangeEventSchema, keyOf: (e) => e.scope });
}

/** "Something on this cinema's Tonight board changed" that no seat event tells (a ticket checked in). */
export function createTonightEvents(redis: Redis, log: Logger, prefix: string): TonightEvents {
  return new Fanout(redis, log, { prefix, topic: 'tonight', schema: ZTonightEventSchema, keyOf: (e) => e.cinemaId });
}
