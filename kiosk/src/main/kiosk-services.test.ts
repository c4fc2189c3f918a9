import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseKioskEnv } from './config';
import { DeviceStore, fileKeyCipher } from './device/device-store';
import { createKioskServices } from './kiosk-services';
import type { TTicketPrinter } from './printer/ticket-printer';

const printer: TTicketPrinter = {
  description: 'none',
  state: async () => 'unknown',
  print: async () => ({ ok: false, code: 'PRINTER_FAILED', message: 'no printer', status: 'unknown' }),
};
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((c) => c()));
});

describe('a kiosk that cannot keep its token safe', () => {
  it('stays unregistered, says why, and never spends the registration code', async () => {
    // An API that counts the requests it gets: registering must not reach it.
    let requests = 0;
    const api = createServer((_req, res) => {
      requests += 1;
      res.writeHead(500).end();
    });
    await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise((resolve) => api.close(() => resolve())));
    const dir = await mkdtemp(path.join(tmpdir(), 'marquee-kiosk-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    const problem = 'no keychain here';
    const kiosk = await createKioskServices({
      env: parseKioskEnv({ MARQUEE_API_URL: `http://127.0.0.1:${(api.address() as AddressInfo).port}` }),
      store: new DeviceStore(path.join(dir, 'device.bin'), fileKeyCipher(path.join(dir, 'device.key'))),
      printer,
      appVersion: 'test',
      log: () => undefined,
      storageProblem: problem,
    });
    cleanups.push(async () => kiosk.stop());

    expect(await kiosk.register('ABCD-1234')).toEqual({ ok: false, message: problem });
    expect((await kiosk.deviceInfo()).registered).toBe(false);
    expect(kiosk.token()).toBeNull();
    expect(requests).toBe(0);
  });
});
