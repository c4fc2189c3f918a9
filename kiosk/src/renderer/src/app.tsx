import { QueryClientProvider } from '@tanstack/react-query';
import { lazy, Suspense, useState } from 'react';
import { Route, Router, Switch } from 'wouter';
import { memoryLocation } from 'wouter/memory-location';
import { WebCinemaScope } from './components/cinema-scope';
import { ConnectionStatus } from './components/connection-status';
import { Spinner } from './components/layout';
import { I18nProvider } from './i18n/i18n';
import { kioskTimingsFrom } from './kiosk-timings';
import type { TPlatform } from './platform/platform';
import { PlatformContext } from './platform/platform-context';
import { createClients, TRPCProvider } from './trpc';
import { WebApp } from './web-app';

// The dashboard is its own chunk: customers never download it.
const ManagerApp = lazy(() => import('./manager/manager-app'));
const DoorApp = lazy(() => import('./door/door-app'));
// So is the kiosk (with its collect screen and keyboard): the web app's customers never download it.
const KioskApp = lazy(() => import('./kiosk-app').then((m) => ({ default: m.KioskApp })));

/**
 * Where the screens live. The web app, the dashboard and the door use the address bar (wouter's
 * browser location), so Back, reload and links work; the server answers each of their paths with
 * this page. The kiosk, in Electron (app://kiosk) or at /kiosk in a browser, keeps its screens in
 * memory instead: it has no address bar to show them, no browser Back to honour (its Back is the
 * on-screen button), and a reload must not replay a customer's address: it resumes from the booking
 * in storage (use-journey.tsx). Memory rather than a hash: nothing about the kiosk's screen should
 * survive a restart except that booking.
 */
function Routes({ platform }: { platform: TPlatform }) {
  const [kioskLocation] = useState(() => memoryLocation({ path: '/' }));
  if (platform.mode === 'kiosk')
    return (
      <Router hook={kioskLocation.hook} searchHook={kioskLocation.searchHook}>
        <Suspense fallback={<Spinner label="Loading…" />}>
          <KioskApp timings={kioskTimingsFrom(window.location.search)} />
        </Suspense>
      </Router>
    );
  return (
    <Router>
      <Switch>
        <Route path="/door" nest>
          <Suspense fallback={<Spinner label="Loading…" />}>
            <DoorApp />
          </Suspense>
        </Route>
        <Route path="/manager" nest>
          <Suspense fallback={<Spinner label="Loading…" />}>
            <ManagerApp />
          </Suspense>
        </Route>
        <Route>
          <WebCinemaScope>
            <WebApp />
          </WebCinemaScope>
        </Route>
      </Switch>
    </Router>
  );
}

export function App({ platform }: { platform: TPlatform }) {
  const [{ queryClient, trpcClient, connection }] = useState(() => createClients(platform));
  return (
    <PlatformContext.Provider value={platform}>
      <QueryClientProvider client={queryClient}>
        <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
          <I18nProvider>
            {/* The door has its own offline mode and says so itself. */}
            {!window.location.pathname.startsWith('/door') && <ConnectionStatus connection={connection} />}
            <Routes platform={platform} />
          </I18nProvider>
        </TRPCProvider>
      </QueryClientProvider>
    </PlatformContext.Provider>
  );
}
