// Staff sign-in for the manager dashboard and the door: argon2id passwords, server-side sessions
// (only a hash of the cookie's secret is stored), growing delays after repeated failures, and roles.
//
// Failures are counted per account *and* address: after LOGIN_FREE_FAILURES wrong passwords from one
// address, that address must wait before its next try at that account (15 s, doubling, at most
// LOGIN_DELAY_MAX_SECONDS), while the owner signing in from anywhere else is not held up. Every
// refusal before the password is known to be right reads the same, so none tells which accounts exist.
import { randomBytes } from 'node:crypto';
import type { TStaffMe, TStaffRole } from '@marquee/shared';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../errors/app-error';
import { hashToken } from './device-token';
import type { TServices } from '../services';
import { hashPassword, verifyPassword } from './password';
import { limitByKey } from './rate-limit';
import { recordAudit } from '../audit/record-audit';

export const STAFF_COOKIE = 'mq_staff';
/** A session ends after this long without use, and in any case after STAFF_SESSION_MAX_MS. */
export const STAFF_SESSION_IDLE_MS = 12 * 3600_000;
const STAFF_SESSION_MAX_MS = 7 * 24 * 3600_000;
/** The first delay, once an address has used up its free failures on an account; each failure doubles it. */
export const LOGIN_FIRST_DELAY_MS = 15_000;

const RANK: Record<TStaffRole, number> = { STAFF: 1, MANAGER: 2, ADMIN: 3 };
/** Admins may do what managers do, managers what door staff do. */
export const hasRole = (role: TStaffRole, atLeast: TStaffRole): boolean => RANK[role] >= RANK[atLeast];

// Unknown emails still pay for one argon2 verification, so timing does not tell which accounts exist.
let dummyHash: Promise<string> | undefined;
const dummy = () => (dummyHash ??= hashPassword(randomBytes(16).toString('hex')));

/** The one answer to a sign-in that fails: unknown email, wrong password, or an address made to wait. */
export const BAD_LOGIN =
  'That email and password do not match. After several wrong tries, wait a minute before the next one.';

export interface TStaff extends TStaffMe {
  sessionId: string;
  cinemaId: string | null;
}

function setSessionCookie(res: FastifyReply, secure: boolean, value: string, maxAgeS: number): void {
  void res.setCookie(STAFF_COOKIE, value, { httpOnly: true, sameSite: 'strict', secure, path: '/', maxAge: maxAgeS });
}

