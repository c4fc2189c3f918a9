// The kiosk fleet on the dashboard (fleet.*): live state of every kiosk, codes for new devices,
// out of service, revocation.
import { z } from 'zod';
import { ZPaiseSchema } from '../paise-schema';
import { KIOSK_UPDATE_STATES } from './kiosk-updates';

/** A kiosk is offline after this long without a heartbeat (three missed 15 s beats). */
export const KIOSK_OFFLINE_AFTER_MS = 45_000;

export const FLEET_PRINTER_STATES = ['UNKNOWN', 'OK', 'PAPER_LOW', 'PAPER_OUT', 'OFFLINE'] as const;

export const ZFleetKioskSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  registered: z.boolean(),
  online: z.boolean(),
  outOfService: z.boolean(),
  lastHeartbeatAt: z.iso.datetime().nullable(),
  currentScreen: z.string().nullable(),
  printerStatus: z.enum(FLEET_PRINTER_STATES),
  appVersion: z.string().nullable(),
  /** Its software update as last reported (null: it has no updater, or never said). */
  updateState: z.enum(KIOSK_UPDATE_STATES).nullable(),
  updateVersion: z.string().nullable(),
  lastError: z.string().nullable(),
  todayTickets: z.int().nonnegative(),
  todaySalesPaise: ZPaiseSchema,
  /** What needs a person: "offline", "printer out of paper", ... */
  alerts: z.array(z.string()),
});
export type TFleetKiosk = z.infer<typeof ZFleetKioskSchema>;

/** Pushed between API instances when a kiosk of a cinema changes; dashboards then reload the fleet. */
export const ZFleetEventSchema = z.object({ cinemaId: z.uuid(), kioskId: z.uuid() });
export type TFleetEvent = z.infer<typeof ZFleetEventSchema>;

export const ZFleetSchema = z.object({ at: z.iso.datetime(), kiosks: z.array(ZFleetKioskSchema) });
export type TFleet = z.infer<typeof ZFleetSchema>;

export const ZKioskNameSchema = z.string().trim().min(1, 'give the kiosk a name').max(60);

export const ZKioskCodeInputSchema = z.strictObject({ name: ZKioskNameSchema });
export const ZKioskCodeSchema = z.object({ kioskId: z.uuid(), code: z.string(), expiresAt: z.iso.datetime() });
export type TKioskCode = z.infer<typeof ZKioskCodeSchema>;
export const ZKioskOutOfServiceInputSchema = z.strictObject({ kioskId: z.uuid(), outOfService: z.boolean() });
export const ZKioskRevokeInputSchema = z.strictObject({ kioskId: z.uuid() });
export const ZKioskRevokeOutputSchema = z.object({ alreadyRevoked: z.boolean() });
