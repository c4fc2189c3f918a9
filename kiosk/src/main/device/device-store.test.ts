import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DeviceStore, fileKeyCipher } from './device-store';

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

async function store() {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'kiosk-device-'));
  dirs.push(dir);
  return { dir, store: new DeviceStore(path.join(dir, 'device.bin'), fileKeyCipher(path.join(dir, 'device.key'))) };
}

const device = { kioskId: '0190a0b0-0000-7000-8000-000000000001', name: 'Lobby 1', token: 'mqk_secret-device-token' };

describe('device store', () => {
  it('keeps the device token encrypted on disk, readable only by this user', async () => {
    const { dir, store: s } = await store();
    await expect(s.load()).resolves.toBeNull();
    await s.save(device);

    const raw = await readFile(path.join(dir, 'device.bin'));
    expect(raw.toString('latin1')).not.toContain('mqk_secret');
    expect((await stat(path.join(dir, 'device.bin'))).mode & 0o777).toBe(0o600);
    expect((await stat(path.join(dir, 'device.key'))).mode & 0o777).toBe(0o600);
    await expect(s.load()).resolves.toEqual(device);
  });

  it('refuses a file that was tampered with', async () => {
    const { dir, store: s } = await store();
    await s.save(device);
    const file = path.join(dir, 'device.bin');
    const raw = await readFile(file);
    raw[raw.length - 1]! ^= 1;
    await (await import('node:fs/promises')).writeFile(file, raw);
    await expect(s.load()).rejects.toThrow(/unable to authenticate|auth/i);
  });
});
