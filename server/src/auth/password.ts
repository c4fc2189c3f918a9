// argon2id via @node-rs/argon2: prebuilt native binaries shipped in npm packages (no build step,
// nothing fetched from elsewhere), and the OWASP-recommended parameters by default.
import { hash, verify } from '@node-rs/argon2';

const ARGON2ID = 2;

export function hashPassword(password: string): Promise<string> {
  return hash(password, { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 });
}

export function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  return verify(passwordHash, password);
}
