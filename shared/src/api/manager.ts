// The manager dashboard's API (manager.*): staff sign-in, the live kiosk fleet, sales, bookings
// with their timeline and actions, seat blocks, queue health and staff accounts.
import { z } from 'zod';
import { ZPaiseSchema } from '../paise-schema';
import { ZBookingStatusSchema } from './holds';

export const STAFF_ROLES = ['ADMIN', 'MANAGER', 'STAFF'] as const;
export const ZStaffRoleSchema = z.enum(STAFF_ROLES);
export type TStaffRole = z.infer<typeof ZStaffRoleSchema>;

export const ZStaffLoginInputSchema = z.strictObject({
  email: z.email('must be an email address like name@example.com').max(254),
  password: z.string().min(1, 'enter your password').max(200),
});

export const ZStaffMeSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  name: z.string(),
  role: ZStaffRoleSchema,
  cinemaName: z.string().nullable(),
  /** The staff member's cinema's time zone (IANA), for showing its clock; null for a staff member of no cinema. */
  cinemaTimeZone: z.string().nullable(),
});
export type TStaffMe = z.infer<typeof ZStaffMeSchema>;

/** A kiosk is offline after this long without a heartbeat (three missed 15 s beats). */
export const KIOSK_OFFLINE_AFTER_MS = 45_000;

export const FLEET_PRINTER_STATES = ['UNKNOWN', 'OK', 'PAPER_LOW', 'PAPER_OUT', 'OFFLINE'] as const;

export const ZFleetKioskSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  registered: z.boolean(),
  online: z.boolean(),
  outOfService: z.boolean(),
  lastHeartbeatAt: z.iso.datetime().nullable(),
  currentScreen: z.string().nullable(),
  printerStatus: z.enum(FLEET_PRINTER_STATES),
  appVersion: z.string().nullable(),
  lastError: z.string().nullable(),
  todayTickets: z.int().nonnegative(),
  todaySalesPaise: ZPaiseSchema,
  /** What needs a person: "offline", "printer out of paper", ... */
  alerts: z.array(z.string()),
});
export type TFleetKiosk = z.infer<typeof ZFleetKioskSchema>;

/** Pushed between API instances when a kiosk of a cinema changes; dashboards then reload the fleet. */
export const ZFleetEventSchema = z.object({ cinemaId: z.uuid(), kioskId: z.uuid() });
export type TFleetEvent = z.infer<typeof ZFleetEventSchema>;

export const ZFleetSchema = z.object({ at: z.iso.datetime(), kiosks: z.array(ZFleetKioskSchema) });
export type TFleet = z.infer<typeof ZFleetSchema>;

export const ZKioskNameSchema = z.string().trim().min(1, 'give the kiosk a name').max(60);

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

export const ZBookingSearchInputSchema = z.strictObject({
  /** A booking code, an email, a phone number, or a seat label (today's and later shows). */
  query: z.string().trim().min(2, 'type at least 2 characters').max(254),
});

export const ZBookingSummarySchema = z.object({
  id: z.uuid(),
  code: z.string(),
  status: ZBookingStatusSchema,
  channel: z.enum(['KIOSK', 'WEB']),
  customerEmail: z.string().nullable(),
  customerPhone: z.string().nullable(),
  amountPaise: ZPaiseSchema,
  seatLabels: z.array(z.string()),
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
  ]),
  text: z.string(),
});
export type TBookingTimelineEntry = z.infer<typeof ZBookingTimelineEntrySchema>;

export const ZBookingDetailSchema = ZBookingSummarySchema.extend({
  statusReason: z.string().nullable(),
  kioskName: z.string().nullable(),
  timeline: z.array(ZBookingTimelineEntrySchema),
});
export type TBookingDetail = z.infer<typeof ZBookingDetailSchema>;

export const ZBookingIdInputSchema = z.strictObject({ bookingId: z.uuid() });
export const ZManagerRefundInputSchema = z.strictObject({
  bookingId: z.uuid(),
  reason: z.string().trim().min(3, 'say why, in a few words').max(200),
});
export const ZManagerReprintInputSchema = z.strictObject({ bookingId: z.uuid(), kioskId: z.uuid() });

export const ZSeatBlockInputSchema = z.strictObject({
  showtimeId: z.uuid(),
  seatIds: z.array(z.uuid()).min(1, 'pick at least one seat').max(200),
  reason: z.string().trim().min(3, 'say why, in a few words').max(200),
});
export const ZSeatUnblockInputSchema = z.strictObject({
  showtimeId: z.uuid(),
  seatIds: z.array(z.uuid()).min(1, 'pick at least one seat').max(200),
});

export const ZQueueHealthSchema = z.array(
  z.object({
    name: z.string(),
    counts: z.object({ waiting: z.int(), active: z.int(), delayed: z.int(), failed: z.int(), completed: z.int() }),
    failed: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        failedReason: z.string(),
        attemptsMade: z.int(),
        failedAt: z.iso.datetime().nullable(),
        data: z.string(),
      }),
    ),
  }),
);
export type TQueueHealth = z.infer<typeof ZQueueHealthSchema>;
export const ZQueueRetryInputSchema = z.strictObject({
  queue: z.string().min(1).max(40),
  jobId: z.string().min(1).max(200),
});

export const ZStaffAccountSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  name: z.string(),
  role: ZStaffRoleSchema,
  disabled: z.boolean(),
  locked: z.boolean(),
});
export type TStaffAccount = z.infer<typeof ZStaffAccountSchema>;
export const ZStaffCreateInputSchema = z.strictObject({
  email: z.email('must be an email address like name@example.com').max(254),
  name: z.string().trim().min(1, 'give a name').max(80),
  role: ZStaffRoleSchema,
  password: z.string().min(12, 'at least 12 characters').max(200),
});
export const ZStaffDisableInputSchema = z.strictObject({ userId: z.uuid(), disabled: z.boolean() });
export const ZStaffUnlockInputSchema = z.strictObject({ userId: z.uuid() });
