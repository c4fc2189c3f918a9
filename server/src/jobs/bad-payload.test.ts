// A job whose payload does not match its queue's schema fails at once, without retries, and the
// worker logs it; a producer cannot even write one, because each queue is typed by its contract.
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { finishedJob } from '../test/jobs';
import { createTestContext, type TTestContext } from '../test/test-context';
import { startExpiryWorker } from '../workers/expiry/expiry-worker';
import type { Jobs, TRunningWorker } from './queues';
import { startReceiptWorker } from '../workers/receipts/receipt-worker';
import { startRefundWorker } from '../workers/refunds/refund-worker';
import { startReminderWorker } from '../workers/reminders/reminder-worker';

let ctx: TTestContext;
let workers: TRunningWorker[];
type TLogLine = { level: number; msg: string; jobId?: string };
const logged: TLogLine[] = [];

beforeAll(async () => {
  ctx = await createTestContext();
  const log = pino({ level: 'error' }, { write: (line: string) => void logged.push(JSON.parse(line) as TLogLine) });
  const services = { ...ctx, log };
  workers = [
    startExpiryWorker(services),
    startReceiptWorker(services),
    startReminderWorker(services),
    startRefundWorker(services),
  ];
});
afterAll(async () => {
  await Promise.all(workers.map((w) => w.close()));
  await ctx.close();
});

describe('a job with a bad payload', () => {
  const notAUuid = { bookingId: 'not-a-uuid' };
  const cases = [
    {
      queue: 'expiry',
      add: (jobId: string) => ctx.jobs.expiry.add('expire-booking', notAUuid, { jobId, attempts: 5 }),
    },
    {
      queue: 'receipts',
      add: (jobId: string) => ctx.jobs.receipts.add('send-receipt', notAUuid, { jobId, attempts: 5 }),
    },
    {
      queue: 'reminders',
      add: (jobId: string) => ctx.jobs.reminders.add('before-show', notAUuid, { jobId, attempts: 5 }),
    },
    {
      queue: 'refunds',
      add: (jobId: string) => ctx.jobs.refunds.add('show-cancelled', notAUuid, { jobId, attempts: 5 }),
    },
  ] as const;

  it.each(cases)('fails on the $queue queue after one attempt of five, and is logged', async ({ queue, add }) => {
    const jobId = `bad-payload-${queue}`;
    await add(jobId);
    const q = ctx.jobs.all.find((candidate) => candidate.name === queue)!;
    expect(await finishedJob(q, jobId)).toBe('failed');
    const job = (await q.getJob(jobId))!;
    expect(job.attemptsMade).toBe(1);
    expect(job.failedReason).toMatch(/job payload/);
    expect(logged).toContainEqual(expect.objectContaining({ msg: `${queue} job failed`, jobId }));
  });

  it('does not compile when a producer gives a queue another job name or payload', () => {
    const produce = (jobs: Jobs) => [
      // @ts-expect-error the receipts queue has no job called "x"
      jobs.receipts.add('x', { bookingId: 'b' }),
      // @ts-expect-error a receipt job carries a bookingId
      jobs.receipts.add('send-receipt', { showtimeId: 's' }),
      // @ts-expect-error a receipt's dedupe key is a string
      jobs.receipts.add('send-receipt', { bookingId: 'b', dedupeKey: 42 }),
      // @ts-expect-error the refunds queue has no receipt job
      jobs.refunds.add('send-receipt', { bookingId: 'b' }),
    ];
    expect(produce).toBeTypeOf('function');
  });
});
