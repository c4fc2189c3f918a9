// A booking's whole story for the dashboard: held, ordered, paid (or not), webhooks, receipts,
// refunds, check-ins, prints and what staff did to it; and its tax invoice and credit notes as the
// customer's documents show them.
import { formatRupees, type TBookingDetail, type TBookingTimelineEntry } from '@marquee/shared';
import { AppError } from '../errors/app-error';
import type { TServices } from '../services';
import { loadInvoice } from '../tax-invoices';
import { summaryInclude, toSummary } from './booking-summary';

/** A booking of this cinema with its timeline, oldest first; others read as not found. */
export async function getBookingDetail(
  { prisma }: Pick<TServices, 'prisma'>,
  { cinemaId, bookingId }: { cinemaId: string; bookingId: string },
): Promise<TBookingDetail> {
  const b = await prisma.booking.findFirst({
    where: { id: bookingId, showtime: { screen: { cinemaId } } },
    include: {
      ...summaryInclude,
      kiosk: { select: { name: true } },
      paymentAttempts: { orderBy: { createdAt: 'asc' } },
      refunds: { orderBy: { createdAt: 'asc' } },
      replaces: { select: { id: true, code: true } },
      replacements: {
        where: { status: { in: ['PENDING', 'CONFIRMED', 'REFUNDED', 'EXCHANGED'] } },
        select: { id: true, code: true, status: true },
      },
      emails: true,
      tickets: { include: { checkedInBy: { select: { name: true } } } },
      prints: { include: { kiosk: { select: { name: true } }, requestedBy: { select: { name: true } } } },
    },
  });
  if (!b) throw new AppError('BOOKING_NOT_FOUND', { message: `booking ${bookingId} not in cinema ${cinemaId}` });
  const ids = [
    b.razorpayOrderId,
    b.razorpayQrId,
    b.razorpayPaymentId,
    ...b.paymentAttempts.map((a) => a.razorpayPaymentId),
  ].filter((x): x is string => !!x);
  const [webhooks, audits, invoice] = await Promise.all([
    ids.length
      ? prisma.$queryRaw<{ event: string; receivedAt: Date; eventId: string }[]>`
          SELECT event, "receivedAt", "eventId" FROM "WebhookEvent"
          WHERE payload::text LIKE ANY (${ids.map((id) => `%"${id}"%`)}) ORDER BY "receivedAt" LIMIT 50`
      : Promise.resolve([]),
    prisma.auditLog.findMany({
      where: { entityType: 'Booking', entityId: b.id },
      include: { actor: { select: { name: true } } },
      orderBy: { createdAt: 'asc' },
    }),
    loadInvoice(prisma, b.id),
  ]);

  const t: TBookingTimelineEntry[] = [];
  const add = (at: Date, kind: TBookingTimelineEntry['kind'], text: string) =>
    t.push({ at: at.toISOString(), kind, text });
  add(
    b.createdAt,
    'held',
    `Seats ${b.seats
      .map((s) => s.seat.label)
      .sort()
      .join(', ')} held ${b.kiosk ? `at ${b.kiosk.name}` : 'online'} for ${formatRupees(b.amountPaise)}`,
  );
  for (const a of b.paymentAttempts) {
    if (a.method === 'CASH') {
      add(a.createdAt, 'cash', `${formatRupees(a.amountPaise)} taken in cash at the box office`);
      continue;
    }
    add(
      a.createdAt,
      'order',
      `${a.method === 'UPI_QR' ? 'UPI QR' : 'Checkout'} order ${a.razorpayOrderId} for ${formatRupees(a.amountPaise)}`,
    );
    if (a.status === 'CAPTURED') add(a.updatedAt, 'payment', `Payment ${a.razorpayPaymentId ?? ''} captured`);
    if (a.status === 'FAILED')
      add(a.updatedAt, 'payment', `Payment failed: ${a.errorDescription ?? a.errorCode ?? 'no reason given'}`);
    if (a.status === 'CAPTURING')
      add(a.updatedAt, 'payment', `Payment ${a.razorpayPaymentId ?? ''} authorized; capture under way`);
    if (a.status === 'RELEASED')
      add(
        a.updatedAt,
        'payment',
        `Payment ${a.razorpayPaymentId ?? ''} authorized but not captured (${a.errorDescription ?? 'the hold had ended'})`,
      );
  }
  for (const w of webhooks) add(w.receivedAt, 'webhook', `Webhook ${w.event} (${w.eventId})`);
  if (b.confirmedAt)
    add(b.confirmedAt, 'confirmed', `Confirmed; ${b.seats.length} ticket${b.seats.length === 1 ? '' : 's'} issued`);
  if (b.closedAt) add(b.closedAt, 'closed', `${b.status.toLowerCase()}${b.statusReason ? `: ${b.statusReason}` : ''}`);
  for (const e of b.emails) {
    add(e.createdAt, 'receipt', `${e.kind.toLowerCase()} email to ${e.toAddress} queued`);
    if (e.sentAt) add(e.sentAt, 'receipt', `${e.kind.toLowerCase()} email sent (attempt ${e.attempts})`);
    else if (e.status === 'FAILED' || e.lastError)
      add(
        e.updatedAt,
        'receipt',
        `${e.kind.toLowerCase()} email failed after ${e.attempts} attempt(s): ${e.lastError ?? ''}`,
      );
  }
  const labelOf = new Map(b.seats.map((s) => [s.id, s.seat.label]));
  for (const r of b.refunds) {
    const seats = b.seats.filter((s) => s.refundId === r.id).map((s) => labelOf.get(s.id)!);
    add(
      r.createdAt,
      'refund',
      `${r.method === 'CASH' ? 'Cash refund' : 'Refund'} of ${formatRupees(r.amountPaise)}${seats.length ? ` for ${seats.sort().join(', ')}` : ''} (${r.requestedBy.toLowerCase().replace('_', ' ')}): ${r.reason}`,
    );
    if (r.processedAt) add(r.processedAt, 'refund', `Refund ${r.razorpayRefundId ?? ''} ${r.status.toLowerCase()}`);
  }
  for (const ticket of b.tickets) {
    if (ticket.checkedInAt)
      add(
        ticket.checkedInAt,
        'check-in',
        `${ticket.seatLabel} checked in${ticket.checkedInDoor ? ` at ${ticket.checkedInDoor}` : ''}${ticket.checkedInBy ? ` by ${ticket.checkedInBy.name}` : ''}`,
      );
  }
  if (invoice) {
    add(
      new Date(invoice.issuedAt),
      'invoice',
      `Tax invoice ${invoice.number} issued for ${formatRupees(invoice.totals.totalPaise)}`,
    );
    for (const note of invoice.creditNotes)
      add(
        new Date(note.issuedAt),
        'invoice',
        `Credit note ${note.number} issued for ${formatRupees(note.totals.totalPaise)}`,
      );
  }
  if (b.replaces) add(b.createdAt, 'exchange', `Exchanged from booking ${b.replaces.code}`);
  const replacedBy = b.replacements.find((r) => r.status !== 'PENDING') ?? null;
  if (replacedBy && b.closedAt) add(b.closedAt, 'exchange', `Exchanged for booking ${replacedBy.code}`);
  if (b.complimentaryReason) add(b.confirmedAt ?? b.createdAt, 'staff', `Complimentary: ${b.complimentaryReason}`);
  for (const p of b.prints) add(p.finishedAt ?? p.createdAt, 'print', describePrint(p, b.seats.length));
  for (const a of audits)
    add(a.createdAt, 'staff', `${a.actor?.name ?? 'System'}: ${a.action}${describeAudit(a.data)}`);
  t.sort((x, y) => x.at.localeCompare(y.at));
  const admitted = new Set(b.tickets.filter((x) => x.checkedInAt).map((x) => x.bookingSeatId));
  return {
    ...toSummary(b),
    statusReason: b.statusReason,
    kioskName: b.kiosk?.name ?? null,
    timeline: t,
    invoice,
    seats: b.seats
      .map((s) => ({
        label: s.seat.label,
        pricePaise: s.pricePaise,
        state: s.active
          ? ('valid' as const)
          : s.refundId
            ? ('refunded' as const)
            : b.status === 'EXCHANGED'
              ? ('exchanged' as const)
              : ('released' as const),
        admitted: admitted.has(s.id),
      }))
      .sort((x, y) => x.label.localeCompare(y.label, 'en', { numeric: true })),
    feePaise: b.feePaise,
    payments: b.paymentAttempts
      .filter((a) => a.status === 'CAPTURED')
      .map((a) => ({ method: a.method, amountPaise: a.amountPaise, at: a.updatedAt.toISOString() })),
    refunds: b.refunds.map((r) => ({
      method: r.method,
      amountPaise: r.amountPaise,
      feePaise: r.feePaise,
      status: r.status,
      at: r.createdAt.toISOString(),
      reason: r.reason,
    })),
    replaces: b.replaces,
    replacedBy: replacedBy ? { id: replacedBy.id, code: replacedBy.code } : null,
    complimentaryReason: b.complimentaryReason,
    showStarted: b.showtime.startsAt.getTime() <= Date.now(),
    showtimeId: b.showtimeId,
  };
}

