// The API process: Fastify + tRPC. On SIGINT/SIGTERM it stops accepting, finishes what is in flight, closes pools.
import { buildApp } from './app';
import { runProcess } from './lifecycle/run-process';

runProcess('api', { stopDeadlineMs: 10_000 }, async (services) => {
  const app = await buildApp(services);
  await app.listen({ host: services.env.HOST, port: services.env.PORT });
  return () => app.close();
});
