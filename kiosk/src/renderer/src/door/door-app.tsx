// The door scanner at /door: staff scan ticket QRs with the camera (or a handheld scanner that types
// into the code field), see a big green or red answer with the seat, hear it, and keep count.
// Offline, the door judges tickets itself from its door pack and syncs its scans when back.
import { formatClock, type TCheckInSyncResult, type TDoorPack } from '@marquee/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { TRPCClientError } from '@trpc/client';
import { useCallback, useEffect, useRef, useState } from 'react';
import { Spinner } from '../components/layout';
import { StaffSignIn } from '../manager/staff-sign-in';
import { problem } from '../manager/problem';
import { useTRPC, useTRPCClient } from '../trpc';
import { startCamera, type TCamera } from './camera-scanner';
import { judgeOffline, type TQueuedScan } from './door-offline';
import { useStaffTimeZone } from '../components/use-cinema-time-zone';

const DOOR_KEY = 'marquee.door.name';
const PACK_KEY = 'marquee.door.pack';
const QUEUE_KEY = 'marquee.door.queue';

type TVerdict = { ok: boolean; title: string; detail: string; count?: string; offline?: boolean };

const load = <T,>(key: string, fallback: T): T => {
  try {
    const raw = localStorage.getItem(key);
    return raw ? (JSON.parse(raw) as T) : fallback;
  } catch {
    return fallback;
  }
};

/** A network failure (no answer at all), as opposed to the server refusing the ticket. */
const isOffline = (err: unknown) => !(err instanceof TRPCClientError) || !err.data;

export default function DoorApp() {
  const trpc = useTRPC();
  const me = useQuery(trpc.manager.me.queryOptions(undefined, { staleTime: 60_000 }));
  const [door, setDoor] = useState(() => localStorage.getItem(DOOR_KEY) ?? '');
  const [editing, setEditing] = useState(!door);
  if (me.isPending) return <Spinner label="Loading…" />;
  if (me.error && !isOffline(me.error))
    return (
      <p className="notice notice-error" role="alert">
        {problem(me.error)}
      </p>
    );
  if (!me.error && !me.data) return <StaffSignIn title="Door sign-in" />;
  if (editing) {
    return (
      <div className="screen manager" data-screen="door-setup">
        <header className="screen-header">
          <span className="brand">Marquee</span>
          <h1>Which door is this?</h1>
        </header>
        <main className="screen-body">
          <form
            className="form"
            onSubmit={(e) => {
              e.preventDefault();
              localStorage.setItem(DOOR_KEY, door.trim());
              setEditing(false);
            }}
          >
            <label className="field">
              <span>Door name</span>
              <input
                value={door}
                onChange={(e) => setDoor(e.target.value)}
                required
                maxLength={40}
                placeholder="Door 2"
              />
            </label>
            <button type="submit" className="button button-primary">
              Start scanning
            </button>
          </form>
        </main>
      </div>
    );
  }
  return <DoorScanner door={door.trim()} onChangeDoor={() => setEditing(true)} />;
}

