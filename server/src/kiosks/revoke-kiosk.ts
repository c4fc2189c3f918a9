// Revokes a kiosk's device token (a stolen or retired device): its calls are refused from now on,
// its command stream tells it and ends, so it shows its registration screen. It can be registered
// again with a new one-time code (which issues a new token).
import { AppError } from '../errors/app-error';
import type { TServices } from '../services';
import { recordAudit } from '../audit/record-audit';

export async function revokeKiosk(
  { prisma, kioskCommands, fleetEvents }: Pick<TServices, 'prisma' | 'kioskCommands' | 'fleetEvents'>,
  { cinemaId, kioskId, byUserId = null }: { cinemaId: string; kioskId: string; byUserId?: string | null },
): Promise<{ alreadyRevoked: boolean }> {
  const kiosk = await prisma.kiosk.findFirst({
    where: { id: kioskId, cinemaId },
    select: { id: true, revokedAt: true, name: true },
  });
  if (!kiosk)
    throw new AppError('INPUT_INVALID', {
      message: `kiosk ${kioskId} not in cinema ${cinemaId}`,
      userMessage: 'No such kiosk here.',
    });
  if (kiosk.revokedAt) return { alreadyRevoked: true };
  // The hash goes too, so the old token can never match again, whatever later reads revokedAt.
  await prisma.$transaction([
    prisma.kiosk.update({
      where: { id: kioskId },
      data: { revokedAt: new Date(), tokenHash: null, registrationCodeHash: null, registrationExpiresAt: null },
    }),
    prisma.kioskEvent.create({ data: { kioskId, type: 'revoked', data: byUserId ? { byUserId } : {} } }),
    recordAudit(prisma, {
      by: byUserId,
      action: 'kiosk.revoke',
      entityType: 'Kiosk',
      entityId: kioskId,
      data: { name: kiosk.name },
    }),
  ]);
  await kioskCommands.publish({ type: 'revoked', kioskId });
  await fleetEvents.publish({ cinemaId, kioskId });
  return { alreadyRevoked: false };
}
