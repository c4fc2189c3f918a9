import { createHash, randomBytes } from 'node:crypto';

/** A kiosk's long-lived bearer token: 256 random bits, base64url. Only its SHA-256 is stored. */
export function generateDeviceToken(): string {
  return `mqk_${randomBytes(32).toString('base64url')}`;
}

/** Tokens are high-entropy, so a fast hash is enough (no password stretching needed). */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
