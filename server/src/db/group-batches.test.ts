import fc from 'fast-check';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { groupBatches } from './group-batches';

/** A batch runner that records its batches and how many ran at once; each batch takes `ms`. */
function recorder(ms = 5) {
  const batches: number[][] = [];
  let running = 0;
  let mostAtOnce = 0;
  const run = async (inputs: readonly number[]) => {
    batches.push([...inputs]);
    running++;
    mostAtOnce = Math.max(mostAtOnce, running);
    await sleep(ms);
    running--;
    return inputs.map((n) => n * 10);
  };
  return { run, batches, mostAtOnce: () => mostAtOnce };
}

describe('groupBatches', () => {
  it('sends the calls of one event-loop turn as one batch, each call getting its own result', async () => {
    const r = recorder();
    const call = groupBatches(r.run, { maxBatchSize: 32, maxInFlight: 1 });
    await expect(Promise.all([1, 2, 3].map(call))).resolves.toEqual([10, 20, 30]);
    expect(r.batches).toEqual([[1, 2, 3]]);
  });

  it('while a batch is out, gathers the next calls into one batch that leaves when it returns (group commit)', async () => {
    const batches: number[][] = [];
    let out!: () => void;
    const firstOut = new Promise<void>((resolve) => (out = resolve));
    let back!: () => void;
    const firstBack = new Promise<void>((resolve) => (back = resolve));
    const call = groupBatches(
      async (inputs: readonly number[]) => {
        batches.push([...inputs]);
        if (batches.length === 1) {
          out();
          await firstBack; // at Postgres until the test lets it return
        }
        return inputs.map((n) => n * 10);
      },
      { maxBatchSize: 32, maxInFlight: 1 },
    );
    const first = call(1);
    await firstOut;
    // The next calls arrive one event-loop turn apart while the first batch is still out.
    const rest: Promise<number>[] = [];
    for (const n of [2, 3, 4]) {
      rest.push(call(n));
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(batches).toEqual([[1]]);
    back();
    await expect(Promise.all([first, ...rest])).resolves.toEqual([10, 20, 30, 40]);
    expect(batches).toEqual([[1], [2, 3, 4]]);
  });

  it('splits at maxBatchSize and never runs more than maxInFlight batches at once', async () => {
    const r = recorder();
    const call = groupBatches(r.run, { maxBatchSize: 4, maxInFlight: 2 });
    const inputs = Array.from({ length: 19 }, (_, i) => i);
    await expect(Promise.all(inputs.map(call))).resolves.toEqual(inputs.map((n) => n * 10));
    expect(r.batches.map((b) => b.length)).toEqual([4, 4, 4, 4, 3]);
    expect(r.batches.flat()).toEqual(inputs);
    expect(r.mostAtOnce()).toBe(2);
  });

  it('rejects only the call whose result is an Error; a failed batch rejects its calls and the next batch still runs', async () => {
    let fail = false;
    const call = groupBatches(
      async (inputs: readonly number[]) => {
        if (fail) throw new Error('connection lost');
        return inputs.map((n) => (n === 2 ? new Error(`refused ${n}`) : n));
      },
      { maxBatchSize: 32, maxInFlight: 1 },
    );
    const results = await Promise.allSettled([1, 2, 3].map(call));
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value : (r.reason as Error).message))).toEqual([
      1,
      'refused 2',
      3,
    ]);

    fail = true;
    const failed = await Promise.allSettled([4, 5].map(call));
    expect(failed.map((r) => r.status === 'rejected' && (r.reason as Error).message)).toEqual([
      'connection lost',
      'connection lost',
    ]);
    fail = false;
    await expect(call(6)).resolves.toBe(6);
  });

  it('gives every call its own result, within the limits, whatever the timing of calls and batches (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.nat({ max: 6 }), { minLength: 1, maxLength: 40 }),
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 1, max: 3 }),
        fc.array(fc.nat({ max: 4 }), { minLength: 1, maxLength: 8 }),
        async (delays, maxBatchSize, maxInFlight, batchMs) => {
          const batches: number[][] = [];
          let running = 0;
          let mostAtOnce = 0;
          const call = groupBatches(
            async (inputs: readonly number[]) => {
              batches.push([...inputs]);
              mostAtOnce = Math.max(mostAtOnce, ++running);
              await sleep(batchMs[batches.length % batchMs.length]);
              running--;
              return inputs.map((n) => (n % 7 === 3 ? new Error(String(n)) : -n));
            },
            { maxBatchSize, maxInFlight },
          );
          const results = await Promise.allSettled(
            delays.map(async (ms, n) => {
              await sleep(ms);
              return call(n);
            }),
          );
          results.forEach((r, n) =>
            expect(r.status === 'fulfilled' ? r.value : Number((r.reason as Error).message)).toBe(n % 7 === 3 ? n : -n),
          );
          expect(batches.flat().sort((a, b) => a - b)).toEqual(delays.map((_, n) => n));
          expect(Math.max(...batches.map((b) => b.length))).toBeLessThanOrEqual(maxBatchSize);
          expect(mostAtOnce).toBeLessThanOrEqual(maxInFlight);
        },
      ),
      { numRuns: 40 },
    );
  });
});
