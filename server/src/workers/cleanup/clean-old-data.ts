// The weekly clean-up: holds that never became bookings, old kiosk heartbeats, expired staff
// sessions, outbox rows done long ago, month-old wrong-password counts and finished jobs. Paid,
// refunded and confirmed bookings are records and are kept.
import type { TServices } from '../../services';

export const RETENTION_DAYS = 30;

export async function cleanOldData(
  services: Pick<TServices, 'prisma' | 'jobs' | 'log'>,
  now = new Date(),
): Promise<Record<string, number>> {
  const cutoff = new Date(now.getTime() - RETENTION_DAYS * 86_400_000);
  const { prisma } = services;
  // Seats, attempts and email logs of these bookings go with them (ON DELETE CASCADE).
  const bookings = await prisma.booking.deleteMany({
    where: { status: { in: ['PENDING', 'EXPIRED', 'CANCELLED'] }, expiresAt: { lt: cutoff }, refunds: { none: {} } },
  });
  const kioskEvents = await prisma.kioskEvent.deleteMany({ where: { createdAt: { lt: cutoff } } });
  const sessions = await prisma.staffSession.deleteMany({ where: { expiresAt: { lt: now } } });
  // Done outbox rows are history; a row not done stays whatever its age (it is work still owed).
  const outbox = await prisma.outboxEntry.deleteMany({ where: { doneAt: { lt: cutoff } } });
  // Wrong-password counts of an address that has not tried for a month (its longest wait is long over).
  const loginFailures = await prisma.staffLoginFailure.deleteMany({ where: { lastFailedAt: { lt: cutoff } } });
  let jobs = 0;
  for (const queue of services.jobs.all) {
    jobs += (await queue.clean(7 * 86_400_000, 10_000, 'completed')).length;
    jobs += (await queue.clean(RETENTION_DAYS * 86_400_000, 10_000, 'failed')).length;
  }
  const counts = {
    bookings: bookings.count,
    kioskEvents: kioskEvents.count,
    staffSessions: sessions.count,
    outboxEntries: outbox.count,
    loginFailures: loginFailures.count,
    jobs,
  };
  services.log.info(counts, 'weekly clean-up done');
  return counts;
}
