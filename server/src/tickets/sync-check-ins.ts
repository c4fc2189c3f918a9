// The scans a door made offline, sent when it is back online.
import type { TCheckInSyncResult } from '@marquee/shared';
import { AppError } from '../errors/app-error';
import type { TServices } from '../services';
import { recordAudit, type TStaffActor } from '../audit/record-audit';
import { checkIn } from './check-in';
import { ticketOf } from './door-ticket';

/**
 * Scans a door made offline, in the order they were made, each judged at its own scan time. A
 * ticket another door used first is a conflict: the customer is already inside, twice; the manager
 * sees it in the booking's timeline and the door conflicts list.
 */
export async function syncCheckIns(
  services: Pick<TServices, 'pg' | 'env' | 'log' | 'prisma'>,
  {
    door,
    scans,
    actor,
    now = new Date(),
  }: { door: string; scans: { token: string; scannedAt: string }[]; actor: TStaffActor; now?: Date },
): Promise<TCheckInSyncResult> {
  const results: TCheckInSyncResult = [];
  const ordered = [...scans].sort((a, b) => a.scannedAt.localeCompare(b.scannedAt));
  for (const scan of ordered) {
    // A door's clock may run ahead; a scan is never later than its arrival here.
    const at = new Date(Math.min(Date.parse(scan.scannedAt), now.getTime()));
    try {
      const done = await checkIn(services, { token: scan.token, door, actor, at });
      results.push({
        token: scan.token,
        outcome: 'admitted',
        message: `${done.seatLabel} checked in`,
        seatLabel: done.seatLabel,
      });
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      const seatLabel = err.data.ticket?.seatLabel ?? null;
      if (err.code !== 'TICKET_ALREADY_USED') {
        results.push({ token: scan.token, outcome: 'refused', message: err.userMessage, seatLabel });
        continue;
      }
      const usedAt = err.data.ticket!.usedAt!;
      const usedDoor = err.data.ticket!.usedAtDoor ?? null;
      if (usedDoor === door && Math.abs(Date.parse(usedAt) - at.getTime()) < 1000) {
        results.push({
          token: scan.token,
          outcome: 'already',
          message: `${seatLabel ?? ''} was already synced`,
          seatLabel,
        });
        continue;
      }
      const ticket = await ticketOf(services, scan.token, actor.cinemaId);
      const conflict = {
        seatLabel: ticket.seatLabel,
        ticketId: ticket.id,
        firstDoor: usedDoor,
        firstAt: usedAt,
        secondDoor: door,
        secondAt: at.toISOString(),
      };
      const known = await services.prisma.auditLog.findFirst({
        where: {
          action: 'ticket.double_scan',
          entityId: ticket.bookingId,
          AND: [
            { data: { path: ['ticketId'], equals: ticket.id } },
            { data: { path: ['secondAt'], equals: conflict.secondAt } },
          ],
        },
      });
      if (!known) {
        await recordAudit(services.prisma, {
          by: actor.userId,
          action: 'ticket.double_scan',
          entityType: 'Booking',
          entityId: ticket.bookingId,
          data: conflict,
        });
        services.log.warn(conflict, 'ticket scanned at two doors while offline');
      }
      results.push({
        token: scan.token,
        outcome: 'conflict',
        message: `${err.userMessage} This scan at ${door} came later; the manager has been told.`,
        seatLabel,
      });
    }
  }
  return results;
}