export async function logIn(
  services: Pick<TServices, 'prisma' | 'redis' | 'env' | 'log'>,
  {
    req,
    res,
    email,
    password,
    now = new Date(),
  }: { req: FastifyRequest; res: FastifyReply; email: string; password: string; now?: Date },
): Promise<TStaffMe> {
  const address = email.trim().toLowerCase();
  await limitByKey(services, { name: 'staff-login-ip', key: req.ip, perMinute: 20 });
  // Per email *and* address: a stranger's tries never use up the owner's.
  await limitByKey(services, { name: 'staff-login-email', key: `${address} ${req.ip}`, perMinute: 10 });
  const refuse = (why: string) => new AppError('AUTH_REQUIRED', { message: why, userMessage: BAD_LOGIN });
  const user = await services.prisma.staffUser.findUnique({
    where: { email: address },
    include: { cinema: { select: { name: true, timeZone: true } } },
  });
  if (!user) {
    await verifyPassword(await dummy(), password);
    throw refuse(`login for unknown ${address}`);
  }
  const failure = await services.prisma.staffLoginFailure.findUnique({
    where: { userId_ip: { userId: user.id, ip: req.ip } },
    select: { blockedUntil: true },
  });
  if (failure?.blockedUntil && failure.blockedUntil > now) {
    // Not even checked: the password is not tried while this address waits (same time as a real check).
    await verifyPassword(await dummy(), password);
    throw refuse(`login for ${address} from ${req.ip} while it waits until ${failure.blockedUntil.toISOString()}`);
  }
  if (!(await verifyPassword(user.passwordHash, password))) {
    const failures = await countFailure(services, { userId: user.id, ip: req.ip, now });
    services.log.warn({ userId: user.id, ip: req.ip, failures }, 'staff login failed');
    if (failures === services.env.LOGIN_FREE_FAILURES) {
      await recordAudit(services.prisma, {
        by: null,
        action: 'staff.locked',
        entityType: 'StaffUser',
        entityId: user.id,
        data: { failures, ip: req.ip },
      });
    }
    throw refuse(`wrong password for ${address} from ${req.ip} (${failures} failures)`);
  }
  if (user.disabledAt)
    throw new AppError('AUTH_FORBIDDEN', {
      message: `login for disabled ${address}`,
      userMessage: 'This account is disabled. Ask an admin.',
    });

  const secret = randomBytes(32).toString('base64url');
  const session = await services.prisma.staffSession.create({
    data: {
      userId: user.id,
      tokenHash: hashToken(secret),
      expiresAt: new Date(now.getTime() + STAFF_SESSION_IDLE_MS),
      userAgent: req.headers['user-agent']?.slice(0, 200) ?? null,
      ip: req.ip,
    },
  });
  await services.prisma.staffLoginFailure.deleteMany({ where: { userId: user.id, ip: req.ip } });
  await recordAudit(services.prisma, {
    by: user.id,
    action: 'staff.login',
    entityType: 'StaffSession',
    entityId: session.id,
    data: { ip: req.ip },
  });
  setSessionCookie(res, services.env.NODE_ENV === 'production', `${session.id}.${secret}`, STAFF_SESSION_MAX_MS / 1000);
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    cinemaName: user.cinema?.name ?? null,
    cinemaTimeZone: user.cinema?.timeZone ?? null,
  };
}

/**
 * Counts one wrong password for the account from the address, in one statement (parallel guesses
 * cannot slip past), and sets how long that address must wait: nothing for the first
 * LOGIN_FREE_FAILURES, then 15 s doubling per failure up to LOGIN_DELAY_MAX_SECONDS.
 */
async function countFailure(
  { prisma, env }: Pick<TServices, 'prisma' | 'env'>,
  { userId, ip, now }: { userId: string; ip: string; now: Date },
): Promise<number> {
  const free = env.LOGIN_FREE_FAILURES;
  const maxMs = env.LOGIN_DELAY_MAX_SECONDS * 1000;
  const [row] = await prisma.$queryRaw<{ failures: number }[]>`
    INSERT INTO "StaffLoginFailure" ("userId", ip, failures, "lastFailedAt", "blockedUntil")
    VALUES (${userId}::uuid, ${ip}, 1, ${now},
      CASE WHEN 1 >= ${free} THEN ${now}::timestamptz + make_interval(secs => ${LOGIN_FIRST_DELAY_MS / 1000}) END)
    ON CONFLICT ("userId", ip) DO UPDATE SET
      failures = "StaffLoginFailure".failures + 1,
      "lastFailedAt" = EXCLUDED."lastFailedAt",
      "blockedUntil" = CASE WHEN "StaffLoginFailure".failures + 1 >= ${free}
        THEN ${now}::timestamptz + make_interval(secs => LEAST(
          ${LOGIN_FIRST_DELAY_MS / 1000}::float8 * power(2, LEAST("StaffLoginFailure".failures + 1 - ${free}, 30)),
          ${maxMs / 1000}::float8))
        ELSE NULL END
    RETURNING failures`;
  return row?.failures ?? 0;
}

