// A worker process SIGKILLed in the middle of sending a receipt: another worker picks the job up,
// the email arrives, and the receipt log shows it sent once.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SmtpCatcher } from '../../mail/smtp-catcher';
import { seedCinema, futureShowtime } from '../../test/fixtures';
import { finishedJob } from '../../test/jobs';
import { freePort } from '../../test/redis-server';
import { createTestContext, type TTestContext } from '../../test/test-context';
import { enqueueReceipt, receiptJobId } from '../../jobs/receipts/index';
import { startWorkers } from '../start-workers';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
let ctx: TTestContext;
let smtp: SmtpCatcher;
let smtpPort: number;
let stalled: ((value: void) => void) | undefined;
let stallNext = true;
let deliveryStarted: Promise<void>;
let markStarted: () => void;
let child: ReturnType<typeof spawn> | undefined;

beforeAll(async () => {
  smtpPort = await freePort();
  deliveryStarted = new Promise((resolve) => (markStarted = resolve));
  // The first delivery is held before it is accepted, so the worker is mid-send when it is killed.
  smtp = new SmtpCatcher(undefined, async () => {
    if (!stallNext) return;
    stallNext = false;
    markStarted();
    await new Promise<void>((resolve) => (stalled = resolve));
    throw new Error('the sender died before this message was accepted');
  });
  await smtp.listen(smtpPort);
  ctx = await createTestContext({ SMTP_URL: `smtp://127.0.0.1:${smtpPort}`, WORKER_LOCK_MS: '1500' });
  await seedCinema(ctx.prisma);
});
afterAll(async () => {
  child?.kill('SIGKILL'); // never leave a worker behind, whatever happened above
  stalled?.();
  await smtp.close();
  await ctx.close();
});

describe('a worker killed mid-job', () => {
  it('loses nothing: another worker sends the receipt, once', async () => {
    const { showtime, seatIds } = await futureShowtime(ctx.prisma);
    const booking = await ctx.prisma.booking.create({
      data: {
        code: 'CRASH1',
        showtimeId: showtime.id,
        status: 'CONFIRMED',
        channel: 'WEB',
        holder: 'web:crash',
        customerEmail: 'crash@example.com',
        amountPaise: 20_000,
        expiresAt: new Date(),
        confirmedAt: new Date(),
        seats: { create: [{ showtimeId: showtime.id, seatId: seatIds[0]!, pricePaise: 20_000 }] },
      },
      include: { seats: true },
    });
    await ctx.prisma.ticket.create({
      data: {
        bookingId: booking.id,
        bookingSeatId: booking.seats[0]!.id,
        showtimeId: showtime.id,
        seatLabel: 'A1',
        token: 'token-crash-1',
        keyId: 'dev1',
      },
    });

    // node itself with tsx's loader (not the tsx CLI, which would run the worker in a grandchild
    // process that a SIGKILL to the CLI leaves alive).
    child = spawn(process.execPath, ['--import', 'tsx', 'server/src/worker.ts'], {
      cwd: root,
      env: {
        ...process.env,
        NODE_ENV: 'test',
        LOG_LEVEL: 'silent',
        DATABASE_URL: ctx.databaseUrl,
        REDIS_URL: ctx.env.REDIS_URL,
        REDIS_PREFIX: ctx.env.REDIS_PREFIX,
        SMTP_URL: ctx.env.SMTP_URL,
        WORKER_LOCK_MS: '1500',
      },
      stdio: 'ignore',
    });
    const worker = child;
    const exited = new Promise((resolve) => worker.once('exit', resolve));
    await enqueueReceipt(ctx, { bookingId: booking.id });
    await deliveryStarted; // the child worker is sending
    worker.kill('SIGKILL');
    await exited;
    stalled?.(); // the held delivery ends unaccepted: its sender is gone

    const workers = await startWorkers(ctx);
    try {
      // The job has run to its end on this worker: every email it was going to send has been accepted.
      expect(await finishedJob(ctx.jobs.receipts, receiptJobId(booking.id), { ms: 20_000 })).toBe('completed');
      expect(smtp.messages.map((m) => m.subject)).toEqual([expect.stringContaining('CRASH1')]);
      const log = await ctx.prisma.emailLog.findUniqueOrThrow({ where: { dedupeKey: `receipt:${booking.id}` } });
      expect(log).toMatchObject({ status: 'SENT', attempts: 2 });
    } finally {
      await workers.close();
    }
  }, 40_000);
});
