import { z } from 'zod';
import { ZPaiseSchema } from '../paise-schema';
import { ZSeatPriceSchema } from '../seat-map';

export const CERTIFICATES = ['U', 'UA', 'A'] as const;

/** A calendar day, YYYY-MM-DD, that exists (no 2026-02-30). */
export const ZCalendarDateSchema = z.iso.date({ error: 'must be a calendar date like 2026-11-25' });

export const ZMovieSchema = z.object({
  id: z.uuid(),
  title: z.string(),
  language: z.string(),
  certificate: z.enum(CERTIFICATES),
  runtimeMinutes: z.number().int().positive(),
  synopsis: z.string(),
  posterUrl: z.string().nullable(),
});
export type TMovie = z.infer<typeof ZMovieSchema>;

export const ZMoviesOutputSchema = z.array(ZMovieSchema);

/** A cinema by its slug, as in the web app's URL. */
export const ZCinemaSlugSchema = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'a cinema slug: lower-case letters and digits joined by hyphens')
  .max(64);

/**
 * Which cinema's programme: a kiosk always gets its own cinema's; on the web, the cinema the
 * customer chose, or the only one when there is just one.
 */
export const ZCinemaScopeSchema = z.strictObject({ cinema: ZCinemaSlugSchema.optional() }).optional();
export type TCinemaScope = z.infer<typeof ZCinemaScopeSchema>;

export const ZCinemaSchema = z.object({
  id: z.uuid(),
  slug: z.string(),
  name: z.string(),
  city: z.string(),
  timeZone: z.string(),
});
export type TCinema = z.infer<typeof ZCinemaSchema>;

export const ZShowtimesInputSchema = z
  .strictObject({
    /** A day in the cinema's time zone. Without it: every show still to come. */
    date: ZCalendarDateSchema.optional(),
    movieId: z.uuid().optional(),
    cinema: ZCinemaSlugSchema.optional(),
  })
  .optional();
export type TShowtimesInput = z.infer<typeof ZShowtimesInputSchema>;

export const ZShowtimeSchema = z.object({
  id: z.uuid(),
  movieId: z.uuid(),
  movieTitle: z.string(),
  screenId: z.uuid(),
  screenName: z.string(),
  startsAt: z.iso.datetime(),
  endsAt: z.iso.datetime(),
  /** The cinema's time zone, for showing startsAt as the cinema's clock. */
  timeZone: z.string(),
  onSale: z.boolean(),
  seatsAvailable: z.number().int().nonnegative(),
  prices: z.array(ZSeatPriceSchema),
  fromPricePaise: ZPaiseSchema,
});
export type TShowtime = z.infer<typeof ZShowtimeSchema>;
export const ZShowtimesOutputSchema = z.array(ZShowtimeSchema);

export const ZSeatMapInputSchema = z.strictObject({ showtimeId: z.uuid() });

/** "The programme changed" (a show cancelled, added, put on or off sale): apps refetch their lists. */
export const ZCatalogChangeEventSchema = z.object({
  scope: z.literal('all'),
  showtimeId: z.uuid().nullable(),
  change: z.enum(['cancelled', 'scheduled', 'updated']),
});
export type TCatalogChangeEvent = z.infer<typeof ZCatalogChangeEventSchema>;
