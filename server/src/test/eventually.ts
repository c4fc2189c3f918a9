/** Polls fn until ok(value) or the time is up, then returns the last value (the caller asserts on it). */
export async function eventually<T>(fn: () => Promise<T> | T, ok: (value: T) => boolean, ms = 10_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await fn();
    if (ok(value) || Date.now() > until) return value;
    await new Promise((r) => setTimeout(r, 25));
  }
}
