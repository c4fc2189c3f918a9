// Tickets scanned at two doors while offline, as the doors reported when they synced (the check-in
// audits each as ticket.double_scan): this cinema's, of the last week, newest first.
import type { TDoorConflict } from '@marquee/shared';
import type { TServices } from '../services';

const CONFLICTS_SINCE_MS = 7 * 86_400_000;
const CONFLICTS_SHOWN = 100;

export async function listDoorConflicts(
  { prisma }: Pick<TServices, 'prisma'>,
  { cinemaId, now = new Date() }: { cinemaId: string; now?: Date },
): Promise<TDoorConflict[]> {
  const rows = await prisma.auditLog.findMany({
    where: { action: 'ticket.double_scan', createdAt: { gte: new Date(now.getTime() - CONFLICTS_SINCE_MS) } },
    orderBy: { createdAt: 'desc' },
    take: CONFLICTS_SHOWN,
  });
  const inCinema = await prisma.booking.findMany({
    where: { id: { in: rows.map((r) => r.entityId) }, showtime: { screen: { cinemaId } } },
    select: { id: true },
  });
  const mine = new Set(inCinema.map((b) => b.id));
  return rows
    .filter((r) => mine.has(r.entityId))
    .map((r) => ({
      at: r.createdAt.toISOString(),
      bookingId: r.entityId,
      ...(r.data as Omit<TDoorConflict, 'at' | 'bookingId'>),
    }));
}
