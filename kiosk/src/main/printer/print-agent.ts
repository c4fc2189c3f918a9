// The print agent: the kiosk's printer module behind a small HTTP endpoint on 127.0.0.1, so the
// kiosk UI running in an ordinary browser (development, browser tests) prints for real. It plays
// the part Electron's main process plays in the app: it also hands the page this kiosk's device
// token, which is why it answers only pages from the Marquee origins it is told about. A request
// without an Origin (curl, any local process, a page that is not a browser's) gets no answer, and
// the device token goes only to the kiosk page (/kiosk, by its Referer), not to any other page of
// the origin (whose CSP does not let it reach loopback in the first place).
import http from 'node:http';
import { ZPrintJobSchema } from '../../common/print-job';
import type { TTicketPrinter } from './ticket-printer';

export interface TPrintAgentOptions {
  printer: TTicketPrinter;
  /** Origins whose pages may use the agent, e.g. http://127.0.0.1:3000. */
  allowedOrigins: string[];
  /** The device token of the kiosk this agent stands for (null: the page acts as a web customer). */
  device: () => Promise<{ token: string | null; name: string | null }>;
  log?: (message: string, data?: object) => void;
  port?: number;
}

const MAX_BODY = 64 * 1024;

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        reject(new Error('body too large'));
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Whether the request comes from the kiosk UI page of that origin (the page sends its URL as Referer). */
function fromKioskPage(referer: string | undefined, origin: string): boolean {
  if (!referer) return false;
  try {
    const page = new URL(referer);
    return page.origin === origin && (page.pathname === '/kiosk' || page.pathname.startsWith('/kiosk/'));
  } catch {
    return false;
  }
}

export function createPrintAgent(options: TPrintAgentOptions): http.Server {
  const log = options.log ?? (() => undefined);
  const send = (res: http.ServerResponse, status: number, body: unknown): void => {
    res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    res.end(JSON.stringify(body));
  };

  return http.createServer((req, res) => {
    // Reached by name through DNS rebinding, a hostile page could call us: answer only to loopback names.
    const host = (req.headers.host ?? '').replace(/:\d+$/, '');
    if (host !== '127.0.0.1' && host !== 'localhost')
      return send(res, 403, { error: { code: 'FORBIDDEN', message: 'print agent answers on 127.0.0.1 only' } });
    const origin = req.headers.origin;
    if (origin === undefined)
      return send(res, 403, {
        error: {
          code: 'FORBIDDEN',
          message: `the print agent answers only pages of ${options.allowedOrigins.join(', ')}, and this request sent no Origin`,
        },
      });
    if (!options.allowedOrigins.includes(origin))
      return send(res, 403, { error: { code: 'FORBIDDEN', message: `origin ${origin} may not print here` } });
    res.setHeader('access-control-allow-origin', origin);
    res.setHeader('vary', 'origin');
    if (req.method === 'OPTIONS') {
      res.writeHead(204, {
        'access-control-allow-methods': 'GET, POST',
        'access-control-allow-headers': 'content-type',
        'access-control-max-age': '600',
      });
      return res.end();
    }
    const route = `${req.method} ${new URL(req.url ?? '/', 'http://agent').pathname}`;
    const handle = async (): Promise<void> => {
      switch (route) {
        case 'GET /status':
          return send(res, 200, { status: await options.printer.state(), printer: options.printer.description });
        case 'GET /device':
          if (!fromKioskPage(req.headers.referer, origin))
            return send(res, 403, {
              error: { code: 'FORBIDDEN', message: 'the device token goes to the kiosk page (/kiosk) only' },
            });
          return send(res, 200, await options.device());
        case 'POST /print': {
          let body: unknown;
          try {
            body = JSON.parse(await readBody(req));
          } catch (err) {
            return send(res, 400, {
              error: { code: 'INPUT_INVALID', message: `body must be JSON: ${(err as Error).message}` },
            });
          }
          const job = ZPrintJobSchema.safeParse(body);
          if (!job.success)
            return send(res, 400, {
              error: {
                code: 'INPUT_INVALID',
                message: job.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
              },
            });
          const result = await options.printer.print(job.data);
          log(result.ok ? 'printed' : 'print failed', { tickets: job.data.tickets.length, ...result });
          return send(res, 200, result);
        }
        default:
          return send(res, 404, { error: { code: 'NOT_FOUND', message: `no route ${route}` } });
      }
    };
    handle().catch((err: unknown) => {
      log('print agent error', { err: String(err) });
      send(res, 500, { error: { code: 'INTERNAL', message: 'The print agent failed; see its log.' } });
    });
  });
}
