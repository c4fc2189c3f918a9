// Live seat changes, fanned out across API instances through Redis pub/sub. Each process keeps one
// subscriber connection and subscribes to a showtime's channel while it has local listeners.
import { EventEmitter, on } from 'node:events';
import { ZSeatChangeEventSchema, type TSeatChangeEvent } from '@marquee/shared';
import type { Redis } from 'ioredis';
import type { Logger } from '../logger';

export class SeatEvents {
  private readonly local = new EventEmitter();
  /** Local streams per showtime, and the pending SUBSCRIBE of each showtime with any. */
  private readonly streams = new Map<string, { count: number; subscribed: Promise<unknown> }>();
  private readonly subscriber: Redis;
  private readonly channelPrefix: string;
  /** Aborted at shutdown: ends every open stream, so SSE responses finish and the server can close. */
  private readonly ending = new AbortController();

  constructor(
    private readonly publisher: Redis,
    private readonly log: Logger,
    prefix: string,
  ) {
    // 10,000 browsers on one showtime are 10,000 listeners on one event, by design.
    this.local.setMaxListeners(0);
    // Channels are not key-prefixed by ioredis, so the deployment prefix is added here.
    this.channelPrefix = `${prefix}seats:`;
    this.subscriber = publisher.duplicate({ enableOfflineQueue: true, maxRetriesPerRequest: null });
    this.subscriber.on('error', () => {}); // reported once by the main connection's handler
    this.subscriber.on('message', (channel: string, message: string) => this.deliver(channel, message));
  }

  private deliver(channel: string, message: string): void {
    const parsed = ZSeatChangeEventSchema.safeParse(JSON.parse(message));
    if (!parsed.success) {
      this.log.error({ channel, issues: parsed.error.issues }, 'ignored a malformed seat event');
      return;
    }
    this.local.emit(parsed.data.showtimeId, parsed.data);
  }

  /** Tells every instance. If Redis is down, at least this instance's clients hear it; others resync by version. */
  async publish(event: TSeatChangeEvent): Promise<void> {
    if (event.seats.length === 0) return;
    try {
      await this.publisher.publish(this.channelPrefix + event.showtimeId, JSON.stringify(event));
    } catch (err) {
      this.log.warn({ err, showtimeId: event.showtimeId }, 'seat event not published through Redis; delivered locally only');
      this.local.emit(event.showtimeId, event);
    }
  }

  /** Every change to the showtime's seats until the signal aborts. */
  async *stream(showtimeId: string, signal: AbortSignal): AsyncGenerator<TSeatChangeEvent> {
    const channel = this.channelPrefix + showtimeId;
    // Counted synchronously, so concurrent streams share one SUBSCRIBE and the last one out unsubscribes.
    let entry = this.streams.get(showtimeId);
    if (!entry) {
      entry = { count: 0, subscribed: this.subscriber.subscribe(channel) };
      this.streams.set(showtimeId, entry);
    }
    entry.count += 1;
    const stop = AbortSignal.any([signal, this.ending.signal]);
    const events = on(this.local, showtimeId, { signal: stop });
    try {
      await entry.subscribed;
      for await (const [event] of events) yield event as TSeatChangeEvent;
    } catch (err) {
      if (!stop.aborted) throw err;
    } finally {
      entry.count -= 1;
      if (entry.count === 0 && this.streams.get(showtimeId) === entry) {
        this.streams.delete(showtimeId);
        await this.subscriber.unsubscribe(channel).catch((err: unknown) => this.log.warn({ err, channel }, 'unsubscribe failed'));
      }
    }
  }

  /** How many instances listen to a showtime's changes (for tests: wait until a client is live). */
  async listeners(showtimeId: string): Promise<number> {
    const reply = (await this.publisher.call('PUBSUB', 'NUMSUB', this.channelPrefix + showtimeId)) as [string, number];
    return Number(reply[1]);
  }

  /** Ends every open stream of this instance (clients reconnect elsewhere and resync by version). */
  endStreams(): void {
    this.ending.abort();
  }

  close(): void {
    this.endStreams();
    this.local.removeAllListeners();
    this.subscriber.disconnect();
  }
}
