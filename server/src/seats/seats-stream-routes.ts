// seats.onChange, the stream every customer on a seat map holds, served by a Fastify route at tRPC's
// URL instead of tRPC's handler: tRPC runs one async generator per subscriber, with its own
// listener, timers, AbortSignals and Web streams, serializing and framing each event again for each
// one (about 130 KB of memory per subscriber and seconds of queued work before the first of 10,000
// is written to, docs/performance.md). Here a stream is a socket in the show's SseHub, which frames
// each event once and writes it to every socket, in tRPC's SSE wire format, so the apps' tRPC client
// reads it unchanged. Opening one reads no database while the show is live on this instance.
//
// What this route does not serve itself goes to tRPC's handler, which runs the procedure and answers
// exactly as before: a batch, input that does not parse, an unknown show (404), a stream over the
// limits (429 / 503).
import { ZSeatsOnChangeInputSchema } from '@marquee/shared';
import { getTRPCErrorShape, TRPCError } from '@trpc/server';
import { fastifyRequestHandler } from '@trpc/server/adapters/fastify';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../errors/app-error';
import { takeSocket } from '../http/take-socket';
import { answeredByHijack } from '../http/wait-for-handlers';
import { sseFrame } from '../realtime/sse-hub';
import type { TServices } from '../services';
import type { AppRouter } from '../router';
import type { TContext } from '../trpc';

const PATH = 'seats.onChange';

export interface TSeatsStreamOptions {
  router: AppRouter;
  createContext: (opts: { req: FastifyRequest; res: FastifyReply }) => TContext;
  onError: (opts: {
    error: TRPCError;
    type: 'subscription';
    path: string;
    input: unknown;
    ctx: TContext | undefined;
    req: FastifyRequest;
  }) => void;
}

function parseInput(raw: unknown): { showtimeId: string } | null {
  if (typeof raw !== 'string') return null;
  try {
    const parsed = ZSeatsOnChangeInputSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** The response head of a stream, with the headers hooks have set (CORS, the session cookie). */
function headOf(reply: FastifyReply, requestId: string): string {
  const headers: Record<string, unknown> = {
    ...reply.getHeaders(),
    'content-type': 'text/event-stream',
    'cache-control': 'no-cache, no-transform',
    'x-accel-buffering': 'no',
    'transfer-encoding': 'chunked',
    // The socket closes when the stream ends (the hub owns it, not Node's HTTP server).
    connection: 'close',
    'x-request-id': requestId,
  };
  let head = 'HTTP/1.1 200 OK\r\n';
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    for (const one of Array.isArray(value) ? value : [value]) head += `${name}: ${String(one)}\r\n`;
  }
  return head + '\r\n';
}

export function registerSeatsStreamRoutes(app: FastifyInstance, services: TServices, opts: TSeatsStreamOptions): void {
  const config = opts.router._def._config;
  // The end of a stream at its longest life, as tRPC ends one: a retryable error the client
  // reconnects after. The same for every stream, so made once.
  const renewal = new TRPCError({
    code: 'SERVICE_UNAVAILABLE',
    message: 'This live connection has run its time; reconnecting.',
    cause: new AppError('LIVE_STREAM_RENEW', { message: 'live stream reached LIVE_STREAM_MAX_SECONDS' }),
  });
  const renewFrame = sseFrame({
    event: 'serialized-error',
    data: JSON.stringify(
      getTRPCErrorShape({ config, error: renewal, type: 'subscription', path: PATH, input: undefined, ctx: undefined }),
    ),
  });
  const viaTrpc = (req: FastifyRequest, reply: FastifyReply) =>
    fastifyRequestHandler({
      router: opts.router,
      createContext: opts.createContext,
      onError: opts.onError as never,
      req,
      res: reply,
      path: PATH,
    });

  app.get(`/trpc/${PATH}`, async (req, reply) => {
    const query = req.query as Record<string, unknown>;
    const input = 'batch' in query ? null : parseInput(query.input);
    if (!input) return viaTrpc(req, reply);
    let ended: ((frame: string | null) => void) | null = null;
    let expired = false;
    let lease: { release: () => void };
    try {
      // Kept for the stream's life: it refers to nothing of the request (the hub keeps only the socket).
      lease = services.liveStreams.acquire(req.ip, () => {
        expired = true;
        ended?.(renewFrame);
      });
    } catch (err) {
      if (err instanceof AppError && err.code === 'LIVE_STREAM_LIMIT') return viaTrpc(req, reply);
      throw err;
    }
    let version: number | null;
    try {
      version = await services.seatStreams.open(input.showtimeId);
    } catch (err) {
      lease.release();
      throw err;
    }
    if (version === null) {
      lease.release();
      return viaTrpc(req, reply); // the procedure answers NOT_FOUND as it always has
    }
    opts.createContext({ req, res: reply }); // a browser's session cookie, as on every call
    void reply.hijack();
    answeredByHijack(req);
    // The hub keeps the socket alone: Node's parser, request and response, and Fastify's, go.
    const socket = takeSocket(req.raw);
    if (expired || socket.destroyed) {
      lease.release();
      socket.destroy();
      return;
    }
    ended = services.seatStreams.attach(input.showtimeId, socket, headOf(reply, req.id), lease.release).end;
  });
}
