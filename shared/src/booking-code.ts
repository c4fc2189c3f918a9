/** The characters of booking codes and kiosk registration codes: no 0, 1, I, L, O, U, V to misread. */
export const BOOKING_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTWXYZ';
