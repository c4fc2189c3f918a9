// Rolling a release out to the chosen kiosks and a share of the fleet. At 100% it becomes the
// stable release every kiosk gets (the one before is kept, so the rollout can still be rolled back).
// One rollout state per cinema, changed under its row lock, so two admins never interleave.
import type { TKioskRolloutInput } from '@marquee/shared';
import type { TStaffActor } from '../audit/record-audit';
import { recordAudit } from '../audit/record-audit';
import { AppError } from '../errors/app-error';
import type { Prisma } from '../generated/prisma/client';
import type { TServices } from '../services';

/** The cinema's rollout row, created if need be and locked for the rest of the transaction. */
export async function lockRollout(tx: Prisma.TransactionClient, cinemaId: string) {
  await tx.$executeRaw`INSERT INTO "KioskRollout" ("cinemaId", "updatedAt") VALUES (${cinemaId}::uuid, now())
    ON CONFLICT ("cinemaId") DO NOTHING`;
  await tx.$queryRaw`SELECT 1 FROM "KioskRollout" WHERE "cinemaId" = ${cinemaId}::uuid FOR UPDATE`;
  return tx.kioskRollout.findUniqueOrThrow({
    where: { cinemaId },
    include: { stable: { select: { version: true } }, candidate: { select: { version: true } } },
  });
}

export async function rollOutRelease(
  { prisma }: Pick<TServices, 'prisma'>,
  { actor, releaseId, percent, kioskIds }: TKioskRolloutInput & { actor: TStaffActor },
): Promise<void> {
  const chosen = [...new Set(kioskIds)];
  await prisma.$transaction(async (tx) => {
    const release = await tx.kioskRelease.findFirst({
      where: { id: releaseId, cinemaId: actor.cinemaId },
      select: { id: true, version: true },
    });
    if (!release) throw new AppError('KIOSK_RELEASE_NOT_FOUND', { message: `release ${releaseId} not found` });
    const known = await tx.kiosk.count({ where: { id: { in: chosen }, cinemaId: actor.cinemaId, revokedAt: null } });
    if (known !== chosen.length)
      throw new AppError('INPUT_INVALID', {
        message: 'rollout names kiosks of another cinema or revoked ones',
        userMessage: 'Some of the chosen kiosks are not (or no longer) in this cinema.',
      });
    const rollout = await lockRollout(tx, actor.cinemaId);
    if (rollout.stableReleaseId === release.id)
      throw new AppError('KIOSK_RELEASE_INVALID', {
        message: `release ${release.version} is already stable`,
        userMessage: `Every kiosk already gets ${release.version}.`,
      });
    const complete = percent === 100;
    await tx.kioskRollout.update({
      where: { cinemaId: actor.cinemaId },
      data: complete
        ? {
            stableReleaseId: release.id,
            previousReleaseId: rollout.stableReleaseId,
            candidateReleaseId: null,
            candidatePercent: 0,
            candidateKioskIds: [],
          }
        : { candidateReleaseId: release.id, candidatePercent: percent, candidateKioskIds: chosen },
    });
    await recordAudit(tx, {
      by: actor.userId,
      action: 'kiosk-release.rollout',
      entityType: 'KioskRelease',
      entityId: release.id,
      data: {
        version: release.version,
        percent,
        kioskIds: chosen,
        stableBefore: rollout.stable?.version ?? null,
        replacedCandidate:
          rollout.candidate && rollout.candidateReleaseId !== release.id ? rollout.candidate.version : null,
      },
    });
  });
}
