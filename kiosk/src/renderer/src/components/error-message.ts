import type { TMessages } from '../i18n/messages';
import { errorData } from '../trpc';

/** What to tell the customer about a failed call: our translation of its code, else the server's message. */
export function errorMessage(t: TMessages, err: unknown): string {
  const code = errorData(err)?.appCode;
  const translated = code ? t.errors[code] : undefined;
  if (translated) return translated;
  if (err instanceof Error && errorData(err)) return err.message;
  return t.errors.SERVICE_UNAVAILABLE!;
}
