import { signTicketToken, ticketPublicKey, type TTicketSigningKey } from '@marquee/shared';
import type { TEnv } from '../env';

export function ticketSigningKey(env: Pick<TEnv, 'TICKET_SIGNING_KEY' | 'TICKET_KEY_ID'>): TTicketSigningKey {
  return { kid: env.TICKET_KEY_ID, secretKey: new Uint8Array(Buffer.from(env.TICKET_SIGNING_KEY, 'base64url')) };
}

/** The public keys a door verifies with (kid → key); old keys stay listed while their tickets are valid. */
export function ticketPublicKeys(env: Pick<TEnv, 'TICKET_SIGNING_KEY' | 'TICKET_KEY_ID'>): Map<string, Uint8Array> {
  const key = ticketSigningKey(env);
  return new Map([[key.kid, ticketPublicKey(key)]]);
}

export { signTicketToken };
