// Every error a client can meet: one table, codes prefixed by subsystem. The server maps each to a
// tRPC code; the kiosk shows `message` (or its own translation keyed by the code).
export const ERROR_CODES = {
  INPUT_INVALID: { trpc: 'BAD_REQUEST', message: 'Some of the details sent were not valid.' },
  RATE_LIMITED: { trpc: 'TOO_MANY_REQUESTS', message: 'Too many requests. Please wait a moment and try again.' },
  SERVICE_UNAVAILABLE: {
    trpc: 'SERVICE_UNAVAILABLE',
    message: 'Marquee is temporarily unavailable. Please try again in a moment.',
  },
  INTERNAL: { trpc: 'INTERNAL_SERVER_ERROR', message: 'Something went wrong on our side. Please try again.' },
  LIVE_STREAM_LIMIT: {
    trpc: 'TOO_MANY_REQUESTS',
    message: 'Too many live connections from this address. Close other tabs or try again in a minute.',
  },
  /** A live stream reached its longest life; the client reconnects and resyncs (never shown). */
  LIVE_STREAM_RENEW: { trpc: 'SERVICE_UNAVAILABLE', message: 'This live connection has run its time; reconnecting.' },
  CATALOG_MOVIE_NOT_FOUND: { trpc: 'NOT_FOUND', message: 'That movie is not showing here.' },
  FILM_TAX_WAIVER_NOT_FOUND: {
    trpc: 'NOT_FOUND',
    message: 'That tax-free period is not there any more; it may have been removed already.',
  },
  CATALOG_SHOWTIME_NOT_FOUND: { trpc: 'NOT_FOUND', message: 'That show could not be found.' },
  CATALOG_CINEMA_NOT_FOUND: { trpc: 'NOT_FOUND', message: 'That cinema could not be found.' },
  CATALOG_CINEMA_REQUIRED: { trpc: 'BAD_REQUEST', message: 'Please choose a cinema first.' },
  HOLD_SEAT_TAKEN: { trpc: 'CONFLICT', message: 'Sorry, some of those seats were just taken. Please pick others.' },
  HOLD_SEAT_UNKNOWN: { trpc: 'BAD_REQUEST', message: 'Some of those seats are not in this screen.' },
  SEAT_BLOCK_SCREEN_NOT_FOUND: { trpc: 'NOT_FOUND', message: 'That screen could not be found in this cinema.' },
  SEAT_BLOCK_RANGE_EMPTY: { trpc: 'BAD_REQUEST', message: 'This screen has no shows in those days.' },
  SEAT_BLOCK_GROUP_NOT_FOUND: {
    trpc: 'NOT_FOUND',
    message: 'Those blocked seats were already released, or are not in this cinema.',
  },
  HOLD_SEAT_BLOCKED: { trpc: 'CONFLICT', message: 'Some of those seats are not available for this show.' },
  HOLD_TOO_MANY_SEATS: { trpc: 'BAD_REQUEST', message: 'You can book up to 10 seats at a time.' },
  HOLD_SEAT_GAP: {
    trpc: 'BAD_REQUEST',
    message: 'Please do not leave a single empty seat on its own. Pick it too, or choose seats next to each other.',
  },
  HOLD_COMPANION_ALONE: {
    trpc: 'BAD_REQUEST',
    message: 'A companion seat is sold together with its wheelchair space.',
  },
  HOLD_CHALLENGE_REQUIRED: {
    trpc: 'TOO_MANY_REQUESTS',
    message: 'Many seats for this show are held from your network. Please complete a quick check to continue.',
  },
  HOLD_CHALLENGE_INVALID: { trpc: 'BAD_REQUEST', message: 'That check did not work. Please try it again.' },
  HOLD_ADDRESS_LIMIT: {
    trpc: 'TOO_MANY_REQUESTS',
    message:
      'Too many seats for this show are held from your network right now. Please pay for or release those first, or try again later.',
  },
  HOLD_SHOW_NOT_ON_SALE: { trpc: 'PRECONDITION_FAILED', message: 'Tickets for this show are not on sale.' },
  HOLD_SHOW_STARTED: {
    trpc: 'PRECONDITION_FAILED',
    message: 'This show has already started. Please pick a later show.',
  },
  HOLD_SHOW_CANCELLED: { trpc: 'PRECONDITION_FAILED', message: 'This show has been cancelled.' },
  BOOKING_ALREADY_PAID: { trpc: 'PRECONDITION_FAILED', message: 'This booking is already paid for.' },
  BOOKING_NOT_FOUND: { trpc: 'NOT_FOUND', message: 'That booking could not be found.' },
  BOOKING_NOT_CHANGEABLE: {
    trpc: 'PRECONDITION_FAILED',
    message: 'This booking cannot be changed now: its show has started, or it is not a paid booking any more.',
  },
  REFUND_SEATS_INVALID: {
    trpc: 'BAD_REQUEST',
    message: 'Those seats are not standing seats of this booking. Reload it and choose again.',
  },
  SHIFT_NOT_OPEN: { trpc: 'PRECONDITION_FAILED', message: 'Open a cash shift first: cash is counted in a shift.' },
  SHIFT_ALREADY_OPEN: {
    trpc: 'CONFLICT',
    message: 'You already have a cash shift open. Close it before opening another.',
  },
  SHIFT_CLOSED: { trpc: 'PRECONDITION_FAILED', message: 'That cash shift is closed already.' },
  CASH_SHORT: { trpc: 'BAD_REQUEST', message: 'The cash received is less than the amount due.' },
  BOOKING_EXPIRED: {
    trpc: 'PRECONDITION_FAILED',
    message: 'Your seats were released because time ran out. Please choose again.',
  },
  PAY_SIGNATURE_INVALID: {
    trpc: 'BAD_REQUEST',
    message: 'We could not confirm that payment. If money left your account, it will be refunded.',
  },
  PAY_ORDER_MISMATCH: { trpc: 'BAD_REQUEST', message: 'That payment does not belong to this booking.' },
  PAY_PROVIDER_UNAVAILABLE: {
    trpc: 'BAD_GATEWAY',
    message: 'Payments are not reachable right now. Please try again in a moment.',
  },
  /** An authorized payment that came after the hold ended: Marquee does not capture it. */
  PAY_NOT_CAPTURED: {
    trpc: 'PRECONDITION_FAILED',
    message:
      'Your payment came after your seats were released, so it was not taken. Your bank releases the money it held within 5 days.',
  },
  /** An authorized payment for another amount than the booking's while its hold stands: not captured; it may pay again. */
  PAY_AMOUNT_MISMATCH: {
    trpc: 'PRECONDITION_FAILED',
    message:
      'That payment was not for the amount of your booking, so it was not taken. Your bank releases the money it held within 5 days. Your seats are still held: please pay again.',
  },
  /** Razorpay refused to capture an authorized payment (other than "already captured"). */
  PAY_CAPTURE_REFUSED: {
    trpc: 'BAD_GATEWAY',
    message: 'We could not complete that payment. Your bank releases any money it held for it within 5 days.',
  },
  AUTH_REQUIRED: { trpc: 'UNAUTHORIZED', message: 'Please sign in.' },
  AUTH_FORBIDDEN: { trpc: 'FORBIDDEN', message: 'You are not allowed to do that.' },
  KIOSK_CODE_INVALID: {
    trpc: 'BAD_REQUEST',
    message: 'That registration code is not valid or has expired. Ask for a new one.',
  },
  TICKET_INVALID: { trpc: 'BAD_REQUEST', message: 'This is not a valid Marquee ticket.' },
  TICKET_REFUNDED: { trpc: 'PRECONDITION_FAILED', message: 'This ticket was refunded and cannot be used.' },
  TICKET_TOO_EARLY: { trpc: 'PRECONDITION_FAILED', message: 'Too early: the doors for this show are not open yet.' },
  TICKET_SHOW_OVER: { trpc: 'PRECONDITION_FAILED', message: 'This show is over.' },
  TICKET_SHOW_CANCELLED: { trpc: 'PRECONDITION_FAILED', message: 'This show was cancelled; the ticket was refunded.' },
  TICKET_ALREADY_USED: { trpc: 'CONFLICT', message: 'This ticket was already used.' },
  TICKET_LOOKUP_NO_MATCH: { trpc: 'NOT_FOUND', message: 'No booking matches that code and contact.' },
  COLLECT_NOT_FOUND: {
    trpc: 'NOT_FOUND',
    message:
      'No paid booking for a show still to come matches that code and email or phone. Check them, or ask at the box office.',
  },
  COLLECT_ALREADY_COLLECTED: {
    trpc: 'CONFLICT',
    message: 'These tickets were already collected. Please ask at the box office.',
  },
  COLLECT_IN_PROGRESS: {
    trpc: 'CONFLICT',
    message: 'These tickets are being printed at another kiosk right now. Please ask at the box office.',
  },
  KIOSK_RELEASE_INVALID: {
    trpc: 'BAD_REQUEST',
    message: 'That release could not be taken: check the version and the files.',
  },
  KIOSK_RELEASE_TOO_LARGE: { trpc: 'PAYLOAD_TOO_LARGE', message: 'A file of that release is too large.' },
  KIOSK_RELEASE_EXISTS: { trpc: 'CONFLICT', message: 'A release with that version was already uploaded.' },
  KIOSK_RELEASE_NOT_FOUND: { trpc: 'NOT_FOUND', message: 'That release could not be found.' },
  KIOSK_ROLLBACK_NOTHING: { trpc: 'PRECONDITION_FAILED', message: 'There is no earlier release to roll back to.' },
  KIOSK_OUT_OF_SERVICE: {
    trpc: 'PRECONDITION_FAILED',
    message: 'This kiosk is out of service. Please use another kiosk or buy online.',
  },
} as const satisfies Record<string, { trpc: string; message: string }>;

export type TErrorCode = keyof typeof ERROR_CODES;

/** What travels in a tRPC error's `data` so clients can act on the code, not the text. */
export interface TAppErrorData {
  appCode: TErrorCode;
  /** Field name → problem, for BAD_REQUEST caused by input validation. */
  fieldErrors?: Record<string, string>;
  takenSeatIds?: string[];
  unknownSeatIds?: string[];
  /** Seats a seat rule is about: the single seat that would be stranded, the lonely companion seat. */
  ruleSeatIds?: string[];
  /** Which per-address hold limit refused (HOLD_CHALLENGE_REQUIRED, HOLD_ADDRESS_LIMIT, RATE_LIMITED). */
  holdLimit?: 'address-seats' | 'address-holds-hourly' | 'address-seats-max' | 'address-per-minute' | 'new-sessions';
  /** A door refusal: which seat, and for a used ticket when and where it was used. */
  ticket?: { seatLabel: string; usedAt?: string; usedAtDoor?: string | null };
  /** Tickets already collected: where and when, for the kiosk to say in its language. */
  collected?: { kioskName: string; at: string; timeZone: string };
}
