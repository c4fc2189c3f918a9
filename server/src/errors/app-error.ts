import { ERROR_CODES, type TAppErrorData, type TErrorCode } from '@marquee/shared';

/**
 * The one error type services throw. `message` is for logs; `userMessage` is what a customer
 * at a kiosk reads. Mapped to a tRPC code in one place (trpc.ts).
 */
export class AppError extends Error {
  override name = 'AppError';
  readonly code: TErrorCode;
  readonly userMessage: string;
  readonly data: Omit<TAppErrorData, 'appCode'>;

  constructor(
    code: TErrorCode,
    opts: { message?: string; userMessage?: string; data?: Omit<TAppErrorData, 'appCode'>; cause?: unknown } = {},
  ) {
    super(opts.message ?? ERROR_CODES[code].message, { cause: opts.cause });
    this.code = code;
    this.userMessage = opts.userMessage ?? ERROR_CODES[code].message;
    this.data = opts.data ?? {};
  }
}

const CONNECTION_ERROR_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  '57P01',
  '57P03',
  'P1001',
  'P1002',
  'P1017',
]);

/** True when an error means the database could not be reached (as opposed to a bug or bad data). */
export function isDatabaseUnavailable(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e && depth < 6; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && CONNECTION_ERROR_CODES.has(code)) return true;
    const message = (e as { message?: unknown }).message;
    if (
      typeof message === 'string' &&
      /connection terminated|timeout exceeded when trying to connect|Connection refused|DatabaseNotReachable/i.test(
        message,
      )
    )
      return true;
  }
  return false;
}
