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

export type SeatEvents = Fanout<TSeatChangeEvent>;
export type BookingEvents = Fanout<TBookingStatusEvent>;
export type KioskCommands = Fanout<TKioskCommand>;
export type FleetEvents = Fanout<TFleetEvent>;
export type CatalogEvents = Fanout<TCatalogChangeEvent>;
export type TonightEvents = Fanout<TTonightEvent>;

export function createSeatEvents(redis: Redis, log: Logger, prefix: string): SeatEvents {
  return new Fanout(redis, log, { prefix, topic: 'seats', schema: ZSeatChangeEventSchema, keyOf: (e) => e.showtimeId });
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
