import { cinemaDate, formatShowTime, type TSeat } from '@marquee/shared';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Spinner } from '../components/layout';
import { SeatMap } from '../screens/seat-map/seat-map';
import { useStaffTimeZone } from '../components/use-cinema-time-zone';
import { useTRPC } from '../trpc';
import { useDeskMessages } from './desk-messages';
import { useLiveSeatMap } from './live-seat-map';
import { useProblem } from './problem';

/** A day (today first) and one of its shows. */
export function ShowPicker({
  showtimeId,
  onShow,
  exclude,
}: {
  showtimeId: string;
  onShow: (id: string) => void;
  /** A show not to offer (the booking's own, when exchanging for another). */
  exclude?: string;
}) {
  const t = useDeskMessages();
  const zone = useStaffTimeZone();
  const trpc = useTRPC();
  const today = cinemaDate(new Date(), zone);
  const [date, setDate] = useState(today);
  const shows = useQuery(trpc.catalog.showtimes.queryOptions({ date }));
  return (
    <div className="manager-toolbar">
      <label className="field">
        <span>{t.day}</span>
        <input
          type="date"
          value={date}
          min={today}
          onChange={(e) => e.target.value && (setDate(e.target.value), onShow(''))}
        />
      </label>
      <label className="field">
        <span>{t.show}</span>
        <select value={showtimeId} onChange={(e) => onShow(e.target.value)}>
          <option value="">{t.chooseShow}</option>
          {shows.data
            ?.filter((s) => s.id !== exclude)
            .map((s) => (
              <option key={s.id} value={s.id} disabled={!s.onSale}>
                {formatShowTime(s.startsAt, zone)} {s.movieTitle} ({s.screenName})
              </option>
            ))}
        </select>
      </label>
    </div>
  );
}

/** A show's live seat map where staff pick free seats; says which are picked. */
export function SeatPicker({
  showtimeId,
  selected,
  onChange,
}: {
  showtimeId: string;
  selected: ReadonlySet<string>;
  onChange: (next: ReadonlySet<string>, labels: string[]) => void;
}) {
  const t = useDeskMessages();
  const problem = useProblem();
  const { map } = useLiveSeatMap(showtimeId);
  if (map.isPending) return <Spinner label="…" />;
  if (map.error)
    return (
      <p className="notice notice-error" role="alert">
        {problem(map.error)}
      </p>
    );
  const labelsOf = (ids: ReadonlySet<string>) => map.data.seats.filter((s) => ids.has(s.id)).map((s) => s.label);
  const toggle = (seat: TSeat) => {
    const next = new Set(selected);
    if (!next.delete(seat.id)) next.add(seat.id);
    onChange(next, labelsOf(next));
  };
  const labels = labelsOf(selected);
  return (
    <div className="manager-seats">
      <SeatMap map={map.data} selected={selected} onToggle={toggle} forStaff />
      <p role="status">{labels.length ? t.selected(labels.join(', ')) : t.pickSeatsHelp}</p>
    </div>
  );
}
