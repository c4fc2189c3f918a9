// The cinema's tax particulars (taxSettings.*): what an e-ticket, the cinema's tax invoice, must
// carry. Managers read them; only an admin changes them.
import { z } from 'zod';
import { FEE_GST_RATES } from '../gst';
import { GST_STATE_CODES_IN_USE, SAC_FORMAT } from '../gstin';
import { INVOICE_PREFIX_FORMAT } from '../tax-invoice';

const ZSacSchema = z.string().trim().regex(SAC_FORMAT, 'a SAC is 6 digits starting with 99, like 999692');

export const ZTaxSettingsSchema = z.object({
  legalName: z.string(),
  address: z.string(),
  /** GST state code of the place of business; null until set. */
  gstStateCode: z.string().nullable(),
  /** Null until set. */
  gstin: z.string().nullable(),
  admissionSac: z.string(),
  bookingFeeSac: z.string(),
  /** The GST rate of the booking fee, one of FEE_GST_RATES. */
  feeGstRatePercent: z.number().int(),
  /** What every invoice and credit note number starts with: 0-3 capitals or digits. */
  invoicePrefix: z.string(),
});
export type TTaxSettings = z.infer<typeof ZTaxSettingsSchema>;

/** The GSTIN's own check (format, check character, state) is the server's, with a message per problem. */
export const ZTaxSettingsInputSchema = z.strictObject({
  legalName: z.string().trim().min(1, 'give the legal name as registered for GST').max(200),
  address: z.string().trim().min(1, 'give the address of the place of business').max(500),
  gstStateCode: z.enum(GST_STATE_CODES_IN_USE as [string, ...string[]], 'choose the state from the list'),
  /** Null or empty leaves the cinema without a GSTIN. */
  gstin: z
    .string()
    .trim()
    .max(40)
    .nullable()
    .transform((s) => (s ? s.toUpperCase() : null)),
  admissionSac: ZSacSchema,
  bookingFeeSac: ZSacSchema,
  /** Upper-cased; numbers already issued keep the prefix they were issued with. */
  invoicePrefix: z
    .string()
    .trim()
    .transform((s) => s.toUpperCase())
    .pipe(z.string().regex(INVOICE_PREFIX_FORMAT, 'up to 3 capital letters or digits, like MQD, or nothing')),
  feeGstRatePercent: z
    .number('choose the rate from the list')
    .refine((r) => (FEE_GST_RATES as readonly number[]).includes(r), `choose ${FEE_GST_RATES.join(', ')} %`),
});
export type TTaxSettingsInput = z.input<typeof ZTaxSettingsInputSchema>;
