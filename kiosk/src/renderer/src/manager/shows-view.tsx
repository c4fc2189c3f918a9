import { cinemaDate, formatRupees, formatShowTime, SEAT_TYPES, type TDayShow, type TSeatType } from '@marquee/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Spinner } from '../components/layout';
import { useTRPC } from '../trpc';
import { PriceField, UnchargeablePrices } from './price-field';
import { problem } from './problem';
import { useStaffTimeZone } from '../components/use-cinema-time-zone';

/** The day's shows: on or off sale, cancel with refunds (and watch them go), and scheduling. */
export function ShowsView() {
  const zone = useStaffTimeZone();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [date, setDate] = useState(cinemaDate(new Date(), zone));
  const [cancelling, setCancelling] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [repricing, setRepricing] = useState<string | null>(null);
  const shows = useQuery(trpc.programme.shows.queryOptions({ date }, { refetchInterval: 15_000 }));
  const refresh = () => void queryClient.invalidateQueries({ queryKey: trpc.programme.shows.queryKey() });
  const onSale = useMutation(trpc.programme.setOnSale.mutationOptions({ onSuccess: refresh }));
  const cancel = useMutation(trpc.showtimes.cancel.mutationOptions({ onSuccess: refresh }));
  const failure = onSale.error ?? cancel.error;
  return (
    <section aria-labelledby="shows-title" className="manager-section">
      <h2 id="shows-title">Shows</h2>
      <UnchargeablePrices />
      <label className="field">
        <span>Day</span>
        <input type="date" value={date} onChange={(e) => e.target.value && setDate(e.target.value)} />
      </label>
      {failure && (
        <p className="notice notice-error" role="alert">
          {problem(failure)}
        </p>
      )}
      {shows.isPending ? (
        <Spinner label="Loading shows…" />
      ) : shows.error ? (
        <p className="notice notice-error" role="alert">
          {problem(shows.error)}
        </p>
      ) : (
        <table className="manager-table">
          <thead>
            <tr>
              <th scope="col">Show</th>
              <th scope="col">Screen</th>
              <th scope="col">Sold</th>
              <th scope="col">State</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {shows.data.map((s) => (
              <tr key={s.id} aria-label={`Show ${s.movieTitle} ${formatShowTime(s.startsAt, zone)}`}>
                <th scope="row">
                  {formatShowTime(s.startsAt, zone)} {s.movieTitle}
                  <span className="show-prices muted">
                    {SEAT_TYPES.filter((t) => s.prices[t] !== undefined)
                      .map((t) => `${t.toLowerCase()} ${formatRupees(s.prices[t]!)}`)
                      .join(' · ')}
                  </span>
                </th>
                <td>{s.screenName}</td>
                <td>
                  {s.sold} / {s.capacity}
                </td>
                <td className={s.cancelled ? 'status-bad' : s.onSale ? 'status-ok' : ''}>
                  {s.cancelled
                    ? 'cancelled'
                    : Date.parse(s.endsAt) < Date.now()
                      ? 'over'
                      : s.onSale
                        ? 'on sale'
                        : 'off sale'}
                </td>
                <td>
                  {!s.cancelled && Date.parse(s.endsAt) < Date.now() ? null : s.cancelled ? (
                    <CancelProgress showtimeId={s.id} />
                  ) : repricing === s.id ? (
                    <ShowPricesForm
                      show={s}
                      onDone={() => {
                        setRepricing(null);
                        refresh();
                      }}
                    />
                  ) : cancelling === s.id ? (
                    <form
                      className="manager-inline-form"
                      onSubmit={(e) => {
                        e.preventDefault();
                        cancel.mutate({ showtimeId: s.id, reason }, { onSuccess: () => setCancelling(null) });
                      }}
                    >
                      <label className="field">
                        <span>Why is it cancelled?</span>
                        <input
                          value={reason}
                          onChange={(e) => setReason(e.target.value)}
                          minLength={3}
                          maxLength={200}
                          required
                        />
                      </label>
                      <button type="submit" className="button button-danger" disabled={cancel.isPending}>
                        Cancel the show and refund everyone
                      </button>
                      <button type="button" className="button button-ghost" onClick={() => setCancelling(null)}>
                        Keep it
                      </button>
                    </form>
                  ) : (
                    <>
                      <button
                        type="button"
                        className="button"
                        disabled={onSale.isPending}
                        onClick={() => onSale.mutate({ showtimeId: s.id, onSale: !s.onSale })}
                      >
                        {s.onSale ? 'Take off sale' : 'Put on sale'}
                      </button>{' '}
                      {s.pricesEditable ? (
                        <>
                          <button type="button" className="button" onClick={() => setRepricing(s.id)}>
                            Change prices…
                          </button>{' '}
                        </>
                      ) : (
                        <span className="muted">
                          {Date.parse(s.startsAt) <= Date.now()
                            ? 'Prices fixed: the show has started. '
                            : 'Prices fixed: seats held or sold. '}
                        </span>
                      )}
                      <button
                        type="button"
                        className="button button-danger"
                        onClick={() => (setReason(''), setCancelling(s.id))}
                      >
                        Cancel show…
                      </button>
                    </>
                  )}
                </td>
              </tr>
            ))}
            {shows.data.length === 0 && (
              <tr>
                <td colSpan={5}>No shows on this day.</td>
              </tr>
            )}
          </tbody>
        </table>
      )}
      <ScheduleForm onScheduled={refresh} />
    </section>
  );
}

