// Live events fanned out across API instances through Redis pub/sub: one subscriber connection per
// process, subscribed to a topic's channel (a showtime's seats, a booking's status) while this
// process has local listeners for it.
import { EventEmitter, on } from 'node:events';
import { isCluster, subscriberFor, type Redis } from '../redis';
import type { z } from 'zod';
import type { Logger } from '../logger';

export class Fanout<T> {
  private readonly local = new EventEmitter();
  /** Local streams per showtime, and the pending SUBSCRIBE of each showtime with any. */
  private readonly streams = new Map<string, { count: number; subscribed: Promise<unknown> }>();
  private readonly subscriber: Redis;
  private readonly channelPrefix: string;
  private readonly schema: z.ZodType<T>;
  private readonly keyOf: (event: T) => string;
  /** Aborted at shutdown: ends every open stream, so SSE responses finish and the server can close. */
  private readonly ending = new AbortController();

  constructor(
    private readonly publisher: Redis,
    private readonly log: Logger,
    opts: { prefix: string; topic: string; schema: z.ZodType<T>; keyOf: (event: T) => string },
  ) {
    // 10,000 browsers on one showtime are 10,000 listeners on one event, by design.
    this.local.setMaxListeners(0);
    // Channels are not key-prefixed by ioredis, so the deployment prefix is added here.
    this.channelPrefix = `${opts.prefix}${opts.topic}:`;
    this.schema = opts.schema;
    this.keyOf = opts.keyOf;
    this.subscriber = subscriberFor(publisher);
    this.subscriber.on('error', () => {}); // reported once by the main connection's handler
    this.subscriber.on('message', (channel: string, message: string) => this.deliver(channel, message));
  }

  private deliver(channel: string, message: string): void {
    const parsed = this.schema.safeParse(JSON.parse(message));
    if (!parsed.success) {
      this.log.error({ channel, issues: parsed.error.issues }, 'ignored a malformed event');
      return;
    }
    this.local.emit(this.keyOf(parsed.data), parsed.data);
  }

  /**
   * Tells every instance. If Redis is down, at least this instance's clients hear it; others resync
   * by version. `via` sends the message as part of another Redis call (a script that also PUBLISHes
   * it), saving a round trip on a hot path.
   */
  async publish(event: T, via?: (channel: string, message: string) => Promise<unknown>): Promise<void> {
    const key = this.keyOf(event);
    const channel = this.channelPrefix + key;
    const message = JSON.stringify(event);
    try {
      await (via ? via(channel, message) : this.publisher.publish(channel, message));
    } catch (err) {
      this.log.warn({ err, channel }, 'event not published through Redis; delivered locally only');
      this.local.emit(key, event);
    }
  }

  /** Counts a local listener of `key`; the first one SUBSCRIBEs. Settles once Redis has subscribed. */
  private retain(key: string): Promise<unknown> {
    // Counted synchronously, so concurrent listeners share one SUBSCRIBE and the last one out unsubscribes.
    let entry = this.streams.get(key);
    if (!entry) {
      entry = { count: 0, subscribed: this.subscriber.subscribe(this.channelPrefix + key) };
      this.streams.set(key, entry);
    }
    entry.count += 1;
    return entry.subscribed;
  }

  private async release(key: string): Promise<void> {
    const entry = this.streams.get(key);
    if (!entry) return;
    entry.count -= 1;
    if (entry.count > 0) return;
    this.streams.delete(key);
    const channel = this.channelPrefix + key;
    await this.subscriber
      .unsubscribe(channel)
      .catch((err: unknown) => this.log.warn({ err, channel }, 'unsubscribe failed'));
  }

  /**
   * Calls `listener` with every event of `key` (in the order Redis delivered them) until `stop()`:
   * one listener serving many clients (an SSE hub), where stream() is one generator per client.
   * `subscribed` settles once this instance's SUBSCRIBE is in, so no later event is missed.
   */
  listen(key: string, listener: (event: T) => void): { subscribed: Promise<unknown>; stop: () => Promise<void> } {
    this.local.on(key, listener);
    const subscribed = this.retain(key);
    let stopped = false;
    return {
      subscribed,
      stop: async () => {
        if (stopped) return;
        stopped = true;
        this.local.off(key, listener);
        await this.release(key);
      },
    };
  }

  /** Every event of the topic key (a showtime id, a booking id) until the signal aborts. */
  async *stream(key: string, signal: AbortSignal): AsyncGenerator<T> {
    const subscribed = this.retain(key);
    const stop = AbortSignal.any([signal, this.ending.signal]);
    const events = on(this.local, key, { signal: stop });
    try {
      await subscribed;
      for await (const [event] of events) yield event as T;
    } catch (err) {
      if (!stop.aborted) throw err;
    } finally {
      await this.release(key);
    }
  }

  /** Aborted when this instance ends its streams (shutdown). */
  get ended(): AbortSignal {
    return this.ending.signal;
  }

  /**
   * How many instances listen to a key's events (for tests: wait until a client is live). A cluster
   * node counts only the subscribers connected to it, so on a cluster every node is asked.
   */
  async listeners(key: string): Promise<number> {
    const nodes = isCluster(this.publisher) ? this.publisher.nodes('all') : [this.publisher];
    const replies = await Promise.all(
      nodes.map((node) => node.call('PUBSUB', 'NUMSUB', this.channelPrefix + key) as Promise<[string, number]>),
    );
    return replies.reduce((n, reply) => n + Number(reply[1]), 0);
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
