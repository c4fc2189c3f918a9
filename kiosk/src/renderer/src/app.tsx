import { QueryClientProvider } from '@tanstack/react-query';
import { useState } from 'react';
import { I18nProvider } from './i18n/i18n';
import { KioskApp } from './kiosk-app';
import type { TPlatform } from './platform/platform';
import { PlatformContext } from './platform/platform-context';
import { createClients, TRPCProvider } from './trpc';
import { WebApp } from './web-app';

export function App({ platform }: { platform: TPlatform }) {
  const [{ queryClient, trpcClient }] = useState(() => createClients(platform));
  return (
    <PlatformContext.Provider value={platform}>
      <QueryClientProvider client={queryClient}>
        <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
          <I18nProvider>{platform.mode === 'kiosk' ? <KioskApp /> : <WebApp />}</I18nProvider>
        </TRPCProvider>
      </QueryClientProvider>
    </PlatformContext.Provider>
  );
}
