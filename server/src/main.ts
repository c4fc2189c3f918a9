// The API process: Fastify + tRPC. Stops cleanly on SIGINT/SIGTERM: stop accepting, finish what is in flight, close pools.
import { buildApp } from './app';
import { createServices } from './create-services';
import { EnvError, parseEnv } from './env';

async function main(): Promise<void> {
  const env = parseEnv();
  const services = createServices(env, 'api');
  const app = await buildApp(services);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    services.log.info({ signal }, 'shutting down');
    const force = setTimeout(() => {
      services.log.error('shutdown took over 10 s; exiting');
      process.exit(1);
    }, 10_000).unref();
    try {
      await app.close();
      await services.close();
    } finally {
      clearTimeout(force);
    }
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
  await app.listen({ host: env.HOST, port: env.PORT });
}

main().catch((err: unknown) => {
  console.error(err instanceof EnvError ? `✖ ${err.message}` : err);
  process.exit(1);
});
