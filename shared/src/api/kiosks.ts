import { z } from 'zod';
import { ZKioskUpdateReportSchema } from './kiosk-updates';

/** A one-time registration code as issued: 8 characters of the booking-code alphabet, spaces and dashes ignored. */
export const ZKioskRegisterInputSchema = z.strictObject({
  code: z
    .string()
    .transform((s) => s.replace(/[\s-]/g, '').toUpperCase())
    .pipe(
      z
        .string()
        .regex(/^[23456789ABCDEFGHJKMNPQRSTWXYZ]{8}$/, 'must be the 8-character code shown when the kiosk was added'),
    ),
});

export const ZKioskRegisterOutputSchema = z.object({ kioskId: z.uuid(), name: z.string(), deviceToken: z.string() });
export type TKioskRegisterOutput = z.infer<typeof ZKioskRegisterOutputSchema>;

export const KIOSK_PRINTER_STATES = ['ok', 'paper_low', 'paper_out', 'offline', 'unknown'] as const;

export const ZKioskHeartbeatInputSchema = z.strictObject({
  appVersion: z.string().min(1).max(32),
  /** The screen the kiosk shows, e.g. "seat-map". */
  screen: z.string().min(1).max(32),
  printer: z.enum(KIOSK_PRINTER_STATES),
  lastError: z.string().max(500).nullable(),
  /** Its software update, when it has an updater (the Electron app; not the browser kiosk). */
  update: ZKioskUpdateReportSchema.optional(),
});
export type TKioskHeartbeatInput = z.infer<typeof ZKioskHeartbeatInputSchema>;

export const ZKioskStateSchema = z.object({
  kioskId: z.uuid(),
  name: z.string(),
  cinemaName: z.string(),
  outOfService: z.boolean(),
});
export type TKioskState = z.infer<typeof ZKioskStateSchema>;

/** What the server tells a kiosk at once (kiosks.onCommand). The first event is always its current state. */
export const ZKioskCommandSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('state'), kioskId: z.uuid(), outOfService: z.boolean() }),
  z.object({ type: z.literal('reprint'), kioskId: z.uuid(), bookingId: z.uuid() }),
  /** The device token no longer works: the kiosk shows its registration screen, and the stream ends. */
  z.object({ type: z.literal('revoked'), kioskId: z.uuid() }),
]);
export type TKioskCommand = z.infer<typeof ZKioskCommandSchema>;
