import {
  cinemaDate,
  formatShowTime,
  SEAT_BLOCK_RANGE_MAX_DAYS,
  type TSeat,
  type TSeatBlockList,
} from '@marquee/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useLocation } from 'wouter';
import { Spinner } from '../components/layout';
import { SeatMap } from '../screens/seat-map/seat-map';
import { useTRPC } from '../trpc';
import { useLiveSeatMap } from './live-seat-map';
import { problem } from './problem';
import { useStaffTimeZone } from '../components/use-cinema-time-zone';

/**
 * Block seats of one show (a broken seat, staff seats) or of every show of its screen over a range of
 * days (house seats for a week, released as one), or put them back on sale; a sold seat opens its
 * booking at the booking desk.
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
      {showtimeId && (
        <BlockSeats
          key={showtimeId}
          showtimeId={showtimeId}
          screenId={shows.data?.find((s) => s.id === showtimeId)?.screenId ?? null}
          day={date}
        />
      )}
    </section>
  );
}

/** The date `days` after a YYYY-MM-DD date. */
function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** What staff read on a blocked seat: why, and for a range block, over which shows. */
function blockNotes(blocks: TSeatBlockList | undefined, zone: string): Map<string, string> {
  return new Map(
    (blocks ?? []).map((b) => [
      b.seatId,
      b.group
        ? `Blocked: ${b.reason} (${b.group.shows} show${b.group.shows === 1 ? '' : 's'}, ${formatShowTime(b.group.firstStartsAt, zone)} to ${formatShowTime(b.group.lastStartsAt, zone)})`
        : `Blocked: ${b.reason}`,
    ]),
  );
}

function BlockSeats({ showtimeId, screenId, day }: { showtimeId: string; screenId: string | null; day: string }) {
  const trpc = useTRPC();
  const [, navigate] = useLocation();
  const zone = useStaffTimeZone();
  const queryClient = useQueryClient();
  const { map, refresh } = useLiveSeatMap(showtimeId);
  const blocks = useQuery(trpc.seatBlocks.list.queryOptions({ showtimeId }));
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [reason, setReason] = useState('');
  const [range, setRange] = useState(false);
  const [fromDate, setFromDate] = useState(day);
  const [toDate, setToDate] = useState(addDays(day, 6));
  const [done, setDone] = useState<string | null>(null);
  const changed = (message: string) => {
    setSelected(new Set());
    setDone(message);
    void refresh();
    void queryClient.invalidateQueries({ queryKey: trpc.seatBlocks.list.queryKey() });
  };
  const plural = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;
  const block = useMutation(
    trpc.seatBlocks.block.mutationOptions({ onSuccess: (r) => changed(`Blocked ${plural(r.blocked, 'seat')}.`) }),
  );
  const blockRange = useMutation(
    trpc.seatBlocks.blockRange.mutationOptions({
      onSuccess: (r) => changed(`Blocked ${plural(r.blocked, 'seat')} over ${plural(r.shows, 'show')}.`),
    }),
  );
  const unblock = useMutation(
    trpc.seatBlocks.unblock.mutationOptions({
      onSuccess: (r) => changed(`Put ${plural(r.unblocked, 'seat')} back on sale.`),
    }),
  );
  const releaseGroup = useMutation(
    trpc.seatBlocks.releaseGroup.mutationOptions({
      onSuccess: (r) => changed(`Released ${plural(r.unblocked, 'seat block')} in ${plural(r.shows, 'show')}.`),
    }),
  );
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
  const failure = block.error ?? blockRange.error ?? unblock.error ?? releaseGroup.error;
  const fieldErrors = (blockRange.error?.data as { fieldErrors?: Record<string, string> } | undefined)?.fieldErrors;
  // The range groups the selected blocked seats belong to: "release the group" frees all their shows.
  const groups = [
    ...new Map(
      (blocks.data ?? [])
        .filter((b) => selected.has(b.seatId) && b.groupId && b.group)
        .map((b) => [b.groupId!, { groupId: b.groupId!, reason: b.reason, shows: b.group!.shows }]),
    ).values(),
  ];
  const pending = block.isPending || blockRange.isPending;
  const notes = blockNotes(blocks.data, zone);
  return (
    <div className="manager-seats">
      <SeatMap
        map={map.data}
        selected={selected}
        onToggle={(s) => {
          setDone(null);
          toggle(s);
        }}
        isSelectable={(s) => s.state === 'available' || s.state === 'blocked' || s.state === 'sold'}
        notes={notes}
        forStaff
      />
      <p role="status">
        {seats.length
          ? `Selected: ${seats.map((s) => `${s.label} (${notes.get(s.id) ?? s.state})`).join(', ')}`
          : 'Touch free seats to block them, blocked seats to put them back on sale, or a sold seat to open its booking.'}
      </p>
      {failure && !fieldErrors && (
        <p className="notice notice-error" role="alert">
          {problem(failure)}
        </p>
      )}
      {done && !failure && (
        <p className="notice" role="status">
          {done}
        </p>
      )}
      <form
        className="manager-inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (range && screenId) blockRange.mutate({ screenId, seatIds: [...selected], reason, fromDate, toDate });
          else block.mutate({ showtimeId, seatIds: [...selected], reason });
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
        <label className="manager-checkbox">
          <input type="checkbox" checked={range} onChange={(e) => setRange(e.target.checked)} disabled={!screenId} />
          <span>In every show of this screen over several days</span>
        </label>
        {range && (
          <>
            <label className="field">
              <span>First day</span>
              <input
                type="date"
                value={fromDate}
                onChange={(e) => setFromDate(e.target.value)}
                required
                aria-invalid={fieldErrors?.fromDate ? true : undefined}
              />
              {fieldErrors?.fromDate && <small className="field-error">The first day: {fieldErrors.fromDate}.</small>}
            </label>
            <label className="field">
              <span>Last day</span>
              <input
                type="date"
                value={toDate}
                min={fromDate}
                max={addDays(fromDate, SEAT_BLOCK_RANGE_MAX_DAYS - 1)}
                onChange={(e) => setToDate(e.target.value)}
                required
                aria-invalid={fieldErrors?.toDate ? true : undefined}
              />
              {fieldErrors?.toDate && <small className="field-error">The last day: {fieldErrors.toDate}.</small>}
            </label>
          </>
        )}
        <button type="submit" className="button button-primary" disabled={!allFree || pending}>
          {range ? 'Block in every show of these days' : 'Block selected seats'}
        </button>
        <button
          type="button"
          className="button"
          disabled={!allBlocked || unblock.isPending}
          onClick={() => unblock.mutate({ showtimeId, seatIds: [...selected] })}
        >
          Put selected seats back on sale
        </button>
        {groups.map((g) => (
          <button
            key={g.groupId}
            type="button"
            className="button"
            disabled={releaseGroup.isPending}
            onClick={() => releaseGroup.mutate({ groupId: g.groupId })}
          >
            Release “{g.reason}” in all {g.shows} shows
          </button>
        ))}
      </form>
    </div>
  );
}
