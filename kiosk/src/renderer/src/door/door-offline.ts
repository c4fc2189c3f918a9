// The door's own judgement while the network is down: the same rules as the server (signature,
// show hours, refunded, used once), from the door pack and the scans this door queued itself.
import { decodeBase64Url, DOOR_OPENS_BEFORE_MS, formatClock, verifyTicketToken, type TDoorPack } from '@marquee/shared';

export interface TQueuedScan {
  token: string;
  scannedAt: string;
  ticketId: string;
  seatLabel: string;
  showtimeId: string;
}

export type TOfflineVerdict =
  { ok: true; scan: TQueuedScan; message: string } | { ok: false; message: string; seatLabel: string | null };

export function judgeOffline(
  pack: TDoorPack,
  queue: readonly TQueuedScan[],
  token: string,
  now: Date,
): TOfflineVerdict {
  // The cinema's clock, from the pack (a pack saved before it carried one: the device's).
  const zone = pack.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  const keys = new Map(Object.entries(pack.publicKeys).map(([kid, key]) => [kid, decodeBase64Url(key)]));
  const verified = verifyTicketToken(token.trim(), keys);
  if (!verified.ok) return { ok: false, message: 'This is not a valid Marquee ticket.', seatLabel: null };
  const { tid, st, seat } = verified.payload;
  const show = pack.shows.find((s) => s.id === st);
  if (!show) return { ok: false, message: 'This ticket is not for a show today.', seatLabel: seat };
  if (show.cancelled)
    return { ok: false, message: 'This show was cancelled; the ticket was refunded.', seatLabel: seat };
  if (pack.refusedTicketIds.includes(tid))
    return { ok: false, message: 'This ticket was refunded and cannot be used.', seatLabel: seat };
  const queued = queue.find((q) => q.ticketId === tid);
  const used = pack.used[tid] ?? (queued ? { at: queued.scannedAt, door: 'this door' } : undefined);
  if (used)
    return {
      ok: false,
      message: `Already used at ${formatClock(used.at, zone)}${used.door ? ` at ${used.door}` : ''} (seat ${seat}).`,
      seatLabel: seat,
    };
  const opens = Date.parse(show.startsAt) - DOOR_OPENS_BEFORE_MS;
  if (now.getTime() < opens)
    return {
      ok: false,
      message: `Too early: doors open at ${formatClock(new Date(opens).toISOString(), zone)} for the ${formatClock(show.startsAt, zone)} show.`,
      seatLabel: seat,
    };
  if (now.getTime() > Date.parse(show.endsAt))
    return { ok: false, message: `This show ended at ${formatClock(show.endsAt, zone)}.`, seatLabel: seat };
  return {
    ok: true,
    scan: { token: token.trim(), scannedAt: now.toISOString(), ticketId: tid, seatLabel: seat, showtimeId: st },
    message: `${seat}: admitted (offline, will sync)`,
  };
}
