// The box office on the dashboard: counter sales (cash, a UPI QR shown to the customer, or a
// complimentary ticket), the cash shifts they are counted in, and what staff do to a paid booking
// at the counter: give back some of its seats, move it to other seats, exchange it for another show.
import { z } from 'zod';
import { MAX_SEATS_PER_HOLD } from '../limits';
import { ZPaiseSchema } from '../paise-schema';
import { ZBookingStatusSchema } from './holds';

/** The most cash one shift's float or one counted drawer may hold: ₹10,00,000. */
export const MAX_CASH_PAISE = 10_00_000_00;

const ZCashSchema = z
  .int('a whole number of paise')
  .min(0, 'cannot be negative')
  .max(MAX_CASH_PAISE, 'more cash than one drawer holds');

const ZSeatIdsSchema = z
  .array(z.uuid())
  .min(1, 'pick at least one seat')
  .max(MAX_SEATS_PER_HOLD, `at most ${MAX_SEATS_PER_HOLD} seats at a time`)
  .refine((ids) => new Set(ids).size === ids.length, 'the same seat is listed twice');

const ZReasonSchema = z.string().trim().min(3, 'say why, in a few words').max(200);

// ---- cash shifts ----

export const ZOpenShiftInputSchema = z.strictObject({ floatPaise: ZCashSchema });
export const ZCloseShiftInputSchema = z.strictObject({
  shiftId: z.uuid(),
  countedPaise: ZCashSchema,
  note: z.string().trim().max(200).optional(),
});

export const ZCashShiftSchema = z.object({
  id: z.uuid(),
  openedBy: z.string(),
  openedAt: z.iso.datetime(),
  floatPaise: ZPaiseSchema,
  /** Cash taken for sales and exchanges in the shift. */
  cashInPaise: ZPaiseSchema,
  /** Cash paid back for refunds in the shift. */
  cashOutPaise: ZPaiseSchema,
  sales: z.int().nonnegative(),
  refunds: z.int().nonnegative(),
  /** What the drawer should hold: float + cash in − cash out. */
  expectedPaise: ZPaiseSchema,
  closedAt: z.iso.datetime().nullable(),
  closedBy: z.string().nullable(),
  countedPaise: ZPaiseSchema.nullable(),
  /** Counted − expected: negative when cash is missing. Null while open. */
  differencePaise: z.int().nullable(),
  note: z.string().nullable(),
});
export type TCashShift = z.infer<typeof ZCashShiftSchema>;

export const ZShiftListInputSchema = z.strictObject({
  /** Shifts opened on or after this date (the cinema's calendar); open shifts always show. */
  from: z.iso.date('must be a date like 2026-11-25'),
});

// ---- counter sales ----

export const ZBoxOfficeHoldInputSchema = z.strictObject({ showtimeId: z.uuid(), seatIds: ZSeatIdsSchema });
export const ZBoxOfficeHoldSchema = z.object({
  bookingId: z.uuid(),
  code: z.string(),
  expiresAt: z.iso.datetime(),
  amountPaise: ZPaiseSchema,
  feePaise: ZPaiseSchema,
  seats: z.array(z.object({ label: z.string(), pricePaise: ZPaiseSchema })),
});
export type TBoxOfficeHold = z.infer<typeof ZBoxOfficeHoldSchema>;

/** Who the e-ticket goes to: optional at the counter (the customer may take printed tickets only). */
export const ZCounterContactSchema = z.strictObject({
  email: z.email('must be an email address like name@example.com').max(254).optional(),
});

export const ZCashSaleInputSchema = z.strictObject({
  bookingId: z.uuid(),
  /** What the customer handed over; the change is worked out from it. */
  receivedPaise: ZCashSchema,
  contact: ZCounterContactSchema.optional(),
});
export const ZUpiSaleInputSchema = z.strictObject({
  bookingId: z.uuid(),
  contact: ZCounterContactSchema.optional(),
});
export const ZComplimentaryInputSchema = z.strictObject({
  bookingId: z.uuid(),
  reason: ZReasonSchema,
  contact: ZCounterContactSchema.optional(),
});
export const ZReleaseCounterHoldInputSchema = z.strictObject({ bookingId: z.uuid() });

