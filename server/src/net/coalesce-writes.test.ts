import net from 'node:net';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Redis as IORedis } from 'ioredis';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TTestContext } from '../test/test-context';
import { coalesceWrites } from './coalesce-writes';

/** A loopback server that keeps what each connection sent; `connect` opens a coalesced client to it. */
async function byteSink() {
  const received: string[] = [];
  const ended: Promise<void>[] = [];
  const server = net.createServer((socket) => {
    const i = received.push('') - 1;
    socket.setEncoding('utf8').on('data', (chunk: string) => (received[i] += chunk));
    ended.push(new Promise((resolve) => socket.on('end', resolve)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    received,
    ended,
    connect: async () => {
      const socket = net.connect(port, '127.0.0.1');
      await new Promise((resolve) => socket.once('connect', resolve));
      coalesceWrites(socket);
      return socket;
    },
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

describe('coalesced socket writes', () => {
  it('holds the writes of one event-loop turn and sends them together, in order', async () => {
    const sink = await byteSink();
    const socket = await sink.connect();
    socket.write('one ');
    socket.write(Buffer.from('two '));
    socket.write('three');
    expect(socket.writableCorked).toBe(1);
    expect(socket.writableLength).toBe('one two three'.length); // nothing has left yet

    await nextTurn();
    expect(socket.writableCorked).toBe(0);
    socket.write(' four'); // a later turn corks again
    expect(socket.writableCorked).toBe(1);
    socket.end();
    await sink.ended[0];
    expect(sink.received[0]).toBe('one two three four');
    await nextTurn(); // the pending uncork runs on an ended socket without harm
    socket.destroy();
    await sink.close();
  });

  it('patches a stream once, however often it is asked', async () => {
    const sink = await byteSink();
    const socket = await sink.connect();
    coalesceWrites(socket);
    socket.write('a');
    expect(socket.writableCorked).toBe(1); // corked once, so one uncork sends it
    await nextTurn();
    expect(socket.writableLength).toBe(0);
    socket.end();
    await sink.ended[0];
    expect(sink.received[0]).toBe('a');
    socket.destroy();
    await sink.close();
  });
});

describe('the server connections', () => {
  let ctx: TTestContext;
  beforeAll(async () => {
    ctx = await createTestContext();
  });
  afterAll(() => ctx.close());

  it('Redis: commands of one turn leave together and every reply reaches its caller', async () => {
    const redis = ctx.redis as IORedis;
    const replies = Array.from({ length: 300 }, (_, i) => redis.eval('return ARGV[1]', 0, String(i)));
    expect(redis.stream.writableCorked).toBe(1);
    expect(await Promise.all(replies)).toEqual(Array.from({ length: 300 }, (_, i) => String(i)));

    // A reconnected connection is a new socket, coalesced as well.
    const ready = new Promise((resolve) => redis.once('ready', resolve));
    redis.disconnect(true);
    await ready;
    const after = [redis.echo('x'), redis.echo('y')];
    expect(redis.stream.writableCorked).toBe(1);
    expect(await Promise.all(after)).toEqual(['x', 'y']);
  });

  it('Postgres: a query’s protocol messages leave in one write, and concurrent queries get their own rows', async () => {
    const client = (await ctx.pg.connect()) as pg.PoolClient & Pick<pg.Client, 'connection'>;
    try {
      const row = client.query<{ n: number }>({ name: 'coalesce-test', text: 'SELECT $1::int AS n', values: [7] });
      expect(client.connection.stream.writableCorked).toBe(1); // parse, bind, describe, execute and sync wait together
      expect((await row).rows).toEqual([{ n: 7 }]);
    } finally {
      client.release();
    }
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        ctx.pg.query<{ n: number }>({ name: 'coalesce-test', text: 'SELECT $1::int AS n', values: [i] }),
      ),
    );
    expect(results.map((r) => r.rows[0]!.n)).toEqual(Array.from({ length: 100 }, (_, i) => i));
  });
});
