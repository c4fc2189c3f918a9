// The print agent over real HTTP, printing to the virtual printer over real TCP.
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TPrintTicket } from '../../common/print-job';
import { createPrintAgent } from './print-agent';
import { networkTicketPrinter } from './ticket-printer';
import { VirtualPrinter } from './virtual-printer';

const SHOP = 'http://127.0.0.1:3000';
const ticket: TPrintTicket = {
  cinemaName: 'Marquee',
  movieTitle: 'Film',
  startsAt: '2026-11-25T13:00:00.000Z',
  timeZone: 'Asia/Kolkata',
  screenName: 'Audi 2',
  seatLabel: 'C3',
  seatType: 'STANDARD',
  ticketNumber: 1,
  ticketCount: 1,
  pricePaise: 18_000,
  bookingCode: 'ABC123',
  token: 'payload.signature',
};

describe('print agent', () => {
  const printer = new VirtualPrinter({ port: 0, outputDir: null });
  let agent: ReturnType<typeof createPrintAgent>;
  let url: string;

  beforeAll(async () => {
    const address = await printer.listen();
    agent = createPrintAgent({
      printer: networkTicketPrinter({ ...address, timeoutMs: 500 }),
      allowedOrigins: [SHOP],
      device: async () => ({ token: 'mqk_device', name: 'Lobby 1' }),
    });
    await new Promise<void>((resolve) => agent.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(agent.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => agent.close(resolve));
    await printer.close();
  });

  const post = (body: unknown, origin = SHOP) =>
    fetch(`${url}/print`, {
      method: 'POST',
      headers: { origin, 'content-type': 'application/json' },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });

  it('prints a job for a page of the Marquee origin and answers it with CORS', async () => {
    const res = await post({ tickets: [ticket] });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe(SHOP);
    expect(await res.json()).toEqual({ ok: true, printed: 1, status: 'ok' });
    await expect.poll(() => printer.tickets.length).toBe(1);
  });

  it('reports the printer state', async () => {
    const res = await fetch(`${url}/status`, { headers: { origin: SHOP } });
    expect(await res.json()).toMatchObject({ status: 'ok' });
  });

  it('refuses pages from other origins, and prints nothing for them', async () => {
    const before = printer.tickets.length;
    const res = await post({ tickets: [ticket] }, 'http://evil.example');
    expect(res.status).toBe(403);
    expect((await fetch(`${url}/device`, { headers: { origin: 'http://evil.example' } })).status).toBe(403);
    expect(printer.tickets.length).toBe(before);
  });

  it('answers no request without an Origin (any local process), and prints nothing for it', async () => {
    const before = printer.tickets.length;
    const print = await fetch(`${url}/print`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ tickets: [ticket] }),
    });
    expect(print.status).toBe(403);
    expect(await print.json()).toEqual({
      error: {
        code: 'FORBIDDEN',
        message: `the print agent answers only pages of ${SHOP}, and this request sent no Origin`,
      },
    });
    const device = await fetch(`${url}/device`);
    expect(device.status).toBe(403);
    expect(await device.text()).not.toContain('mqk_device');
    expect((await fetch(`${url}/status`)).status).toBe(403);
    expect(printer.tickets.length).toBe(before);
  });

  it('hands the device token to the /kiosk page only, not to other pages of the origin', async () => {
    const device = (referer?: string) =>
      fetch(`${url}/device`, { headers: { origin: SHOP, ...(referer ? { referer } : {}) } });
    const kiosk = await device(`${SHOP}/kiosk`);
    expect(kiosk.status).toBe(200);
    expect(await kiosk.json()).toEqual({ token: 'mqk_device', name: 'Lobby 1' });
    expect((await device(`${SHOP}/kiosk?lang=hi`)).status).toBe(200);
    for (const page of [undefined, `${SHOP}/`, `${SHOP}/manager`, `${SHOP}/kiosk-fake`, 'http://evil.example/kiosk']) {
      const res = await device(page);
      expect(res.status, String(page)).toBe(403);
      expect(await res.json()).toEqual({
        error: { code: 'FORBIDDEN', message: 'the device token goes to the kiosk page (/kiosk) only' },
      });
    }
  });

  it('refuses a request addressed to another host name (DNS rebinding)', async () => {
    const { request } = await import('node:http');
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(`${url}/device`, { headers: { host: 'attacker.example' } }, (res) =>
        resolve(res.statusCode ?? 0),
      );
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(403);
  });

  it('refuses a malformed job with a clear message', async () => {
    const before = printer.tickets.length;
    const bad = await post({ tickets: [{ ...ticket, pricePaise: -1 }] });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({
      error: { code: 'INPUT_INVALID', message: expect.stringContaining('tickets.0.pricePaise') as string },
    });
    expect((await post('{not json')).status).toBe(400);
    expect((await post({ tickets: [] })).status).toBe(400);
    expect(printer.tickets.length).toBe(before);
  });
});
