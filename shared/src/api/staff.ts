// Staff accounts and the staff session: sign-in for the dashboard and the door (manager.*), and the
// accounts an admin manages (staffAccounts.*).
import { z } from 'zod';

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
export const ZStaffCreateOutputSchema = z.object({ id: z.uuid() });
export const ZStaffDisableInputSchema = z.strictObject({ userId: z.uuid(), disabled: z.boolean() });
export const ZStaffUnlockInputSchema = z.strictObject({ userId: z.uuid() });
export const ZStaffUnlockOutputSchema = z.object({ cleared: z.int() });
