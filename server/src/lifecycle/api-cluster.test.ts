import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../test/eventually';
import { futureShowtime, seedCinema } from '../test/fixtures';
import { freePort } from '../test/redis-server';
import { createTestContext, type TTestContext } from '../test/test-context';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

let ctx: TTestContext;
const children: ChildProcess[] = [];
beforeAll(async () => {
  ctx = await createTestContext();
  await seedCinema(ctx.prisma);
  await ctx.prisma.cinema.updateMany({ data: { noSingleSeatGap: false } }); // single seats side by side, from different customers
});
afterAll(async () => {
  for (const child of children) child.kill('SIGKILL'); // never leave an API behind, whatever happened
  await ctx.close();
});

/** Runs main.ts as `npm start` does, with its own settings; collects the pids that logged "Server listening". */
function startApi(env: Record<string, string>) {
  // node itself with tsx's loader, so the child is the cluster's primary (the tsx CLI would add a process between).
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: 'test',
      LOG_LEVEL: 'info',
      DATABASE_URL: ctx.databaseUrl,
      REDIS_URL: ctx.env.REDIS_URL,
      REDIS_PREFIX: ctx.env.REDIS_PREFIX,
      DATABASE_POOL_SIZE: '2',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  const lines: { pid: number; msg: string; level: number; req?: { url: string }; poolPerInstance?: number }[] = [];
  let rest = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    const parts = (rest + chunk).split('\n');
    rest = parts.pop()!;
    for (const line of parts) if (line.startsWith('{')) lines.push(JSON.parse(line) as (typeof lines)[number]);
  });
  child.stderr.resume();
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const listening = () => [...new Set(lines.filter((l) => l.msg.startsWith('Server listening')).map((l) => l.pid))];
  return { child, lines, exited, listening };
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('the API as several instances (API_INSTANCES)', () => {
  it('shares one port, adds up the instances’ metrics, replaces an instance that dies and stops cleanly', async () => {
    const port = await freePort();
    const api = startApi({ PORT: String(port), API_INSTANCES: '2' });
    const base = `http://127.0.0.1:${port}`;
    expect((await eventually(api.listening, (pids) => pids.length === 2, 60_000)).length).toBe(2);
    // The two instances share DATABASE_POOL_SIZE (2) instead of opening it each.
    expect(api.lines.find((l) => l.msg === 'starting API instances')?.poolPerInstance).toBe(1);

    // Six customers, each on a new connection: the primary deals connections out in turn.
    const { showtime } = await futureShowtime(ctx.prisma);
    const seats = await ctx.prisma.seat.findMany({
      where: { screenId: showtime.screenId, type: 'STANDARD' },
      take: 6,
      select: { id: true },
    });
    const holds = await Promise.all(
      seats.map(({ id: seatId }) =>
        fetch(`${base}/trpc/holds.create`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', connection: 'close' },
          body: JSON.stringify({ showtimeId: showtime.id, seatIds: [seatId] }),
        }),
      ),
    );
    expect(await Promise.all(holds.map(async (r) => r.status === 200 || r.text()))).toEqual([
      true,
      true,
      true,
      true,
      true,
      true,
    ]);
    const servedBy = new Set(api.lines.filter((l) => l.req?.url === '/trpc/holds.create').map((l) => l.pid));
    expect(servedBy.size).toBe(2);

    // Whichever instance takes the scrape, it counts every instance's holds.
    for (let i = 0; i < 4; i++) {
      const text = await (await fetch(`${base}/metrics`, { headers: { connection: 'close' } })).text();
      expect(text).toMatch(/^marquee_holds_total\{result="created"\} 6$/m);
      expect(text).toMatch(/^marquee_queue_jobs\{queue="expiry",state="delayed"\} 6$/m); // read from Redis by the one that answered
    }

    const [first] = api.listening();
    process.kill(first!, 'SIGKILL');
    const after = await eventually(api.listening, (pids) => pids.length === 3, 60_000);
    expect(after).toHaveLength(3);
    expect((await fetch(`${base}/readyz`)).status).toBe(200);

    api.child.kill('SIGTERM');
    expect(await api.exited).toBe(0);
    for (const pid of after) expect(alive(pid)).toBe(false);
    expect(api.lines.filter((l) => l.msg === 'api shutting down')).toHaveLength(2); // each instance finished its work
  }, 180_000);

  it('gives up with exit code 1 when its instances cannot start (the port is taken)', async () => {
    const taken = net.createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    try {
      const api = startApi({ PORT: String((taken.address() as net.AddressInfo).port), API_INSTANCES: '2' });
      expect(await api.exited).toBe(1);
      expect(api.lines.some((l) => l.level === 60 && l.msg.includes('failed to start'))).toBe(true);
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }
  }, 90_000);
});
