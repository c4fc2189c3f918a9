// The background queues as an admin sees them on the dashboard (queues.*).
import { z } from 'zod';

export const ZQueueHealthSchema = z.array(
  z.object({
    name: z.string(),
    counts: z.object({ waiting: z.int(), active: z.int(), delayed: z.int(), failed: z.int(), completed: z.int() }),
    failed: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        failedReason: z.string(),
        attemptsMade: z.int(),
        failedAt: z.iso.datetime().nullable(),
        data: z.string(),
      }),
    ),
  }),
);
export type TQueueHealth = z.infer<typeof ZQueueHealthSchema>;
export const ZQueueRetryInputSchema = z.strictObject({
  queue: z.string().min(1).max(40),
  jobId: z.string().min(1).max(200),
});
