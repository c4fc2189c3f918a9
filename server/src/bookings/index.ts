// The booking lifecycle (booking-lifecycle.ts lists its states and where each transition lives),
// what follows every change (after-booking-change.ts), and a booking as customers, kiosks and the
// dashboard's booking desk see it.
//
// What other folders may use of it:
export { afterBookingChange } from './after-booking-change';
export { closePendingBookings } from './close-pending-bookings';
export type { TClosePendingScope } from './close-pending-bookings';
export { confirmPaidBooking } from './confirm-booking';
export type { TConfirmBatch, TConfirmedBooking } from './confirm-booking';
export { finishConfirmBatch } from './confirm-batch';
export { lockBookings } from './lock-bookings';
export type { TConfirmBatchEntry } from './confirm-batch';
export { getBookingForKiosk } from './get-booking';
export { refundBooking } from './refund-booking';
export { refundSeats, quoteSeatRefund, allocateRefund, recordRefundRows, refundSources } from './refund-seats';
export type { TSeatRefundOutcome, TRefundRequester } from './refund-seats';
export { assertChangeable, completeExchange, readExchangedBooking } from './complete-exchange';
export type { TExchangedBooking } from './complete-exchange';
export { findBookingInCinema } from './find-booking-in-cinema';
export { sendReprint } from './send-reprint';
