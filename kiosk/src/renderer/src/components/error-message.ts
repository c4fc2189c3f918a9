import type { TMessages } from '../i18n/messages';
import { errorData, isNetworkFailure } from '../trpc';

/**
 * What to tell the customer about a failed call: that the API could not be reached, else our
 * translation of its code, else the server's message.
 */
export function errorMessage(t: TMessages, err: unknown): string {
  if (isNetworkFailure(err)) return t.networkError;
  const code = errorData(err)?.appCode;
  const translated = code ? t.errors[code] : undefined;
  if (translated) return translated;
  if (err instanceof Error && errorData(err)) return err.message;
  return t.errors.SERVICE_UNAVAILABLE!;
}