/** The signed-in staff member, or null: no cookie, an unknown, expired or ended session, a disabled account. */
export async function currentStaff(
  { prisma }: Pick<TServices, 'prisma'>,
  req: FastifyRequest,
  now = new Date(),
): Promise<TStaff | null> {
  const raw = req.cookies[STAFF_COOKIE];
  const match = raw ? /^([0-9a-f-]{36})\.([A-Za-z0-9_-]{43})$/.exec(raw) : null;
  if (!match) return null;
  const session = await prisma.staffSession.findUnique({
    where: { tokenHash: hashToken(match[2]!) },
    include: { user: { include: { cinema: { select: { name: true, timeZone: true } } } } },
  });
  if (
    !session ||
    session.id !== match[1] ||
    session.expiresAt <= now ||
    session.createdAt.getTime() + STAFF_SESSION_MAX_MS <= now.getTime() ||
    session.user.disabledAt
  )
    return null;
  // Sliding expiry, written at most once a minute per session.
  if (now.getTime() - session.lastSeenAt.getTime() > 60_000) {
    await prisma.staffSession.update({
      where: { id: session.id },
      data: { lastSeenAt: now, expiresAt: new Date(now.getTime() + STAFF_SESSION_IDLE_MS) },
    });
  }
  const { user } = session;
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    cinemaName: user.cinema?.name ?? null,
    cinemaTimeZone: user.cinema?.timeZone ?? null,
    cinemaId: user.cinemaId,
    sessionId: session.id,
  };
}

/**
 * The signed-in staff member of a cinema with at least `role`, or the refusal (sign in; not allowed;
 * no cinema). `what` names the call in the log. tRPC procedures and REST routes both go through it.
 */
export async function requireStaff(
  services: Pick<TServices, 'prisma'>,
  req: FastifyRequest,
  role: TStaffRole,
  what: string,
): Promise<TStaff & { cinemaId: string }> {
  const staff = await currentStaff(services, req);
  if (!staff)
    throw new AppError('AUTH_REQUIRED', {
      message: `no staff session for ${what}`,
      userMessage: 'Please sign in to the dashboard.',
    });
  if (!hasRole(staff.role, role)) {
    throw new AppError('AUTH_FORBIDDEN', {
      message: `${staff.role} ${staff.id} called ${what} (needs ${role})`,
      userMessage: `Only ${role === 'ADMIN' ? 'an admin' : 'a manager or admin'} can do that.`,
    });
  }
  if (!staff.cinemaId)
    throw new AppError('AUTH_FORBIDDEN', {
      message: `staff ${staff.id} has no cinema`,
      userMessage: 'Your account is not attached to a cinema. Ask an admin.',
    });
  return { ...staff, cinemaId: staff.cinemaId };
}

export async function logOut(
  { prisma, env }: Pick<TServices, 'prisma' | 'env'>,
  { res, staff }: { res: FastifyReply; staff: TStaff | null },
): Promise<void> {
  if (staff) {
    await prisma.staffSession.deleteMany({ where: { id: staff.sessionId } });
    await recordAudit(prisma, {
      by: staff.id,
      action: 'staff.logout',
      entityType: 'StaffSession',
      entityId: staff.sessionId,
    });
  }
  setSessionCookie(res, env.NODE_ENV === 'production', '', 0);
}

/**
 * Cross-site request forgery: a staff mutation must come from a page of this site. Browsers send
 * Origin on every POST and Sec-Fetch-Site on every request; a form or script on another site fails
 * here even if some browser sent the SameSite=Strict cookie along.
 */
export function assertSameSite(req: FastifyRequest): void {
  const site = req.headers['sec-fetch-site'];
  const origin = req.headers.origin;
  // Fastify's host honours X-Forwarded-Host behind a trusted proxy (TRUST_PROXY), as the browser sees it.
  const host = req.host;
  let originHost: string | null = null;
  if (typeof origin === 'string') {
    try {
      originHost = new URL(origin).host;
    } catch {
      originHost = 'unparseable';
    }
  }
  const crossSite =
    (typeof site === 'string' && site !== 'same-origin' && site !== 'none') ||
    (originHost !== null && originHost !== host);
  if (crossSite)
    throw new AppError('AUTH_FORBIDDEN', {
      message: `cross-site staff mutation from ${String(origin ?? site)}`,
      userMessage: 'This action must be made from the Marquee dashboard.',
    });
}
