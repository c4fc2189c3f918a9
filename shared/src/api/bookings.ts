import { z } from 'zod';
import { ZPaiseSchema } from '../money';
import { ZBookingStatusSchema } from './holds';

export const ZBookingGetInputSchema = z.strictObject({ bookingId: z.uuid() });

export const ZBookingSchema = z.object({
  id: z.uuid(),
  code: z.string(),
  status: ZBookingStatusSchema,
  /** Why it ended as it did, e.g. "paid after the hold ended; refunded". */
  statusReason: z.string().nullable(),
  showtimeId: z.uuid(),
  amountPaise: ZPaiseSchema,
  feePaise: ZPaiseSchema,
  expiresAt: z.iso.datetime(),
  confirmedAt: z.iso.datetime().nullable(),
  seats: z.array(z.object({ seatId: z.uuid(), label: z.string(), pricePaise: ZPaiseSchema })),
  /** One signed token per seat, once confirmed (the QR on the ticket). */
  tickets: z.array(z.object({ id: z.uuid(), seatLabel: z.string(), token: z.string() })),
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
  .refine((v) => v.email !== undefined || v.phone !== undefined, { message: 'give an email or a phone number', path: ['email'] });
