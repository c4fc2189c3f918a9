// One live topic (a show's seats), many SSE subscribers: each event this instance receives from Redis
// becomes its SSE frame once, already as an HTTP/1.1 chunk, and that one buffer is written to every
// subscriber's socket in turn. No generator, listener, timer, serialization or framing per
// subscriber. The frames are tRPC's SSE wire format (its sseStreamProducer: `event:` and `data:`
// lines closed by a blank line, the data JSON, a `connected` frame first with the client options,
// `ping` frames, `serialized-error` then the end), so tRPC's httpSubscriptionLink, in the apps and in
// kiosks already in the field, reads them as it reads tRPC's own.
//
// A subscriber whose socket cannot keep up (more than `maxBufferedBytes` waiting in Node's buffer
// after the kernel's is full) is dropped at once: nothing more is kept for it, the others are not
// slowed, and its EventSource reconnects and resyncs as after any reconnect. A ping frame to every
// subscriber of a quiet topic each `pingMs` keeps proxies from closing idle streams and the client's
// inactivity timer from reconnecting.
//
// The hub also keeps each live topic's version: read once when the topic opens (after its SUBSCRIBE,
// so no event falls between), then taken from each event. While a topic is live, opening another
// stream of it or reading its current version costs no database read. Every `pingMs` the live
// topics' versions are read again (one query per topic, not per subscriber): an event this instance
// never heard (Redis down at the publish) shows as a version ahead of the hub's, and the subscribers
// get an empty event at that version, which tells the apps to resync.
import type { Socket } from 'node:net';
import type { Logger } from '../logger';
import type { Fanout } from './fanout';

export interface TSseHubOptions<T> {
  /** The version an event brings its topic to. */
  versionOf: (event: T) => number;
  /** An event that changes nothing but tells clients the topic is at `version` (they resync on a gap). */
  resyncEvent: (key: string, version: number) => T;
  /** The topic's current version from the database, or null when there is no such topic. */
  loadVersion: (key: string) => Promise<number | null>;
  /** Data of the `connected` frame: tRPC's SSE client options, JSON. */
  connectedData: string;
  pingMs: number;
  maxBufferedBytes: number;
}

/** A stream's end, written to the subscriber before its socket closes (tRPC's `serialized-error` frame). */
export type TEndFrame = string | null;

interface TSubscriber {
  socket: Socket;
  /** Called once when the subscriber goes, however it goes. */
  onGone: () => void;
}

interface TTopic {
  subscribers: Set<TSubscriber>;
  /** The latest version known; null until loaded. */
  version: number | null;
  /** The highest version events brought while the version loaded. */
  heard: number;
  /** The first load (subscribe, then read the version): null when the topic does not exist. */
  ready: Promise<number | null>;
  /** Opens waiting on `ready`, so a topic is not closed under them. */
  pending: number;
  /** When a chunk was last written to the topic's subscribers (performance.now()). */
  wroteAt: number;
  /** Chunks being written, in order, each to the subscribers the topic had when it came. */
  outbox: { chunk: Buffer; to: TSubscriber[]; next: number }[];
  stop: () => Promise<void>;
}

/** `text` as one HTTP/1.1 chunk (length in hex, CRLF, the bytes, CRLF). */
export function chunkOf(text: string): Buffer {
  const body = Buffer.from(text);
  return Buffer.concat([Buffer.from(`${body.length.toString(16)}\r\n`), body, Buffer.from('\r\n')]);
}

/** An SSE frame as tRPC's sseStreamProducer writes it: its fields, each a line, then a blank line (and one more). */
export function sseFrame(fields: { event?: string; data: string }): string {
  return `${fields.event === undefined ? '' : `event: ${fields.event}\n`}data: ${fields.data}\n\n\n`;
}

const LAST_CHUNK = Buffer.from('0\r\n\r\n');
/**
 * Sockets written per turn of the event loop: ten thousand writes are a few hundred milliseconds of
 * one core, which the instance's other requests (the hold that caused the event) should not wait behind.
 */
