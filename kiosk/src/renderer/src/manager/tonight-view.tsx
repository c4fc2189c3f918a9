import { DOORS_OPEN_BEFORE_MINUTES, type TTonight, type TTonightShow } from '@marquee/shared';
import { useSubscription } from '@trpc/tanstack-react-query';
import { useState } from 'react';
import { useLocation } from 'wouter';
import { Spinner } from '../components/layout';
import { useTRPC } from '../trpc';
import { problem } from './problem';

const STATE: Record<TTonightShow['state'], { label: string; tone: string }> = {
  ON_SALE: { label: 'on sale', tone: 'on-sale' },
  DOORS_OPEN: { label: 'doors open', tone: 'doors' },
  PLAYING: { label: 'playing', tone: 'playing' },
  OVER: { label: 'over', tone: 'over' },
  CANCELLED: { label: 'cancelled', tone: 'cancelled' },
};

const clock = (iso: string, zone: string) =>
  new Intl.DateTimeFormat('en-IN', { timeZone: zone, hour: 'numeric', minute: '2-digit' }).format(new Date(iso));

const dayName = (date: string, zone: string) =>
  new Intl.DateTimeFormat('en-IN', { timeZone: zone, weekday: 'long', day: 'numeric', month: 'long' }).format(
    new Date(`${date}T12:00:00Z`),
  );

/** The evening at a glance, live: kiosks needing a person, then every show of the cinema's day. */
export function TonightView() {
  const trpc = useTRPC();
  const [board, setBoard] = useState<TTonight | null>(null);
  const live = useSubscription(trpc.tonight.onChange.subscriptionOptions(undefined, { onData: setBoard }));
  if (!board)
    return live.error ? (
      <p className="notice notice-error" role="alert">
        {problem(live.error)}
      </p>
    ) : (
      <Spinner label="Loading tonight…" />
    );
  return (
    <section aria-labelledby="tonight-title" className="manager-section">
      <h2 id="tonight-title">
        Tonight <span className="muted">· {dayName(board.date, board.timeZone)}</span>
      </h2>
      {board.alerts.length > 0 && (
        <div className="notice notice-warning" role="alert" aria-label="Kiosk alerts">
          <ul>
            {board.alerts.map((a) => (
              <li key={`${a.kioskId}-${a.alert}`}>
                {a.kioskName}: {a.alert}
              </li>
            ))}
          </ul>
        </div>
      )}
      {live.status === 'connecting' && <p className="notice">Reconnecting to live updates…</p>}
      {board.shows.length === 0 ? (
        <p role="status">No shows today.</p>
      ) : (
        <ol className="tonight-shows" aria-label="Today's shows">
          {board.shows.map((s) => (
            <ShowCard key={s.showtimeId} show={s} zone={board.timeZone} />
          ))}
        </ol>
      )}
      <p className="muted">
        Doors open {DOORS_OPEN_BEFORE_MINUTES} minutes before a show starts. Figures update by themselves.
      </p>
    </section>
  );
}

function ShowCard({ show: s, zone }: { show: TTonightShow; zone: string }) {
  const [, navigate] = useLocation();
  const free = Math.max(0, s.capacity - s.sold - s.held - s.blocked);
  const pct = (n: number) => (s.capacity ? `${(100 * n) / s.capacity}%` : '0%');
  const state = STATE[s.state];
  const figures = [
    ['Sold', 'sold', s.sold],
    ['Held', 'held', s.held],
    ['Blocked', 'blocked', s.blocked],
  ] as const;
  return (
    <li
      className={`tonight-show tonight-${state.tone}`}
      data-showtime={s.showtimeId}
      aria-label={`${clock(s.startsAt, zone)} ${s.movieTitle}`}
    >
      <div className="tonight-head">
        <time className="tonight-time" dateTime={s.startsAt}>
          {clock(s.startsAt, zone)}
        </time>
        <span className={`tonight-state tonight-state-${state.tone}`}>{state.label}</span>
      </div>
      <div className="tonight-film">
        <strong>{s.movieTitle}</strong>
        <span className="muted">
          {s.screenName} · until {clock(s.endsAt, zone)}
        </span>
      </div>
      <div
        className="tonight-bar"
        role="img"
        aria-label={`${s.sold} sold, ${s.held} held, ${s.blocked} blocked, ${free} free of ${s.capacity}`}
      >
        <span className="tonight-bar-sold" style={{ width: pct(s.sold) }} />
        <span className="tonight-bar-held" style={{ width: pct(s.held) }} />
        <span className="tonight-bar-blocked" style={{ width: pct(s.blocked) }} />
      </div>
      <dl className="tonight-figures">
        {figures.map(([label, key, n]) => (
          <div key={key}>
            <dt>{label}</dt>
            <dd data-figure={key}>{n}</dd>
          </div>
        ))}
        <div>
          <dt>Free</dt>
          <dd data-figure="free">
            {free}
            <span className="muted"> / {s.capacity}</span>
          </dd>
        </div>
      </dl>
      <div className="tonight-foot">
        <p className="tonight-admitted">
          Admitted{' '}
          <strong data-figure="admitted">
            {s.admitted} / {s.sold}
          </strong>
        </p>
        <button
          type="button"
          className="button"
          onClick={() => navigate(`/bookings?show=${s.showtimeId}`)}
          aria-label={`Bookings of ${s.movieTitle} at ${clock(s.startsAt, zone)}`}
        >
          Bookings
        </button>
      </div>
    </li>
  );
}
