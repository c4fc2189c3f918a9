import { useQuery } from '@tanstack/react-query';
import { LanguageSwitch, useI18n } from '../../i18n/i18n';
import { useTRPC } from '../../trpc';
import { Poster } from '../movies/poster';

/** What the kiosk shows while nobody uses it: the films on today, and one big "Touch to start". */
export function AttractScreen({ onStart, onCollect }: { onStart: () => void; onCollect?: () => void }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const movies = useQuery(trpc.catalog.movies.queryOptions());
  return (
    <div className="screen attract" data-screen="attract">
      <div className="attract-top">
        <span className="brand brand-large">{t.appName}</span>
        <LanguageSwitch />
      </div>
      <div className="attract-posters" aria-hidden="true">
        {movies.data?.slice(0, 4).map((m) => (
          <Poster key={m.id} movie={m} />
        ))}
      </div>
      <button type="button" className="button button-primary button-huge" onClick={onStart}>
        {t.touchToStart}
      </button>
      {onCollect && (
        <button type="button" className="button button-large attract-collect" onClick={onCollect}>
          {t.collectTickets}
          <small>{t.collectTicketsHelp}</small>
        </button>
      )}
    </div>
  );
}
