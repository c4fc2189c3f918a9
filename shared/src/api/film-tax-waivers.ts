// A state making a film tax-free (filmTaxWaivers.*): the state waives its SGST half on the film's
// admission for a period of India dates, both included. Admins record and remove waivers; managers
// see them. Invoices already issued are never changed by either.
import { z } from 'zod';
import { parseCalendarDate } from '../calendar-date';
import { GST_STATE_CODES_IN_USE } from '../gstin';

/** A real calendar date, YYYY-MM-DD (no 30 February). */
const ZWaiverDateSchema = z
  .string('give a date like 2026-12-01')
  .trim()
  .refine((s) => parseCalendarDate(s) !== null, 'give a real date like 2026-12-01');

export const ZFilmTaxWaiverSchema = z.object({
  id: z.uuid(),
  movieId: z.uuid(),
  movieTitle: z.string(),
  /** GST state code of the state that waived its SGST. */
  stateCode: z.string(),
  stateName: z.string(),
  /** India dates, YYYY-MM-DD, both included. */
  fromDate: z.string(),
  toDate: z.string(),
  /** True once the India date today is on or after fromDate: bookings may already carry it. */
  begun: z.boolean(),
  createdAt: z.iso.datetime(),
  createdByName: z.string().nullable(),
});
export type TFilmTaxWaiver = z.infer<typeof ZFilmTaxWaiverSchema>;

/** One film's waivers, or (no movieId) every waiver of the cinema's films. */
export const ZFilmTaxWaiverListInputSchema = z
  .strictObject({ movieId: z.uuid('choose a film').optional() })
  .default({});

export const ZFilmTaxWaiverCreateInputSchema = z
  .strictObject({
    movieId: z.uuid('choose a film'),
    stateCode: z.enum(GST_STATE_CODES_IN_USE as [string, ...string[]], 'choose the state from the list'),
    fromDate: ZWaiverDateSchema,
    toDate: ZWaiverDateSchema,
  })
  .refine((w) => w.fromDate <= w.toDate, {
    path: ['toDate'],
    message: 'the last day cannot be before the first day',
  });
export type TFilmTaxWaiverCreateInput = z.infer<typeof ZFilmTaxWaiverCreateInputSchema>;

export const ZFilmTaxWaiverRemoveInputSchema = z.strictObject({
  id: z.uuid(),
  /**
   * A waiver whose period has begun is removed only when this says the admin knows it: bookings
   * already confirmed keep their invoices (SGST waived); only bookings confirmed afterwards pay it.
   */
  begunAcknowledged: z.boolean().default(false),
});
export type TFilmTaxWaiverRemoveInput = z.infer<typeof ZFilmTaxWaiverRemoveInputSchema>;
