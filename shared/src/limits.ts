// Limits the apps show before the server enforces them, in a module without zod: the customer's
// bundle loads only what it uses of the shared package (it is marked free of side effects).

/** Most seats one hold (and so one booking) may take. */
export const MAX_SEATS_PER_HOLD = 10;
