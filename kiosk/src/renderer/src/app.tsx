import { QueryClientProvider } from '@tanstack/react-query';
import { lazy, Suspense, useState } from 'react';
import { ConnectionStatus } from './components/connection-status';
import { Spinner } from './components/layout';
import { I18nProvider } from './i18n/i18n';
import { KioskApp } from './kiosk-app';
import { kioskTimingsFrom } from './kiosk-timings';
import type { TPlatform } from './platform/platform';
import { PlatformContext } from './platform/platform-context';
import { createClients, TRPCProvider } from './trpc';
import { WebApp } from './web-app';

// The dashboard is its own chunk: customers never download it.
const ManagerApp = lazy(() => import('./manager/manager-app'));
const isManager = () => window.location.pathname.startsWith('/manager');
const DoorApp = lazy(() => import('./door/door-app'));
const isDoor = () => window.location.pathname.startsWith('/door');

export function App({ platform }: { platform: TPlatform }) {
  const [{ queryClient, trpcClient, connection }] = useState(() => createClients(platform));
  return (
    <PlatformContext.Provider value={platform}>
      <QueryClientProvider client={queryClient}>
        <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
          <I18nProvider>
            {/* The door has its own offline mode and says so itself. */}
            {!isDoor() && <ConnectionStatus connection={connection} />}
            {platform.mode === 'kiosk' ? (
              <KioskApp timings={kioskTimingsFrom(window.location.search)} />
            ) : isDoor() ? (
              <Suspense fallback={<Spinner label="Loading…" />}>
                <DoorApp />
              </Suspense>
            ) : isManager() ? (
              <Suspense fallback={<Spinner label="Loading…" />}>
                <ManagerApp />
              </Suspense>
            ) : (
              <WebApp />
            )}
          </I18nProvider>
        </TRPCProvider>
      </QueryClientProvider>
    </PlatformContext.Provider>
  );
}