const WRITES_PER_TURN = 1_000;

export class SseHub<T> {
  private readonly topics = new Map<string, TTopic>();
  private readonly pingChunk: Buffer;
  private readonly connectedChunk: Buffer;
  private readonly timer: NodeJS.Timeout;
  private closed = false;
  /** The instance is shutting down: streams end, and new ones are turned away to reconnect elsewhere. */
  private ending = false;

  constructor(
    private readonly fanout: Fanout<T>,
    private readonly log: Logger,
    private readonly opts: TSseHubOptions<T>,
  ) {
    this.pingChunk = chunkOf(sseFrame({ event: 'ping', data: '' }));
    this.connectedChunk = chunkOf(sseFrame({ event: 'connected', data: opts.connectedData }));
    this.timer = setInterval(() => void this.tick(), opts.pingMs);
    this.timer.unref();
    fanout.ended.addEventListener('abort', () => this.endAll(), { once: true });
  }

  /** Subscribers of a topic on this instance (all topics without a key). */
  count(key?: string): number {
    if (key !== undefined) return this.topics.get(key)?.subscribers.size ?? 0;
    let n = 0;
    for (const topic of this.topics.values()) n += topic.subscribers.size;
    return n;
  }

  /** The topic's current version if this instance follows it live (no database read), else undefined. */
  liveVersion(key: string): number | undefined {
    return this.topics.get(key)?.version ?? undefined;
  }

  /**
   * Makes sure the topic is live here and returns its version, or null when it does not exist. The
   * first caller subscribes and reads the version once; concurrent and later callers share that.
   */
  async open(key: string): Promise<number | null> {
    if (this.closed) throw new Error('the live hub is closed');
    const topic = this.topics.get(key) ?? this.startTopic(key);
    if (topic.version !== null) return topic.version;
    topic.pending += 1;
    try {
      return (await topic.ready) === null ? null : topic.version;
    } finally {
      topic.pending -= 1;
      // An open topic stays for the caller to attach to (synchronously); tick() sweeps it if none does.
      if (topic.version === null) this.closeIfIdle(key, topic);
    }
  }

  private startTopic(key: string): TTopic {
    const listener = this.fanout.listen(key, (event) => this.deliver(topic, event));
    const topic: TTopic = {
      subscribers: new Set(),
      version: null,
      heard: -1,
      pending: 0,
      wroteAt: performance.now(),
      outbox: [],
      stop: listener.stop,
      ready: listener.subscribed.then(() => this.opts.loadVersion(key)),
    };
    this.topics.set(key, topic);
    topic.ready.then(
      (version) => {
        if (version !== null) topic.version = Math.max(version, topic.heard);
      },
      (err: unknown) => {
        this.log.warn({ err, key }, 'live topic not opened');
        this.forget(key, topic);
      },
    );
    return topic;
  }

  private forget(key: string, topic: TTopic): void {
    if (this.topics.get(key) === topic) this.topics.delete(key);
    void topic.stop();
  }

  private closeIfIdle(key: string, topic: TTopic): void {
    if (topic.subscribers.size === 0 && topic.pending === 0) this.forget(key, topic);
  }

  /**
   * Takes over `socket` (its request already answered by no one: a hijacked reply) as a subscriber
   * of an open topic: writes the response head and the `connected` frame, then every event until
   * the client goes, the hub ends, or `end` is called (with the frame to write last). `onGone` runs
   * once when the subscriber goes, however it goes.
   */
  attach(key: string, socket: Socket, head: string, onGone: () => void): { end: (frame: TEndFrame) => void } {
    const topic = this.topics.get(key);
    const subscriber: TSubscriber = { socket, onGone };
    if (!topic || topic.version === null || this.closed || this.ending) {
      socket.destroy();
      onGone();
      return { end: () => {} };
    }
    topic.subscribers.add(subscriber);
    socket.once('close', () => this.remove(key, topic, subscriber));
    // The client's half-close: it has gone (HTTP servers' sockets allow half-open connections).
    socket.once('end', () => socket.destroy());
    // An error (a reset connection) closes the socket too; nothing else to do for it.
    socket.on('error', () => {});
    socket.setNoDelay(true);
    socket.cork();
    socket.write(head);
    socket.write(this.connectedChunk);
    socket.uncork();
    return {
      end: (frame) => {
        if (!topic.subscribers.has(subscriber)) return;
        if (frame !== null) socket.write(chunkOf(frame));
        socket.end(LAST_CHUNK);
        this.remove(key, topic, subscriber);
      },
    };
  }

