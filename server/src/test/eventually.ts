import { inspect } from 'node:util';

/** Polls fn until ok(value) and returns that value; fails with what it last saw if the time is up first. */
export async function eventually<T>(fn: () => Promise<T> | T, ok: (value: T) => boolean, ms = 10_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await fn();
    if (ok(value)) return value;
    if (Date.now() > until)
      throw new Error(
        `eventually: not so after ${ms} ms; last saw ${inspect(value, { depth: 4, breakLength: Infinity })}`,
      );
    await new Promise((r) => setTimeout(r, 25));
  }
}
