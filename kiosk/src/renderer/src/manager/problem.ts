import { TRPCClientError } from '@trpc/client';

/** The server's own message for a refusal (it is written for people); a plain line for anything else. */
export function problem(err: unknown): string {
  if (err instanceof TRPCClientError && err.data) return err.message;
  return 'Marquee could not be reached. Check the connection and try again.';
}
