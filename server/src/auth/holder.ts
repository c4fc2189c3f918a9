// Who is asking: a kiosk (device token) or a web customer (signed session cookie). A hold belongs
// to its holder; only the holder may pay for or release it.
import { randomBytes } from 'node:crypto';
// The cookie methods on request and reply come from @fastify/cookie's type augmentation.
import type {} from '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { PrismaClient } from '../db/prisma';
import type { TEnv } from '../env';
import { AppError } from '../errors/app-error';
import { addressKey } from '../http/client-address';
import { hashToken } from './device-token';
import { metrics } from '../metrics/metrics';
import type { TServices } from '../services';
import { limitByKey } from './rate-limit';

export const SESSION_COOKIE = 'mq_session';

const SESSION_MAX_AGE_S = 30 * 24 * 3600;

export interface THolder {
  /** "kiosk:<kioskId>", "web:<sessionId>", "staff:<userId>" (box office) or "exchange:<bookingId>", stored on the booking. */
  key: string;
  channel: 'KIOSK' | 'WEB' | 'BOX_OFFICE';
  kioskId: string | null;
  /** A kiosk's cinema: it sells that cinema's shows only. Null on the web. */
  cinemaId: string | null;
  /** A kiosk taken out of service sells nothing new (a payment under way may finish). */
  outOfService: boolean;
}

/**
 * Marks a session, in its signed cookie, as counted against its address's new-session limit (its
 * first customer call did that). A session minted by any other call (a catalog read, say) is
 * counted when it first holds, so minting sessions elsewhere does not dodge the limit.
 */
const COUNTED = '.c';

function setSessionCookie(req: FastifyRequest, res: FastifyReply, env: Pick<TEnv, 'NODE_ENV'>, value: string) {
  void res.setCookie(SESSION_COOKIE, value, {
    signed: true,
    httpOnly: true,
    sameSite: 'lax',
    secure: env.NODE_ENV === 'production',
    path: '/',
    maxAge: SESSION_MAX_AGE_S,
  });
  // Later reads in the same request see the same session.
  req.cookies[SESSION_COOKIE] = res.signCookie(value);
}

/** The signed cookie's session: its id and whether it was counted; issues a new one if there is none. */
function webSession(
  req: FastifyRequest,
  res: FastifyReply,
  env: Pick<TEnv, 'NODE_ENV'>,
): { sessionId: string; counted: boolean } {
  const raw = req.cookies[SESSION_COOKIE];
  if (raw) {
    const unsigned = req.unsignCookie(raw);
    if (unsigned.valid && unsigned.value) {
      const counted = unsigned.value.endsWith(COUNTED);
      return { sessionId: counted ? unsigned.value.slice(0, -COUNTED.length) : unsigned.value, counted };
    }
  }
  const sessionId = randomBytes(16).toString('base64url');
  setSessionCookie(req, res, env, sessionId);
  return { sessionId, counted: false };
}

/** The web session id from the signed cookie, issuing a new cookie on the first call. */
export function webSessionId(req: FastifyRequest, res: FastifyReply, env: Pick<TEnv, 'NODE_ENV'>): string {
  return webSession(req, res, env).sessionId;
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
  redis,
}: {
  req: FastifyRequest;
  res: FastifyReply;
  prisma: PrismaClient;
  env: Pick<TEnv, 'NODE_ENV' | 'WEB_SESSIONS_PER_ADDRESS_PER_MINUTE'>;
  /** With Redis, new web sessions are limited per client address (a fresh session per call must not dodge per-holder limits). */
  redis?: TServices['redis'];
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
  const { sessionId, counted } = webSession(req, res, env);
  if (redis && !counted) {
    const address = addressKey(req.ip);
    try {
      await limitByKey(
        { redis },
        { name: 'web-session', key: address, perMinute: env.WEB_SESSIONS_PER_ADDRESS_PER_MINUTE },
      );
    } catch (err) {
      if (!(err instanceof AppError && err.code === 'RATE_LIMITED')) throw err;
      metrics.holdLimitRefusals.inc({ reason: 'new-sessions' });
      throw new AppError('RATE_LIMITED', {
        message: `new web sessions from ${address}: ${err.message}`,
        userMessage: err.userMessage,
        data: { holdLimit: 'new-sessions' },
      });
    }
    setSessionCookie(req, res, env, sessionId + COUNTED);
  }
  return { key: `web:${sessionId}`, channel: 'WEB', kioskId: null, cinemaId: null, outOfService: false };
}
