import { z } from 'zod';
import { ZPaiseSchema } from '../paise-schema';
import { ZSeatTypeSchema } from '../seat-map';
import { ZInvoiceSchema } from '../tax-invoice';
import { ZBookingStatusSchema } from './holds';

export const ZBookingGetInputSchema = z.strictObject({ bookingId: z.uuid() });

export const ZBookingSchema = z.object({
  id: z.uuid(),
  code: z.string(),
  status: ZBookingStatusSchema,
  /** Why it ended as it did, e.g. "paid after the hold ended; refunded". */
  statusReason: z.string().nullable(),
  /**
   * A payment came after the hold had ended and was not taken: never captured, the bank releases it.
   * Optional so that bookings built before it (printed tickets, saved fixtures) still parse; absent means no.
   */
  paymentNotTaken: z.boolean().optional(),
  showtimeId: z.uuid(),
  amountPaise: ZPaiseSchema,
  feePaise: ZPaiseSchema,
  /** The GST rate the booking fee carries (the cinema's setting); the fee includes it. */
  feeGstRatePercent: z.int(),
  expiresAt: z.iso.datetime(),
  confirmedAt: z.iso.datetime().nullable(),
  /** What the ticket shows: the film, the screen and the time on the cinema's clock. */
  showtime: z.object({
    cinemaName: z.string(),
    movieTitle: z.string(),
    certificate: z.string(),
    screenName: z.string(),
    startsAt: z.iso.datetime(),
    timeZone: z.string(),
  }),
  /** Where the receipt goes, if the customer gave one. */
  customerEmail: z.string().nullable(),
  /** Each seat with its type (as the screen's layout names it) and its GST-inclusive price. */
  seats: z.array(z.object({ seatId: z.uuid(), label: z.string(), type: ZSeatTypeSchema, pricePaise: ZPaiseSchema })),
  /** One signed token per seat, once confirmed (the QR on the ticket). */
  tickets: z.array(z.object({ id: z.uuid(), seatLabel: z.string(), token: z.string() })),
  /** The tax invoice the e-ticket is, once confirmed with a price, with the credit notes of its refunds. */
  invoice: ZInvoiceSchema.nullable(),
});
export type TBooking = z.infer<typeof ZBookingSchema>;

/** A booking's new status, pushed to its holder (bookings.onStatus). */
export const ZBookingStatusEventSchema = z.object({ bookingId: z.uuid(), status: ZBookingStatusSchema });
export type TBookingStatusEvent = z.infer<typeof ZBookingStatusEventSchema>;

/** Where to send the receipt (optional at a kiosk, required on the web) and a phone to find the booking again. */
export const ZBookingSetContactInputSchema = z
  .strictObject({
    bookingId: z.uuid(),
    email: z.email('must be an email address like name@example.com').max(254).optional(),
    phone: z
      .string()
      .regex(/^(\+91)?[6-9]\d{9}$/, 'must be an Indian mobile number like 9876543210')
      .optional(),
  })
  .refine((v) => v.email !== undefined || v.phone !== undefined, {
    message: 'give an email or a phone number',
    path: ['email'],
  });

/** "Find my booking": the code on the receipt and the email it went to. */
export const ZBookingFindInputSchema = z.strictObject({
  code: z
    .string()
    .transform((s) => s.trim().toUpperCase())
    .pipe(
      z.string().regex(/^[23456789ABCDEFGHJKMNPQRSTWXYZ]{6}$/, 'must be the 6-character booking code, like K7M2QX'),
    ),
  email: z.email('must be an email address like name@example.com').max(254),
});
