// The scanning page of a door: the verdict of the last scan, the camera and the code field, whether
// the door is online, and what the server said about scans synced from offline.
import { DOOR_OPENS_BEFORE_MS } from '@marquee/shared';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTRPC } from '../trpc';
import { AdmittedCount, showOpenNow } from './admitted-count';
import { DoorLookup } from './door-lookup';
import { useCamera } from './use-camera';
import { useDoorPack } from './use-door-pack';
import { useScanQueue } from './use-scan-queue';
import { useTicketCheck } from './use-ticket-check';

export function DoorScanner({ door, onChangeDoor }: { door: string; onChangeDoor: () => void }) {
  const pack = useDoorPack();
  const [online, setOnline] = useState(true);
  const { queue, queueRef, enqueue, reports } = useScanQueue(door, setOnline);
  const { verdict, check: checkTicket, forgetLastScan } = useTicketCheck({ door, pack, queueRef, enqueue, setOnline });
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  // The show being admitted: the last one a ticket was admitted for (or looked up), else the one open now.
  const [admitting, setAdmitting] = useState<string | null>(null);
  const showtimeId = admitting ?? showOpenNow(pack, new Date(), DOOR_OPENS_BEFORE_MS);
  async function check(raw: string) {
    const v = await checkTicket(raw);
    if (v?.showtimeId) setAdmitting(v.showtimeId);
    if (v) void queryClient.invalidateQueries({ queryKey: trpc.tickets.admittedCount.queryKey() });
    return v;
  }
  const { camera, cameraError, video, toggleCamera } = useCamera((text) => void check(text));
  const [manual, setManual] = useState('');

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
        {showtimeId && <AdmittedCount showtimeId={showtimeId} pack={pack} queue={queue} />}
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
              forgetLastScan();
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
          <DoorLookup
            door={door}
            admit={(token) => {
              forgetLastScan();
              return check(token);
            }}
            onFound={setAdmitting}
          />
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
