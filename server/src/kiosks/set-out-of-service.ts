import type { TServices } from '../services';

/** Takes a kiosk out of service or back; the kiosk hears it at once over kiosks.onCommand. */
export async function setOutOfService(
  { prisma, kioskCommands }: Pick<TServices, 'prisma' | 'kioskCommands'>,
  { kioskId, outOfService }: { kioskId: string; outOfService: boolean },
): Promise<void> {
  await prisma.kiosk.update({ where: { id: kioskId }, data: { outOfService } });
  await prisma.kioskEvent.create({ data: { kioskId, type: outOfService ? 'out_of_service' : 'in_service' } });
  await kioskCommands.publish({ type: 'state', kioskId, outOfService });
}
