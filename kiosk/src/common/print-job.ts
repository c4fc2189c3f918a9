// What the renderer asks the printer to print: one ticket per seat. Validated again in the main
// process and the print agent, which must not trust a renderer.
import { ZPaiseSchema, ZSeatTypeSchema } from '@marquee/shared';
import { z } from 'zod';

export const ZPrintTicketSchema = z.strictObject({
  cinemaName: z.string().min(1).max(80),
  movieTitle: z.string().min(1).max(120),
  certificate: z.string().max(4).optional(),
  startsAt: z.iso.datetime(),
  timeZone: z.string().min(1).max(64),
  screenName: z.string().min(1).max(40),
  seatLabel: z.string().min(1).max(8),
  /** The seat's type as the screen's layout names it (standard, premium, recliner, …). */
  seatType: ZSeatTypeSchema,
  /** This ticket is number `ticketNumber` of the booking's `ticketCount` ("1 of 2"). */
  ticketNumber: z.int().min(1).max(10),
  ticketCount: z.int().min(1).max(10),
  /** GST-inclusive, as Indian cinemas show prices; the GST it includes, by the date of supply. */
  pricePaise: ZPaiseSchema,
  gstPaise: ZPaiseSchema.optional(),
  gstRatePercent: z.int().min(0).max(100).optional(),
  /** The language the customer used at the kiosk; labels print in it (English when not known). */
  language: z.enum(['en', 'hi']).optional(),
  bookingCode: z.string().min(1).max(16),
  /** The signed ticket token the door scans (docs/design.md, "Tickets"). */
  token: z.string().min(1).max(512),
});
export type TPrintTicket = z.infer<typeof ZPrintTicketSchema>;

export const ZPrintJobSchema = z.strictObject({
  tickets: z
    .array(
      ZPrintTicketSchema.refine((t) => t.ticketNumber <= t.ticketCount, 'ticketNumber must not exceed ticketCount'),
    )
    .min(1)
    .max(10),
});
export type TPrintJob = z.infer<typeof ZPrintJobSchema>;

export const PRINTER_STATES = ['ok', 'paper_low', 'paper_out', 'offline', 'unknown'] as const;
export type TPrinterState = (typeof PRINTER_STATES)[number];

/** Why a print did not happen, with a message a customer at the kiosk can read. */
export const PRINT_ERRORS = {
  PRINTER_OFFLINE: 'The ticket printer is not responding.',
  PRINTER_PAPER_OUT: 'The ticket printer is out of paper.',
  PRINTER_FAILED: 'The ticket could not be printed.',
} as const;
export type TPrintErrorCode = keyof typeof PRINT_ERRORS;

export type TPrintResult =
  | { ok: true; printed: number; status: TPrinterState }
  | { ok: false; code: TPrintErrorCode; message: string; status: TPrinterState };