export const ZCounterSaleSchema = z.object({
  bookingId: z.uuid(),
  code: z.string(),
  status: ZBookingStatusSchema,
  amountPaise: ZPaiseSchema,
  /** Cash sales: what to hand back. */
  changePaise: ZPaiseSchema.nullable(),
  /** UPI sales: the QR to turn towards the customer, until the payment arrives. */
  qr: z.object({ id: z.string(), imageUrl: z.string(), amountPaise: ZPaiseSchema }).nullable(),
});
export type TCounterSale = z.infer<typeof ZCounterSaleSchema>;

/** A registered kiosk of the cinema the counter can send tickets to (offline ones cannot print now). */
export const ZCounterKioskSchema = z.object({ id: z.uuid(), name: z.string(), online: z.boolean() });
export type TCounterKiosk = z.infer<typeof ZCounterKioskSchema>;

export const ZCounterSaleStatusInputSchema = z.strictObject({ bookingId: z.uuid() });

// ---- seat refunds, moves and exchanges ----

export const ZSeatRefundInputSchema = z.strictObject({
  bookingId: z.uuid(),
  /** Labels of the booking's standing seats to give back. */
  seatLabels: z
    .array(z.string().min(1).max(8))
    .min(1, 'pick at least one seat')
    .max(MAX_SEATS_PER_HOLD)
    .refine((l) => new Set(l).size === l.length, 'the same seat is listed twice'),
  reason: ZReasonSchema,
});

export const ZSeatRefundQuoteSchema = z.object({
  amountPaise: ZPaiseSchema,
  seatsPaise: ZPaiseSchema,
  feePaise: ZPaiseSchema,
  /** The GST the credit note takes back. */
  gstPaise: ZPaiseSchema,
  /** Where the money goes: back to the online payment, or in cash from the counter. */
  to: z.array(z.object({ method: z.enum(['RAZORPAY', 'CASH']), amountPaise: ZPaiseSchema })),
});
export type TSeatRefundQuote = z.infer<typeof ZSeatRefundQuoteSchema>;

export const ZSeatRefundResultSchema = ZSeatRefundQuoteSchema.extend({
  creditNoteNumber: z.string().nullable(),
  /** Whether the booking has no seat left (it is REFUNDED). */
  bookingRefunded: z.boolean(),
});

export const EXCHANGE_PAYMENTS = ['cash', 'upi'] as const;

export const ZExchangeInputSchema = z.strictObject({
  bookingId: z.uuid(),
  /** The booking's own show for a move to other seats, another show for an exchange. */
  showtimeId: z.uuid(),
  seatIds: ZSeatIdsSchema,
  /** How a dearer exchange's difference is paid; ignored when nothing is due. */
  payment: z.enum(EXCHANGE_PAYMENTS).optional(),
  /** Cash handed over for the difference. */
  receivedPaise: ZCashSchema.optional(),
  reason: ZReasonSchema,
});
export type TExchangeInput = z.infer<typeof ZExchangeInputSchema>;

export const ZExchangeQuoteInputSchema = ZExchangeInputSchema.pick({
  bookingId: true,
  showtimeId: true,
  seatIds: true,
});

export const ZExchangeQuoteSchema = z.object({
  /** The new seats' price and fee. */
  newAmountPaise: ZPaiseSchema,
  /** What the booking's standing seats (and their fee) are worth. */
  creditPaise: ZPaiseSchema,
  /** New − credit: positive is due from the customer, negative is refunded. */
  differencePaise: z.int(),
});
export type TExchangeQuote = z.infer<typeof ZExchangeQuoteSchema>;

export const ZExchangeResultSchema = z.object({
  /** Done: new tickets issued; awaiting-payment: the QR for the difference is showing. */
  kind: z.enum(['done', 'awaiting-payment']),
  newBookingId: z.uuid(),
  newCode: z.string(),
  differencePaise: z.int(),
  changePaise: ZPaiseSchema.nullable(),
  qr: z.object({ id: z.string(), imageUrl: z.string(), amountPaise: ZPaiseSchema }).nullable(),
});
export type TExchangeResult = z.infer<typeof ZExchangeResultSchema>;
