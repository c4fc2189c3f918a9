import { createTRPCClient, httpLink } from '@trpc/client';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../app';
import type { AppRouter } from '../router';
import type { TServices } from '../services';

export interface TTestServer {
  app: FastifyInstance;
  url: string;
  client: ReturnType<typeof createTRPCClient<AppRouter>>;
  close: () => Promise<void>;
}

/** The real API on a free port of 127.0.0.1, and a tRPC client that talks to it over HTTP. */
export async function startTestServer(services: TServices): Promise<TTestServer> {
  const app = await buildApp(services);
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('server has no TCP address');
  const url = `http://127.0.0.1:${address.port}`;
  const client = createTRPCClient<AppRouter>({ links: [httpLink({ url: `${url}/trpc` })] });
  // Tests end abruptly: drop clients' keep-alive sockets (SSE ones included) instead of waiting them out.
  const close = async () => {
    const closing = app.close();
    app.server.closeAllConnections();
    await closing;
  };
  return { app, url, client, close };
}
