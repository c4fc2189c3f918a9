// A manager asks for a one-time code for a new (or replaced) kiosk of their cinema: issued, audited,
// and the dashboards told, so the new kiosk shows in the fleet at once.
import type { TKioskCode } from '@marquee/shared';
import { recordAudit, type TStaffActor } from '../audit/record-audit';
import type { TServices } from '../services';
import { issueRegistrationCode } from './registration-code';

export async function issueKioskCode(
  services: Pick<TServices, 'prisma' | 'fleetEvents'>,
  { actor, name }: { actor: TStaffActor; name: string },
): Promise<TKioskCode> {
  const issued = await issueRegistrationCode(services, { cinemaId: actor.cinemaId, name });
  await recordAudit(services.prisma, {
    by: actor.userId,
    action: 'kiosk.code',
    entityType: 'Kiosk',
    entityId: issued.kioskId,
    data: { name },
  });
  await services.fleetEvents.publish({ cinemaId: actor.cinemaId, kioskId: issued.kioskId });
  return { kioskId: issued.kioskId, code: issued.code, expiresAt: issued.expiresAt.toISOString() };
}