/** A show's prices, editable until its first sale; the server refuses once a seat is held or sold. */
function ShowPricesForm({ show, onDone }: { show: TDayShow; onDone: () => void }) {
  const trpc = useTRPC();
  const types = SEAT_TYPES.filter((t) => show.prices[t] !== undefined);
  const [prices, setPrices] = useState<Partial<Record<TSeatType, string>>>(() =>
    Object.fromEntries(types.map((t) => [t, String(show.prices[t]! / 100)])),
  );
  const save = useMutation(trpc.programme.setShowPrices.mutationOptions({ onSuccess: onDone }));
  return (
    <form
      className="manager-inline-form"
      aria-label={`Prices of ${show.movieTitle}`}
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate({
          showtimeId: show.id,
          prices: Object.fromEntries(types.map((t) => [t, Math.round(Number(prices[t] ?? '') * 100)])),
        });
      }}
    >
      {types.map((type) => (
        <PriceField
          key={type}
          type={type}
          value={prices[type] ?? ''}
          onChange={(value) => setPrices({ ...prices, [type]: value })}
        />
      ))}
      <button type="submit" className="button button-primary" disabled={save.isPending}>
        Save prices
      </button>
      <button type="button" className="button button-ghost" onClick={onDone}>
        Keep them
      </button>
      {save.error && (
        <p className="notice notice-error" role="alert">
          {problem(save.error)}
        </p>
      )}
    </form>
  );
}

function CancelProgress({ showtimeId }: { showtimeId: string }) {
  const trpc = useTRPC();
  const progress = useQuery(
    trpc.showtimes.cancellationProgress.queryOptions(
      { showtimeId },
      {
        refetchInterval: (q) =>
          q.state.data && q.state.data.refunded >= q.state.data.bookings && q.state.data.emailed >= q.state.data.toEmail
            ? false
            : 2_000,
      },
    ),
  );
  if (!progress.data) return <span>…</span>;
  const p = progress.data;
  return (
    <span role="status" aria-label="Refund progress">
      Refunds {p.refunded} of {p.bookings} · emails {p.emailed} of {p.toEmail}
      {p.bookings > p.toEmail && ` (${p.bookings - p.toEmail} without an email address)`}
      {p.bookings > 0 && <meter min={0} max={p.bookings} value={p.refunded} aria-hidden="true" />}
    </span>
  );
}

