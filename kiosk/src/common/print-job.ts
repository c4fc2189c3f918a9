// What the renderer asks the printer to print: one ticket per seat. Validated again in the main
// process and the print agent, which must not trust a renderer.
import { ZPaiseSchema, ZSeatTypeSchema } from '@marquee/shared';
import { z } from 'zod';

/** A line of the tax invoice as a ticket prints it: the stored figures, never worked out again. */
const ZPrintTaxLineSchema = z.strictObject({
  sac: z.string().min(1).max(8),
  taxablePaise: ZPaiseSchema,
  /** CGST and SGST rates added: 5, 18, or 2.5 where the state waived its SGST. */
  ratePercent: z.number().min(0).max(100),
  cgstPaise: ZPaiseSchema,
  sgstPaise: ZPaiseSchema,
  amountPaise: ZPaiseSchema,
});

/** The booking's tax invoice as each ticket carries it: its particulars and this seat's line. */
export const ZPrintInvoiceSchema = z.strictObject({
  number: z.string().min(1).max(16),
  issuedAt: z.iso.datetime(),
  sellerLegalName: z.string().min(1).max(200),
  sellerGstin: z.string().min(1).max(15).nullable(),
  seat: ZPrintTaxLineSchema,
  /** On the booking's last ticket: the booking fee's line (when there is a fee) and the invoice's totals. */
  fee: ZPrintTaxLineSchema.optional(),
  totals: z
    .strictObject({
      taxablePaise: ZPaiseSchema,
      cgstPaise: ZPaiseSchema,
      sgstPaise: ZPaiseSchema,
      totalPaise: ZPaiseSchema,
    })
    .optional(),
});
export type TPrintInvoice = z.infer<typeof ZPrintInvoiceSchema>;

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
  /** The e-ticket is the tax invoice: a ticket of a paid booking prints its particulars. */
  invoice: ZPrintInvoiceSchema.optional(),
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