function describeAudit(data: unknown): string {
  if (!data || typeof data !== 'object') return '';
  const d = data as Record<string, unknown>;
  const parts = [
    typeof d.reason === 'string' ? d.reason : null,
    typeof d.kioskName === 'string' ? `at ${d.kioskName}` : null,
  ].filter(Boolean);
  return parts.length ? ` (${parts.join(', ')})` : '';
}

/** One kiosk print attempt as the timeline says it: what kind, where, and what the printer reported. */
function describePrint(
  p: {
    kind: string;
    ok: boolean | null;
    errorCode: string | null;
    kiosk: { name: string };
    requestedBy: { name: string } | null;
  },
  tickets: number,
): string {
  const what = `${tickets} ticket${tickets === 1 ? '' : 's'}`;
  const outcome =
    p.ok === null ? 'printing' : p.ok ? `${what} printed` : `print failed: ${p.errorCode ?? 'no reason given'}`;
  if (p.kind === 'COLLECT')
    return p.ok ? `Collected at ${p.kiosk.name}: ${outcome}` : `Collection at ${p.kiosk.name}: ${outcome}`;
  if (p.kind === 'REPRINT')
    return `Reprint at ${p.kiosk.name}${p.requestedBy ? ` sent by ${p.requestedBy.name}` : ''}: ${outcome}`;
  return `Sale at ${p.kiosk.name}: ${outcome}`;
}
