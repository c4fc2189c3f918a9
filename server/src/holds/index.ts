// A customer holding seats: the hold (create-hold.ts, through marquee_write_holds in sql/), its
// release, the seat-spinning limits and the proof-of-work challenge.
//
// What other folders may use of it:
export { CODE_ALPHABET } from './booking-code';
export { expireOverdueBookings } from './expire-bookings';
export { createHold } from './create-hold';
export { releaseHold } from './release-hold';
export { quoteHold } from './quote-hold';
