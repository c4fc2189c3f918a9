import { useCatalogScope } from '../../components/cinema-scope';
import { useQuery } from '@tanstack/react-query';
import { useCollectMessages } from '../../i18n/collect-messages';
import { LanguageSwitch, useI18n } from '../../i18n/i18n';
import { useTRPC } from '../../trpc';
import { Poster } from '../movies/poster';

/**
 * What the kiosk shows while nobody uses it: the films on today, each a button straight to its
 * shows (one tap saved), and one big "Touch to start".
 */
export function AttractScreen({
  onStart,
  onPickMovie,
  onCollect,
}: {
  onStart: () => void;
  onPickMovie: (movieId: string) => void;
  /** "Collect tickets" for a booking made online (the kiosk only). */
  onCollect?: () => void;
}) {
  const { t } = useI18n();
  const collect = useCollectMessages();
  const trpc = useTRPC();
  const movies = useQuery(trpc.catalog.movies.queryOptions(useCatalogScope()));
  return (
    <main className="screen attract" data-screen="attract">
      <div className="attract-top">
        <h1 className="brand brand-large">{t.appName}</h1>
        <LanguageSwitch />
      </div>
      <ul className="attract-posters" aria-label={t.filmsOnToday}>
        {movies.data?.slice(0, 4).map((m) => (
          <li key={m.id}>
            {/* Named by what it shows (the poster's title), then where it goes. */}
            <button type="button" className="attract-poster" onClick={() => onPickMovie(m.id)}>
              <Poster movie={m} />
              <span className="visually-hidden">{t.seeShows}</span>
            </button>
          </li>
        ))}
      </ul>
      <button type="button" className="button button-primary button-huge" onClick={onStart}>
        {t.touchToStart}
      </button>
      {onCollect && (
        <button type="button" className="button button-large attract-collect" onClick={onCollect}>
          {collect.start}
          <small>{collect.startHelp}</small>
        </button>
      )}
    </main>
  );
}
