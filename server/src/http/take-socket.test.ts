// takeSocket against a real Node HTTP server and client: the stream keeps working on the bare socket,
// the server's request, response and parser are freed while it lives, and a client's hang-up is seen.
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { takeSocket } from './take-socket';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

let server: http.Server | null = null;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  server = null;
});

/** A server whose every request becomes a taken socket, answered with a head and one line. */
async function startServer(onTaken: (socket: Socket, refs: { req: WeakRef<object>; res: WeakRef<object> }) => void) {
  server = http.createServer((req, res) => {
    const refs = { req: new WeakRef(req), res: new WeakRef(res) };
    const socket = takeSocket(req);
    // What the owner of a taken socket does on the client's half-close.
    socket.once('end', () => socket.destroy());
    socket.write('HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\nconnection: close\r\n\r\nhello\n');
    onTaken(socket, refs);
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

describe('takeSocket', () => {
  it('leaves the stream its socket alone: no parser, request or response is kept while it lives', async () => {
    let taken: { socket: Socket; refs: { req: WeakRef<object>; res: WeakRef<object> } } | null = null;
    const port = await startServer((socket, refs) => (taken = { socket, refs }));
    const received: string[] = [];
    const req = http.get({ port, host: '127.0.0.1', agent: false }, (res) => {
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => received.push(chunk));
    });
    await vi.waitFor(() => expect(received.join('')).toBe('hello\n'));
    const { socket, refs } = taken!;
    expect((socket as Socket & { parser: unknown }).parser).toBeNull();
    expect((socket as Socket & { _httpMessage: unknown })._httpMessage).toBeNull();
    // The socket still writes: the stream goes on without the HTTP server.
    socket.write('more\n');
    await vi.waitFor(() => expect(received.join('')).toBe('hello\nmore\n'));
    await vi.waitFor(() => {
      gc();
      expect(refs.req.deref()).toBeUndefined();
      expect(refs.res.deref()).toBeUndefined();
    });
    req.destroy();
    await vi.waitFor(() => expect(socket.destroyed).toBe(true));
  });

  it("sees the client's hang-up, and drops what the client sends meanwhile", async () => {
    let socket: Socket | null = null;
    const port = await startServer((taken) => (socket = taken));
    const client = (await import('node:net')).connect(port, '127.0.0.1');
    client.write('GET /stream HTTP/1.1\r\nhost: x\r\n\r\n');
    await vi.waitFor(() => expect(socket).not.toBeNull());
    // A second request on the same connection is not parsed or answered: the server has let it go.
    client.write('GET /again HTTP/1.1\r\nhost: x\r\n\r\n');
    let text = '';
    client.on('data', (chunk: Buffer) => (text += chunk.toString()));
    client.end();
    await vi.waitFor(() => expect(socket!.destroyed).toBe(true));
    expect(text.match(/HTTP\/1\.1/g)).toHaveLength(1);
  });
});
