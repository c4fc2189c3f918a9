// An admin's new kiosk release: the files already received into their incoming folder are checked
// (version, channel files, every package they name), then recorded and moved into place in one go.
// A refusal removes the folder: nothing of a refused upload stays, on disk or in the database.
import { readFile } from 'node:fs/promises';
import { CHANNEL_FILE, type TKioskRelease } from '@marquee/shared';
import type { TStaffActor } from '../audit/record-audit';
import { recordAudit } from '../audit/record-audit';
import { AppError } from '../errors/app-error';
import type { TServices } from '../services';
import { checkRelease, checkReleaseVersion } from './check-release';
import type { TIncomingRelease } from './release-files';
import { toRelease } from './release-view';

/** A channel file is a few hundred bytes; anything past this is not one. */
const CHANNEL_FILE_MAX_BYTES = 64 * 1024;

export async function uploadRelease(
  { prisma }: Pick<TServices, 'prisma'>,
  {
    actor,
    version: rawVersion,
    notes,
    incoming,
  }: { actor: TStaffActor; version: unknown; notes: string | null; incoming: TIncomingRelease },
): Promise<TKioskRelease> {
  try {
    const version = checkReleaseVersion(rawVersion);
    const channelTexts = new Map<string, string>();
    for (const file of incoming.files.filter((f) => CHANNEL_FILE.test(f.name))) {
      if (file.size > CHANNEL_FILE_MAX_BYTES)
        throw new AppError('KIOSK_RELEASE_INVALID', {
          message: `channel file ${file.name} of ${file.size} bytes`,
          userMessage: `${file.name} is too large for a channel file.`,
        });
      channelTexts.set(file.name, await readFile(file.path, 'utf8'));
    }
    const files = checkRelease({
      version,
      files: incoming.files.map(({ name, size, sha512 }) => ({ name, size, sha512 })),
      channelTexts,
    });
    const existing = await prisma.kioskRelease.findUnique({
      where: { cinemaId_version: { cinemaId: actor.cinemaId, version } },
      select: { id: true },
    });
    if (existing)
      throw new AppError('KIOSK_RELEASE_EXISTS', {
        message: `release ${version} exists`,
        userMessage: `Version ${version} was already uploaded. Give the new build a higher version.`,
      });
    const release = await prisma.$transaction(async (tx) => {
      const row = await tx.kioskRelease.create({
        data: {
          cinemaId: actor.cinemaId,
          version,
          notes: notes?.trim().slice(0, 500) || null,
          files,
          uploadedById: actor.userId,
        },
        include: { uploadedBy: { select: { name: true } } },
      });
      await recordAudit(tx, {
        by: actor.userId,
        action: 'kiosk-release.upload',
        entityType: 'KioskRelease',
        entityId: row.id,
        data: { version, files: files.map((f) => ({ name: f.name, size: f.size })) },
      });
      // Last, so a failure here rolls the row back; the row commits only with its files in place.
      await incoming.accept(row.id);
      return row;
    });
    return toRelease(release);
  } catch (err) {
    await incoming.discard();
    // Two uploads of one version at once: the unique index lets one in.
    if ((err as { code?: string }).code === 'P2002')
      throw new AppError('KIOSK_RELEASE_EXISTS', { message: 'release version taken concurrently', cause: err });
    throw err;
  }
}
