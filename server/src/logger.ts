import { pino, type Logger } from 'pino';
import type { TEnv } from './env';

export type { Logger };

export function createLogger(env: Pick<TEnv, 'LOG_LEVEL'>, name: string): Logger {
  return pino({
    name,
    level: env.LOG_LEVEL,
    // Never let a credential reach the logs, whichever object it travels in.
    redact: ['req.headers.authorization', 'req.headers.cookie', '*.password', '*.passwordHash', '*.keySecret'],
  });
}
