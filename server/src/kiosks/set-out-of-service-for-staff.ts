// A manager takes a kiosk of their cinema out of service or back; another cinema's kiosk reads as
// not there.
import type { TStaffActor } from '../audit/record-audit';
import { AppError } from '../errors/app-error';
import type { TServices } from '../services';
import { setOutOfService } from './set-out-of-service';

export async function setOutOfServiceForStaff(
  services: Pick<TServices, 'prisma' | 'kioskCommands' | 'fleetEvents'>,
  { actor, kioskId, outOfService }: { actor: TStaffActor; kioskId: string; outOfService: boolean },
): Promise<void> {
  const kiosk = await services.prisma.kiosk.findFirst({
    where: { id: kioskId, cinemaId: actor.cinemaId },
    select: { id: true },
  });
  if (!kiosk)
    throw new AppError('INPUT_INVALID', {
      message: `kiosk ${kioskId} not in cinema`,
      userMessage: 'No such kiosk here.',
    });
  await setOutOfService(services, { kioskId: kiosk.id, outOfService, byUserId: actor.userId });
}
