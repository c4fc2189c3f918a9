// The seat keys in Redis: the atomic, expiring first arbiter of who holds a seat (Lua scripts), and
// giving keys back or restoring them after Redis lost its data.
//
// What other folders may use of it:
export { acquireSeats, releaseSeats, releaseSeatsAndPublish, restoreSeats } from './redis-holds';
export type { TAddressLimitReason, TAddressLimits } from './redis-holds';
export { releaseSeatKeys } from './release-seat-keys';
export { restoreHoldKeys } from './restore-hold-keys';
