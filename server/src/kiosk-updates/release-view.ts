import { ZKioskReleaseFileSchema, type TKioskRelease } from '@marquee/shared';
import { z } from 'zod';

const ZFilesSchema = z.array(ZKioskReleaseFileSchema);

/** A release row as the dashboard sees it. */
export function toRelease(row: {
  id: string;
  version: string;
  notes: string | null;
  files: unknown;
  createdAt: Date;
  uploadedBy: { name: string };
}): TKioskRelease {
  return {
    id: row.id,
    version: row.version,
    notes: row.notes,
    files: ZFilesSchema.parse(row.files),
    uploadedAt: row.createdAt.toISOString(),
    uploadedBy: row.uploadedBy.name,
  };
}

/** The files stored with a release. */
export function releaseFiles(files: unknown) {
  return ZFilesSchema.parse(files);
}
