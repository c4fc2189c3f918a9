// Collecting at a kiosk the tickets of a booking bought online, and every kiosk print's result.
import { z } from 'zod';
import { ZBookingSchema } from './bookings';

/** The booking code and the email or phone it was booked with; or the QR of one of its e-tickets. */
export const ZKioskCollectInputSchema = z.union([
  z.strictObject({
    code: z
      .string()
      .transform((s) => s.replace(/[\s-]/g, '').toUpperCase())
      .pipe(
        z.string().regex(/^[23456789ABCDEFGHJKMNPQRSTWXYZ]{6}$/, 'must be the 6-character booking code, like K7M2QX'),
      ),
    /** Normalised on the server (normaliseContact): any case, spaces, +91. */
    contact: z.string().trim().min(1, 'give the email or phone you booked with').max(254),
  }),
  z.strictObject({ ticketToken: z.string().min(10).max(1000) }),
]);
export type TKioskCollectInput = z.infer<typeof ZKioskCollectInputSchema>;

export const ZKioskCollectOutputSchema = z.object({
  /** The attempt to report back with kiosks.recordPrint once the printer answers. */
  printId: z.uuid(),
  booking: ZBookingSchema,
});
export type TKioskCollectOutput = z.infer<typeof ZKioskCollectOutputSchema>;

export const TICKET_PRINT_KINDS = ['SALE', 'COLLECT', 'REPRINT'] as const;

const printerOutcome = {
  ok: z.boolean(),
  /** The printer's error code when it failed (PRINTER_PAPER_OUT, ...). */
  errorCode: z
    .string()
    .regex(/^[A-Z0-9_]{1,64}$/)
    .optional(),
};

/** What the printer reported: for a collection the attempt kiosks.collect opened, else the booking printed. */
export const ZKioskPrintResultInputSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('COLLECT'), printId: z.uuid(), ...printerOutcome }),
  z.strictObject({ kind: z.enum(['SALE', 'REPRINT']), bookingId: z.uuid(), ...printerOutcome }),
]);
export type TKioskPrintResultInput = z.infer<typeof ZKioskPrintResultInputSchema>;
