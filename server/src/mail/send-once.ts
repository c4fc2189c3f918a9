// The email log's one rule: read before sending, mark after. A retried job whose email already went
// out sends nothing; a failure is recorded with its error and rethrown for the job's retry.
import type { EmailKind } from '../generated/prisma/client';
import type { TServices } from '../services';

export async function sendOnce(
  { prisma }: Pick<TServices, 'prisma'>,
  entry: { dedupeKey: string; bookingId: string; kind: EmailKind; to: string },
  send: () => Promise<{ messageId: string }>,
): Promise<'sent' | 'already sent'> {
  const log = await prisma.emailLog.upsert({
    where: { dedupeKey: entry.dedupeKey },
    create: {
      dedupeKey: entry.dedupeKey,
      bookingId: entry.bookingId,
      kind: entry.kind,
      toAddress: entry.to,
      status: 'QUEUED',
    },
    update: {},
  });
  if (log.status === 'SENT') return 'already sent';
  await prisma.emailLog.update({ where: { id: log.id }, data: { attempts: { increment: 1 } } });
  try {
    const { messageId } = await send();
    await prisma.emailLog.update({
      where: { id: log.id },
      data: { status: 'SENT', sentAt: new Date(), messageId, lastError: null },
    });
    return 'sent';
  } catch (err) {
    await prisma.emailLog.update({
      where: { id: log.id },
      data: { lastError: err instanceof Error ? err.message.slice(0, 500) : String(err) },
    });
    throw err;
  }
}