  private remove(key: string, topic: TTopic, subscriber: TSubscriber): void {
    if (!topic.subscribers.delete(subscriber)) return;
    subscriber.onGone();
    this.closeIfIdle(key, topic);
  }

  private deliver(topic: TTopic, event: T): void {
    const version = this.opts.versionOf(event);
    topic.heard = Math.max(topic.heard, version);
    if (topic.version !== null) topic.version = Math.max(topic.version, version);
    if (topic.subscribers.size === 0) return;
    this.writeAll(topic, chunkOf(sseFrame({ data: JSON.stringify(event) })));
  }

  /**
   * Writes one chunk to every subscriber the topic has now, after the chunks before it, a slice of
   * sockets per turn of the event loop; drops those that cannot keep up.
   */
  private writeAll(topic: TTopic, chunk: Buffer): void {
    topic.wroteAt = performance.now();
    topic.outbox.push({ chunk, to: [...topic.subscribers], next: 0 });
    if (topic.outbox.length === 1) this.drain(topic);
  }

  private drain(topic: TTopic): void {
    const limit = this.opts.maxBufferedBytes;
    let budget = WRITES_PER_TURN;
    while (topic.outbox.length) {
      const job = topic.outbox[0]!;
      while (job.next < job.to.length && budget-- > 0) {
        const socket = job.to[job.next++]!.socket;
        if (socket.writableEnded || socket.destroyed) continue;
        if (socket.writableLength > limit)
          socket.destroy(); // its 'close' removes it
        else socket.write(job.chunk);
      }
      if (job.next < job.to.length) {
        setImmediate(() => this.drain(topic));
        return;
      }
      topic.outbox.shift();
    }
  }

  /** Pings every subscriber; checks each live topic's version against the database. */
  private async tick(): Promise<void> {
    for (const [key, topic] of this.topics) {
      if (topic.version !== null && topic.subscribers.size === 0 && topic.pending === 0) {
        this.forget(key, topic);
        continue;
      }
      // Only a topic quiet for half the interval is pinged: its subscribers then hear something at
      // least every 1.5 intervals, and a busy show's events are not queued behind ten thousand pings.
      if (topic.subscribers.size && performance.now() - topic.wroteAt >= this.opts.pingMs / 2)
        this.writeAll(topic, this.pingChunk);
      if (topic.version === null) continue;
      const version = await this.opts.loadVersion(key).catch(() => null);
      if (version !== null && topic.version !== null && version > topic.version) {
        this.log.warn({ key, heard: topic.version, current: version }, 'live topic missed events; clients resync');
        topic.version = version;
        this.writeAll(topic, chunkOf(sseFrame({ data: JSON.stringify(this.opts.resyncEvent(key, version)) })));
      }
    }
  }

  /** Ends every stream (shutdown); clients reconnect elsewhere and resync. */
  endAll(): void {
    this.ending = true;
    for (const topic of this.topics.values())
      for (const subscriber of topic.subscribers) {
        subscriber.socket.end(LAST_CHUNK);
        // A client that has stopped reading would hold the close up for ever.
        if (subscriber.socket.writableLength > 0) subscriber.socket.destroy();
      }
  }

  close(): void {
    this.closed = true;
    clearInterval(this.timer);
    for (const [key, topic] of this.topics) {
      for (const subscriber of topic.subscribers) subscriber.socket.destroy();
      this.forget(key, topic);
    }
  }
}
