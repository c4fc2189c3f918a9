import type { AppRouter } from '@marquee/server/router';
import { QueryClient } from '@tanstack/react-query';
import { createTRPCClient, httpLink, httpSubscriptionLink, splitLink, TRPCClientError } from '@trpc/client';
import { createTRPCContext } from '@trpc/tanstack-react-query';
import type { TAppErrorData } from '@marquee/shared';
import { EventSource } from 'eventsource';
import type { TPlatform } from './platform/platform';

export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();

export function createClients(platform: TPlatform) {
  const url = `${platform.apiOrigin}/trpc`;
  // Same-origin cookies go along (the web session); a browser kiosk adds its bearer token, SSE included.
  const authedFetch: typeof fetch = (input, init) =>
    fetch(input, {
      ...init,
      headers: { ...(init?.headers as Record<string, string> | undefined), ...platform.authHeaders() },
    });
  const trpcClient = createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => op.type === 'subscription',
        true: httpSubscriptionLink({ url, EventSource, eventSourceOptions: () => ({ fetch: authedFetch }) }),
        false: httpLink({ url, fetch: authedFetch }),
      }),
    ],
  });
  const queryClient = new QueryClient({
    defaultOptions: {
      queries: { staleTime: 30_000, retry: (count, err) => count < 3 && !isRefusal(err) },
      mutations: { retry: false },
    },
  });
  return { trpcClient, queryClient };
}

/** A refusal (4xx) is an answer, not a failure to retry. */
function isRefusal(err: unknown): boolean {
  const status =
    err instanceof TRPCClientError ? (err.data as { httpStatus?: number } | undefined)?.httpStatus : undefined;
  return status !== undefined && status >= 400 && status < 500;
}

export function errorData(err: unknown): (TAppErrorData & { httpStatus?: number }) | null {
  return err instanceof TRPCClientError ? ((err.data as TAppErrorData & { httpStatus?: number }) ?? null) : null;
}
