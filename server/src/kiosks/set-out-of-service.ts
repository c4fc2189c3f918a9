import type { TServices } from '../services';
import { recordAudit } from '../audit/record-audit';

/** Takes a kiosk out of service or back; the kiosk hears it at once over kiosks.onCommand. */
export async function setOutOfService(
  { prisma, kioskCommands, fleetEvents }: Pick<TServices, 'prisma' | 'kioskCommands' | 'fleetEvents'>,
  { kioskId, outOfService, byUserId = null }: { kioskId: string; outOfService: boolean; byUserId?: string | null },
): Promise<void> {
  const { cinemaId } = await prisma.kiosk.update({
    where: { id: kioskId },
    data: { outOfService },
    select: { cinemaId: true },
  });
  await prisma.kioskEvent.create({
    data: { kioskId, type: outOfService ? 'out_of_service' : 'in_service', data: byUserId ? { byUserId } : {} },
  });
  await recordAudit(prisma, {
    by: byUserId,
    action: outOfService ? 'kiosk.out_of_service' : 'kiosk.in_service',
    entityType: 'Kiosk',
    entityId: kioskId,
  });
  await kioskCommands.publish({ type: 'state', kioskId, outOfService });
  await fleetEvents.publish({ cinemaId, kioskId });
}
