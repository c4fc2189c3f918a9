// Fastify's close() stops accepting and waits for open connections, but not for a handler whose
// client has already gone: it keeps running (a hold between its Redis script and its COMMIT), and
// the process would close the database and Redis pools under it. So close() also waits for every
// handler that started to answer: onSend runs when it does, even with nobody left to send to.
// A handler that never answers is cut off by the process's stop deadline (lifecycle/run-process.ts).
import type { FastifyInstance, FastifyRequest } from 'fastify';

/** Handlers that started and have not answered yet, each with what marks it answered. */
const unanswered = new WeakMap<FastifyRequest, () => void>();

/**
 * Marks a request answered that Fastify will not send (a hijacked reply: a stream the route writes
 * to the socket itself), so close() does not wait for it.
 */
export function answeredByHijack(req: FastifyRequest): void {
  unanswered.get(req)?.();
}

/** Call before any route or plugin is registered, so every route gets the hooks. */
export function waitForHandlersOnClose(app: FastifyInstance): void {
  let running = 0;
  let drained: (() => void) | null = null;
  app.addHook('preHandler', (req, _reply, done) => {
    running++;
    unanswered.set(req, () => {
      unanswered.delete(req);
      if (--running === 0) drained?.();
    });
    done();
  });
  app.addHook('onSend', (req, _reply, payload, done) => {
    unanswered.get(req)?.();
    done(null, payload);
  });
  app.addHook('onClose', async () => {
    if (running > 0) await new Promise<void>((resolve) => (drained = resolve));
  });
}
