// A booking's invoice with its credit notes, as bookings.get, the booking desk, the receipt and
// the tickets show it.
import type { TInvoice } from '@marquee/shared';
import type { PrismaClient } from '../db/prisma';
import { toTaxDocument } from './tax-document-row';

export async function loadInvoice(prisma: PrismaClient, bookingId: string): Promise<TInvoice | null> {
  const docs = await prisma.taxDocument.findMany({
    where: { bookingId },
    orderBy: [{ kind: 'asc' }, { issuedAt: 'asc' }, { serial: 'asc' }],
  });
  const invoice = docs.find((d) => d.kind === 'INVOICE');
  if (!invoice) return null;
  return {
    ...toTaxDocument(invoice),
    creditNotes: docs
      .filter((d) => d.kind === 'CREDIT_NOTE')
      .map((d) => ({ ...toTaxDocument(d), invoiceNumber: invoice.number })),
  };
}
