// The kiosk's identity on disk: its device token, encrypted. In Electron the key is the OS
// keychain's (safeStorage); elsewhere (the print agent, tests) AES-256-GCM with a key in a file
// only this user can read. The token is never written in the clear.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';

export interface TSecretCipher {
  encrypt(plain: string): Promise<Buffer>;
  decrypt(data: Buffer): Promise<string>;
}

const ZDeviceSchema = z.object({ kioskId: z.uuid(), name: z.string(), token: z.string().min(1) });
export type TDevice = z.infer<typeof ZDeviceSchema>;

/** AES-256-GCM with a random key kept in `keyPath` (mode 0600), created on first use. */
export function fileKeyCipher(keyPath: string): TSecretCipher {
  const key = async (): Promise<Buffer> => {
    try {
      return await readFile(keyPath);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      const fresh = randomBytes(32);
      await mkdir(path.dirname(keyPath), { recursive: true });
      await writeFile(keyPath, fresh, { mode: 0o600, flag: 'wx' });
      return fresh;
    }
  };
  return {
    async encrypt(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', await key(), iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]);
    },
    async decrypt(data) {
      const decipher = createDecipheriv('aes-256-gcm', await key(), data.subarray(0, 12));
      decipher.setAuthTag(data.subarray(12, 28));
      return Buffer.concat([decipher.update(data.subarray(28)), decipher.final()]).toString('utf8');
    },
  };
}

export class DeviceStore {
  constructor(
    private readonly filePath: string,
    private readonly cipher: TSecretCipher,
  ) {}

  async load(): Promise<TDevice | null> {
    let data: Buffer;
    try {
      data = await readFile(this.filePath);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
    return ZDeviceSchema.parse(JSON.parse(await this.cipher.decrypt(data)));
  }

  async save(device: TDevice): Promise<void> {
    await mkdir(path.dirname(this.filePath), { recursive: true });
    await writeFile(this.filePath, await this.cipher.encrypt(JSON.stringify(ZDeviceSchema.parse(device))), {
      mode: 0o600,
    });
  }

  async clear(): Promise<void> {
    await rm(this.filePath, { force: true });
  }
}
