import { formatRupees, type TBookingDetail, type TSeatRefundQuote } from '@marquee/shared';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { ConfirmDialog } from '../components/confirm-dialog';
import { useTRPC } from '../trpc';
import { useDeskMessages, type TDeskMessages } from './desk-messages';
import { useProblem } from './problem';

/** Where a refund's money goes, in words: back to the online payment, or cash from the drawer. */
export const goesTo = (t: TDeskMessages, q: Pick<TSeatRefundQuote, 'to'>) =>
  q.to
    .map((p) => t.goesTo(p.method === 'CASH' ? t.refundGoCash : t.methods.RAZORPAY, formatRupees(p.amountPaise)))
    .join(', ');

/** Give back some of a booking's standing seats: tick them, read the quote, confirm, see the credit note. */
export function SeatRefundPanel({ booking: b, onDone }: { booking: TBookingDetail; onDone: () => void }) {
  const t = useDeskMessages();
  const trpc = useTRPC();
  const problem = useProblem();
  const [ticked, setTicked] = useState<readonly string[]>([]);
  const [reason, setReason] = useState('');
  const [ask, setAsk] = useState(false);
  const seatLabels = b.seats.filter((s) => ticked.includes(s.label)).map((s) => s.label);
  const quote = useQuery({
    ...trpc.bookingDesk.refundSeatsQuote.queryOptions({ bookingId: b.id, seatLabels }),
    enabled: seatLabels.length > 0,
    placeholderData: keepPreviousData,
  });
  const refund = useMutation(
    trpc.bookingDesk.refundSeats.mutationOptions({ onSuccess: onDone, onSettled: () => setAsk(false) }),
  );
  const q = seatLabels.length > 0 ? quote.data : undefined;
  if (refund.data)
    return (
      <p className="notice" role="status">
        {t.refunded(formatRupees(refund.data.amountPaise), refund.data.creditNoteNumber)}{' '}
        {refund.data.bookingRefunded && t.bookingNowRefunded}
      </p>
    );
  return (
    <form
      className="manager-card seat-refund"
      aria-label={t.refundSeats}
      onSubmit={(e) => {
        e.preventDefault();
        if (q) setAsk(true);
      }}
    >
      <fieldset className="seat-ticks">
        <legend>{t.refundSeatsHelp}</legend>
        {b.seats
          .filter((s) => s.state === 'valid')
          .map((s) => (
            <label key={s.label} className="manager-checkbox">
              <input
                type="checkbox"
                checked={ticked.includes(s.label)}
                disabled={s.admitted}
                onChange={(e) =>
                  setTicked((now) => (e.target.checked ? [...now, s.label] : now.filter((l) => l !== s.label)))
                }
              />
              <span>
                {s.label} · {formatRupees(s.pricePaise)}
                {s.admitted && ` · ${t.admitted}`}
              </span>
            </label>
          ))}
      </fieldset>
      {q && (
        <p className="refund-quote" role="status">
          <strong>{t.refundQuote(formatRupees(q.amountPaise))}</strong>:{' '}
          {t.quoteLines(formatRupees(q.seatsPaise), formatRupees(q.feePaise), formatRupees(q.gstPaise))} ·{' '}
          {goesTo(t, q)}
        </p>
      )}
      {(quote.error ?? refund.error) && (
        <p className="notice notice-error" role="alert">
          {problem(refund.error ?? quote.error)}
        </p>
      )}
      <div className="manager-inline-form">
        <label className="field">
          <span>{t.reason}</span>
          <input value={reason} onChange={(e) => setReason(e.target.value)} minLength={3} maxLength={200} required />
        </label>
        <button type="submit" className="button button-danger" disabled={!q || quote.isFetching || refund.isPending}>
          {q ? t.refundQuote(formatRupees(q.amountPaise)) : t.refundSeats}
        </button>
      </div>
      {ask && q && (
        <ConfirmDialog
          title={t.refundTitle(formatRupees(q.amountPaise), seatLabels.join(', '))}
          message={t.refundHelp(
            formatRupees(q.seatsPaise),
            formatRupees(q.feePaise),
            formatRupees(q.gstPaise),
            goesTo(t, q),
          )}
          confirmLabel={t.refundQuote(formatRupees(q.amountPaise))}
          keepLabel={t.keepBooking}
          busy={refund.isPending}
          onConfirm={() => refund.mutate({ bookingId: b.id, seatLabels, reason: reason.trim() })}
          onKeep={() => setAsk(false)}
        />
      )}
    </form>
  );
}
