// The kiosk fleet as a manager sees it: online or not (heartbeats), what each shows, its printer,
// today's sales, and what needs a person. Live: reloaded on every kiosk change and every few
// seconds, because a kiosk going silent sends nothing.
import { cinemaDate, KIOSK_OFFLINE_AFTER_MS, type TFleet, type TFleetKiosk } from '@marquee/shared';
import { dayBounds } from '../catalog';
import type { TServices } from '../services';

const PRINTER_ALERTS: Partial<Record<TFleetKiosk['printerStatus'], string>> = {
  PAPER_LOW: 'printer paper low',
  PAPER_OUT: 'printer out of paper',
  OFFLINE: 'printer offline',
};

export async function loadFleet(
  { prisma }: Pick<TServices, 'prisma'>,
  { cinemaId, now = new Date() }: { cinemaId: string; now?: Date },
): Promise<TFleet> {
  const cinema = await prisma.cinema.findUniqueOrThrow({ where: { id: cinemaId }, select: { timeZone: true } });
  const today = dayBounds(cinemaDate(now, cinema.timeZone), cinema.timeZone);
  const [kiosks, sales] = await Promise.all([
    prisma.kiosk.findMany({ where: { cinemaId, revokedAt: null }, orderBy: { name: 'asc' } }),
    prisma.$queryRaw<{ kioskId: string; tickets: number; paise: number }[]>`
      SELECT b."kioskId"::text AS "kioskId", sum(b."amountPaise")::int AS paise,
             sum((SELECT count(*) FROM "BookingSeat" s WHERE s."bookingId" = b.id))::int AS tickets
      FROM "Booking" b
      WHERE b."kioskId" IS NOT NULL AND b.status = 'CONFIRMED' AND b."confirmedAt" >= ${today.start} AND b."confirmedAt" < ${today.end}
      GROUP BY b."kioskId"`,
  ]);
  const byKiosk = new Map(sales.map((s) => [s.kioskId, s]));
  return {
    at: now.toISOString(),
    kiosks: kiosks.map((k) => {
      const registered = k.registeredAt !== null;
      const online = k.lastHeartbeatAt !== null && now.getTime() - k.lastHeartbeatAt.getTime() < KIOSK_OFFLINE_AFTER_MS;
      const alerts = [
        ...(registered && !online ? [k.lastHeartbeatAt ? 'offline' : 'never connected'] : []),
        ...(online && PRINTER_ALERTS[k.printerStatus] ? [PRINTER_ALERTS[k.printerStatus]!] : []),
        ...(k.outOfService ? ['out of service'] : []),
      ];
      return {
        id: k.id,
        name: k.name,
        registered,
        online,
        outOfService: k.outOfService,
        lastHeartbeatAt: k.lastHeartbeatAt?.toISOString() ?? null,
        currentScreen: k.currentScreen,
        printerStatus: k.printerStatus,
        appVersion: k.appVersion,
        updateState: k.updateState ? UPDATE_STATES[k.updateState] : null,
        updateVersion: k.updateVersion,
        lastError: k.lastError,
        todayTickets: byKiosk.get(k.id)?.tickets ?? 0,
        todaySalesPaise: byKiosk.get(k.id)?.paise ?? 0,
        alerts,
      };
    }),
  };
}

const UPDATE_STATES = {
  IDLE: 'idle',
  CHECKING: 'checking',
  DOWNLOADING: 'downloading',
  DOWNLOADED: 'downloaded',
  INSTALLING: 'installing',
  ERROR: 'error',
} as const satisfies Record<string, TFleetKiosk['updateState']>;

/** Re-checked this often even without events: the only sign of a dead kiosk is silence. */
export const FLEET_TICK_MS = 5_000;

/** The fleet now, then again whenever it changes (a kiosk event, or a kiosk falling silent). */
export async function* fleetStream(
  services: Pick<TServices, 'prisma' | 'fleetEvents'>,
  { cinemaId, signal, tickMs = FLEET_TICK_MS }: { cinemaId: string; signal: AbortSignal; tickMs?: number },
): AsyncGenerator<TFleet> {
  const events = services.fleetEvents.stream(cinemaId, signal);
  let pending = events.next();
  let last = '';
  while (!signal.aborted) {
    const fleet = await loadFleet(services, { cinemaId });
    const shape = JSON.stringify(fleet.kiosks);
    if (shape !== last) {
      last = shape;
      yield fleet;
    }
    let timer: NodeJS.Timeout | undefined;
    const tick = new Promise<'tick'>((resolve) => (timer = setTimeout(() => resolve('tick'), tickMs)));
    const woke = await Promise.race([pending.then((r) => (r.done ? 'done' : 'event')), tick]);
    clearTimeout(timer);
    if (woke === 'done') return;
    if (woke === 'event') pending = events.next();
  }
}
