// Shared start and stop for the API and worker processes: a bad setting or a database behind its
// migrations stops the start with one line; SIGINT/SIGTERM runs `stop` once (finish in-flight work,
// close pools), with a deadline.
import { createServices } from '../create-services';
import { MigrationsPendingError } from '../db/pending-migrations';
import { EnvError, parseEnv } from '../env';
import type { TServices } from '../services';

export function runProcess(
  name: string,
  opts: { stopDeadlineMs: number },
  start: (services: TServices) => Promise<() => Promise<void>>,
): void {
  const boot = async () => {
    const services = createServices(parseEnv(), name);
    const stopWork = await start(services);
    let stopping = false;
    const stop = async (signal: string) => {
      if (stopping) return;
      stopping = true;
      services.log.info({ signal }, `${name} shutting down`);
      const force = setTimeout(() => {
        services.log.error(`${name} shutdown took over ${opts.stopDeadlineMs / 1000} s; exiting`);
        process.exit(1);
      }, opts.stopDeadlineMs).unref();
      try {
        await stopWork();
        await services.close();
      } finally {
        clearTimeout(force);
      }
      process.exit(0);
    };
    process.once('SIGINT', () => void stop('SIGINT'));
    process.once('SIGTERM', () => void stop('SIGTERM'));
  };
  boot().catch((err: unknown) => {
    console.error(err instanceof EnvError || err instanceof MigrationsPendingError ? `✖ ${err.message}` : err);
    process.exit(1);
  });
}
