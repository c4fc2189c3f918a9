// Kiosk software updates (kioskUpdates.* and the heartbeat's `update`): releases an admin uploads,
// rolled out to chosen kiosks or a share of the fleet, and what each kiosk reports of its update.
import { z } from 'zod';

/** What a kiosk's updater is doing, as the heartbeat reports it. */
export const KIOSK_UPDATE_STATES = ['idle', 'checking', 'downloading', 'downloaded', 'installing', 'error'] as const;
export type TKioskUpdateState = (typeof KIOSK_UPDATE_STATES)[number];

/** Semantic version 2.0 (the grammar's own expression), as electron-updater compares versions. */
const SEMVER =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;

export const ZReleaseVersionSchema = z
  .string()
  .trim()
  .max(64, 'a version is at most 64 characters')
  .regex(SEMVER, 'must be a version like 1.4.0 (major.minor.patch)');

export const ZKioskUpdateReportSchema = z.strictObject({
  state: z.enum(KIOSK_UPDATE_STATES),
  /** The version being checked for, downloaded or installed; null when idle with nothing found. */
  version: z.string().max(64).nullable(),
  error: z.string().max(300).nullable(),
});
export type TKioskUpdateReport = z.infer<typeof ZKioskUpdateReportSchema>;

/**
 * electron-builder's channel files: latest.yml (Windows), latest-linux.yml (Linux x64) and
 * latest-linux-<arch>.yml; a kiosk asks for the one of its platform.
 */
export const CHANNEL_FILE = /^latest(-linux(-[a-z0-9]+)?)?\.yml$/;
/** A package's file name as electron-builder writes it: no folders, no spaces. */
export const RELEASE_FILE_NAME = /^[A-Za-z0-9][A-Za-z0-9._+-]{0,199}$/;
/** The packages a channel file may name. */
export const RELEASE_PACKAGE = /\.(AppImage|deb|exe)$/;

export const ZKioskReleaseFileSchema = z.object({ name: z.string(), size: z.int().nonnegative(), sha512: z.string() });
export type TKioskReleaseFile = z.infer<typeof ZKioskReleaseFileSchema>;

export const ZKioskReleaseSchema = z.object({
  id: z.uuid(),
  version: z.string(),
  notes: z.string().nullable(),
  files: z.array(ZKioskReleaseFileSchema),
  uploadedAt: z.iso.datetime(),
  uploadedBy: z.string(),
});
export type TKioskRelease = z.infer<typeof ZKioskReleaseSchema>;

export const ZKioskUpdateKioskSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  appVersion: z.string().nullable(),
  updateState: z.enum(KIOSK_UPDATE_STATES).nullable(),
  updateVersion: z.string().nullable(),
  /** The version the feed offers this kiosk now (null: no release yet). */
  offeredVersion: z.string().nullable(),
  inRollout: z.boolean(),
});
export type TKioskUpdateKiosk = z.infer<typeof ZKioskUpdateKioskSchema>;

export const ZKioskUpdatesSchema = z.object({
  releases: z.array(ZKioskReleaseSchema),
  stableReleaseId: z.uuid().nullable(),
  candidate: z
    .object({ releaseId: z.uuid(), percent: z.int().min(0).max(100), kioskIds: z.array(z.uuid()) })
    .nullable(),
  /** Whether rollback has somewhere to go (a candidate to withdraw, or an earlier stable release). */
  canRollBack: z.boolean(),
  kiosks: z.array(ZKioskUpdateKioskSchema),
});
export type TKioskUpdates = z.infer<typeof ZKioskUpdatesSchema>;

/** Roll a release out: to the chosen kiosks and to `percent` of the fleet; 100 makes it the stable release. */
export const ZKioskRolloutInputSchema = z.strictObject({
  releaseId: z.uuid(),
  percent: z.int('a share is a whole percentage').min(0, 'at least 0%').max(100, 'at most 100%'),
  kioskIds: z.array(z.uuid()).max(500),
});
export type TKioskRolloutInput = z.infer<typeof ZKioskRolloutInputSchema>;

export const ZKioskRollbackOutputSchema = z.object({
  /** The version every kiosk is now offered (null: none). */
  stableVersion: z.string().nullable(),
});

/** The largest single file of a release the server takes unless KIOSK_RELEASE_MAX_BYTES says otherwise. */
export const KIOSK_RELEASE_DEFAULT_MAX_BYTES = 400 * 1024 * 1024;
