// A model of the outbox relay against BullMQ and the consumers, run through fast-check: whatever the
// interleaving of relay passes, relays stopped between queueing and bookkeeping, consumers killed
// between their effect and marking the row done, Redis flushes and time passing, once things settle
// every row is done and each job's effect (its email) happened exactly once. The relay is the real
// relayDue; Postgres and BullMQ are in-memory models of what it relies on: a job id queues one job,
// and the consumer's email log (mail/send-once.ts) sends a dedupe key once.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TOutboxRow } from './outbox-entries';
import { relayDue, type TRelayPorts } from './relay-outbox';

type TJob = { row: TOutboxRow; state: 'pending' | 'completed' };

class Model {
  now = 0;
  rows = new Map<string, { row: TOutboxRow; dueAt: number; done: boolean }>();
  redis = new Map<string, TJob>();
  emailLog = new Set<string>();
  sends = new Map<string, number>();
  /** Set to stop the next relay between queueing a job and recording it. */
  crashAfterEnqueue = false;

  ports: TRelayPorts = {
    due: ({ now, limit }) =>
      Promise.resolve(
        [...this.rows.values()]
          .filter((r) => !r.done && r.dueAt <= now.getTime())
          .sort((a, b) => a.dueAt - b.dueAt)
          .slice(0, limit)
          .map((r) => r.row),
      ),
    isDone: (row) => Promise.resolve(this.rows.get(row.id)!.done),
    jobState: (row) => Promise.resolve(this.redis.get(row.jobId)?.state ?? 'missing'),
    enqueue: (row, { replace }) => {
      // BullMQ: adding an existing job id is a no-op; `replace` removes the completed job first.
      if (replace) this.redis.delete(row.jobId);
      if (!this.redis.has(row.jobId)) this.redis.set(row.jobId, { row, state: 'pending' });
      return Promise.resolve();
    },
    markEnqueued: () => {
      if (this.crashAfterEnqueue) {
        this.crashAfterEnqueue = false;
        return Promise.reject(new Error('relay killed between enqueue and bookkeeping'));
      }
      return Promise.resolve();
    },
  };

  addRow(kind: TOutboxRow['kind'], dueIn: number) {
    const id = `row-${this.rows.size}`;
    const row: TOutboxRow = { id, kind, bookingId: id, jobId: `${kind.toLowerCase()}-${id}` };
    this.rows.set(id, { row, dueAt: this.now + dueIn, done: false });
  }

  async relay(crash: boolean) {
    this.crashAfterEnqueue = crash;
    await relayDue(this.ports, { now: new Date(this.now) }).catch(() => undefined);
    this.crashAfterEnqueue = false;
  }

  /** A worker runs the n-th pending job: the email once per key, then the row marked done. */
  consume(n: number, killedBeforeMarking: boolean) {
    const pending = [...this.redis.values()].filter((j) => j.state === 'pending');
    if (!pending.length) return;
    const job = pending[n % pending.length]!;
    if (!this.emailLog.has(job.row.jobId)) {
      this.sends.set(job.row.jobId, (this.sends.get(job.row.jobId) ?? 0) + 1);
      this.emailLog.add(job.row.jobId);
    }
    // Killed here: BullMQ hands the job (still pending) to another worker after its lock runs out.
    if (killedBeforeMarking) return;
    this.rows.get(job.row.id)!.done = true;
    // Receipts keep their completed job for a week, reminders remove theirs.
    if (job.row.kind === 'RECEIPT') job.state = 'completed';
    else this.redis.delete(job.row.jobId);
  }
}

const step = fc.oneof(
  fc.record({
    t: fc.constant('row' as const),
    kind: fc.constantFrom('RECEIPT' as const, 'REMINDER' as const),
    dueIn: fc.integer({ min: 0, max: 3 }),
  }),
  fc.record({ t: fc.constant('relay' as const), crash: fc.boolean() }),
  fc.record({ t: fc.constant('consume' as const), n: fc.nat(), killed: fc.boolean() }),
  fc.record({ t: fc.constant('flush' as const) }),
  fc.record({ t: fc.constant('tick' as const) }),
);

describe('the outbox relay', () => {
  it('delivers each row’s effect exactly once through any interleaving of relays, crashes and Redis flushes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { maxLength: 60 }), async (steps) => {
        const m = new Model();
        for (const s of steps) {
          if (s.t === 'row') m.addRow(s.kind, s.dueIn);
          else if (s.t === 'relay') await m.relay(s.crash);
          else if (s.t === 'consume') m.consume(s.n, s.killed);
          else if (s.t === 'flush') m.redis.clear();
          else m.now += 1;
        }
        // Things settle: time passes, the relay runs on its timer and workers drain the queues.
        m.now += 10;
        for (let i = 0; i < 5; i++) {
          await m.relay(false);
          while ([...m.redis.values()].some((j) => j.state === 'pending')) m.consume(0, false);
        }
        for (const { row, done } of m.rows.values()) {
          expect(done, `${row.jobId} done`).toBe(true);
          expect(m.sends.get(row.jobId), `${row.jobId} sent`).toBe(1);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('queues a row once however many relays see it, and nothing before it is due', async () => {
    const m = new Model();
    m.addRow('REMINDER', 5);
    m.addRow('RECEIPT', 0);
    await Promise.all([m.relay(false), m.relay(false), m.relay(false)]);
    expect([...m.redis.keys()]).toEqual(['receipt-row-1']);
    m.now = 5;
    await m.relay(false);
    expect([...m.redis.keys()].sort()).toEqual(['receipt-row-1', 'reminder-row-0']);
  });
});
