// A queue's repeatable job: a BullMQ job scheduler (kept in Redis by job-schedules.ts) makes one job
// of this name each time it fires. Its jobs carry no data: the work is "whatever is due now".
import type { RepeatOptions } from 'bullmq';
import { z } from 'zod';

export const ZScheduledJobSchema = z.object({});
export type TScheduledJob = Record<string, never>;

export interface TJobSchedule<TName extends string = string> {
  /** The scheduler's id in Redis. */
  id: string;
  repeat: Omit<RepeatOptions, 'key'>;
  /** The name of the jobs it makes. */
  name: TName;
  /** How long a failed run stays in Redis for a manager to see. */
  keepFailedSeconds: number;
}
