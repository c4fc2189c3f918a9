// The Tonight board, live: reloaded when a seat of one of its shows changes (a hold, a sale, a
// release, a refund, a block), when a ticket is checked in, when a kiosk changes, and every
// TONIGHT_TICK_MS (a show's state moves with the clock; a kiosk going silent sends nothing). At most
// one reload per TONIGHT_MIN_INTERVAL_MS, so a rush of sales folds into one update per interval,
// and a board is sent only when it differs from the last one sent.
import type { TTonight } from '@marquee/shared';
import type { TServices } from '../services';
import { loadTonight } from './load-tonight';

export const TONIGHT_TICK_MS = 15_000;
export const TONIGHT_MIN_INTERVAL_MS = 1_000;

/** Rung by any event; waited on between reloads. A ring while nobody waits is kept for the next wait. */
class Bell {
  private rung = false;
  private wake: (() => void) | undefined;

  ring(): void {
    this.rung = true;
    this.wake?.();
  }

  clear(): void {
    this.rung = false;
  }

  /** Until rung, `ms` passed or `signal` aborted. */
  async wait(ms: number, signal: AbortSignal): Promise<void> {
    if (this.rung || signal.aborted) return;
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        this.wake = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      signal.addEventListener('abort', done, { once: true });
      this.wake = done;
    });
  }
}

const pause = (ms: number, signal: AbortSignal) => new Bell().wait(ms, signal);

export async function* tonightStream(
  services: Pick<TServices, 'prisma' | 'log' | 'seatEvents' | 'fleetEvents' | 'tonightEvents'>,
  {
    cinemaId,
    signal,
    tickMs = TONIGHT_TICK_MS,
    minIntervalMs = TONIGHT_MIN_INTERVAL_MS,
  }: { cinemaId: string; signal: AbortSignal; tickMs?: number; minIntervalMs?: number },
): AsyncGenerator<TTonight> {
  // Ends the event listeners however the board ends: the client gone, or the generator returned.
  const ended = new AbortController();
  const listening = AbortSignal.any([signal, ended.signal]);
  const bell = new Bell();
  const listen = (events: AsyncGenerator<unknown>) => {
    void (async () => {
      for await (const _ of events) bell.ring();
    })().catch((err: unknown) => services.log.warn({ err, cinemaId }, 'a Tonight board stopped hearing events'));
  };
  listen(services.tonightEvents.stream(cinemaId, listening));
  listen(services.fleetEvents.stream(cinemaId, listening));
  // The seat events of exactly the shows on the board, followed as the board's shows change.
  const shows = new Map<string, AbortController>();
  let last = '';
  try {
    while (!signal.aborted) {
      const loadedAt = Date.now();
      bell.clear();
      const board = await loadTonight(services, { cinemaId });
      const ids = new Set(board.shows.map((s) => s.showtimeId));
      for (const [id, stop] of shows)
        if (!ids.has(id)) {
          stop.abort();
          shows.delete(id);
        }
      for (const id of ids)
        if (!shows.has(id)) {
          const stop = new AbortController();
          shows.set(id, stop);
          listen(services.seatEvents.stream(id, AbortSignal.any([listening, stop.signal])));
        }
      const shape = JSON.stringify({ alerts: board.alerts, shows: board.shows, date: board.date });
      if (shape !== last) {
        last = shape;
        yield board;
      }
      await bell.wait(tickMs, signal);
      const since = Date.now() - loadedAt;
      if (since < minIntervalMs) await pause(minIntervalMs - since, signal);
    }
  } finally {
    ended.abort();
  }
}
