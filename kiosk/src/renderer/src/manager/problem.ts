import { TRPCClientError } from '@trpc/client';
import { errorMessage } from '../components/error-message';
import { useI18n } from '../i18n/i18n';

/** The server's own message for a refusal (it is written for people); a plain line for anything else. */
export function problem(err: unknown): string {
  if (err instanceof TRPCClientError && err.data) return err.message;
  return 'Marquee could not be reached. Check the connection and try again.';
}

/**
 * The same in the dashboard's language: in English the server's message, in Hindi our translation
 * of its code (the server's message where there is none).
 */
export function useProblem(): (err: unknown) => string {
  const { t, language } = useI18n();
  return (err) => (language === 'en' ? problem(err) : errorMessage(t, err));
}
