import { createTRPCClient, httpLink, httpSubscriptionLink, splitLink } from '@trpc/client';
import { EventSource } from 'eventsource';
import type { AppRouter } from '../router';

/**
 * A customer talking to the API over HTTP: a browser (its own session cookie, kept like a cookie
 * jar) or, with a device token, a kiosk. Subscriptions go over SSE as in the apps.
 */
export function createCustomerClient(baseUrl: string, opts: { kioskToken?: string } = {}) {
  let cookie: string | undefined;
  const headers = (): Record<string, string> => ({
    ...(cookie ? { cookie } : {}),
    ...(opts.kioskToken ? { authorization: `Bearer ${opts.kioskToken}` } : {}),
  });
  const trackingFetch: typeof fetch = async (input, init) => {
    const res = await fetch(input, {
      ...init,
      headers: { ...(init?.headers as Record<string, string>), ...headers() },
    });
    const set = res.headers.get('set-cookie');
    if (set) cookie = set.split(';')[0];
    return res;
  };
  const client = createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => op.type === 'subscription',
        true: httpSubscriptionLink({
          url: `${baseUrl}/trpc`,
          EventSource,
          eventSourceOptions: () => ({
            fetch: (input, init) => fetch(input, { ...init, headers: { ...init.headers, ...headers() } }),
          }),
        }),
        false: httpLink({ url: `${baseUrl}/trpc`, fetch: trackingFetch }),
      }),
    ],
  });
  sessions.set(client, () => cookie);
  return client;
}

const sessions = new WeakMap<object, () => string | undefined>();

/** The customer's session cookie (name=value), as a browser would send it. */
export function sessionCookie(client: object): string | undefined {
  return sessions.get(client)?.();
}
