// Rolling back: a release still being rolled out is withdrawn (every kiosk gets the stable one
// again); with none under way, the stable release gives way to the one before it. Kiosks that
// installed the withdrawn version are offered the older one and install it (they allow downgrades).
import { recordAudit, type TStaffActor } from '../audit/record-audit';
import { AppError } from '../errors/app-error';
import type { TServices } from '../services';
import { lockRollout } from './roll-out-release';

export async function rollBackRelease(
  { prisma }: Pick<TServices, 'prisma'>,
  { actor }: { actor: TStaffActor },
): Promise<{ stableVersion: string | null }> {
  return prisma.$transaction(async (tx) => {
    const rollout = await lockRollout(tx, actor.cinemaId);
    let withdrawn: { id: string; version: string };
    let stableVersion: string | null;
    if (rollout.candidateReleaseId && rollout.candidate) {
      withdrawn = { id: rollout.candidateReleaseId, version: rollout.candidate.version };
      stableVersion = rollout.stable?.version ?? null;
      await tx.kioskRollout.update({
        where: { cinemaId: actor.cinemaId },
        data: { candidateReleaseId: null, candidatePercent: 0, candidateKioskIds: [] },
      });
    } else if (rollout.stableReleaseId && rollout.stable && rollout.previousReleaseId) {
      const previous = await tx.kioskRelease.findUniqueOrThrow({
        where: { id: rollout.previousReleaseId },
        select: { version: true },
      });
      withdrawn = { id: rollout.stableReleaseId, version: rollout.stable.version };
      stableVersion = previous.version;
      await tx.kioskRollout.update({
        where: { cinemaId: actor.cinemaId },
        data: { stableReleaseId: rollout.previousReleaseId, previousReleaseId: null },
      });
    } else {
      throw new AppError('KIOSK_ROLLBACK_NOTHING', { message: 'nothing to roll back' });
    }
    await recordAudit(tx, {
      by: actor.userId,
      action: 'kiosk-release.rollback',
      entityType: 'KioskRelease',
      entityId: withdrawn.id,
      data: { withdrawn: withdrawn.version, stable: stableVersion },
    });
    return { stableVersion };
  });
}
