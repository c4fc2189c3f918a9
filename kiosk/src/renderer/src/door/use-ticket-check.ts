// Checking one scanned ticket: the server decides while it answers; without a network the door
// judges it from its door pack and queues the scan. The answer is shown and heard.
import { formatClock, type TDoorPack } from '@marquee/shared';
import type { TRPCClientError } from '@trpc/client';
import { useCallback, useRef, useState, type RefObject } from 'react';
import { useStaffTimeZone } from '../components/use-cinema-time-zone';
import { problem } from '../manager/problem';
import { useTRPCClient } from '../trpc';
import { beep } from './beep';
import { judgeOffline, type TQueuedScan } from './door-offline';
import { isOffline } from './door-storage';

export type TVerdict = {
  ok: boolean;
  title: string;
  detail: string;
  count?: string;
  offline?: boolean;
  /** The show of the ticket admitted (or found already used), for the door's running count. */
  showtimeId?: string;
};

export function useTicketCheck({
  door,
  pack,
  queueRef,
  enqueue,
  setOnline,
}: {
  door: string;
  pack: TDoorPack | null;
  queueRef: RefObject<TQueuedScan[]>;
  enqueue: (scan: TQueuedScan) => void;
  setOnline: (online: boolean) => void;
}): {
  verdict: TVerdict | null;
  /** The answer shown for the ticket, or null when nothing was checked (empty, or the same QR seen again). */
  check: (raw: string) => Promise<TVerdict | null>;
  /** Lets the next scan of the last ticket through at once (a code typed again on purpose). */
  forgetLastScan: () => void;
} {
  const staffZone = useStaffTimeZone();
  const client = useTRPCClient();
  const [verdict, setVerdict] = useState<TVerdict | null>(null);
  const lastScan = useRef<{ token: string; at: number } | null>(null);

  const check = useCallback(
    async (raw: string): Promise<TVerdict | null> => {
      const token = raw.trim();
      if (!token) return null;
      // A QR held in front of the camera is seen many times a second: one answer per ticket.
      const now = Date.now();
      if (lastScan.current?.token === token && now - lastScan.current.at < 3000) return null;
      lastScan.current = { token, at: now };
      try {
        const r = await client.tickets.checkIn.mutate({ token, door });
        setOnline(true);
        return show({
          ok: true,
          title: `Seat ${r.seatLabel}`,
          detail: `${r.movieTitle}, ${r.screenName}, ${formatClock(r.startsAt, staffZone)} · booking ${r.bookingCode}`,
          count: `${r.checkedIn} of ${r.tickets} in`,
          showtimeId: r.showtimeId,
        });
      } catch (err) {
        if (!isOffline(err)) {
          const data = (err as TRPCClientError<never>).data as { ticket?: { seatLabel?: string } } | undefined;
          return show({
            ok: false,
            title: data?.ticket?.seatLabel ? `Seat ${data.ticket.seatLabel}: not admitted` : 'Not admitted',
            detail: problem(err),
          });
        }
        setOnline(false);
        if (!pack)
          return show({
            ok: false,
            title: 'Offline',
            detail: 'No connection, and this door has no ticket data yet. Connect once to download it.',
          });
        const judged = judgeOffline(pack, queueRef.current, token, new Date());
        if (!judged.ok)
          return show({
            ok: false,
            title: judged.seatLabel ? `Seat ${judged.seatLabel}: not admitted` : 'Not admitted',
            detail: judged.message,
            offline: true,
          });
        enqueue(judged.scan);
        const showInfo = pack.shows.find((s) => s.id === judged.scan.showtimeId);
        return show({
          ok: true,
          title: `Seat ${judged.scan.seatLabel}`,
          detail: `${showInfo?.movieTitle ?? ''} · checked offline, will sync`,
          offline: true,
          showtimeId: judged.scan.showtimeId,
        });
      }
    },
    [client, door, pack],
  );

  function show(v: TVerdict): TVerdict {
    setVerdict(v);
    beep(v.ok);
    return v;
  }

  return {
    verdict,
    check,
    forgetLastScan: () => {
      lastScan.current = null;
    },
  };
}
