// The booking lifecycle: its states, and where each transition is written, once. A booking is
// created PENDING by a hold and ends in one of the other states:
//
//   PENDING ──paid with its exact amount──▶ CONFIRMED ──refunded in full──▶ REFUNDED
//      │
//      ├──hold expired──▶ EXPIRED
//      ├──released by the customer, replaced by a new selection, show cancelled──▶ CANCELLED
//      └──(also EXPIRED, CANCELLED) a payment that could not be honoured was refunded──▶ REFUNDED
//
// - Created, and a holder's previous hold CANCELLED ('replaced by a new selection'): the hold write,
//   the SQL function marquee_write_holds (holds/sql/marquee_write_holds.sql, called by
//   holds/insert-hold.ts). It stays in SQL, where a batch of holds is written in one round trip;
//   TypeScript does not repeat it.
// - PENDING → EXPIRED or CANCELLED: close-pending-bookings.ts (expiry, release, show cancelled).
// - PENDING → CONFIRMED with its tickets: confirm-booking.ts (called by payment settlement, which
//   records the payment and decides what to refund).
// - CONFIRMED → REFUNDED, seats back on sale: refund-booking.ts.
// - A booking whose payment could not be honoured → REFUNDED once that refund is sent:
//   mark-refunded.ts (called where the refund is sent, after-booking-change.ts).
// What follows any of these once committed (Redis keys, live events, QR codes, outbox, refunds) is
// in after-booking-change.ts.
import type { TBookingStatus } from '@marquee/shared';

/** The states a PENDING booking closes into without payment. */
export type TClosedStatus = Extract<TBookingStatus, 'EXPIRED' | 'CANCELLED'>;
