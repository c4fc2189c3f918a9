// The kiosk's own calls to the Marquee API from Node (Electron main, print agent): registration
// and the heartbeat, authenticated with the device token.
import type { AppRouter } from '@marquee/server/router';
import { createTRPCClient, httpLink } from '@trpc/client';

export function createKioskApi(apiUrl: string, token: () => string | null) {
  return createTRPCClient<AppRouter>({
    links: [
      httpLink({
        url: new URL('/trpc', apiUrl).toString(),
        headers: () => {
          const value = token();
          return value ? { authorization: `Bearer ${value}` } : {};
        },
      }),
    ],
  });
}
