/** True when a Postgres unique constraint rejected the write (however Prisma and the adapter wrap it). */
export function isUniqueViolation(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e && depth < 8; depth++) {
    const candidate = e as {
      code?: unknown;
      kind?: unknown;
      originalCode?: unknown;
      meta?: { driverAdapterError?: unknown };
      cause?: unknown;
    };
    if (
      candidate.code === 'P2002' ||
      candidate.code === '23505' ||
      candidate.originalCode === '23505' ||
      candidate.kind === 'UniqueConstraintViolation'
    )
      return true;
    e = candidate.meta?.driverAdapterError ?? candidate.cause;
  }
  return false;
}