function ScheduleForm({ onScheduled }: { onScheduled: () => void }) {
  const zone = useStaffTimeZone();
  const trpc = useTRPC();
  const movies = useQuery(trpc.programme.movies.queryOptions());
  const screens = useQuery(trpc.programme.screens.queryOptions());
  const templates = useQuery(trpc.programme.priceTemplates.queryOptions());
  const [form, setForm] = useState({
    movieId: '',
    screenId: '',
    from: cinemaDate(new Date(Date.now() + 86_400_000), zone),
    days: 7,
    times: '10:00, 14:00, 18:30',
    templateId: '',
  });
  const [prices, setPrices] = useState<Partial<Record<TSeatType, string>>>({
    STANDARD: '250',
    PREMIUM: '350',
    RECLINER: '600',
    WHEELCHAIR: '250',
    COMPANION: '250',
  });
  const schedule = useMutation(trpc.programme.schedule.mutationOptions({ onSuccess: onScheduled }));
  const dates = Array.from({ length: form.days }, (_, i) =>
    new Date(Date.parse(`${form.from}T00:00:00Z`) + i * 86_400_000).toISOString().slice(0, 10),
  );
  const clashes = Object.entries(
    (schedule.error as { data?: { fieldErrors?: Record<string, string> } } | null)?.data?.fieldErrors ?? {},
  ).filter(([k]) => k.includes('T'));
  return (
    <form
      className="manager-inline-form manager-card"
      aria-label="Schedule shows"
      onSubmit={(e) => {
        e.preventDefault();
        const times = form.times.split(/[,\s]+/).filter(Boolean);
        const list = Object.fromEntries(
          Object.entries(prices)
            .filter(([, v]) => v && v.trim())
            .map(([k, v]) => [k, Math.round(Number(v) * 100)]),
        );
        schedule.mutate({
          movieId: form.movieId,
          screenId: form.screenId,
          dates,
          times,
          onSale: true,
          ...(form.templateId ? { templateId: form.templateId } : { prices: list }),
        });
      }}
    >
      <h3>Schedule shows</h3>
      <label className="field">
        <span>Movie</span>
        <select value={form.movieId} onChange={(e) => setForm({ ...form, movieId: e.target.value })} required>
          <option value="">Choose</option>
          {movies.data?.map((m) => (
            <option key={m.id} value={m.id}>
              {m.title} ({m.language}, {m.runtimeMinutes} min)
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>Screen</span>
        <select value={form.screenId} onChange={(e) => setForm({ ...form, screenId: e.target.value })} required>
          <option value="">Choose</option>
          {screens.data?.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>First day</span>
        <input type="date" value={form.from} onChange={(e) => setForm({ ...form, from: e.target.value })} required />
      </label>
      <label className="field">
        <span>Days</span>
        <input
          type="number"
          min={1}
          max={14}
          value={form.days}
          onChange={(e) => setForm({ ...form, days: Math.max(1, Math.min(14, Number(e.target.value) || 1)) })}
        />
      </label>
      <label className="field">
        <span>Times (cinema clock)</span>
        <input value={form.times} onChange={(e) => setForm({ ...form, times: e.target.value })} required />
      </label>
      <label className="field">
        <span>Prices</span>
        <select value={form.templateId} onChange={(e) => setForm({ ...form, templateId: e.target.value })}>
          <option value="">Set prices here</option>
          {templates.data?.map((t) => (
            <option key={t.id} value={t.id}>
              Template: {t.name}
            </option>
          ))}
        </select>
      </label>
      {!form.templateId &&
        SEAT_TYPES.map((type) => (
          <PriceField
            key={type}
            type={type}
            value={prices[type] ?? ''}
            onChange={(value) => setPrices({ ...prices, [type]: value })}
          />
        ))}
      <button type="submit" className="button button-primary" disabled={schedule.isPending}>
        Schedule {dates.length * form.times.split(/[,\s]+/).filter(Boolean).length} shows
      </button>
      {schedule.data && <p role="status">Scheduled {schedule.data.created.length} shows.</p>}
      {schedule.error && (
        <div className="notice notice-error" role="alert">
          <p>{problem(schedule.error)}</p>
          {clashes.length > 0 && (
            <ul>
              {clashes.map(([at, why]) => (
                <li key={at}>
                  {formatShowTime(at, zone)}:{' '}
                  {why.replace(/at (\S+Z)/, (_, iso: string) => `at ${formatShowTime(iso, zone)}`)}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </form>
  );
}
