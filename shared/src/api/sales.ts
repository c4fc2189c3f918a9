// Sales figures for a range of the cinema's days (sales.*, and the sales.csv download).
import { z } from 'zod';
import { ZPaiseSchema } from '../paise-schema';

const ZCinemaDateSchema = z.iso.date('must be a date like 2026-11-25');

export const ZSalesInputSchema = z
  .strictObject({ from: ZCinemaDateSchema, to: ZCinemaDateSchema })
  .refine((v) => v.from <= v.to, { message: 'must not be after "to"', path: ['from'] })
  .refine((v) => (Date.parse(v.to) - Date.parse(v.from)) / 86_400_000 <= 366, {
    message: 'at most a year at a time',
    path: ['to'],
  });
export type TSalesInput = z.infer<typeof ZSalesInputSchema>;

const ZSalesFiguresSchema = z.object({
  /** Seats of bookings paid in the period and not refunded. */
  tickets: z.int().nonnegative(),
  /** Paid in the period, booking fees included. */
  grossPaise: ZPaiseSchema,
  /** Refunded in the period (whenever the booking was paid). */
  refundedPaise: ZPaiseSchema,
  netPaise: z.int(),
  bookings: z.int().nonnegative(),
});
export type TSalesFigures = z.infer<typeof ZSalesFiguresSchema>;

const ZMethodFiguresSchema = z.object({ payments: z.int().nonnegative(), paidPaise: ZPaiseSchema });
export type TMethodFigures = z.infer<typeof ZMethodFiguresSchema>;

export const ZSalesSchema = z.object({
  from: z.string(),
  to: z.string(),
  timeZone: z.string(),
  totals: ZSalesFiguresSchema,
  /** Kiosks, the web, and the box office (staff selling at the counter from the dashboard). */
  byChannel: z.object({ KIOSK: ZSalesFiguresSchema, WEB: ZSalesFiguresSchema, BOX_OFFICE: ZSalesFiguresSchema }),
  byDay: z.array(ZSalesFiguresSchema.extend({ date: z.string() })),
  /**
   * Payments taken in the period by how they were paid (the method of the captured payment attempt):
   * Razorpay Checkout (card, netbanking, UPI intent), a UPI QR (kiosk or counter), or cash at the box
   * office. Refunds are not taken off; a payment refunded because it could not be honoured is left out.
   */
  byMethod: z.object({ CHECKOUT: ZMethodFiguresSchema, UPI_QR: ZMethodFiguresSchema, CASH: ZMethodFiguresSchema }),
  /** Complimentary tickets given in the period (nothing paid). */
  complimentaryTickets: z.int().nonnegative(),
  /** Shows starting in the period: seats sold over seats in the screen. */
  showtimes: z.array(
    z.object({
      showtimeId: z.uuid(),
      movieTitle: z.string(),
      screenName: z.string(),
      startsAt: z.iso.datetime(),
      cancelled: z.boolean(),
      capacity: z.int().nonnegative(),
      sold: z.int().nonnegative(),
      blocked: z.int().nonnegative(),
      revenuePaise: ZPaiseSchema,
    }),
  ),
});
export type TSales = z.infer<typeof ZSalesSchema>;

export const ZSalesHourlyInputSchema = z.strictObject({ date: ZCinemaDateSchema });
export type TSalesHourlyInput = z.infer<typeof ZSalesHourlyInputSchema>;

/** A day's figures hour by hour on the cinema's clock, beside the same weekday a week earlier. */
export const ZSalesHourlySchema = z.object({
  date: z.string(),
  /** The same weekday seven days before `date`. */
  weekBefore: z.string(),
  timeZone: z.string(),
  /** 24 rows, hour 0 to 23 of the cinema's clock; `weekBefore` holds the earlier day's same hour. */
  hours: z.array(z.object({ hour: z.int().min(0).max(23), day: ZSalesFiguresSchema, weekBefore: ZSalesFiguresSchema })),
});
export type TSalesHourly = z.infer<typeof ZSalesHourlySchema>;
