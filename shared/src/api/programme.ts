// Running the programme from the dashboard: movies, screens and their seat layouts, price
// templates and showtimes. The layout format is a picture of the room, one string per row.
import { z } from 'zod';
import { ZPaiseSchema } from '../paise-schema';
import { ZSeatTypeSchema, type TSeatType } from '../seat-map';

export const ZMovieInputSchema = z.strictObject({
  id: z.uuid().optional(),
  title: z.string().trim().min(1, 'give the title').max(120),
  language: z.string().trim().min(1, 'give the language').max(40),
  certificate: z.enum(['U', 'UA', 'A']),
  runtimeMinutes: z.int('whole minutes').min(30, 'at least 30 minutes').max(300, 'at most 300 minutes'),
  synopsis: z.string().trim().max(2000).default(''),
});
export type TMovieInput = z.infer<typeof ZMovieInputSchema>;

export const ZManagerMovieSchema = z.object({
  id: z.uuid(),
  title: z.string(),
  language: z.string(),
  certificate: z.enum(['U', 'UA', 'A']),
  runtimeMinutes: z.int(),
  synopsis: z.string(),
  posterUrl: z.string().nullable(),
  upcomingShows: z.int(),
});
export type TManagerMovie = z.infer<typeof ZManagerMovieSchema>;

/** Posters: what the upload accepts (checked by content, not by the name or header). */
export const POSTER_TYPES = { 'image/png': 'png', 'image/jpeg': 'jpg', 'image/webp': 'webp' } as const;
export const POSTER_MAX_BYTES = 2 * 1024 * 1024;

/**
 * One character per grid cell: S standard, P premium, R recliner, W wheelchair space, C companion
 * seat (next to its wheelchair space), "." or " " an aisle or gap. Seats are numbered from the left.
 */
export const LAYOUT_CELLS: Record<string, TSeatType | null> = {
  S: 'STANDARD',
  P: 'PREMIUM',
  R: 'RECLINER',
  W: 'WHEELCHAIR',
  C: 'COMPANION',
  '.': null,
  ' ': null,
};

const ROW_NAME = /^[A-Z]{1,2}$/;
const MAX_COLUMNS = 60;

/**
 * A seat layout: rows of one-character places. Every refusal names the row at fault (or, when the
 * row's name itself is wrong, its line and what was typed), so the editor can say where to look.
 */
export const ZLayoutSchema = z
  .strictObject({
    rows: z
      .array(
        z.strictObject({
          row: z.string().max(40, 'a row name is one or two capital letters'),
          cells: z.string().max(1000),
        }),
      )
      .min(1, 'a screen needs at least one row')
      .max(40, 'at most 40 rows'),
  })
  .superRefine((layout, ctx) => {
    const seen = new Map<string, number>();
    layout.rows.forEach((r, i) => {
      if (!ROW_NAME.test(r.row)) {
        ctx.addIssue({
          code: 'custom',
          path: ['rows', i, 'row'],
          message: `line ${i + 1}: ${r.row ? `"${r.row}" is not a row name` : 'the row has no name'}; a row is named by one or two capital letters`,
        });
        return;
      }
      if (seen.has(r.row))
        ctx.addIssue({
          code: 'custom',
          path: ['rows', i, 'row'],
          message: `row ${r.row} appears twice (rows ${seen.get(r.row)! + 1} and ${i + 1}): seat labels must be unique`,
        });
      seen.set(r.row, i);
      if (r.cells.length > MAX_COLUMNS)
        ctx.addIssue({
          code: 'custom',
          path: ['rows', i, 'cells'],
          message: `row ${r.row} has ${r.cells.length} columns: at most ${MAX_COLUMNS} columns`,
        });
      const unknown = [...r.cells].findIndex((ch) => !Object.hasOwn(LAYOUT_CELLS, ch));
      if (unknown >= 0) {
        ctx.addIssue({
          code: 'custom',
          path: ['rows', i, 'cells'],
          message: `row ${r.row}, column ${unknown + 1}: "${r.cells[unknown]}" is not a place; use S, P, R, W, C, "." or spaces`,
        });
        return;
      }
      [...r.cells].forEach((ch, x) => {
        if (ch === 'C' && r.cells[x - 1] !== 'W' && r.cells[x + 1] !== 'W') {
          ctx.addIssue({
            code: 'custom',
            path: ['rows', i, 'cells'],
            message: `row ${r.row}, column ${x + 1}: a companion seat must sit next to a wheelchair space`,
          });
        }
      });
    });
    if (!layout.rows.some((r) => /[SPRWC]/.test(r.cells)))
      ctx.addIssue({ code: 'custom', path: ['rows'], message: 'the layout has no seats' });
  });
export type TLayout = z.infer<typeof ZLayoutSchema>;

export interface TLayoutSeat {
  row: string;
  number: number;
  label: string;
  type: TSeatType;
  x: number;
  y: number;
  /** The label of the wheelchair space a companion seat belongs to. */
  companionOfLabel: string | null;
}

/** The seats a (valid) layout describes, labelled row + number from the left, e.g. "F12". */
export function layoutSeats(layout: TLayout): TLayoutSeat[] {
  return layout.rows.flatMap((r, y) => {
    let n = 0;
    const labelAt = new Map<number, string>();
    const seats: TLayoutSeat[] = [];
    [...r.cells].forEach((ch, x) => {
      const type = LAYOUT_CELLS[ch];
      if (!type) return;
      const label = `${r.row}${++n}`;
      labelAt.set(x, label);
      seats.push({ row: r.row, number: n, label, type, x, y, companionOfLabel: null });
    });
    for (const seat of seats) {
      if (seat.type !== 'COMPANION') continue;
      const left = r.cells[seat.x - 1] === 'W' ? labelAt.get(seat.x - 1) : undefined;
      seat.companionOfLabel = left ?? labelAt.get(seat.x + 1) ?? null;
    }
    return seats;
  });
}

