// The ticket QR: base64url(payload).base64url(Ed25519 signature over the first part).
// Door devices verify offline with the public key named by `kid`; nothing personal is inside.
import { ed25519 } from '@noble/curves/ed25519.js';
import { z } from 'zod';
import { decodeBase64Url, encodeBase64Url } from './base64url';

export const TICKET_TOKEN_VERSION = 1;

export const ZTicketPayloadSchema = z.strictObject({
  v: z.literal(TICKET_TOKEN_VERSION),
  /** Signing key id, so keys can rotate while old tickets stay valid. */
  kid: z.string().min(1).max(32),
  /** Ticket id. */
  tid: z.string().min(1).max(64),
  /** Booking id. */
  bid: z.string().min(1).max(64),
  /** Showtime id. */
  st: z.string().min(1).max(64),
  /** Seat label as printed, e.g. "F12". */
  seat: z.string().min(1).max(16),
});
export type TTicketPayload = z.infer<typeof ZTicketPayloadSchema>;

export interface TTicketSigningKey {
  kid: string;
  /** 32-byte Ed25519 secret key. */
  secretKey: Uint8Array;
}

/** kid → 32-byte Ed25519 public key. */
export type TTicketPublicKeys = ReadonlyMap<string, Uint8Array>;

export type TTicketVerifyResult =
  { ok: true; payload: TTicketPayload } | { ok: false; reason: 'malformed' | 'unknown_key' | 'bad_signature' };

const MAX_TOKEN_LENGTH = 1024;
const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder('utf-8', { fatal: true });

export function generateTicketKey(kid: string): TTicketSigningKey & { publicKey: Uint8Array } {
  const secretKey = ed25519.utils.randomSecretKey();
  return { kid, secretKey, publicKey: ed25519.getPublicKey(secretKey) };
}

export function ticketPublicKey(key: TTicketSigningKey): Uint8Array {
  return ed25519.getPublicKey(key.secretKey);
}

export function signTicketToken(payload: Omit<TTicketPayload, 'v' | 'kid'>, key: TTicketSigningKey): string {
  const full = ZTicketPayloadSchema.parse({ v: TICKET_TOKEN_VERSION, kid: key.kid, ...payload });
  const body = encodeBase64Url(utf8.encode(JSON.stringify(full)));
  const signature = ed25519.sign(utf8.encode(body), key.secretKey);
  return `${body}.${encodeBase64Url(signature)}`;
}

/** Verifies a scanned token. Never throws: every bad input is a typed refusal. */
export function verifyTicketToken(token: string, publicKeys: TTicketPublicKeys): TTicketVerifyResult {
  if (typeof token !== 'string' || token.length > MAX_TOKEN_LENGTH) return { ok: false, reason: 'malformed' };
  const parts = token.split('.');
  if (parts.length !== 2) return { ok: false, reason: 'malformed' };
  const [body, sig] = parts as [string, string];
  let payload: TTicketPayload;
  let signature: Uint8Array;
  try {
    payload = ZTicketPayloadSchema.parse(JSON.parse(fromUtf8.decode(decodeBase64Url(body))));
    signature = decodeBase64Url(sig);
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  const publicKey = publicKeys.get(payload.kid);
  if (!publicKey) return { ok: false, reason: 'unknown_key' };
  if (signature.length !== 64) return { ok: false, reason: 'bad_signature' };
  const valid = ed25519.verify(signature, utf8.encode(body), publicKey);
  return valid ? { ok: true, payload } : { ok: false, reason: 'bad_signature' };
}
