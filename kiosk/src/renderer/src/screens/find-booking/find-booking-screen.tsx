import type { TBooking } from '@marquee/shared';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage } from '../../components/error-message';
import { Screen } from '../../components/layout';
import { useI18n } from '../../i18n/i18n';
import { useTRPC } from '../../trpc';

export function FindBookingScreen({ onFound, onBack }: { onFound: (booking: TBooking) => void; onBack: () => void }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const [code, setCode] = useState('');
  const [email, setEmail] = useState('');
  const find = useMutation(trpc.bookings.find.mutationOptions({ onSuccess: onFound }));
  return (
    <Screen name="find-booking" title={t.findBooking} onBack={onBack}>
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          find.mutate({ code, email });
        }}
      >
        <p>{t.findBookingHelp}</p>
        <label className="field">
          <span>{t.code}</span>
          <input
            value={code}
            onChange={(e) => setCode(e.target.value)}
            autoCapitalize="characters"
            autoComplete="off"
            maxLength={8}
            required
          />
        </label>
        <label className="field">
          <span>{t.email}</span>
          <input type="email" value={email} onChange={(e) => setEmail(e.target.value)} autoComplete="email" required />
        </label>
        {find.error && (
          <p className="notice notice-error" role="alert">
            {errorMessage(t, find.error)}
          </p>
        )}
        <button type="submit" className="button button-primary button-large" disabled={find.isPending}>
          {t.find}
        </button>
      </form>
    </Screen>
  );
}
