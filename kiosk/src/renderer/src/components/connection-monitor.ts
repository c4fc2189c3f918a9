// Whether the API answers, as the app's own requests see it. Every tRPC request and live stream
// goes through `fetchFor`: a request that fails, or hangs past `slowMs`, marks the connection lost
// at once; from then on a probe of /healthz retries with backoff (1 s doubling up to `retryMaxMs`)
// until the API answers, and any answer (probe or request) marks it back. A request that hangs past
// `requestTimeoutMs` is aborted, so no spinner waits forever on a dead connection.

export interface TConnectionTimings {
  /** A request still unanswered after this long counts as a lost connection. */
  slowMs: number;
  /** A request (not a live stream) is aborted after this long. */
  requestTimeoutMs: number;
  /** The first retry of a lost connection, doubling up to `retryMaxMs`. */
  retryMinMs: number;
  retryMaxMs: number;
}

export const CONNECTION_TIMINGS: TConnectionTimings = {
  slowMs: 3_000,
  requestTimeoutMs: 12_000,
  retryMinMs: 1_000,
  retryMaxMs: 5_000,
};

export type TConnectionState = 'online' | 'offline';

/** A request the monitor aborted because no answer came within `requestTimeoutMs`. */
export class RequestTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`no answer from the API within ${timeoutMs} ms`);
    this.name = 'RequestTimeoutError';
  }
}

export class ConnectionMonitor {
  private state: TConnectionState = 'online';
  private readonly listeners = new Set<() => void>();
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private attempt = 0;

  constructor(
    private readonly options: {
      /** Resolves true when the API answers (its /healthz), false or rejects when it does not. */
      probe: () => Promise<boolean>;
      timings?: TConnectionTimings;
      /** Told of every change, e.g. to pause and resume react-query. */
      onChange?: (state: TConnectionState) => void;
    },
  ) {}

  private get timings(): TConnectionTimings {
    return this.options.timings ?? CONNECTION_TIMINGS;
  }

  getState = (): TConnectionState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private set(state: TConnectionState): void {
    if (this.state === state) return;
    this.state = state;
    this.options.onChange?.(state);
    for (const listener of this.listeners) listener();
  }

  /** The API answered: connected, no more retries. */
  markOnline(): void {
    this.attempt = 0;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.set('online');
  }

  /** A request failed or hangs: lost, and retrying with backoff until an answer comes. */
  markOffline(): void {
    this.set('offline');
    if (!this.retryTimer) this.scheduleRetry();
  }

  /** The browser says the network is back: try at once rather than at the next backoff step. */
  retryNow(): void {
    if (this.state === 'online') return;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.attempt = 0;
    this.retryTimer = setTimeout(() => void this.retry(), 0);
  }

  private scheduleRetry(): void {
    const { retryMinMs, retryMaxMs } = this.timings;
    const delay = Math.min(retryMaxMs, retryMinMs * 2 ** this.attempt);
    this.attempt += 1;
    this.retryTimer = setTimeout(() => void this.retry(), delay);
  }

  private async retry(): Promise<void> {
    const answered = await this.options.probe().catch(() => false);
    this.retryTimer = null;
    if (answered) this.markOnline();
    else if (this.state === 'offline') this.scheduleRetry();
  }

  /**
   * `fetchImpl` watched: 'request' calls time out and count as lost when slow; 'stream' calls (SSE,
   * open for minutes) only count their failure to connect.
   */
  fetchFor(kind: 'request' | 'stream', fetchImpl: typeof fetch): typeof fetch {
    return async (input, init) => {
      const outer = init?.signal ?? undefined;
      const controller = new AbortController();
      const forward = () => controller.abort(outer?.reason);
      if (outer?.aborted) forward();
      else outer?.addEventListener('abort', forward, { once: true });
      let timedOut = false;
      const timers =
        kind === 'request'
          ? [
              setTimeout(() => this.markOffline(), this.timings.slowMs),
              setTimeout(() => {
                timedOut = true;
                controller.abort(new RequestTimeoutError(this.timings.requestTimeoutMs));
              }, this.timings.requestTimeoutMs),
            ]
          : [];
      try {
        const response = await fetchImpl(input, { ...init, signal: controller.signal });
        this.markOnline(); // any HTTP answer, even a refusal, means the API is reachable
        return response;
      } catch (err) {
        if (outer?.aborted && !timedOut) throw err; // cancelled by its caller, not lost
        this.markOffline();
        throw timedOut ? new RequestTimeoutError(this.timings.requestTimeoutMs) : err;
      } finally {
        // The caller's abort stays forwarded: it must still stop the body (a live stream's events).
        for (const timer of timers) clearTimeout(timer);
      }
    };
  }

  /** Follows the browser's own online/offline events; returns the unsubscribe. */
  watchBrowser(target: Pick<Window, 'addEventListener' | 'removeEventListener'>): () => void {
    const offline = () => this.markOffline();
    const online = () => this.retryNow();
    target.addEventListener('offline', offline);
    target.addEventListener('online', online);
    return () => {
      target.removeEventListener('offline', offline);
      target.removeEventListener('online', online);
    };
  }

  dispose(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.listeners.clear();
  }
}
