// The web app for online customers: the same screens as the kiosk, with dates to choose from,
// Checkout instead of the QR, an e-ticket and its PDF instead of printing, and "Find my booking".
// Every screen has its address (journey.ts), so the phone's Back, a reload and a shared link work.
import { useSearch } from 'wouter';
import { useCatalogLive } from './components/use-catalog-live';
import { useI18n } from './i18n/i18n';
import { dayFromSearch, paths } from './journey';
import { ETicket } from './screens/done/e-ticket';
import { FindBookingScreen } from './screens/find-booking/find-booking-screen';
import { MoviesScreen, useShowtimesByDay } from './screens/movies/movies-screen';
import { ShowtimesScreen } from './screens/showtimes/showtimes-screen';
import { useJourney } from './use-journey';

function DayTabs({ days, day, onPick }: { days: string[]; day: string; onPick: (day: string) => void }) {
  const { locale } = useI18n();
  return (
    <div className="day-tabs" role="tablist">
      {days.map((d) => (
        <button
          key={d}
          type="button"
          role="tab"
          aria-selected={d === day}
          className="button button-ghost"
          onClick={() => onPick(d)}
        >
          {new Intl.DateTimeFormat(locale, {
            weekday: 'short',
            day: 'numeric',
            month: 'short',
            timeZone: 'UTC',
          }).format(new Date(`${d}T00:00:00Z`))}
        </button>
      ))}
    </div>
  );
}

export function WebApp() {
  useCatalogLive();
  const { t } = useI18n();
  const { byDay, today } = useShowtimesByDay();
  const day = dayFromSearch(useSearch());
  const days = [...byDay.keys()].sort();
  const shownDay = day ?? (days.includes(today) ? today : (days[0] ?? today));
  const journey = useJourney({
    storage: sessionStorage,
    home: 'movies',
    renderDone: (booking, own, finish) => <ETicket booking={booking} canDownload={own} onDone={finish} />,
  });
  const { step, navigate } = journey;

  const screen = (() => {
    if (journey.element) return journey.element;
    switch (step.name) {
      case 'showtimes':
        return (
          <ShowtimesScreen
            movieId={step.movieId}
            day={shownDay}
            onPick={(showtimeId) => navigate(paths.show(showtimeId))}
            onBack={() => navigate(paths.home(day))}
          />
        );
      case 'find':
        return <FindBookingScreen onBack={() => navigate(paths.home())} onFound={journey.showFound} />;
      default:
        return (
          <MoviesScreen
            day={shownDay}
            onPick={(movieId) => navigate(paths.movie(movieId, day))}
            actions={
              <>
                {/* A day is a view of the same page: it replaces the address rather than adding a Back step. */}
                <DayTabs days={days} day={shownDay} onPick={(d) => navigate(paths.home(d), { replace: true })} />
                <button type="button" className="button button-ghost" onClick={() => navigate(paths.find)}>
                  {t.findBooking}
                </button>
              </>
            }
          />
        );
    }
  })();
  return (
    <>
      {screen}
      {journey.dialog}
    </>
  );
}
