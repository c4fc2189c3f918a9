// The kiosk's heartbeat: every 15 s it tells the server its app version, screen, printer state and
// last error. Plain code with no Electron or DOM import: Electron's main process runs it, and so
// does the kiosk UI in a browser (where the print agent stands in for main).
import type { TKioskHeartbeatInput } from '@marquee/shared';

export const HEARTBEAT_INTERVAL_MS = 15_000;

export interface THeartbeatOptions {
  snapshot: () => Promise<TKioskHeartbeatInput>;
  send: (heartbeat: TKioskHeartbeatInput) => Promise<unknown>;
  /** A failed beat is reported, never fatal: the next one tries again. */
  onError: (err: unknown) => void;
  intervalMs?: number;
}

/** Beats at once and then every interval; returns the stop function. Beats never overlap. */
export function startHeartbeat({
  snapshot,
  send,
  onError,
  intervalMs = HEARTBEAT_INTERVAL_MS,
}: THeartbeatOptions): () => void {
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const beat = async (): Promise<void> => {
    try {
      await send(await snapshot());
    } catch (err) {
      onError(err);
    }
    if (!stopped) timer = setTimeout(() => void beat(), intervalMs);
  };
  void beat();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
