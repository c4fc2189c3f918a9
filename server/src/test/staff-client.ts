import { createTRPCClient, httpLink, httpSubscriptionLink, splitLink } from '@trpc/client';
import { EventSource } from 'eventsource';
import { hashPassword } from '../auth';
import type { AppRouter } from '../router';
import type { TServices } from '../services';

/**
 * A browser on the manager dashboard: a cookie jar (the staff session cookie and the customer
 * session cookie live side by side), optional extra headers (to play a cross-site page).
 */
export function createStaffClient(baseUrl: string, opts: { headers?: Record<string, string> } = {}) {
  const jar = new Map<string, string>();
  const headers = (): Record<string, string> => ({
    ...(jar.size ? { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') } : {}),
    ...opts.headers,
  });
  const trackingFetch: typeof fetch = async (input, init) => {
    const res = await fetch(input, {
      ...init,
      headers: { ...(init?.headers as Record<string, string>), ...headers() },
    });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair!.indexOf('=');
      const [name, value] = [pair!.slice(0, eq), pair!.slice(eq + 1)];
      if (value === '' || /max-age=0/i.test(line)) jar.delete(name);
      else jar.set(name, value);
    }
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
  jars.set(client, jar);
  return client;
}

const jars = new WeakMap<object, Map<string, string>>();

/** The client's cookies by name (the staff session is `mq_staff`). */
export function cookieJar(client: object): Map<string, string> {
  return jars.get(client)!;
}

let accounts = 0;

/** A new staff account of the cinema with that role, signed in on its own client. */
export async function signedInStaff(
  services: Pick<TServices, 'prisma'>,
  baseUrl: string,
  { cinemaId, role }: { cinemaId: string; role: 'ADMIN' | 'MANAGER' | 'STAFF' },
) {
  const email = `${role.toLowerCase()}-${++accounts}-${Date.now()}@staff.test`;
  const password = 'a test password, long enough';
  const user = await services.prisma.staffUser.create({
    data: {
      email,
      name: `${role[0]}${role.slice(1).toLowerCase()} ${accounts}`,
      role,
      cinemaId,
      passwordHash: await hashPassword(password),
    },
  });
  const client = createStaffClient(baseUrl);
  await client.manager.login.mutate({ email, password });
  return { user, client };
}
