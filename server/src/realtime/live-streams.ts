// Limits on the public live streams (seats.onChange, catalog.onChange, bookings.onStatus), which need
// no sign-in: at most LIVE_STREAMS_PER_ADDRESS open at once per client address and
// LIVE_STREAMS_PER_INSTANCE per API instance (counted in memory, so each of an address's streams is
// counted by the instance that serves it), and each lasts at most LIVE_STREAM_MAX_SECONDS. At that
// age the stream ends with a retryable error (SERVICE_UNAVAILABLE): the client's EventSource
// reconnects by itself, which counts it again, and the app resyncs as after any reconnect.
import { TRPCError } from '@trpc/server';
import type { TEnv } from '../env';
import { AppError } from '../errors/app-error';

type TLimits = Pick<TEnv, 'LIVE_STREAMS_PER_ADDRESS' | 'LIVE_STREAMS_PER_INSTANCE' | 'LIVE_STREAM_MAX_SECONDS'>;

export class LiveStreams {
  private total = 0;
  private readonly byAddress = new Map<string, number>();

  constructor(private readonly limits: TLimits) {}

  /** Open streams of this instance, in all and of one address. */
  count(address?: string): number {
    return address === undefined ? this.total : (this.byAddress.get(address) ?? 0);
  }

  /**
   * Counts a new stream of `address`, or refuses it (AppError LIVE_STREAM_LIMIT, tRPC
   * TOO_MANY_REQUESTS) before it starts. `onExpire` runs when the stream reaches
   * LIVE_STREAM_MAX_SECONDS; `release()` (idempotent) uncounts it.
   */
  acquire(address: string, onExpire: () => void): { release: () => void } {
    const mine = this.byAddress.get(address) ?? 0;
    if (mine >= this.limits.LIVE_STREAMS_PER_ADDRESS)
      throw new AppError('LIVE_STREAM_LIMIT', {
        message: `${address} has ${mine} live streams open (LIVE_STREAMS_PER_ADDRESS)`,
      });
    if (this.total >= this.limits.LIVE_STREAMS_PER_INSTANCE)
      throw new AppError('LIVE_STREAM_LIMIT', {
        message: `${this.total} live streams open on this instance (LIVE_STREAMS_PER_INSTANCE)`,
        userMessage: 'Too many live connections right now. Please try again in a minute.',
      });
    this.total += 1;
    this.byAddress.set(address, mine + 1);
    const timer = setTimeout(onExpire, this.limits.LIVE_STREAM_MAX_SECONDS * 1000);
    let released = false;
    return {
      release: () => {
        if (released) return;
        released = true;
        clearTimeout(timer);
        this.total -= 1;
        const left = (this.byAddress.get(address) ?? 1) - 1;
        if (left > 0) this.byAddress.set(address, left);
        else this.byAddress.delete(address);
      },
    };
  }

  /**
   * Counts a new stream of `address`, or refuses it (RATE_LIMITED, tRPC TOO_MANY_REQUESTS) before it
   * starts. The stream `open` makes is uncounted when it ends, or when the request goes away first.
   */
  start<T>(
    { address, signal }: { address: string; signal: AbortSignal | undefined },
    open: (signal: AbortSignal) => AsyncIterable<T>,
  ): AsyncIterable<T> {
    const lifetime = new AbortController();
    const { release } = this.acquire(address, () => lifetime.abort());
    // A client that leaves before the first event never runs the generator's finally.
    signal?.addEventListener('abort', release, { once: true });
    const stop = signal ? AbortSignal.any([signal, lifetime.signal]) : lifetime.signal;

    return (async function* () {
      try {
        yield* open(stop);
        if (lifetime.signal.aborted && !signal?.aborted)
          throw new TRPCError({
            code: 'SERVICE_UNAVAILABLE',
            message: 'This live connection has run its time; reconnecting.',
            cause: new AppError('LIVE_STREAM_RENEW', { message: 'live stream reached LIVE_STREAM_MAX_SECONDS' }),
          });
      } finally {
        release();
      }
    })();
  }
}
