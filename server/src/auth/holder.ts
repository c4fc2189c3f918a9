// Who is asking: a kiosk (device token) or a web customer (signed session cookie). A hold belongs
// to its holder; only the holder may pay for or release it.
import { randomBytes } from 'node:crypto';
// The cookie methods on request and reply come from @fastify/cookie's type augmentation.
import type {} from '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { PrismaClient } from '../db/prisma';
import type { TEnv } from '../env';
import { AppError } from '../errors/app-error';
import { hashToken } from '../kiosks/device-token';

export const SESSION_COOKIE = 'mq_session';
const SESSION_MAX_AGE_S = 30 * 24 * 3600;

export interface THolder {
  /** "kiosk:<kioskId>" or "web:<sessionId>", stored on the booking. */
  key: string;
  channel: 'KIOSK' | 'WEB';
  kioskId: string | null;
  /** A kiosk's cinema: it sells that cinema's shows only. Null on the web. */
  cinemaId: string | null;
  /** A kiosk taken out of service sells nothing new (a payment under way may finish). */
  outOfService: boolean;
}

/** The web session id from the signed cookie, issuing a new cookie on the first call. */
export function webSessionId(req: FastifyRequest, res: FastifyReply, env: Pick<TEnv, 'NODE_ENV'>): string {
  const raw = req.cookies[SESSION_COOKIE];
  if (raw) {
    const unsigned = req.unsignCookie(raw);
    if (unsigned.valid && unsigned.value) return unsigned.value;
  }
  const sessionId = randomBytes(16).toString('base64url');
  void res.setCookie(SESSION_COOKIE, sessionId, {
    signed: true,
    httpOnly: true,
    sameSite: 'lax',
    secure: env.NODE_ENV === 'production',
    path: '/',
    maxAge: SESSION_MAX_AGE_S,
  });
  // Later reads in the same request see the same session.
  req.cookies[SESSION_COOKIE] = res.signCookie(sessionId);
  return sessionId;
}

function bearerToken(req: FastifyRequest): string | null {
  const header = req.headers.authorization;
  if (!header) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  return match?.[1] ?? null;
}

export async function resolveHolder({
  req,
  res,
  prisma,
  env,
}: {
  req: FastifyRequest;
  res: FastifyReply;
  prisma: PrismaClient;
  env: Pick<TEnv, 'NODE_ENV'>;
}): Promise<THolder> {
  const token = bearerToken(req);
  if (token === null && req.headers.authorization) {
    throw new AppError('AUTH_REQUIRED', {
      message: 'malformed Authorization header',
      userMessage: 'This device is not signed in.',
    });
  }
  if (token !== null) {
    const kiosk = await prisma.kiosk.findUnique({
      where: { tokenHash: hashToken(token) },
      select: { id: true, cinemaId: true, revokedAt: true, outOfService: true },
    });
    if (!kiosk || kiosk.revokedAt) {
      throw new AppError('AUTH_REQUIRED', {
        message: 'unknown or revoked kiosk token',
        userMessage: 'This kiosk is not registered. Please call staff.',
      });
    }
    return {
      key: `kiosk:${kiosk.id}`,
      channel: 'KIOSK',
      kioskId: kiosk.id,
      cinemaId: kiosk.cinemaId,
      outOfService: kiosk.outOfService,
    };
  }
  return {
    key: `web:${webSessionId(req, res, env)}`,
    channel: 'WEB',
    kioskId: null,
    cinemaId: null,
    outOfService: false,
  };
}
