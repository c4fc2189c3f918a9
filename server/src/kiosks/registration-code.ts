// Adding a kiosk: staff get a one-time code (CLI now, the manager dashboard later) and type it on
// the new device, which trades it for its device token. Only hashes of either are stored.
import { randomInt } from 'node:crypto';
import { CODE_ALPHABET } from '../holds';
import type { TServices } from '../services';
import { hashToken } from '../auth';

const CODE_LENGTH = 8;
export const REGISTRATION_CODE_TTL_MS = 24 * 3600 * 1000;

export function generateRegistrationCode(): string {
  let code = '';
  for (let i = 0; i < CODE_LENGTH; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return code;
}

/**
 * A registration code for the kiosk of that name (created if new). Re-registering an existing
 * kiosk (a replaced device) keeps its old token working until the new device registers.
 */
export async function issueRegistrationCode(
  { prisma }: Pick<TServices, 'prisma'>,
  { cinemaId, name, now = new Date() }: { cinemaId: string; name: string; now?: Date },
): Promise<{ kioskId: string; code: string; expiresAt: Date }> {
  const code = generateRegistrationCode();
  const expiresAt = new Date(now.getTime() + REGISTRATION_CODE_TTL_MS);
  const registration = { registrationCodeHash: hashToken(code), registrationExpiresAt: expiresAt };
  const kiosk = await prisma.kiosk.upsert({
    where: { cinemaId_name: { cinemaId, name } },
    update: registration,
    create: { cinemaId, name, ...registration },
    select: { id: true },
  });
  return { kioskId: kiosk.id, code, expiresAt };
}
