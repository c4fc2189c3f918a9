// Loaded into the API process by the fan-out bench (NODE_OPTIONS=--import, FANOUT_TRACE_FILE set):
// notes at the socket level, whatever the server code does above it, when each held seat's event
// went out to Redis (the hold's PUBLISH), came back from Redis (the channel message) and was written
// to the first and the last client socket. Times are wall-clock milliseconds (timeOrigin + now), to
// line up with the bench's client processes. Written to the file shortly after the last write.
import { EventEmitter } from 'node:events';
import { writeFileSync } from 'node:fs';
import net from 'node:net';

const file = process.env.FANOUT_TRACE_FILE;
if (file) {
  const now = () => performance.timeOrigin + performance.now();
  const held = /"id":"([0-9a-f-]{36})","state":"held"/;
  /** seat id → { published, received, firstWrite, lastWrite, writes } */
  const seats = {};
  let flush = null;
  // The hub writes one buffer to every socket: it is read once, so the trace adds little to each write.
  let lastChunk = null;
  let lastSeat = null;
  const seatOf = (chunk) => {
    if (chunk === lastChunk) return lastSeat;
    const text =
      typeof chunk === 'string'
        ? chunk
        : chunk instanceof Uint8Array
          ? Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength).toString('latin1')
          : '';
    const seat = text.includes('"held"') ? (held.exec(text)?.[1] ?? null) : null;
    if (typeof chunk !== 'string') [lastChunk, lastSeat] = [chunk, seat];
    return seat;
  };
  const mark = (chunk, socket, outgoing) => {
    const seat = seatOf(chunk);
    if (!seat) return;
    const t = now();
    const entry = (seats[seat] ??= { published: null, received: null, firstWrite: null, lastWrite: null, writes: 0 });
    if (!outgoing) entry.received ??= t;
    else if (socket?.server) {
      entry.firstWrite ??= t;
      entry.lastWrite = t;
      entry.writes += 1;
    } else entry.published ??= t;
    lastMark = t;
    flush ??= setTimeout(writeSoon, 300).unref();
  };
  // Written once no mark came for 300 ms: a timer re-armed per write would cost each of ten thousand
  // writes a timer list update, which the baseline's writes do not pay.
  let lastMark = 0;
  const writeSoon = () => {
    const quiet = now() - lastMark;
    if (quiet < 300) flush = setTimeout(writeSoon, 300 - quiet).unref();
    else {
      flush = null;
      writeFileSync(file, JSON.stringify(seats));
    }
  };
  const write = net.Socket.prototype.write;
  net.Socket.prototype.write = function (chunk, ...rest) {
    mark(chunk, this, true);
    return write.call(this, chunk, ...rest);
  };
  // The channel message as the Redis client hands it on (ioredis emits 'message' with channel and text).
  const emit = EventEmitter.prototype.emit;
  EventEmitter.prototype.emit = function (name, channel, message) {
    if (name === 'message' && typeof message === 'string') mark(message, null, false);
    return emit.apply(this, arguments);
  };
}
