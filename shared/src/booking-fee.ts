// The booking fee: a cinema charges it per seat, at one rate for kiosk bookings and another for web
// bookings. The server charges it when it holds seats (holds.create); the seat map shows it as
// seats are picked. Both compute it here, so the price a customer sees is the price they pay.
// (No zod here: the customer's app computes the fee without loading it; the schema is seat-map.ts's.)

/** Paise per seat by channel. */
export interface TBookingFeeRule {
  kioskPerSeatPaise: number;
  webPerSeatPaise: number;
}

export type TBookingChannel = 'KIOSK' | 'WEB' | 'BOX_OFFICE';

/**
 * The fee for a booking of `seatCount` seats, in paise. The box office charges none: the fee pays
 * for booking online or at a kiosk, and a customer at the counter is served by staff at the price
 * on the board.
 */
export function bookingFeePaise(rule: TBookingFeeRule, channel: TBookingChannel, seatCount: number): number {
  if (!Number.isSafeInteger(seatCount) || seatCount < 0)
    throw new RangeError(`seat count must be a non-negative integer, got ${seatCount}`);
  if (channel === 'BOX_OFFICE') return 0;
  return (channel === 'KIOSK' ? rule.kioskPerSeatPaise : rule.webPerSeatPaise) * seatCount;
}
