// A process of SSE subscribers for the fan-out bench, driven by its parent over IPC. It opens its share
// of streams from its own source address (one address and port pair holds at most ~28,000
// connections), parses every frame as tRPC's EventSource client would (blank-line separated
// `event:`/`data:` fields, the data JSON-parsed), and notes when each subscriber first saw each
// round's seat held: the time the bytes arrived and the time their parse finished, as wall-clock
// milliseconds (performance.timeOrigin + now, comparable across this machine's processes).
import http from 'node:http';

export type TClientCommand =
  | { type: 'open'; port: number; path: string; count: number; localAddress: string }
  | { type: 'round'; round: number; seatId: string }
  | { type: 'collect'; round: number }
  | {
      type: 'storm';
      spreadMs: number;
      seatMap: { path: string; headers: Record<string, string> } | null;
      localAddress: string;
    }
  | { type: 'count' }
  | { type: 'close' };

/** A reconnect storm as clients saw it (per process; the fleet adds the processes' up). */
export interface TStormResult {
  lastLiveAt: number;
  /** When each subscriber was live again (with its seat map, when one was fetched). */
  liveAt: number[];
  failed: number;
  retries: number;
  seatMaps: number;
  error: string | null;
}

export type TClientReply =
  | { type: 'opened'; failed: number; error: string | null }
  | { type: 'collected'; round: number; arrived: number[]; parsed: number[] }
  | ({ type: 'stormed' } & TStormResult)
  | { type: 'counted'; live: number; frames: number; pings: number };

const now = () => performance.timeOrigin + performance.now();

interface TSubscriber {
  req: http.ClientRequest | null;
  /** Round → [bytes arrived, parse done]. */
  seen: Map<number, [number, number]>;
  live: boolean;
}

let port = 0;
let path = '';
let localAddress = '127.0.0.1';
const agent = new http.Agent({ keepAlive: false, maxSockets: Infinity });
const subscribers: TSubscriber[] = [];
const roundOfSeat = new Map<string, number>();
let frames = 0;
let pings = 0;

function send(reply: TClientReply): void {
  process.send!(reply);
}

/** Opens one stream; resolves once its `connected` frame is in (tRPC's first frame). */
function connect(sub: TSubscriber): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = http.get(
      { host: '127.0.0.1', port, path, agent, localAddress, headers: { accept: 'text/event-stream' } },
      (res) => {
        if (res.statusCode !== 200) {
          res.resume();
          return reject(new Error(`HTTP ${res.statusCode}`));
        }
        res.setEncoding('utf8');
        let buffered = '';
        res.on('data', (chunk: string) => {
          const arrived = now();
          buffered += chunk;
          let end: number;
          while ((end = buffered.indexOf('\n\n')) !== -1) {
            const block = buffered.slice(0, end);
            buffered = buffered.slice(end + 2);
            if (!block.trim()) continue;
            let event = 'message';
            let data = '';
            for (const line of block.split('\n')) {
              if (line.startsWith('event: ')) event = line.slice(7);
              else if (line.startsWith('data: ')) data += line.slice(6);
            }
            frames += 1;
            if (event === 'connected') {
              sub.live = true;
              resolve();
            } else if (event === 'ping') pings += 1;
            else if (event === 'message') {
              const parsed = JSON.parse(data) as { seats?: { id: string; state: string }[] };
              for (const seat of parsed.seats ?? []) {
                const round = seat.state === 'held' ? roundOfSeat.get(seat.id) : undefined;
                if (round !== undefined && !sub.seen.has(round)) sub.seen.set(round, [arrived, now()]);
              }
            }
          }
        });
        res.on('close', () => {
          sub.live = false;
        });
      },
    );
    req.on('error', (err) => {
      sub.live = false;
      reject(err);
    });
    sub.req = req;
  });
}

async function getSeatMap(seatMap: { path: string; headers: Record<string, string> }): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path: seatMap.path, agent, localAddress, headers: seatMap.headers }, (res) => {
        res.resume();
        res.on('end', () =>
          res.statusCode === 200 ? resolve() : reject(new Error(`seat map HTTP ${res.statusCode}`)),
        );
      })
      .on('error', reject);
  });
}

process.on('message', (command: TClientCommand) => {
  void (async () => {
    switch (command.type) {
      case 'open': {
        ({ port, path, localAddress } = command);
        let failed = 0;
        let error: string | null = null;
        // As EventSource does, a stream that fails to open is tried again (three times here).
        const openOne = async (sub: TSubscriber) => {
          for (let attempt = 0; ; attempt++) {
            try {
              return await connect(sub);
            } catch (err) {
              sub.req?.destroy();
              if (attempt === 3) {
                failed += 1;
                error ??= String(err);
                return;
              }
              await new Promise((resolve) => setTimeout(resolve, 1000));
            }
          }
        };
        for (let i = 0; i < command.count; i += 100) {
          const batch = Array.from({ length: Math.min(100, command.count - i) }, () => {
            const sub: TSubscriber = { req: null, seen: new Map(), live: false };
            subscribers.push(sub);
            return openOne(sub);
          });
          await Promise.all(batch);
        }
        return send({ type: 'opened', failed, error });
      }
      case 'round':
        roundOfSeat.set(command.seatId, command.round);
        return;
      case 'collect': {
        // Waits (up to 60 s) until every live subscriber of this process saw the round.
        for (let i = 0; i < 2400 && subscribers.some((sub) => sub.live && !sub.seen.has(command.round)); i++)
          await new Promise((resolve) => setTimeout(resolve, 25));
        const arrived: number[] = [];
        const parsed: number[] = [];
        for (const sub of subscribers) {
          const mark = sub.seen.get(command.round);
          if (mark) {
            arrived.push(mark[0]);
            parsed.push(mark[1]);
          }
        }
        return send({ type: 'collected', round: command.round, arrived, parsed });
      }
      case 'storm': {
        // Every stream drops at once (a deploy, a network blip); each comes back within spreadMs, as
        // EventSource clients do after their retry delay, and refetches the seat map as the app does
        // when its stream (re)starts.
        for (const sub of subscribers) sub.req?.destroy();
        // Back from a fresh address (fanout.ts, sourceAddress: binding to a busy one is slow).
        localAddress = command.localAddress;
        let failed = 0;
        let retries = 0;
        let seatMaps = 0;
        let lastLiveAt = 0;
        const liveAt: number[] = [];
        let error: string | null = null;
        // As EventSource does, a stream that fails to open is tried again after a second (three times here).
        const back = async (sub: TSubscriber) => {
          for (let attempt = 0; ; attempt++) {
            try {
              await connect(sub);
              if (command.seatMap) {
                await getSeatMap(command.seatMap);
                seatMaps += 1;
              }
              lastLiveAt = Math.max(lastLiveAt, now());
              liveAt.push(now());
              return;
            } catch (err) {
              sub.req?.destroy();
              error ??= String(err);
              if (attempt === 3) return void (failed += 1);
              retries += 1;
              await new Promise((resolve) => setTimeout(resolve, 1000));
            }
          }
        };
        await Promise.all(
          subscribers.map(
            (sub) =>
              new Promise<void>((resolve) => {
                setTimeout(() => void back(sub).finally(resolve), Math.random() * command.spreadMs);
              }),
          ),
        );
        return send({ type: 'stormed', lastLiveAt, liveAt, failed, retries, seatMaps, error });
      }
      case 'count':
        return send({ type: 'counted', live: subscribers.filter((s) => s.live).length, frames, pings });
      case 'close':
        for (const sub of subscribers) sub.req?.destroy();
        agent.destroy();
        process.exit(0);
    }
  })();
});
