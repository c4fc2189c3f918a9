import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { chooseSecretCipher, keychainProtects, type TOsKeychain } from './secret-cipher';

/** A keychain that "encrypts" by reversing bytes: enough to see which cipher was chosen. */
function keychain(available: boolean, backend?: string): TOsKeychain {
  return {
    isEncryptionAvailable: () => available,
    getSelectedStorageBackend: backend === undefined ? undefined : () => backend,
    encryptString: (plain) => Buffer.from(plain, 'utf8').reverse(),
    decryptString: (data) => Buffer.from(data).reverse().toString('utf8'),
  };
}

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});
async function keyPath(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'marquee-cipher-'));
  dirs.push(dir);
  return path.join(dir, 'device.key');
}

describe('the device token key', () => {
  it('uses the OS keychain where it protects the token', async () => {
    for (const [platform, kc] of [
      ['darwin', keychain(true)],
      ['win32', keychain(true)],
      ['linux', keychain(true, 'gnome_libsecret')],
      ['linux', keychain(true, 'kwallet6')],
    ] as const) {
      const choice = chooseSecretCipher(kc, { platform, allowFileKey: false, keyPath: await keyPath() });
      expect(choice.kind).toBe('os-keychain');
      if (choice.kind === 'none') throw new Error('unreachable');
      expect(await choice.cipher.decrypt(await choice.cipher.encrypt('token-1'))).toBe('token-1');
    }
  });

  it("does not count Linux's hard-coded password or a missing keychain as protection", () => {
    expect(keychainProtects(keychain(true, 'basic_text'), 'linux')).toBe(false);
    expect(keychainProtects(keychain(true, 'unknown'), 'linux')).toBe(false);
    expect(keychainProtects(keychain(true), 'linux')).toBe(false);
    expect(keychainProtects(keychain(false), 'darwin')).toBe(false);
  });

  it('refuses to store the token without a keychain, naming the fix', async () => {
    const choice = chooseSecretCipher(keychain(true, 'basic_text'), {
      platform: 'linux',
      allowFileKey: false,
      keyPath: await keyPath(),
    });
    expect(choice.kind).toBe('none');
    if (choice.kind !== 'none') throw new Error('unreachable');
    expect(choice.problem).toMatch(/no keychain/);
    expect(choice.problem).toMatch(/KIOSK_ALLOW_FILE_KEY=1/);
  });

  it('keeps the key in a file only when the setting allows it', async () => {
    const choice = chooseSecretCipher(keychain(false), {
      platform: 'linux',
      allowFileKey: true,
      keyPath: await keyPath(),
    });
    expect(choice.kind).toBe('key-file');
    if (choice.kind === 'none') throw new Error('unreachable');
    const sealed = await choice.cipher.encrypt('token-2');
    expect(sealed.includes(Buffer.from('token-2'))).toBe(false);
    expect(await choice.cipher.decrypt(sealed)).toBe('token-2');
  });
});
