// All tRPC wiring in one place: context, error mapping, and the procedure builders.
import { ERROR_CODES, type TAppErrorData, type TErrorCode, type TStaffRole } from '@marquee/shared';
import { initTRPC, TRPCError } from '@trpc/server';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { resolveHolder, webSessionId } from './auth';
import { assertSameSite, requireStaff } from './auth';
import { AppError, isDatabaseUnavailable } from './errors/app-error';
import { SSE_OPTIONS } from './realtime/sse-options';
import type { TServices } from './services';

export interface TContext extends TServices {
  req: FastifyRequest;
  res: FastifyReply;
}

export function createContextFactory(services: TServices) {
  return ({ req, res }: { req: FastifyRequest; res: FastifyReply }): TContext => {
    // A browser gets its session cookie on its first call, whatever it calls; kiosks use their token.
    if (!req.headers.authorization) webSessionId(req, res, services.env);
    return { ...services, req, res };
  };
}

type TIssue = { path?: readonly (PropertyKey | { key: PropertyKey })[]; message: string };

/** Input validation issues as field → message, e.g. { showtimeId: 'Invalid UUID' }. */
function fieldErrorsOf(cause: unknown): Record<string, string> | undefined {
  const issues = (cause as { issues?: unknown })?.issues;
  if (!Array.isArray(issues)) return undefined;
  const fields: Record<string, string> = {};
  for (const issue of issues as TIssue[]) {
    const field = (issue.path ?? []).map((p) => String(typeof p === 'object' ? p.key : p)).join('.') || 'input';
    fields[field] ??= issue.message;
  }
  return fields;
}

function appCodeFor(error: TRPCError): TErrorCode {
  if (error.cause instanceof AppError) return error.cause.code;
  if (error.code === 'BAD_REQUEST' || error.code === 'PARSE_ERROR') return 'INPUT_INVALID';
  if (error.code === 'TOO_MANY_REQUESTS') return 'RATE_LIMITED';
  if (error.code === 'SERVICE_UNAVAILABLE') return 'SERVICE_UNAVAILABLE';
  return 'INTERNAL';
}

const t = initTRPC.context<TContext>().create({
  // Stacks never leave the server (the formatter drops them; the log has them), so tRPC need not
  // format one (through source maps) for every refusal.
  isDev: false,
  // Subscriptions run over SSE; pings keep idle connections alive through proxies.
  sse: SSE_OPTIONS,
  errorFormatter({ shape, error }) {
    const appCode = appCodeFor(error);
    const data: TAppErrorData & typeof shape.data = { ...shape.data, appCode, stack: undefined };
    let message = shape.message;
    const fieldErrors = error.code === 'BAD_REQUEST' ? fieldErrorsOf(error.cause) : undefined;
    if (fieldErrors) {
      data.fieldErrors = fieldErrors;
      message = `Invalid input: ${Object.entries(fieldErrors)
        .map(([field, problem]) => `${field}: ${problem}`)
        .join('; ')}`;
    } else if (error.cause instanceof AppError) {
      Object.assign(data, error.cause.data);
    } else if (appCode === 'INTERNAL' && error.code === 'INTERNAL_SERVER_ERROR') {
      message = ERROR_CODES.INTERNAL.message; // internals stay in the log
    }
    return { ...shape, message, data };
  },
});

/** Turns AppErrors and unreachable-database failures into the right tRPC codes and readable messages. */
const mapErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (result.ok) return result;
  const cause = result.error.cause;
  if (cause instanceof AppError) {
    throw new TRPCError({ code: ERROR_CODES[cause.code].trpc, message: cause.userMessage, cause });
  }
  if (result.error.code === 'INTERNAL_SERVER_ERROR' && isDatabaseUnavailable(cause)) {
    const unavailable = new AppError('SERVICE_UNAVAILABLE', { message: 'database unreachable', cause });
    throw new TRPCError({ code: 'SERVICE_UNAVAILABLE', message: unavailable.userMessage, cause: unavailable });
  }
  return result;
});

export const router = t.router;
/** One namespace served by routers of two domains (the booking desk: bookings and the box office). */
export const mergeRouters = t.mergeRouters;
export const publicProcedure = t.procedure.use(mapErrors);

/** A procedure for a customer: the holder (kiosk device or web session) is known and in ctx. */
export const holderProcedure = publicProcedure.use(async ({ ctx, next }) =>
  next({ ctx: { holder: await resolveHolder(ctx) } }),
);

/** A procedure only a registered kiosk may call (device token); ctx.kioskId is its id. */
export const kioskProcedure = holderProcedure.use(async ({ ctx, next }) => {
  if (ctx.holder.kioskId === null) {
    throw new AppError('AUTH_REQUIRED', {
      message: `${ctx.holder.key} called a kiosk procedure`,
      userMessage: 'This device is not a registered kiosk.',
    });
  }
  return next({ ctx: { kioskId: ctx.holder.kioskId } });
});

/**
 * A procedure for signed-in staff of at least `role` (admin > manager > door staff), with
 * ctx.staff and the cinema they work for. Mutations must come from this site (CSRF).
 */
export function staffProcedure(role: TStaffRole) {
  return publicProcedure.use(async ({ ctx, type, path, next }) => {
    const staff = await requireStaff(ctx, ctx.req, role, path);
    if (type === 'mutation') assertSameSite(ctx.req);
    return next({ ctx: { staff, actor: { userId: staff.id, cinemaId: staff.cinemaId } } });
  });
}
