import { ZBookingStatusEventSchema, ZKioskCommandSchema, ZSeatChangeEventSchema, type TBookingStatusEvent, type TKioskCommand, type TSeatChangeEvent } from '@marquee/shared';
import type { Redis } from 'ioredis';
import type { Logger } from '../logger';
import { Fanout } from './fanout';

export type SeatEvents = Fanout<TSeatChangeEvent>;
export type BookingEvents = Fanout<TBookingStatusEvent>;
export type KioskCommands = Fanout<TKioskCommand>;

export function createSeatEvents(redis: Redis, log: Logger, prefix: string): SeatEvents {
  return new Fanout(redis, log, { prefix, topic: 'seats', schema: ZSeatChangeEventSchema, keyOf: (e) => e.showtimeId });
}

export function createBookingEvents(redis: Redis, log: Logger, prefix: string): BookingEvents {
  return new Fanout(redis, log, { prefix, topic: 'booking', schema: ZBookingStatusEventSchema, keyOf: (e) => e.bookingId });
}

export function createKioskCommands(redis: Redis, log: Logger, prefix: string): KioskCommands {
  return new Fanout(redis, log, { prefix, topic: 'kiosk', schema: ZKioskCommandSchema, keyOf: (e) => e.kioskId });
}
