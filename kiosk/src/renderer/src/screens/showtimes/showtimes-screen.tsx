import { useCatalogScope } from '../../components/cinema-scope';
import { formatClock, formatRupees } from '@marquee/shared';
import { useQuery } from '@tanstack/react-query';
import { Screen, Spinner } from '../../components/layout';
import { useI18n } from '../../i18n/i18n';
import { useTRPC } from '../../trpc';
import { useShowtimesByDay } from '../movies/movies-screen';

export function ShowtimesScreen({
  movieId,
  day,
  onPick,
  onBack,
}: {
  movieId: string;
  day: string;
  onPick: (showtimeId: string) => void;
  onBack: () => void;
}) {
  const { t, locale } = useI18n();
  const trpc = useTRPC();
  const movie = useQuery(trpc.catalog.movies.queryOptions(useCatalogScope())).data?.find((m) => m.id === movieId);
  const { byDay, query } = useShowtimesByDay();
  const shows = (byDay.get(day) ?? []).filter((s) => s.movieId === movieId);
  return (
    <Screen name="showtimes" title={movie ? `${movie.title} · ${t.pickShow}` : t.pickShow} onBack={onBack}>
      {query.isPending && <Spinner label={t.loading} />}
      <ul className="showtime-list">
        {shows.map((s) => {
          const soldOut = s.seatsAvailable === 0;
          return (
            <li key={s.id}>
              <button type="button" className="showtime-card" disabled={soldOut} onClick={() => onPick(s.id)}>
                <span className="showtime-time">{formatClock(s.startsAt, s.timeZone, locale)}</span>
                <span>
                  {t.screen}: {s.screenName}
                </span>
                <span className={soldOut ? 'sold-out' : 'seats-left'}>
                  {soldOut ? t.soldOut : t.seatsLeft(s.seatsAvailable)}
                </span>
                <span>{t.fromPrice(formatRupees(s.fromPricePaise))}</span>
              </button>
            </li>
          );
        })}
      </ul>
    </Screen>
  );
}
