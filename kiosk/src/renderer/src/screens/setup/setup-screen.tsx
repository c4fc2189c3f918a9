import { useState } from 'react';
import { Screen } from '../../components/layout';
import { useI18n } from '../../i18n/i18n';
import { usePlatform } from '../../platform/platform-context';

/** First start of a kiosk: the one-time registration code makes it a known device. */
export function SetupScreen({ onRegistered }: { onRegistered: () => void }) {
  const { t } = useI18n();
  const platform = usePlatform();
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  return (
    <Screen name="setup" title={t.setupTitle}>
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          void platform.register(code).then((r) => (r.ok ? onRegistered() : setError(r.message)));
        }}
      >
        <p>{t.setupHelp}</p>
        <label className="field">
          <span>{t.registrationCode}</span>
          <input
            value={code}
            onChange={(e) => setCode(e.target.value)}
            autoCapitalize="characters"
            autoComplete="off"
            required
          />
        </label>
        {error && (
          <p className="notice notice-error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="button button-primary button-large">
          {t.register}
        </button>
      </form>
    </Screen>
  );
}
