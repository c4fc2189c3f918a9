// A release's files on disk: received into a folder of their own under KIOSK_UPDATES_DIR while the
// upload streams in (hashed and counted on the way, never held whole in memory), then the folder is
// renamed to the release's id once the release is accepted, or removed when it is refused.
//
// Why disk and not Postgres: a kiosk package is 100 MB or more. In a bytea column every one would
// pass through the WAL and every backup, and Prisma reads a bytea whole into memory to serve it;
// from disk a download is streamed. Postgres keeps what must agree (version, names, sizes, SHA-512),
// and every file's hash is checked against the channel file at upload and by the kiosk at download.
import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { RELEASE_FILE_NAME, type TKioskReleaseFile } from '@marquee/shared';
import { AppError } from '../errors/app-error';

/** The folder of an accepted release. */
export function releaseDir(root: string, releaseId: string): string {
  return path.join(root, releaseId);
}

/** Where an accepted release's file lives; null for a name that is not a plain file name. */
export function releaseFilePath(root: string, releaseId: string, name: string): string | null {
  return RELEASE_FILE_NAME.test(name) ? path.join(releaseDir(root, releaseId), name) : null;
}

export interface TIncomingRelease {
  dir: string;
  files: (TKioskReleaseFile & { path: string })[];
  /** Removes the folder, under either name (a refused upload leaves nothing behind). */
  discard(): Promise<void>;
  /** Renames the folder to the release's own. */
  accept(releaseId: string): Promise<void>;
}

/** A new, empty folder for one upload. */
export async function startIncomingRelease(root: string): Promise<TIncomingRelease> {
  const dir = path.join(root, `.incoming-${randomUUID()}`);
  await mkdir(dir, { recursive: true });
  const files: TIncomingRelease['files'] = [];
  let acceptedAs: string | null = null;
  return {
    dir,
    files,
    // Also after accept(): the rename runs inside the release's transaction, which may still fail.
    discard: () => rm(acceptedAs ?? dir, { recursive: true, force: true }),
    accept: async (releaseId) => {
      await rename(dir, releaseDir(root, releaseId));
      acceptedAs = releaseDir(root, releaseId);
    },
  };
}

/**
 * Streams one file of an upload into the incoming folder, with its SHA-512 (base64, as
 * electron-builder writes it) and size. Refuses a bad or repeated name and a file over `maxBytes`
 * as soon as it is seen, without reading on.
 */
export async function receiveReleaseFile(
  incoming: TIncomingRelease,
  { name, stream, maxBytes }: { name: string; stream: Readable; maxBytes: number },
): Promise<TKioskReleaseFile> {
  if (!RELEASE_FILE_NAME.test(name))
    throw new AppError('KIOSK_RELEASE_INVALID', {
      message: `bad release file name ${JSON.stringify(name)}`,
      userMessage: `“${name.slice(0, 80)}” is not a release file name (letters, digits, dot, dash, underscore, plus; no folders).`,
    });
  if (incoming.files.some((f) => f.name === name))
    throw new AppError('KIOSK_RELEASE_INVALID', {
      message: `release file ${name} sent twice`,
      userMessage: `The file ${name} was sent twice.`,
    });
  const hash = createHash('sha512');
  let size = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      size += chunk.length;
      if (size > maxBytes) {
        done(
          new AppError('KIOSK_RELEASE_TOO_LARGE', {
            message: `release file ${name} over ${maxBytes} bytes`,
            userMessage: `The file ${name} is too large: at most ${Math.floor(maxBytes / 1024 / 1024)} MB.`,
          }),
        );
        return;
      }
      hash.update(chunk);
      done(null, chunk);
    },
  });
  const filePath = path.join(incoming.dir, name);
  await pipeline(stream, counter, createWriteStream(filePath, { flags: 'wx' }));
  const file = { name, size, sha512: hash.digest('base64'), path: filePath };
  incoming.files.push(file);
  return { name, size, sha512: file.sha512 };
}
