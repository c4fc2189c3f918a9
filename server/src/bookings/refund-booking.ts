// CONFIRMED → REFUNDED: a full refund of a confirmed booking, asked by customer service, a manager
// or the system (a cancelled show): every standing seat given back (refund-seats.ts), once. Any
// other booking is refused and left as it is.
import type { TStaffActor } from '../audit/record-audit';
import type { TServices } from '../services';
import { refundSeats, type TRefundRequester, type TSeatRefundOutcome } from './refund-seats';

export async function refundBooking(
  services: Pick<TServices, 'pg' | 'prisma' | 'razorpay' | 'seatEvents' | 'bookingEvents' | 'log'>,
  p: {
    bookingId: string;
    requestedBy: TRefundRequester;
    requestedById?: string | null;
    reason: string;
    /** The staff member refunding at the counter: money taken in cash goes back from their open shift. */
    cashier?: TStaffActor | null;
    now?: Date;
  },
): Promise<Pick<TSeatRefundOutcome, 'refundId' | 'alreadyRefunded' | 'amountPaise' | 'to'>> {
  const outcome = await refundSeats(services, { ...p, seatLabels: 'all' });
  return {
    refundId: outcome.refundId,
    alreadyRefunded: outcome.alreadyRefunded,
    amountPaise: outcome.amountPaise,
    to: outcome.to,
  };
}
