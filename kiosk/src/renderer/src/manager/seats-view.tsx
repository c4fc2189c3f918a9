import { cinemaDate, formatShowTime, type TSeat, type TSeatMap } from '@marquee/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useSubscription } from '@trpc/tanstack-react-query';
import { useState } from 'react';
import { useLocation } from 'wouter';
import { Spinner } from '../components/layout';
import { applySeatChange } from '../screens/seat-map/seat-selection';
import { SeatMap } from '../screens/seat-map/seat-map';
import { useSeatMapQueryOptions } from '../screens/seat-map/seat-map-query';
import { useTRPC } from '../trpc';
import { problem } from './problem';
import { useStaffTimeZone } from '../components/use-cinema-time-zone';

/**
 * Block seats of one show (a broken seat, staff seats) or put them back on sale; a sold seat opens
 * its booking at the booking desk.
 */
export function SeatsView() {
  const zone = useStaffTimeZone();
  const trpc = useTRPC();
  const [date, setDate] = useState(cinemaDate(new Date(), zone));
  const [showtimeId, setShowtimeId] = useState('');
  const [, navigate] = useLocation();
  const shows = useQuery(trpc.catalog.showtimes.queryOptions({ date }));
  return (
    <section aria-labelledby="seats-title" className="manager-section">
      <h2 id="seats-title">Seats</h2>
      <div className="manager-toolbar">
        <label className="field">
          <span>Day</span>
          <input
            type="date"
            value={date}
            onChange={(e) => e.target.value && (setDate(e.target.value), setShowtimeId(''))}
          />
        </label>
        <label className="field">
          <span>Show</span>
          <select value={showtimeId} onChange={(e) => setShowtimeId(e.target.value)}>
            <option value="">Choose a show</option>
            {shows.data?.map((s) => (
              <option key={s.id} value={s.id}>
                {formatShowTime(s.startsAt, zone)} {s.movieTitle} ({s.screenName})
              </option>
            ))}
          </select>
        </label>
      </div>
      {showtimeId && (
        <button type="button" className="button button-ghost" onClick={() => navigate(`/bookings?show=${showtimeId}`)}>
          Bookings of this show
        </button>
      )}
      {showtimeId && <BlockSeats key={showtimeId} showtimeId={showtimeId} />}
    </section>
  );
}

function BlockSeats({ showtimeId }: { showtimeId: string }) {
  const trpc = useTRPC();
  const [, navigate] = useLocation();
  const queryClient = useQueryClient();
  const mapOptions = useSeatMapQueryOptions(showtimeId);
  const map = useQuery(mapOptions);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [reason, setReason] = useState('');
  useSubscription(
    trpc.seats.onChange.subscriptionOptions(
      { showtimeId },
      {
        onStarted: () => void queryClient.invalidateQueries({ queryKey: mapOptions.queryKey }),
        onData: (event) => {
          const current = queryClient.getQueryData<TSeatMap>(mapOptions.queryKey);
          if (!current) return;
          const { map: next, stale } = applySeatChange(current, event);
          if (stale) void queryClient.invalidateQueries({ queryKey: mapOptions.queryKey });
          else queryClient.setQueryData(mapOptions.queryKey, next);
        },
      },
    ),
  );
  const done = () => {
    setSelected(new Set());
    void queryClient.invalidateQueries({ queryKey: mapOptions.queryKey });
  };
  const block = useMutation(trpc.seatBlocks.block.mutationOptions({ onSuccess: done }));
  const unblock = useMutation(trpc.seatBlocks.unblock.mutationOptions({ onSuccess: done }));
  if (map.isPending) return <Spinner label="Loading seats…" />;
  if (map.error)
    return (
      <p className="notice notice-error" role="alert">
        {problem(map.error)}
      </p>
    );
  const seats = map.data.seats.filter((s) => selected.has(s.id));
  const toggle = (seat: TSeat) =>
    seat.state === 'sold'
      ? navigate(`/bookings?show=${showtimeId}&seat=${encodeURIComponent(seat.label)}`)
      : setSelected((prev) => {
          const next = new Set(prev);
          if (!next.delete(seat.id)) next.add(seat.id);
          return next;
        });
  const allBlocked = seats.length > 0 && seats.every((s) => s.state === 'blocked');
  const allFree = seats.length > 0 && seats.every((s) => s.state === 'available');
  const failure = block.error ?? unblock.error;
  return (
    <div className="manager-seats">
      <SeatMap
        map={map.data}
        selected={selected}
        onToggle={toggle}
        isSelectable={(s) => s.state === 'available' || s.state === 'blocked' || s.state === 'sold'}
      />
      <p role="status">
        {seats.length
          ? `Selected: ${seats.map((s) => `${s.label} (${s.state})`).join(', ')}`
          : 'Touch free seats to block them, blocked seats to put them back on sale, or a sold seat to open its booking.'}
      </p>
      {failure && (
        <p className="notice notice-error" role="alert">
          {problem(failure)}
        </p>
      )}
      <form
        className="manager-inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          block.mutate({ showtimeId, seatIds: [...selected], reason });
        }}
      >
        <label className="field">
          <span>Reason for blocking</span>
          <input
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            minLength={3}
            maxLength={200}
            required={allFree}
          />
        </label>
        <button type="submit" className="button button-primary" disabled={!allFree || block.isPending}>
          Block selected seats
        </button>
        <button
          type="button"
          className="button"
          disabled={!allBlocked || unblock.isPending}
          onClick={() => unblock.mutate({ showtimeId, seatIds: [...selected] })}
        >
          Put selected seats back on sale
        </button>
      </form>
    </div>
  );
}
