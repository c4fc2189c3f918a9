import type { TKioskHeartbeatInput } from '@marquee/shared';
import type { PrinterStatus } from '../generated/prisma/enums';
import type { TServices } from '../services';

const PRINTER_STATUS: Record<TKioskHeartbeatInput['printer'], PrinterStatus> = {
  ok: 'OK',
  paper_low: 'PAPER_LOW',
  paper_out: 'PAPER_OUT',
  offline: 'OFFLINE',
  unknown: 'UNKNOWN',
};

/**
 * Records what a kiosk reports every 15 s. Changes of printer state or error also go to the kiosk's
 * event log, so the manager sees when a printer ran out of paper, not only that it is out now.
 */
export async function recordHeartbeat(
  { prisma, fleetEvents }: Pick<TServices, 'prisma' | 'fleetEvents'>,
  { kioskId, heartbeat, now = new Date() }: { kioskId: string; heartbeat: TKioskHeartbeatInput; now?: Date },
): Promise<{ outOfService: boolean }> {
  const printerStatus = PRINTER_STATUS[heartbeat.printer];
  const before = await prisma.kiosk.findUniqueOrThrow({
    where: { id: kioskId },
    select: { printerStatus: true, lastError: true },
  });
  const kiosk = await prisma.kiosk.update({
    where: { id: kioskId },
    data: {
      lastHeartbeatAt: now,
      appVersion: heartbeat.appVersion,
      currentScreen: heartbeat.screen,
      printerStatus,
      lastError: heartbeat.lastError,
    },
    select: { outOfService: true, cinemaId: true },
  });
  const changes = [
    ...(before.printerStatus !== printerStatus
      ? [{ kioskId, type: 'printer', data: { from: before.printerStatus, to: printerStatus } }]
      : []),
    ...(heartbeat.lastError && before.lastError !== heartbeat.lastError
      ? [{ kioskId, type: 'error', data: { message: heartbeat.lastError } }]
      : []),
  ];
  if (changes.length) await prisma.kioskEvent.createMany({ data: changes });
  await fleetEvents.publish({ cinemaId: kiosk.cinemaId, kioskId });
  return { outOfService: kiosk.outOfService };
}
