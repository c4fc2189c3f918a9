// Which kiosks a share of the fleet is: each kiosk's place in 0..9999 from a hash of the release id
// and its own id. Deterministic (the same kiosk is in or out every time it asks), independent of
// the fleet's size and order, and monotonic: raising the share keeps every kiosk already in.
// Hashing the release id too spreads the first kiosks to get each new release around the fleet.
import { createHash } from 'node:crypto';

export const ROLLOUT_BUCKETS = 10_000;

export function rolloutBucket(releaseId: string, kioskId: string): number {
  const digest = createHash('sha256').update(`${releaseId}:${kioskId}`).digest();
  return digest.readUInt32BE(0) % ROLLOUT_BUCKETS;
}

export interface TCandidate {
  releaseId: string;
  percent: number;
  kioskIds: readonly string[];
}

/** Whether a kiosk gets the candidate release: chosen by name, or its bucket under the share. */
export function inRollout(candidate: TCandidate, kioskId: string): boolean {
  return (
    candidate.kioskIds.includes(kioskId) ||
    rolloutBucket(candidate.releaseId, kioskId) < (candidate.percent * ROLLOUT_BUCKETS) / 100
  );
}