function DoorScanner({ door, onChangeDoor }: { door: string; onChangeDoor: () => void }) {
  const staffZone = useStaffTimeZone();
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const [pack, setPack] = useState<TDoorPack | null>(() => load(PACK_KEY, null));
  const [queue, setQueue] = useState<TQueuedScan[]>(() => load(QUEUE_KEY, []));
  const [verdict, setVerdict] = useState<TVerdict | null>(null);
  const [manual, setManual] = useState('');
  const [online, setOnline] = useState(true);
  const [reports, setReports] = useState<TCheckInSyncResult>([]);
  const [camera, setCamera] = useState<TCamera | null>(null);
  const [cameraError, setCameraError] = useState<string | null>(null);
  const video = useRef<HTMLVideoElement>(null);
  const lastScan = useRef<{ token: string; at: number } | null>(null);
  const queueRef = useRef(queue);
  queueRef.current = queue;

  useEffect(() => localStorage.setItem(QUEUE_KEY, JSON.stringify(queue)), [queue]);

  // The door pack: fetched now and every minute while online, kept for when the network goes.
  const packQuery = useQuery(trpc.tickets.doorPack.queryOptions(undefined, { refetchInterval: 60_000, retry: false }));
  useEffect(() => {
    if (!packQuery.data) return;
    setPack(packQuery.data);
    localStorage.setItem(PACK_KEY, JSON.stringify(packQuery.data));
  }, [packQuery.data]);

  const sync = useMutation(
    trpc.tickets.sync.mutationOptions({
      onSuccess: (results, input) => {
        const sent = new Set(input.scans.map((s) => s.token));
        setQueue((q) => q.filter((s) => !sent.has(s.token)));
        setReports((r) =>
          [...results.filter((x) => x.outcome === 'conflict' || x.outcome === 'refused'), ...r].slice(0, 20),
        );
        setOnline(true);
        void queryClient.invalidateQueries({ queryKey: trpc.tickets.doorPack.queryKey() });
      },
      onError: (err) => setOnline(!isOffline(err)),
    }),
  );
  // Queued scans go up as soon as the server answers again.
  useEffect(() => {
    const timer = setInterval(() => {
      if (queueRef.current.length && !sync.isPending)
        sync.mutate({ door, scans: queueRef.current.map(({ token, scannedAt }) => ({ token, scannedAt })) });
    }, 5_000);
    return () => clearInterval(timer);
  }, [door, sync]);

  const check = useCallback(
    async (raw: string) => {
      const token = raw.trim();
      if (!token) return;
      // A QR held in front of the camera is seen many times a second: one answer per ticket.
      const now = Date.now();
      if (lastScan.current?.token === token && now - lastScan.current.at < 3000) return;
      lastScan.current = { token, at: now };
      try {
        const r = await client.tickets.checkIn.mutate({ token, door });
        setOnline(true);
        show({
          ok: true,
          title: `Seat ${r.seatLabel}`,
          detail: `${r.movieTitle}, ${r.screenName}, ${formatClock(r.startsAt, staffZone)} · booking ${r.bookingCode}`,
          count: `${r.checkedIn} of ${r.tickets} in`,
        });
      } catch (err) {
        if (!isOffline(err)) {
          const data = (err as TRPCClientError<never>).data as { ticket?: { seatLabel?: string } } | undefined;
          show({
            ok: false,
            title: data?.ticket?.seatLabel ? `Seat ${data.ticket.seatLabel}: not admitted` : 'Not admitted',
            detail: problem(err),
          });
          return;
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
        setQueue((q) => [...q, judged.scan]);
        const showInfo = pack.shows.find((s) => s.id === judged.scan.showtimeId);
        show({
          ok: true,
          title: `Seat ${judged.scan.seatLabel}`,
          detail: `${showInfo?.movieTitle ?? ''} · checked offline, will sync`,
          offline: true,
        });
      }
    },
    [client, door, pack],
  );

  function show(v: TVerdict) {
    setVerdict(v);
    beep(v.ok);
  }

  async function toggleCamera() {
    if (camera) {
      camera.stop();
      setCamera(null);
      return;
    }
    setCameraError(null);
    try {
      setCamera(await startCamera(video.current!, (text) => void check(text)));
    } catch (err) {
      setCameraError(err instanceof Error ? err.message : String(err));
    }
  }
  useEffect(() => () => camera?.stop(), [camera]);

  return (
    <div className="screen manager door" data-screen="door">
      <header className="screen-header">
        <span className="brand">Marquee</span>
        <h1>{door}</h1>
        <span className={online ? 'status-ok' : 'status-bad'} role="status">
          {online ? 'Online' : 'Offline: checking tickets on this device'}
          {queue.length > 0 && ` · ${queue.length} scan${queue.length === 1 ? '' : 's'} waiting to sync`}
        </span>
        <button type="button" className="button" onClick={onChangeDoor}>
          Change door
        </button>
      </header>
      <main className="screen-body door-body">
        <div
          className={`door-verdict ${verdict ? (verdict.ok ? 'door-ok' : 'door-bad') : ''}`}
          role="alert"
          aria-live="assertive"
          aria-label="Scan result"
        >
          {verdict ? (
            <>
              <p className="door-verdict-title">{verdict.ok ? '✓ Admit' : '✕ Stop'}</p>
              <p className="door-verdict-seat">{verdict.title}</p>
              <p>{verdict.detail}</p>
              {verdict.count && <p className="door-count">{verdict.count}</p>}
            </>
          ) : (
            <p>Scan a ticket</p>
          )}
        </div>
        <div className="door-inputs">
          <video ref={video} className="door-video" muted playsInline aria-label="Camera" hidden={!camera} />
          <button type="button" className="button button-large" onClick={() => void toggleCamera()}>
            {camera ? 'Stop camera' : 'Scan with camera'}
          </button>
          {cameraError && (
            <p className="notice notice-error" role="alert">
              {cameraError}
            </p>
          )}
          <form
            className="manager-inline-form"
            onSubmit={(e) => {
              e.preventDefault();
              lastScan.current = null;
              void check(manual);
              setManual('');
            }}
          >
            <label className="field">
              <span>Ticket code (or a handheld scanner)</span>
              <input value={manual} onChange={(e) => setManual(e.target.value)} autoComplete="off" autoFocus />
            </label>
            <button type="submit" className="button button-primary">
              Check
            </button>
          </form>
        </div>
        {reports.length > 0 && (
          <section aria-label="Sync reports">
            <h2>From offline scans</h2>
            <ul>
              {reports.map((r, i) => (
                <li key={`${r.token}-${i}`}>{r.message}</li>
              ))}
            </ul>
          </section>
        )}
      </main>
    </div>
  );
}

/** A short high beep for "admit", a low buzz for "stop" (WebAudio: no sound files to ship). */
function beep(ok: boolean): void {
  try {
    const audio = new AudioContext();
    const tone = audio.createOscillator();
    const gain = audio.createGain();
    tone.type = ok ? 'sine' : 'square';
    tone.frequency.value = ok ? 1200 : 220;
    gain.gain.value = 0.15;
    tone.connect(gain).connect(audio.destination);
    tone.start();
    tone.stop(audio.currentTime + (ok ? 0.15 : 0.45));
    tone.onended = () => void audio.close();
  } catch {
    // No audio device: the colour and text still say it.
  }
}
