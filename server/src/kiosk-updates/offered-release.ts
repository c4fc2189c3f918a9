// What the update feed offers one kiosk: the candidate release if the kiosk is in its rollout,
// else the cinema's stable release, else nothing.
import type { TServices } from '../services';
import { releaseFiles } from './release-view';
import { inRollout } from './rollout-bucket';

export interface TOfferedRelease {
  releaseId: string;
  version: string;
  files: ReturnType<typeof releaseFiles>;
  inRollout: boolean;
}

type TRolloutRow = {
  stableReleaseId: string | null;
  candidateReleaseId: string | null;
  candidatePercent: number;
  candidateKioskIds: string[];
};

/** The release id a kiosk is offered under a rollout state, and whether that is the candidate. */
export function offeredReleaseId(
  rollout: TRolloutRow | null,
  kioskId: string,
): { releaseId: string | null; inRollout: boolean } {
  if (!rollout) return { releaseId: null, inRollout: false };
  const candidate = rollout.candidateReleaseId;
  if (
    candidate &&
    inRollout({ releaseId: candidate, percent: rollout.candidatePercent, kioskIds: rollout.candidateKioskIds }, kioskId)
  )
    return { releaseId: candidate, inRollout: true };
  return { releaseId: rollout.stableReleaseId, inRollout: false };
}

export async function offeredRelease(
  { prisma }: Pick<TServices, 'prisma'>,
  { kioskId, cinemaId }: { kioskId: string; cinemaId: string },
): Promise<TOfferedRelease | null> {
  const rollout = await prisma.kioskRollout.findUnique({ where: { cinemaId } });
  const offer = offeredReleaseId(rollout, kioskId);
  if (!offer.releaseId) return null;
  const release = await prisma.kioskRelease.findUniqueOrThrow({
    where: { id: offer.releaseId },
    select: { id: true, version: true, files: true },
  });
  return {
    releaseId: release.id,
    version: release.version,
    files: releaseFiles(release.files),
    inRollout: offer.inRollout,
  };
}
