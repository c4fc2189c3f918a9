// Seat types and states as plain lists, apart from their zod schemas (seat-map.ts), so the customer's
// app can list them without loading zod.
export const SEAT_TYPES = ['STANDARD', 'PREMIUM', 'RECLINER', 'WHEELCHAIR', 'COMPANION'] as const;
export const SEAT_STATES = ['available', 'held', 'sold', 'blocked'] as const;
