// A show's life after scheduling: cancelling it, with the refund of every paid booking.
//
// What other folders may use of it:
export { SHOW_CANCELLED_REASON } from './cancel-showtime';