/** The picture back from seats (for export and the editor). */
export function seatsToLayout(seats: readonly { row: string; type: TSeatType; x: number; y: number }[]): TLayout {
  const rows = new Map<number, { row: string; cells: string[] }>();
  const letter: Record<TSeatType, string> = {
    STANDARD: 'S',
    PREMIUM: 'P',
    RECLINER: 'R',
    WHEELCHAIR: 'W',
    COMPANION: 'C',
  };
  for (const s of seats) {
    const r = rows.get(s.y) ?? { row: s.row, cells: [] };
    while (r.cells.length < s.x) r.cells.push('.');
    r.cells[s.x] = letter[s.type];
    rows.set(s.y, r);
  }
  return {
    rows: [...rows.entries()]
      .sort(([a], [b]) => a - b)
      .map(([, r]) => ({ row: r.row, cells: Array.from(r.cells, (c) => c ?? '.').join('') })),
  };
}

export const ZScreenSummarySchema = z.object({
  id: z.uuid(),
  name: z.string(),
  seats: z.int(),
  futureBookings: z.int(),
});
export const ZScreenLayoutSchema = z.object({ id: z.uuid(), name: z.string(), layout: ZLayoutSchema });
export const ZSaveLayoutInputSchema = z.strictObject({
  screenId: z.uuid().optional(),
  name: z.string().trim().min(1, 'name the screen').max(40),
  layout: ZLayoutSchema,
});

export const ZPriceListSchema = z
  .partialRecord(ZSeatTypeSchema, ZPaiseSchema.max(10_000_00, 'at most ₹10,000 a seat'))
  .refine((p) => Object.keys(p).length > 0, 'give at least one price');
export type TPriceList = z.infer<typeof ZPriceListSchema>;
export const ZPriceTemplateSchema = z.object({ id: z.uuid(), name: z.string(), prices: ZPriceListSchema });
export type TPriceTemplate = z.infer<typeof ZPriceTemplateSchema>;
export const ZPriceTemplateInputSchema = z.strictObject({
  id: z.uuid().optional(),
  name: z.string().trim().min(1, 'name the template').max(40),
  prices: ZPriceListSchema,
});

const ZLocalTimeSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time like 18:30');

/** Shows for a screen: every date × every time (cinema clock), all or none. */
export const ZScheduleInputSchema = z
  .strictObject({
    movieId: z.uuid(),
    screenId: z.uuid(),
    dates: z
      .array(z.iso.date('a date like 2026-11-28'))
      .min(1, 'pick at least one day')
      .max(14, 'at most two weeks at a time'),
    times: z.array(ZLocalTimeSchema).min(1, 'give at least one time').max(8),
    templateId: z.uuid().optional(),
    prices: ZPriceListSchema.optional(),
    onSale: z.boolean().default(true),
  })
  .refine((v) => (v.templateId === undefined) !== (v.prices === undefined), {
    message: 'give prices or a price template (one of them)',
    path: ['prices'],
  });
export type TScheduleInput = z.infer<typeof ZScheduleInputSchema>;

export const ZClashSchema = z.object({
  startsAt: z.iso.datetime(),
  clashesWith: z.object({
    showtimeId: z.uuid().nullable(),
    movieTitle: z.string(),
    startsAt: z.iso.datetime(),
    endsAt: z.iso.datetime(),
  }),
});
export type TClash = z.infer<typeof ZClashSchema>;

/** A price already saved that no GST slab can carry: a template's, or an upcoming show's. */
export const ZUnchargeablePriceSchema = z.object({
  seatType: ZSeatTypeSchema,
  pricePaise: ZPaiseSchema,
  problem: z.string(),
  template: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  show: z
    .object({ id: z.uuid(), movieTitle: z.string(), screenName: z.string(), startsAt: z.iso.datetime() })
    .nullable(),
});
export type TUnchargeablePrice = z.infer<typeof ZUnchargeablePriceSchema>;

export const ZSavedIdSchema = z.object({ id: z.uuid() });
export const ZScreenIdInputSchema = z.strictObject({ screenId: z.uuid() });
export const ZSaveLayoutOutputSchema = z.object({
  screenId: z.uuid(),
  added: z.int(),
  changed: z.int(),
  removed: z.int(),
});
export const ZCheckLayoutInputSchema = z.strictObject({ layout: ZLayoutSchema });

export const ZDayShowsInputSchema = z.strictObject({ date: z.iso.date() });
/** One of a day's shows as the manager sees it: on sale or not, cancelled ones too, with seats sold. */
export const ZDayShowSchema = z.object({
  id: z.uuid(),
  movieTitle: z.string(),
  screenName: z.string(),
  startsAt: z.iso.datetime(),
  endsAt: z.iso.datetime(),
  onSale: z.boolean(),
  cancelled: z.boolean(),
  sold: z.int(),
  capacity: z.int(),
  /** GST-inclusive price per seat type. */
  prices: ZPriceListSchema,
  /** Its prices can still change: not cancelled, not started, and no seat ever held or sold. */
  pricesEditable: z.boolean(),
});
export type TDayShow = z.infer<typeof ZDayShowSchema>;
export const ZScheduleOutputSchema = z.object({ created: z.array(z.uuid()) });
/** New prices for some of a show's seat types; the others keep theirs. */
export const ZSetShowPricesInputSchema = z.strictObject({ showtimeId: z.uuid(), prices: ZPriceListSchema });
export const ZSetShowPricesOutputSchema = z.object({ prices: ZPriceListSchema });
export const ZSetOnSaleInputSchema = z.strictObject({ showtimeId: z.uuid(), onSale: z.boolean() });
