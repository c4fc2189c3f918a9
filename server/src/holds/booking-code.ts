import { randomInt } from 'node:crypto';

// No 0/O, 1/I/L, U or V: a code read out at a busy counter must not be misheard or misread.
export const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTWXYZ';
const LENGTH = 6;

/** A booking code like "K7M2QX": 29^6 ≈ 595 million, random, so codes cannot be guessed in sequence. */
export function generateBookingCode(): string {
  let code = '';
  for (let i = 0; i < LENGTH; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return code;
}
