import { cinemaDate, type TShowtime } from '@marquee/shared';
import { useQuery } from '@tanstack/react-query';
import { ErrorNotice, Screen, Spinner } from '../../components/layout';
import { errorMessage } from '../../components/error-message';
import { useI18n } from '../../i18n/i18n';
import { useTRPC } from '../../trpc';
import { Poster } from './poster';
import { useCinemaTimeZone } from '../../components/use-cinema-time-zone';

/** Upcoming shows on sale, grouped by the cinema's calendar day. */
export function useShowtimesByDay() {
  const trpc = useTRPC();
  const cinemaZone = useCinemaTimeZone();
  const query = useQuery({ ...trpc.catalog.showtimes.queryOptions(undefined), refetchInterval: 60_000 });
  const byDay = new Map<string, TShowtime[]>();
  for (const s of query.data ?? []) {
    if (!s.onSale) continue;
    const day = cinemaDate(new Date(s.startsAt), s.timeZone);
    byDay.set(day, [...(byDay.get(day) ?? []), s]);
  }
  const timeZone = query.data?.[0]?.timeZone ?? cinemaZone;
  return { query, byDay, today: cinemaDate(new Date(), timeZone) };
}

export function MoviesScreen({
  day,
  onPick,
  onBack,
  actions,
  notice,
}: {
  day: string;
  onPick: (movieId: string) => void;
  onBack?: () => void;
  actions?: React.ReactNode;
  notice?: string | null;
}) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const movies = useQuery(trpc.catalog.movies.queryOptions());
  const { query, byDay } = useShowtimesByDay();
  const shows = byDay.get(day) ?? [];
  const showing = (movies.data ?? []).filter((m) => shows.some((s) => s.movieId === m.id));
  return (
    <Screen name="movies" title={t.nowShowing} onBack={onBack} actions={actions}>
      {notice && (
        <p className="notice notice-warning" role="alert">
          {notice}
        </p>
      )}
      {(movies.isPending || query.isPending) && <Spinner label={t.loading} />}
      {(movies.error ?? query.error) && (
        <ErrorNotice
          message={errorMessage(t, movies.error ?? query.error)}
          onRetry={() => void Promise.all([movies.refetch(), query.refetch()])}
        />
      )}
      {query.isSuccess && movies.isSuccess && showing.length === 0 && <p className="notice">{t.noShowsToday}</p>}
      <ul className="movie-grid">
        {showing.map((m) => (
          <li key={m.id}>
            <button type="button" className="movie-card" onClick={() => onPick(m.id)}>
              {/* Named by what it shows: the title, then certificate, language and runtime. */}
              <Poster movie={m} decorative />
              <span className="movie-title">{m.title}</span>
              <span className="movie-meta">
                {m.certificate} · {m.language} · {t.minutes(m.runtimeMinutes)}
              </span>
            </button>
          </li>
        ))}
      </ul>
    </Screen>
  );
}
