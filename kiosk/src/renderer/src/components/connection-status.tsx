// "We lost the connection": shown over every customer screen while the API does not answer, and
// gone by itself once it does (the monitor retries; nothing for the customer to press).
import { useEffect, useSyncExternalStore } from 'react';
import { useI18n } from '../i18n/i18n';
import type { ConnectionMonitor } from './connection-monitor';

export function ConnectionStatus({ connection }: { connection: ConnectionMonitor }) {
  const { t } = useI18n();
  const state = useSyncExternalStore(connection.subscribe, connection.getState);
  useEffect(() => connection.watchBrowser(window), [connection]);
  // Fonts load when text first needs them, and this text is needed when nothing can load: fetch
  // the Hindi font's weights now, while the connection works.
  useEffect(() => {
    for (const weight of [400, 700])
      void document.fonts?.load(`${weight} 1em "Noto Sans Devanagari"`, 'कनेक्शन').catch(() => undefined);
  }, []);
  if (state === 'online') return null;
  return (
    <div className="connection-lost" role="alert">
      <p className="connection-lost-title">{t.offline}</p>
      <p>{t.offlineHelp}</p>
    </div>
  );
}
