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

export const ZSalesSchema = z.object({
  from: z.string(),
  to: z.string(),
  timeZone: z.string(),
  totals: ZSalesFiguresSchema,
  byChannel: z.object({ KIOSK: ZSalesFiguresSchema, WEB: ZSalesFiguresSchema }),
  byDay: z.array(ZSalesFiguresSchema.extend({ date: z.string() })),
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
