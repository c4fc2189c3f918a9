// Bookings as the dashboard sees them (bookingDesk.*): search, the whole story of one, and what a
// manager does to it (refund, resend the receipt, reprint at a kiosk).
import { z } from 'zod';
import { ZPaiseSchema } from '../paise-schema';
import { ZInvoiceSchema } from '../tax-invoice';
import { ZBookingStatusSchema } from './holds';

export const ZBookingSearchInputSchema = z
  .strictObject({
    /** A booking code, an email, a phone number, or a seat label (today's and later shows). */
    query: z.string().trim().min(2, 'type at least 2 characters').max(254).optional(),
    /** Only this show's bookings; alone, every booking of the show but abandoned holds. */
    showtimeId: z.uuid('choose a show').optional(),
  })
  .refine((i) => i.query !== undefined || i.showtimeId !== undefined, {
    message: 'type at least 2 characters',
    path: ['query'],
  });
export type TBookingSearchInput = z.infer<typeof ZBookingSearchInputSchema>;

export const ZBookingSummarySchema = z.object({
  id: z.uuid(),
  code: z.string(),
  status: ZBookingStatusSchema,
  channel: z.enum(['KIOSK', 'WEB', 'BOX_OFFICE']),
  customerEmail: z.string().nullable(),
  customerPhone: z.string().nullable(),
  amountPaise: ZPaiseSchema,
  /** Money given back so far (refunds pending or processed; failed ones not counted). */
  refundedPaise: ZPaiseSchema,
  seatLabels: z.array(z.string()),
  /** Tickets of the booking checked in at the door. */
  admitted: z.int().nonnegative(),
  movieTitle: z.string(),
  screenName: z.string(),
  startsAt: z.iso.datetime(),
  createdAt: z.iso.datetime(),
});
export type TBookingSummary = z.infer<typeof ZBookingSummarySchema>;

export const ZBookingTimelineEntrySchema = z.object({
  at: z.iso.datetime(),
  kind: z.enum([
    'held',
    'order',
    'payment',
    'webhook',
    'confirmed',
    'closed',
    'receipt',
    'refund',
    'check-in',
    'staff',
    'print',
    'invoice',
    'exchange',
    'cash',
  ]),
  text: z.string(),
});
export type TBookingTimelineEntry = z.infer<typeof ZBookingTimelineEntrySchema>;

export const ZBookingDetailSchema = ZBookingSummarySchema.extend({
  statusReason: z.string().nullable(),
  kioskName: z.string().nullable(),
  timeline: z.array(ZBookingTimelineEntrySchema),
  /** The tax invoice the customer's e-ticket, PDF and email show, with its credit notes. */
  invoice: ZInvoiceSchema.nullable(),
  /** Every seat the booking was confirmed with: standing, or given back by a refund or an exchange. */
  seats: z.array(
    z.object({
      label: z.string(),
      pricePaise: ZPaiseSchema,
      state: z.enum(['valid', 'refunded', 'exchanged', 'released']),
      admitted: z.boolean(),
    }),
  ),
  feePaise: ZPaiseSchema,
  /** Money taken for it: online payments and cash at the counter. */
  payments: z.array(
    z.object({ method: z.enum(['CHECKOUT', 'UPI_QR', 'CASH']), amountPaise: ZPaiseSchema, at: z.iso.datetime() }),
  ),
  /** Money given back, and how. */
  refunds: z.array(
    z.object({
      method: z.enum(['RAZORPAY', 'CASH']),
      amountPaise: ZPaiseSchema,
      feePaise: ZPaiseSchema,
      status: z.enum(['PENDING', 'PROCESSED', 'FAILED']),
      at: z.iso.datetime(),
      reason: z.string(),
    }),
  ),
  /** The booking this one was exchanged from, and the one it was exchanged for. */
  replaces: z.object({ id: z.uuid(), code: z.string() }).nullable(),
  replacedBy: z.object({ id: z.uuid(), code: z.string() }).nullable(),
  complimentaryReason: z.string().nullable(),
  /** Whether its show has started (nothing can be moved or exchanged then). */
  showStarted: z.boolean(),
  showtimeId: z.uuid(),
});
export type TBookingDetail = z.infer<typeof ZBookingDetailSchema>;

export const ZBookingIdInputSchema = z.strictObject({ bookingId: z.uuid() });
export const ZManagerRefundInputSchema = z.strictObject({
  bookingId: z.uuid(),
  reason: z.string().trim().min(3, 'say why, in a few words').max(200),
});
export const ZManagerReprintInputSchema = z.strictObject({ bookingId: z.uuid(), kioskId: z.uuid() });
export const ZManagerRefundOutputSchema = z.object({
  refundId: z.uuid().nullable(),
  alreadyRefunded: z.boolean(),
  /** What went back (0 when it was refunded already), and where: as bookingDesk.refundQuote said. */
  amountPaise: ZPaiseSchema,
  to: z.array(z.object({ method: z.enum(['RAZORPAY', 'CASH']), amountPaise: ZPaiseSchema })),
});
export const ZResendReceiptOutputSchema = z.object({ jobId: z.string() });
