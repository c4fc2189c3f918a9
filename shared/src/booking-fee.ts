// The booking fee: a cinema charges it per seat, at one rate for kiosk bookings and another for web
// bookings. The server charges it when it holds seats (holds.create); the seat map shows it as
// seats are picked. Both compute it here, so the price a customer sees is the price they pay.
// (No zod here: the customer's app computes the fee without loading it; the schema is seat-map.ts's.)

/** Paise per seat by channel. */
export interface TBookingFeeRule {
  kioskPerSeatPaise: number;
  webPerSeatPaise: number;
}

export type TBookingChannel = 'KIOSK' | 'WEB';

/** The fee for a booking of `seatCount` seats made at a kiosk or on the web, in paise. */
export function bookingFeePaise(rule: TBookingFeeRule, channel: TBookingChannel, seatCount: number): number {
  if (!Number.isSafeInteger(seatCount) || seatCount < 0)
    throw new RangeError(`seat count must be a non-negative integer, got ${seatCount}`);
  return (channel === 'KIOSK' ? rule.kioskPerSeatPaise : rule.webPerSeatPaise) * seatCount;
}
