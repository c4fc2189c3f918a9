import type { AppRouter } from '@marquee/server/router';
import { onlineManager, QueryClient } from '@tanstack/react-query';
import { createTRPCClient, httpLink, httpSubscriptionLink, splitLink, TRPCClientError } from '@trpc/client';
import { createTRPCContext } from '@trpc/tanstack-react-query';
import type { TAppErrorData } from '@marquee/shared';
import { EventSource } from 'eventsource';
import { ConnectionMonitor, RequestTimeoutError, type TConnectionTimings } from './components/connection-monitor';
import type { TPlatform } from './platform/platform';

export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();

export function createClients(platform: TPlatform, connectionTimings?: TConnectionTimings) {
  const url = `${platform.apiOrigin}/trpc`;
  // Same-origin cookies go along (the web session); a browser kiosk adds its bearer token, SSE included.
  const authedFetch: typeof fetch = (input, init) =>
    fetch(input, {
      ...init,
      headers: { ...(init?.headers as Record<string, string> | undefined), ...platform.authHeaders() },
    });
  // Lost: queries pause (react-query's onlineManager) and resume when the API answers again, and
  // the ones that failed meanwhile are fetched again.
  const connection = new ConnectionMonitor({
    timings: connectionTimings,
    probe: () =>
      fetch(`${platform.apiOrigin}/healthz`, { cache: 'no-store', signal: AbortSignal.timeout(3_000) }).then(
        (r) => r.ok,
      ),
    onChange: (state) => {
      onlineManager.setOnline(state === 'online');
      if (state !== 'online') return;
      void queryClient.resumePausedMutations();
      void queryClient.refetchQueries({ type: 'active', predicate: (q) => q.state.status === 'error' });
    },
  });
  const trpcClient = createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => op.type === 'subscription',
        true: httpSubscriptionLink({
          url,
          EventSource,
          eventSourceOptions: () => ({ fetch: connection.fetchFor('stream', authedFetch) }),
        }),
        false: httpLink({ url, fetch: connection.fetchFor('request', authedFetch) }),
      }),
    ],
  });
  const queryClient = new QueryClient({
    defaultOptions: {
      queries: { staleTime: 30_000, retry: (count, err) => count < 3 && !isRefusal(err) },
      // A mutation offline fails at once with a message and its Retry, rather than pausing behind
      // a spinner until the network comes back (a hold or a payment must not fire minutes later).
      mutations: { retry: false, networkMode: 'always' },
    },
  });
  return { trpcClient, queryClient, connection };
}

/** A refusal (4xx) is an answer, not a failure to retry. */
function isRefusal(err: unknown): boolean {
  const status =
    err instanceof TRPCClientError ? (err.data as { httpStatus?: number } | undefined)?.httpStatus : undefined;
  return status !== undefined && status >= 400 && status < 500;
}

/** No answer from the API at all (network down, timed out), as opposed to an answer refusing. */
export function isNetworkFailure(err: unknown): boolean {
  if (!(err instanceof TRPCClientError)) return false;
  return !err.data || err.cause instanceof RequestTimeoutError;
}

export function errorData(err: unknown): (TAppErrorData & { httpStatus?: number }) | null {
  return err instanceof TRPCClientError ? ((err.data as TAppErrorData & { httpStatus?: number }) ?? null) : null;
}
