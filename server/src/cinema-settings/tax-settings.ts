// Reading and changing the cinema's tax particulars. A change is checked as a whole (the GSTIN
// against the chosen state), saved, and audited with the values before and after, in one
// transaction; a refusal changes nothing.
import { checkGstin, type TTaxSettings } from '@marquee/shared';
import { recordAudit, type TStaffActor } from '../audit/record-audit';
import { AppError } from '../errors/app-error';
import type { TServices } from '../services';

const TAX_FIELDS = {
  legalName: true,
  address: true,
  gstStateCode: true,
  gstin: true,
  admissionSac: true,
  bookingFeeSac: true,
  feeGstRatePercent: true,
  invoicePrefix: true,
} as const;

export function getTaxSettings({ prisma }: Pick<TServices, 'prisma'>, { cinemaId }: { cinemaId: string }) {
  return prisma.cinema.findUniqueOrThrow({ where: { id: cinemaId }, select: TAX_FIELDS });
}

export async function updateTaxSettings(
  { prisma }: Pick<TServices, 'prisma'>,
  {
    actor,
    input,
  }: {
    actor: TStaffActor;
    input: Omit<TTaxSettings, 'gstStateCode'> & { gstStateCode: string };
  },
): Promise<TTaxSettings> {
  let gstin: string | null = null;
  if (input.gstin) {
    const check = checkGstin(input.gstin, { stateCode: input.gstStateCode });
    if (!check.ok)
      throw new AppError('INPUT_INVALID', {
        message: `GSTIN refused: ${check.reason}`,
        userMessage: `GSTIN: ${check.message}`,
        data: { fieldErrors: { gstin: check.message } },
      });
    gstin = check.gstin;
  }
  const next = { ...input, gstin };
  return prisma.$transaction(async (tx) => {
    if (gstin) {
      // Two cinemas under one GSTIN share its invoice numbering: their prefixes must differ, or both
      // would issue "MQD/2627/0000001". Changes under one GSTIN take turns, so two cannot both pass.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`invoice-prefix:${gstin}`}))`;
      const clash = await tx.cinema.findFirst({
        where: { gstin, invoicePrefix: next.invoicePrefix, id: { not: actor.cinemaId } },
        select: { name: true },
      });
      if (clash) {
        const prefix = next.invoicePrefix ? `“${next.invoicePrefix}”` : 'no prefix';
        throw new AppError('INPUT_INVALID', {
          message: `invoice prefix ${JSON.stringify(next.invoicePrefix)} taken under ${gstin}`,
          userMessage: `Invoice prefix: ${clash.name} uses ${prefix} under the same GSTIN, so both would issue the same invoice numbers. Choose another prefix.`,
          data: { fieldErrors: { invoicePrefix: `${clash.name} already uses ${prefix} under this GSTIN` } },
        });
      }
    }
    const before = await tx.cinema.findUniqueOrThrow({ where: { id: actor.cinemaId }, select: TAX_FIELDS });
    const after = await tx.cinema.update({ where: { id: actor.cinemaId }, data: next, select: TAX_FIELDS });
    await recordAudit(tx, {
      by: actor.userId,
      action: 'cinema.tax-settings.update',
      entityType: 'Cinema',
      entityId: actor.cinemaId,
      data: { before, after },
    });
    return after;
  });
}
