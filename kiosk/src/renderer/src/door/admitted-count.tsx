// "Admitted 37 of 120 sold" for the show the door is admitting: the last show it admitted a ticket
// of, or before that the show whose doors are open now. The server's count (every door's scans) is
// asked again after each scan (the scanner invalidates it) and every few seconds; offline, this door's queued scans are added.
import { formatClock, type TDoorPack } from '@marquee/shared';
import { useQuery } from '@tanstack/react-query';
import { useStaffTimeZone } from '../components/use-cinema-time-zone';
import { useTRPC } from '../trpc';
import type { TQueuedScan } from './door-offline';

/** The show a door is admitting before its first scan: the first whose doors are open and that has not ended. */
export function showOpenNow(pack: TDoorPack | null, now: Date, opensBeforeMs: number): string | null {
  const show = pack?.shows.find(
    (s) =>
      !s.cancelled && Date.parse(s.startsAt) - opensBeforeMs <= now.getTime() && Date.parse(s.endsAt) >= now.getTime(),
  );
  return show?.id ?? null;
}

export function AdmittedCount({
  showtimeId,
  pack,
  queue,
}: {
  showtimeId: string;
  pack: TDoorPack | null;
  queue: readonly TQueuedScan[];
}) {
  const trpc = useTRPC();
  const zone = useStaffTimeZone();
  const count = useQuery(
    trpc.tickets.admittedCount.queryOptions(
      { showtimeId },
      { refetchInterval: 5_000, retry: false, placeholderData: (previous) => previous },
    ),
  );
  const fromPack = pack?.shows.find((s) => s.id === showtimeId);
  const waiting = queue.filter((q) => q.showtimeId === showtimeId).length;
  const admitted = count.data ? count.data.admitted + waiting : null;
  const sold = count.data?.sold ?? fromPack?.tickets;
  const title = count.data?.movieTitle ?? fromPack?.movieTitle;
  const startsAt = count.data?.startsAt ?? fromPack?.startsAt;
  if (admitted === null || sold === undefined) return null;
  return (
    <p className="door-admitted" role="status" aria-label="Admitted for this show">
      <strong>
        Admitted {admitted} of {sold} sold
      </strong>
      {title && startsAt && (
        <span>
          {' '}
          · {title}, {formatClock(startsAt, zone)}
        </span>
      )}
    </p>
  );
}
