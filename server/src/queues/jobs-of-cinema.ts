// Which failed jobs a cinema's admins may see and retry. The queues are shared by every cinema of
// the deployment: a job that carries a booking, show or cinema belongs to that cinema; jobs of the
// whole system (sweeper, reconciliation, clean-up) carry none and are everyone's.
import type { Job } from 'bullmq';
import type { TServices } from '../services';

type TJobKeys = { bookingId?: unknown; showtimeId?: unknown; cinemaId?: unknown };

/** Which of these jobs this cinema may see: its own, and those that belong to no cinema. */
export async function jobsOfCinema(
  { prisma }: Pick<TServices, 'prisma'>,
  { cinemaId, jobs }: { cinemaId: string; jobs: Job[] },
): Promise<Set<Job>> {
  const keys = (job: Job) => (job.data ?? {}) as TJobKeys;
  const ids = (name: 'bookingId' | 'showtimeId') =>
    [...new Set(jobs.map((j) => keys(j)[name]).filter((v): v is string => typeof v === 'string'))].filter((v) =>
      /^[0-9a-f-]{36}$/i.test(v),
    );
  const [bookings, showtimes] = await Promise.all([
    prisma.booking.findMany({
      where: { id: { in: ids('bookingId') }, showtime: { screen: { cinemaId } } },
      select: { id: true },
    }),
    prisma.showtime.findMany({ where: { id: { in: ids('showtimeId') }, screen: { cinemaId } }, select: { id: true } }),
  ]);
  const ours = new Set([...bookings.map((b) => b.id), ...showtimes.map((s) => s.id)]);
  return new Set(
    jobs.filter((job) => {
      const { bookingId, showtimeId, cinemaId: jobCinema } = keys(job);
      // A key that is not ours (another cinema's, or one since deleted) hides the job.
      if (bookingId !== undefined && !(typeof bookingId === 'string' && ours.has(bookingId))) return false;
      if (showtimeId !== undefined && !(typeof showtimeId === 'string' && ours.has(showtimeId))) return false;
      if (jobCinema !== undefined && jobCinema !== cinemaId) return false;
      return true;
    }),
  );
}
