// Kiosk updates over plain HTTP, as tRPC carries neither: an admin's upload of a release (one
// multipart request: version, notes, the channel files and packages), and the feed electron-updater
// reads (its generic provider: GET <feed>/latest-linux.yml, then the package it names), served only
// to a kiosk with a valid device token, each kiosk the release its rollout gives it.
import { createReadStream } from 'node:fs';
import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { CHANNEL_FILE } from '@marquee/shared';
import { assertSameSite, hashToken, requireStaff } from '../auth';
import { AppError } from '../errors/app-error';
import type { TServices } from '../services';
import { offeredRelease } from './offered-release';
import { receiveReleaseFile, releaseFilePath, startIncomingRelease } from './release-files';
import { uploadRelease } from './upload-release';

/** Channel files and packages (AppImage, deb, exe) of one release, at most. */
const MAX_FILES = 12;

async function kioskOf({ prisma }: Pick<TServices, 'prisma'>, req: FastifyRequest) {
  const match = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
  const kiosk = match
    ? await prisma.kiosk.findUnique({
        where: { tokenHash: hashToken(match[1]!) },
        select: { id: true, cinemaId: true, revokedAt: true },
      })
    : null;
  if (!kiosk || kiosk.revokedAt)
    throw new AppError('AUTH_REQUIRED', {
      message: 'update feed without a valid kiosk token',
      userMessage: 'This kiosk is not registered. Please call staff.',
    });
  return kiosk;
}

export async function registerKioskUpdateRoutes(app: FastifyInstance, services: TServices): Promise<void> {
  const root = services.env.KIOSK_UPDATES_DIR;
  const maxBytes = services.env.KIOSK_RELEASE_MAX_BYTES;

  await app.register(async (uploads) => {
    await uploads.register(fastifyMultipart, {
      limits: { files: MAX_FILES, fields: 4, fieldSize: 4096, fileSize: maxBytes + 1, parts: MAX_FILES + 4 },
    });
    uploads.post('/admin/kiosk-releases', async (req, reply) => {
      const staff = await requireStaff(services, req, 'ADMIN', 'a kiosk release upload');
      assertSameSite(req);
      if (!req.isMultipart())
        throw new AppError('KIOSK_RELEASE_INVALID', {
          message: 'release upload not multipart',
          userMessage: 'Send the release as a form: version, and the files.',
        });
      const incoming = await startIncomingRelease(root);
      const fields: Record<string, string> = {};
      try {
        for await (const part of req.parts()) {
          if (part.type === 'field') fields[part.fieldname] = String(part.value);
          else await receiveReleaseFile(incoming, { name: part.filename, stream: part.file, maxBytes });
        }
      } catch (err) {
        await incoming.discard();
        // The rest of the request is read and dropped, so the client gets the answer, not a reset.
        req.raw.resume();
        if (
          (err as { code?: string }).code === 'FST_FILES_LIMIT' ||
          (err as { code?: string }).code === 'FST_PARTS_LIMIT'
        )
          throw new AppError('KIOSK_RELEASE_INVALID', {
            message: 'too many release files',
            userMessage: `A release has at most ${MAX_FILES} files.`,
            cause: err,
          });
        throw err;
      }
      const release = await uploadRelease(services, {
        actor: { userId: staff.id, cinemaId: staff.cinemaId },
        version: fields.version ?? '',
        notes: fields.notes ?? null,
        incoming,
      });
      return reply.code(201).send(release);
    });
  });

  app.get<{ Params: { file: string } }>('/kiosk/updates/:file', async (req, reply) => {
    const kiosk = await kioskOf(services, req);
    const release = await offeredRelease(services, { kioskId: kiosk.id, cinemaId: kiosk.cinemaId });
    const file = release?.files.find((f) => f.name === req.params.file);
    const filePath = release && file ? releaseFilePath(root, release.releaseId, file.name) : null;
    if (!release || !file || !filePath)
      return reply
        .code(404)
        .header('cache-control', 'no-store')
        .send({ error: { code: 'KIOSK_RELEASE_NOT_FOUND', message: 'No such update for this kiosk.' } });
    // Which release answered, for the kiosk's log and for tests; every answer is this kiosk's own.
    void reply.header('x-marquee-release', release.version).header('cache-control', 'no-store');
    if (CHANNEL_FILE.test(file.name)) void reply.type('text/yaml; charset=utf-8');
    else void reply.type('application/octet-stream').header('content-length', file.size);
    return reply.send(createReadStream(filePath));
  });
}
