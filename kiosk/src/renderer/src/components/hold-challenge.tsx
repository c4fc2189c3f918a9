// The proof-of-work check the server asks of a web customer whose network (address) already holds
// many seats of a show: fetches a challenge for the show, lets the ALTCHA widget (loaded lazily)
// solve it in the browser, and hands the solved payload back for holds.create. Nothing to click.
import { useQuery } from '@tanstack/react-query';
import { createElement, useEffect, useRef, useState } from 'react';
import { useI18n } from '../i18n/i18n';
import { useTRPC } from '../trpc';
import { errorMessage } from './error-message';

interface TAltchaElement extends HTMLElement {
  configure(options: Record<string, unknown>): void;
  verify(): Promise<unknown>;
}

export function HoldChallenge({ showtimeId, onSolved }: { showtimeId: string; onSolved: (payload: string) => void }) {
  const { t, language } = useI18n();
  const trpc = useTRPC();
  // A challenge is single-use: never cached, never refetched behind the customer's back.
  const challenge = useQuery({
    ...trpc.holds.challenge.queryOptions({ showtimeId }),
    staleTime: Infinity,
    gcTime: 0,
    retry: false,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
  });
  const widget = useRef<TAltchaElement | null>(null);
  const solvedRef = useRef(onSolved);
  solvedRef.current = onSolved;
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    const data = challenge.data;
    if (!data) return;
    let live = true;
    const onVerified = (e: Event) => {
      const payload = (e as CustomEvent<{ payload?: string }>).detail.payload;
      if (live && payload) solvedRef.current(payload);
    };
    const onState = (e: Event) => {
      if ((e as CustomEvent<{ state?: string }>).detail.state === 'error' && live) setFailed(true);
    };
    void (async () => {
      const { loadWidgetLanguage } = await import('./altcha-widget');
      await loadWidgetLanguage(language);
      await customElements.whenDefined('altcha-widget');
      const el = widget.current;
      if (!live || !el) return;
      if (typeof el.configure !== 'function') await new Promise((r) => el.addEventListener('load', r, { once: true }));
      el.addEventListener('verified', onVerified);
      el.addEventListener('statechange', onState);
      el.configure({ challenge: data, language, hideLogo: true, hideFooter: true, minDuration: 0 });
      await el.verify();
    })().catch(() => live && setFailed(true));
    return () => {
      live = false;
      widget.current?.removeEventListener('verified', onVerified);
      widget.current?.removeEventListener('statechange', onState);
    };
  }, [challenge.data, language]);

  return (
    <div className="hold-challenge" role="status" aria-live="polite">
      <p className="hold-challenge-title">{t.challengeTitle}</p>
      <p>{t.challengeHelp}</p>
      {challenge.error && <p className="notice notice-warning">{errorMessage(t, challenge.error)}</p>}
      {failed && (
        <p className="notice notice-warning">
          {t.challengeFailed}{' '}
          <button
            type="button"
            className="button"
            onClick={() => {
              setFailed(false);
              void challenge.refetch();
            }}
          >
            {t.tryAgain}
          </button>
        </p>
      )}
      {createElement('altcha-widget', { ref: widget, type: 'checkbox', auto: 'off' })}
    </div>
  );
}
