// The web app for online customers: the same screens as the kiosk, with dates to choose from,
import { useCatalogLive } from './components/use-catalog-live';
// Checkout instead of the QR, an e-ticket and its PDF instead of printing, and "Find my booking".
import type { TBooking } from '@marquee/shared';
import { useEffect, useState } from 'react';
import { useI18n } from './i18n/i18n';
import { savedBooking, type TStep } from './journey';
import { ETicket } from './screens/done/e-ticket';
import { FindBookingScreen } from './screens/find-booking/find-booking-screen';
import { MoviesScreen, useShowtimesByDay } from './screens/movies/movies-screen';
import { PaymentScreen } from './screens/payment/payment-screen';
import { SeatMapScreen } from './screens/seat-map/seat-map-screen';
import { ShowtimesScreen } from './screens/showtimes/showtimes-screen';
import { useTRPCClient } from './trpc';

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
  const client = useTRPCClient();
  const { byDay, today } = useShowtimesByDay();
  const [day, setDay] = useState<string | null>(null);
  const [step, setStep] = useState<TStep>({ name: 'movies' });
  const [ticket, setTicket] = useState<{ booking: TBooking; own: boolean } | null>(null);
  const days = [...byDay.keys()].sort();
  const shownDay = day ?? (days.includes(today) ? today : (days[0] ?? today));

  // A reload mid-payment returns to the booking this browser holds.
  useEffect(() => {
    const bookingId = savedBooking.get(sessionStorage);
    if (!bookingId) return;
    client.bookings.get.query({ bookingId }).then(
      (b) => {
        if (b.status === 'PENDING' && new Date(b.expiresAt) > new Date()) setStep({ name: 'pay', bookingId });
        else if (b.status === 'CONFIRMED') {
          setTicket({ booking: b, own: true });
          setStep({ name: 'done', bookingId });
        } else savedBooking.clear(sessionStorage);
      },
      () => savedBooking.clear(sessionStorage),
    );
  }, [client]);

  const [notice, setNotice] = useState<string | null>(null);
  const home = () => {
    savedBooking.clear(sessionStorage);
    setTicket(null);
    setStep({ name: 'movies' });
  };
  const abandon = () => {
    const bookingId = savedBooking.get(sessionStorage);
    if (bookingId) void client.holds.release.mutate({ bookingId }).catch(() => undefined);
    home();
  };

  switch (step.name) {
    case 'movies':
    case 'attract':
      return (
        <MoviesScreen
          day={shownDay}
          notice={notice}
          onPick={(movieId) => {
            setNotice(null);
            setStep({ name: 'showtimes', movieId });
          }}
          actions={
            <>
              <DayTabs days={days} day={shownDay} onPick={setDay} />
              <button type="button" className="button button-ghost" onClick={() => setStep({ name: 'find' })}>
                {t.findBooking}
              </button>
            </>
          }
        />
      );
    case 'showtimes':
      return (
        <ShowtimesScreen
          movieId={step.movieId}
          day={shownDay}
          onPick={(showtimeId) => setStep({ name: 'seats', movieId: step.movieId, showtimeId })}
          onBack={home}
        />
      );
    case 'seats':
      return (
        <SeatMapScreen
          showtimeId={step.showtimeId}
          key={`${step.showtimeId}:${step.notice ?? ''}`}
          initialNotice={step.notice}
          onBack={() => setStep({ name: 'showtimes', movieId: step.movieId })}
          onHeld={(hold) => {
            savedBooking.set(sessionStorage, hold.bookingId);
            setStep({
              name: 'pay',
              bookingId: hold.bookingId,
              from: { movieId: step.movieId, showtimeId: step.showtimeId },
            });
          }}
        />
      );
    case 'pay':
      return (
        <PaymentScreen
          bookingId={step.bookingId}
          onConfirmed={(b) => {
            setTicket({ booking: b, own: true });
            setStep({ name: 'done', bookingId: b.id });
          }}
          onExpired={() => {
            // The hold ran out: say so, and give the customer the same show's seats to pick again.
            const from = step.from;
            abandon();
            if (from) setStep({ name: 'seats', ...from, notice: t.timeUp });
            else setNotice(t.timeUp);
          }}
          onCancel={abandon}
        />
      );
    case 'done':
      return ticket ? <ETicket booking={ticket.booking} canDownload={ticket.own} onDone={home} /> : null;
    case 'find':
      return (
        <FindBookingScreen
          onBack={home}
          onFound={(b) => {
            setTicket({ booking: b, own: false });
            setStep({ name: 'done', bookingId: b.id });
          }}
        />
      );
  }
}
