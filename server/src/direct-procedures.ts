// tRPC's HTTP adapter turns every call into a Fetch API Request and Response and makes half a dozen
// AbortSignals for it (each one costly on Node 20): about 0.37 ms of CPU per call measured here, an
// empty mutation answering 2,400 calls/s where a Fastify route with the same cookie and holder
// work answers 12,700. That is as much as a hold's own work in this process. So the mutations a
// storm of customers makes are served by a Fastify route at the same URL, built on tRPC's entry
// points for custom adapters: callTRPCProcedure runs the same procedure (its middlewares, input and
// output validation), getTRPCErrorShape formats errors with the router's own formatter, onError
// logs them as the adapter would. The wire format is tRPC's: POST /trpc/<path>, the input as the
// JSON body, { result: { data } } or { error } with tRPC's HTTP status. Anything else at those URLs
// (a batch, a streaming accept header, another content type) goes to tRPC's own handler.
import {
  callTRPCProcedure,
  getTRPCErrorFromUnknown,
  getTRPCErrorShape,
  transformTRPCResponse,
  TRPCError,
} from '@trpc/server';
import { fastifyRequestHandler } from '@trpc/server/adapters/fastify';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppRouter } from './router';
import type { TContext } from './trpc';

export interface TDirectProceduresOptions {
  router: AppRouter;
  createContext: (opts: { req: FastifyRequest; res: FastifyReply }) => TContext;
  onError: (opts: {
    error: TRPCError;
    type: 'mutation';
    path: string;
    input: unknown;
    ctx: TContext | undefined;
    req: FastifyRequest;
  }) => void;
  /** Mutation paths served directly, e.g. 'holds.create'. */
  paths: string[];
}

function parseInput(body: unknown): unknown {
  if (typeof body !== 'string' || body === '') return undefined;
  try {
    return JSON.parse(body) as unknown;
  } catch (cause) {
    throw new TRPCError({ code: 'PARSE_ERROR', message: 'Unable to parse the request body as JSON', cause });
  }
}

/** Registers the direct routes under `prefix` (tRPC's prefix), in a scope of their own (the body stays a string, as tRPC reads it). */
export async function registerDirectProcedures(
  app: FastifyInstance,
  prefix: string,
  opts: TDirectProceduresOptions,
): Promise<void> {
  const config = opts.router._def._config;
  const send = (reply: FastifyReply, status: number, body: unknown) =>
    reply
      .code(status)
      .header('content-type', 'application/json')
      .header('vary', 'trpc-accept, accept')
      .send(Buffer.from(JSON.stringify(transformTRPCResponse(config, body as never))));

  await app.register(async (scope) => {
    // The bodies tRPC's plugin lets through, as it lets them through; any other type Fastify refuses, as on every tRPC path.
    scope.removeContentTypeParser(['application/json', 'multipart/form-data']);
    scope.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => done(null, body));
    scope.addContentTypeParser('multipart/form-data', (_req, body, done) => done(null, body));
    for (const path of opts.paths) {
      scope.post(`${prefix}/${path}`, async (req, reply) => {
        const query = req.query as Record<string, unknown>;
        const json = req.headers['content-type']?.startsWith('application/json') ?? false;
        if (
          !json ||
          'batch' in query ||
          req.headers['trpc-accept'] !== undefined ||
          req.headers.accept?.includes('application/jsonl')
        ) {
          // tRPC's own handler for what this route does not speak; it reads the body as a string too.
          return fastifyRequestHandler({
            router: opts.router,
            createContext: opts.createContext,
            onError: opts.onError as never,
            req,
            res: reply,
            path,
          });
        }
        let ctx: TContext | undefined;
        let input: unknown;
        try {
          ctx = opts.createContext({ req, res: reply });
          input = parseInput(req.body);
          const data: unknown = await callTRPCProcedure({
            router: opts.router,
            path,
            type: 'mutation',
            ctx,
            getRawInput: () => Promise.resolve(input),
            signal: undefined,
            batchIndex: 0,
          });
          return send(reply, 200, { result: { data } });
        } catch (cause) {
          const error = getTRPCErrorFromUnknown(cause);
          opts.onError({ error, type: 'mutation', path, input, ctx, req });
          return send(reply, getHTTPStatusCodeFromError(error), {
            error: getTRPCErrorShape({ config, error, type: 'mutation', path, input, ctx }),
          });
        }
      });
    }
  });
}
