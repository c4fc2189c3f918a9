// Names of the local mail catcher's files: unique and in arrival order. Named by the millisecond
// alone, two mails of the same millisecond overwrote each other; the counter orders the mails of one
// run, and the random part keeps a restarted catcher off the names of an earlier run.
import { randomBytes } from 'node:crypto';

export function mailFileBase(now: Date, seq: number, random = randomBytes(3).toString('hex')): string {
  return `${now.toISOString().replace(/[:.]/g, '-')}-${String(seq).padStart(6, '0')}-${random}`;
}
