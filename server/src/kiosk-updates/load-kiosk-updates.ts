// The dashboard's Releases page: every release, the rollout as it stands, and each kiosk's version,
// update state and what the feed offers it now.
import type { TKioskUpdates } from '@marquee/shared';
import type { TServices } from '../services';
import { offeredReleaseId } from './offered-release';
import { toRelease } from './release-view';

const STATE = {
  IDLE: 'idle',
  CHECKING: 'checking',
  DOWNLOADING: 'downloading',
  DOWNLOADED: 'downloaded',
  INSTALLING: 'installing',
  ERROR: 'error',
} as const;

export async function loadKioskUpdates(
  { prisma }: Pick<TServices, 'prisma'>,
  { cinemaId }: { cinemaId: string },
): Promise<TKioskUpdates> {
  const [releases, rollout, kiosks] = await Promise.all([
    prisma.kioskRelease.findMany({
      where: { cinemaId },
      orderBy: { createdAt: 'desc' },
      include: { uploadedBy: { select: { name: true } } },
    }),
    prisma.kioskRollout.findUnique({ where: { cinemaId } }),
    prisma.kiosk.findMany({
      where: { cinemaId, revokedAt: null },
      orderBy: { name: 'asc' },
      select: { id: true, name: true, appVersion: true, updateState: true, updateVersion: true },
    }),
  ]);
  const versions = new Map(releases.map((r) => [r.id, r.version]));
  return {
    releases: releases.map(toRelease),
    stableReleaseId: rollout?.stableReleaseId ?? null,
    candidate: rollout?.candidateReleaseId
      ? {
          releaseId: rollout.candidateReleaseId,
          percent: rollout.candidatePercent,
          kioskIds: rollout.candidateKioskIds,
        }
      : null,
    canRollBack: Boolean(rollout?.candidateReleaseId || rollout?.previousReleaseId),
    kiosks: kiosks.map((k) => {
      const offer = offeredReleaseId(rollout, k.id);
      return {
        id: k.id,
        name: k.name,
        appVersion: k.appVersion,
        updateState: k.updateState ? STATE[k.updateState] : null,
        updateVersion: k.updateVersion,
        offeredVersion: offer.releaseId ? (versions.get(offer.releaseId) ?? null) : null,
        inRollout: offer.inRollout,
      };
    }),
  };
}
