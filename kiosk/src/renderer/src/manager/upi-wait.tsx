import { formatRupees } from '@marquee/shared';
import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { Spinner } from '../components/layout';
import { useTRPC } from '../trpc';
import { useDeskMessages } from './desk-messages';

/**
 * The UPI QR, large, for the customer to scan from across the counter; asks the booking's status
 * every two seconds until the payment confirms it or its time runs out.
 */
export function UpiWait({
  bookingId,
  qr,
  onConfirmed,
  onExpired,
}: {
  bookingId: string;
  qr: { imageUrl: string; amountPaise: number };
  onConfirmed: () => void;
  onExpired: () => void;
}) {
  const t = useDeskMessages();
  const trpc = useTRPC();
  const status = useQuery(trpc.boxOffice.status.queryOptions({ bookingId }, { refetchInterval: 2000 }));
  const state = status.data?.status;
  useEffect(() => {
    if (state === 'CONFIRMED') onConfirmed();
    else if (state && state !== 'PENDING') onExpired();
  }, [state, onConfirmed, onExpired]);
  const label = t.scanToPay(formatRupees(qr.amountPaise));
  return (
    <figure className="upi-qr counter-qr">
      <img src={qr.imageUrl} alt={label} width={480} height={480} />
      <figcaption>{label}</figcaption>
      <Spinner label={t.waitingForPayment} />
    </figure>
  );
}
