import type { TKioskRegisterOutput } from '@marquee/shared';
import { AppError } from '../errors/app-error';
import type { TServices } from '../services';
import { generateDeviceToken, hashToken } from '../auth';

/** Trades a one-time code for a device token. The code works once: two devices racing with it get one token. */
export async function registerKiosk(
  { prisma, log }: Pick<TServices, 'prisma' | 'log'>,
  { code, now = new Date() }: { code: string; now?: Date },
): Promise<TKioskRegisterOutput> {
  const codeHash = hashToken(code);
  const kiosk = await prisma.kiosk.findUnique({
    where: { registrationCodeHash: codeHash },
    select: { id: true, name: true, registrationExpiresAt: true },
  });
  if (!kiosk || !kiosk.registrationExpiresAt || kiosk.registrationExpiresAt <= now) {
    throw new AppError('KIOSK_CODE_INVALID', {
      message: kiosk ? `registration code of kiosk ${kiosk.id} expired` : 'unknown registration code',
    });
  }
  const deviceToken = generateDeviceToken();
  const { count } = await prisma.kiosk.updateMany({
    where: { id: kiosk.id, registrationCodeHash: codeHash },
    data: {
      tokenHash: hashToken(deviceToken),
      registrationCodeHash: null,
      registrationExpiresAt: null,
      registeredAt: now,
      revokedAt: null,
    },
  });
  if (count !== 1)
    throw new AppError('KIOSK_CODE_INVALID', {
      message: `registration code of kiosk ${kiosk.id} was used concurrently`,
    });
  await prisma.kioskEvent.create({ data: { kioskId: kiosk.id, type: 'registered' } });
  log.info({ kioskId: kiosk.id, name: kiosk.name }, 'kiosk registered');
  return { kioskId: kiosk.id, name: kiosk.name, deviceToken };
}
