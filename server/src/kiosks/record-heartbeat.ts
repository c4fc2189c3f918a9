import type { TKioskHeartbeatInput } from '@marquee/shared';
import type { KioskUpdateState, PrinterStatus } from '../generated/prisma/enums';
import type { TServices } from '../services';

const PRINTER_STATUS: Record<TKioskHeartbeatInput['printer'], PrinterStatus> = {
  ok: 'OK',
  paper_low: 'PAPER_LOW',
  paper_out: 'PAPER_OUT',
  offline: 'OFFLINE',
  unknown: 'UNKNOWN',
};

const UPDATE_STATE: Record<NonNullable<TKioskHeartbeatInput['update']>['state'], KioskUpdateState> = {
  idle: 'IDLE',
  checking: 'CHECKING',
  downloading: 'DOWNLOADING',
  downloaded: 'DOWNLOADED',
  installing: 'INSTALLING',
  error: 'ERROR',
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
    select: { printerStatus: true, lastError: true, updateState: true, updateVersion: true },
  });
  const update = heartbeat.update;
  const updateState = update ? UPDATE_STATE[update.state] : null;
  const kiosk = await prisma.kiosk.update({
    where: { id: kioskId },
    data: {
      lastHeartbeatAt: now,
      appVersion: heartbeat.appVersion,
      currentScreen: heartbeat.screen,
      printerStatus,
      lastError: heartbeat.lastError,
      // A kiosk without an updater (the browser kiosk) reports none: its state is then unknown, not stale.
      updateState,
      updateVersion: update?.version ?? null,
      updateError: update?.error ?? null,
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
    // Installing and failing are what a manager may need to see later, in the kiosk's event log.
    ...(update &&
    (update.state === 'installing' || update.state === 'error') &&
    (before.updateState !== updateState || before.updateVersion !== update.version)
      ? [{ kioskId, type: 'update', data: { state: update.state, version: update.version, error: update.error } }]
      : []),
  ];
  if (changes.length) await prisma.kioskEvent.createMany({ data: changes });
  await fleetEvents.publish({ cinemaId: kiosk.cinemaId, kioskId });
  return { outOfService: kiosk.outOfService };
}
