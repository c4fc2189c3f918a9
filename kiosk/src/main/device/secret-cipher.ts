// Which key protects the kiosk's device token on disk. The OS keychain (Electron's safeStorage) is
// the only protection that keeps the token from another user or a copied disk; a key file beside
// the token protects nothing from whoever can read the folder. On Linux, safeStorage reports itself
// "available" even without a secret store: it then encrypts with a hard-coded password
// (`getSelectedStorageBackend()` is 'basic_text'), which is no protection either. Without a real
// keychain the kiosk refuses to store its token unless KIOSK_ALLOW_FILE_KEY says a key file is enough.
import { fileKeyCipher, type TSecretCipher } from './device-store';

/** The part of Electron's safeStorage this needs (so it is tested under Node). */
export interface TOsKeychain {
  isEncryptionAvailable(): boolean;
  /** Linux only: 'basic_text' or 'unknown' mean no secret store. */
  getSelectedStorageBackend?(): string;
  encryptString(plain: string): Buffer;
  decryptString(data: Buffer): string;
}

export type TCipherChoice =
  { kind: 'os-keychain' | 'key-file'; cipher: TSecretCipher } | { kind: 'none'; problem: string };

const UNPROTECTED_LINUX_BACKENDS = new Set(['basic_text', 'unknown']);

export function keychainProtects(keychain: TOsKeychain, platform: NodeJS.Platform): boolean {
  if (!keychain.isEncryptionAvailable()) return false;
  if (platform !== 'linux') return true;
  const backend = keychain.getSelectedStorageBackend?.() ?? 'unknown';
  return !UNPROTECTED_LINUX_BACKENDS.has(backend);
}

export function chooseSecretCipher(
  keychain: TOsKeychain,
  { platform, allowFileKey, keyPath }: { platform: NodeJS.Platform; allowFileKey: boolean; keyPath: string },
): TCipherChoice {
  if (keychainProtects(keychain, platform))
    return {
      kind: 'os-keychain',
      cipher: {
        encrypt: async (plain) => keychain.encryptString(plain),
        decrypt: async (data) => keychain.decryptString(data),
      },
    };
  if (allowFileKey) return { kind: 'key-file', cipher: fileKeyCipher(keyPath) };
  return {
    kind: 'none',
    problem:
      'This kiosk cannot keep its device key safe: the operating system has no keychain (on Linux: gnome-keyring or ' +
      'KWallet, unlocked for this user). Set one up, or set KIOSK_ALLOW_FILE_KEY=1 to keep the key in a file beside it.',
  };
}
