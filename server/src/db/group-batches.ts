// Group commit for the hot path: calls that arrive while earlier ones are on their way to Postgres
// travel together as one statement. In a storm of customers, most of a small statement's cost is
// per call rather than per row: the round trip's socket writes on both sides, the driver's pool and
// parser, Postgres's executor start-up and transaction. One call for twenty holds pays it once.
//
// DataLoader collects the calls (batching by key, results in key order, an Error per key allowed);
// its scheduler below decides when a batch leaves. The first call in a quiet moment waits only for
// the current event-loop turn to end (every request read in that turn joins it); while `maxInFlight`
// batches are out, the next one keeps filling until one returns or it is full.
import DataLoader from 'dataloader';

export interface TGroupBatchOptions {
  /** Most calls in one batch. */
  maxBatchSize: number;
  /** Most batches on their way at once; the next one waits and grows meanwhile. */
  maxInFlight: number;
}

/**
 * Returns a function that runs one call as part of a batch: `run` gets the batch's inputs and
 * returns one result (or Error, which rejects that call alone) per input, in order. If `run`
 * throws, every call in the batch rejects with its error.
 */
export function groupBatches<TIn, TOut>(
  run: (inputs: readonly TIn[]) => Promise<(TOut | Error)[]>,
  { maxBatchSize, maxInFlight }: TGroupBatchOptions,
): (input: TIn) => Promise<TOut> {
  let inFlight = 0;
  const waiting: (() => void)[] = [];
  const leave = (dispatch: () => void) => {
    if (inFlight < maxInFlight) {
      inFlight++;
      dispatch();
    } else {
      waiting.push(dispatch);
    }
  };
  const loader = new DataLoader<TIn, TOut, TIn>(
    async (inputs) => {
      try {
        return await run(inputs);
      } finally {
        inFlight--;
        const next = waiting.shift();
        if (next) leave(next);
      }
    },
    { cache: false, maxBatchSize, batchScheduleFn: (dispatch) => setImmediate(leave, dispatch) },
  );
  return (input) => loader.load(input);
}

/**
 * groupBatches for each owner (a connection pool): each gets its own batches, made on its first call,
 * and `run` is told whose batch it runs.
 */
export function groupBatchesPer<TOwner extends object, TIn, TOut>(
  run: (owner: TOwner, inputs: readonly TIn[]) => Promise<(TOut | Error)[]>,
  options: TGroupBatchOptions,
): (owner: TOwner, input: TIn) => Promise<TOut> {
  const batchers = new WeakMap<TOwner, (input: TIn) => Promise<TOut>>();
  return (owner, input) => {
    let batcher = batchers.get(owner);
    if (!batcher) {
      batcher = groupBatches((inputs) => run(owner, inputs), options);
      batchers.set(owner, batcher);
    }
    return batcher(input);
  };
}
