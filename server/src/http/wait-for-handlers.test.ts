import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app';
import { createTestContext, type TTestContext } from '../test/test-context';

let ctx: TTestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

describe('closing the API', () => {
  it('waits for handlers whose client has gone before it resolves, so the pools outlive them', async () => {
    const app = await buildApp(ctx);
    const events: string[] = [];
    let started!: () => void;
    const handlerStarted = new Promise<void>((resolve) => (started = resolve));
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    // Stands for a hold between its Redis script and its COMMIT when the customer closes the tab.
    app.post('/test/slow', async () => {
      started();
      await released; // still running when its client has gone and close() has begun
      await ctx.pg.query('SELECT 1'); // the database is still there
      events.push('handler finished');
      return { ok: true };
    });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = app.server.address() as { port: number };
    const gone = new AbortController();
    const call = fetch(`http://127.0.0.1:${port}/test/slow`, {
      method: 'POST',
      body: '{}',
      headers: { 'content-type': 'application/json' },
      signal: gone.signal,
    }).catch(() => 'aborted');
    await handlerStarted;
    gone.abort();
    expect(await call).toBe('aborted');

    const closing = app.close().then(() => events.push('closed'));
    app.server.closeAllConnections(); // as the test server and a deadline-bound stop do: no socket keeps close() waiting
    release();
    await closing;
    expect(events).toEqual(['handler finished', 'closed']);
  });
});
