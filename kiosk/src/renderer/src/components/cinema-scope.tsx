// Which cinema's programme the customer is browsing on the web. A deployment with one cinema needs
// no choice (the server answers with that cinema's programme); with several, the customer picks one
// and it stays in the address (/?cinema=<slug>, shareable) and in this browser for the next visit.
// A kiosk never chooses: the server takes its cinema from its device token.
import { useQuery } from '@tanstack/react-query';
import { createContext, useContext, type ReactNode } from 'react';
import { useLocation, useSearch } from 'wouter';
import { useI18n } from '../i18n/i18n';
import { useTRPC } from '../trpc';
import { ErrorNotice, Screen, Spinner } from './layout';
import { errorMessage } from './error-message';

const CinemaScopeContext = createContext<string | undefined>(undefined);
const KEY = 'marquee.cinema';

/** The catalog input that names the chosen cinema (undefined: the server decides). */
export function useCatalogScope(): { cinema: string } | undefined {
  const cinema = useContext(CinemaScopeContext);
  return cinema === undefined ? undefined : { cinema };
}

/** The cinema from the address, else the one this browser chose before. */
function chosenSlug(search: string): string | null {
  return new URLSearchParams(search).get('cinema') ?? localStorage.getItem(KEY);
}

/** The web app's cinema: the picker while there are several and none is chosen, then the app. */
export function WebCinemaScope({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const search = useSearch();
  const [, navigate] = useLocation();
  const cinemas = useQuery(trpc.catalog.cinemas.queryOptions(undefined, { staleTime: 10 * 60_000 }));
  if (cinemas.isPending) return <Spinner label={t.loading} />;
  if (cinemas.error)
    return <ErrorNotice message={errorMessage(t, cinemas.error)} onRetry={() => void cinemas.refetch()} />;
  const list = cinemas.data;
  if (list.length <= 1) return <>{children}</>;
  const slug = chosenSlug(search);
  const chosen = list.find((c) => c.slug === slug);
  if (chosen) return <CinemaScopeContext.Provider value={chosen.slug}>{children}</CinemaScopeContext.Provider>;
  return (
    <Screen name="cinemas" title={t.pickCinema}>
      <ul className="showtime-list">
        {list.map((c) => (
          <li key={c.id}>
            <button
              type="button"
              className="showtime-card"
              onClick={() => {
                localStorage.setItem(KEY, c.slug);
                navigate(`/?cinema=${encodeURIComponent(c.slug)}`);
              }}
            >
              <span className="movie-title">{c.name}</span>
              <span className="movie-meta">{c.city}</span>
            </button>
          </li>
        ))}
      </ul>
    </Screen>
  );
}
