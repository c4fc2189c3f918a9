// A hijacked response's socket, taken out of Node's HTTP server the way Node takes an upgraded
// connection out of it (lib/_http_server.js, onParserExecuteCommon, before it emits 'upgrade'): the
// server's listeners come off the socket, its HTTP parser stops reading it and is closed, and the
// socket forgets its request and response. A long-lived stream then costs its socket and what its
// owner keeps, not a parser (native memory), eleven bound listeners, the request with its headers and
// the response with its state, for as long as the stream lives (a seat-map subscriber's JavaScript
// heap went from about 9 KB to under 3 KB, docs/performance.md).
//
// These are Node internals (the parser's `unconsume`, `remove` and `close`, `socket._httpMessage`),
// used as Node's own upgrade path uses them; each step is skipped when the thing it undoes is not
// there, so a Node whose internals differ keeps the socket as it was (and the memory it costs).
import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';

interface THttpParser {
  _consumed?: boolean;
  incoming?: unknown;
  outgoing?: unknown;
  socket?: unknown;
  onIncoming?: unknown;
  unconsume?: () => void;
  remove?: () => void;
  close?: () => void;
}

type TServerSocket = Socket & { parser?: THttpParser | null; _httpMessage?: unknown };

/** Defined out here: a closure made in takeSocket would keep its scope (the parser) alive. */
const ignore = (): void => {};

/** Events Node's HTTP server listens to on a connection (connectionListenerInternal). */
const SERVER_EVENTS = ['data', 'end', 'close', 'drain', 'error', 'timeout', 'pause', 'resume'] as const;

/**
 * Takes the request's socket from the HTTP server. Call only once the response is the caller's (a
 * hijacked reply) and before adding listeners of one's own: every listener the socket has goes. The
 * socket keeps reading, and data the client sends is dropped; the caller listens for 'end' (the
 * client's half-close) and 'close'.
 */
export function takeSocket(req: IncomingMessage): Socket {
  const socket = req.socket as TServerSocket;
  for (const event of SERVER_EVENTS) socket.removeAllListeners(event);
  socket._httpMessage = null;
  socket.setTimeout(0);
  const parser = socket.parser;
  socket.parser = null;
  (req as IncomingMessage & { parser?: unknown }).parser = null;
  // The parser may be inside its execute now (this runs in the request's handler), and would put
  // itself back in the server's list of connections when the message completes: it is let go once
  // the stack has unwound, as Node closes a parser it frees.
  setImmediate(() => {
    // It read the socket's handle directly in C++; from now on the socket reads it itself.
    if (parser?._consumed) parser.unconsume?.();
    // Out of the server's list of connections whose timeouts it checks and that it closes (which
    // reads each one's socket: a parser still listed keeps it).
    if (parser?.remove) {
      parser._consumed = false;
      parser.remove();
      parser.incoming = null;
      parser.outgoing = null;
      parser.socket = null;
      parser.onIncoming = null;
      parser.close?.();
    }
    if (socket.destroyed) return;
    // Nothing more is expected from an SSE client; reading on lets its half-close ('end') be seen.
    socket.on('data', ignore);
    socket.resume();
  });
  return socket;
}
