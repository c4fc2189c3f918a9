import { formatRupees, type TBookingDetail, type TExchangeQuote, type TExchangeResult } from '@marquee/shared';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { ConfirmDialog } from '../components/confirm-dialog';
import { useTRPC } from '../trpc';
import { useDeskMessages, type TDeskMessages } from './desk-messages';
import { useProblem } from './problem';
import { CashReceivedField, typedRupees } from './rupees-field';
import { SeatPicker, ShowPicker } from './show-picker';
import { UpiWait } from './upi-wait';

/** The difference of an exchange in words: due from the customer, to give back, or nothing. */
const differenceWords = (t: TDeskMessages, q: TExchangeQuote) =>
  q.differencePaise > 0
    ? t.due(formatRupees(q.differencePaise))
    : q.differencePaise < 0
      ? t.back(formatRupees(-q.differencePaise))
      : t.evenSwap;

/**
 * Move a booking to other seats of its show, or exchange it for seats of another show: pick, read
 * the quote (new seats, the credit, the difference), take a dearer difference in cash or by UPI QR.
 */
export function ExchangePanel({ booking: b, onDone }: { booking: TBookingDetail; onDone: () => void }) {
  const t = useDeskMessages();
  const trpc = useTRPC();
  const problem = useProblem();
  const [mode, setMode] = useState<'move' | 'other'>('move');
  const [otherShow, setOtherShow] = useState('');
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [labels, setLabels] = useState<string[]>([]);
  const [payment, setPayment] = useState<'cash' | 'upi'>('cash');
  const [received, setReceived] = useState('');
  const [reason, setReason] = useState('');
  const [ask, setAsk] = useState(false);
  const [result, setResult] = useState<TExchangeResult | null>(null);
  const [paid, setPaid] = useState<'yes' | 'expired' | null>(null);
  const showtimeId = mode === 'move' ? b.showtimeId : otherShow;
  const seatIds = [...selected];
  const quote = useQuery({
    ...trpc.bookingDesk.exchangeQuote.queryOptions({ bookingId: b.id, showtimeId, seatIds }),
    enabled: showtimeId !== '' && seatIds.length > 0,
    placeholderData: keepPreviousData,
  });
  const exchange = useMutation(
    trpc.bookingDesk.exchange.mutationOptions({
      onSuccess: (r) => (setResult(r), r.kind === 'done' && onDone()),
      onSettled: () => setAsk(false),
    }),
  );
  const pick = (next: ReadonlySet<string>, nextLabels: string[]) => (setSelected(next), setLabels(nextLabels));
  const q = seatIds.length > 0 ? quote.data : undefined;
  const due = q ? Math.max(0, q.differencePaise) : 0;
  const receivedPaise = typedRupees(received);
  const change = receivedPaise === null ? null : receivedPaise - due;
  const cashShort = due > 0 && payment === 'cash' && (change === null || change < 0);

  if (result) {
    if (result.kind === 'awaiting-payment' && result.qr && paid === null)
      return (
        <UpiWait
          bookingId={result.newBookingId}
          qr={result.qr}
          onConfirmed={() => (setPaid('yes'), onDone())}
          onExpired={() => setPaid('expired')}
        />
      );
    if (paid === 'expired')
      return (
        <p className="notice notice-error" role="alert">
          {t.paymentExpired}
        </p>
      );
    return (
      <p className="notice" role="status">
        {t.exchanged(result.newCode)}{' '}
        {result.changePaise !== null && result.changePaise > 0 && t.giveChange(formatRupees(result.changePaise))}
      </p>
    );
  }
  const verb = mode === 'move' ? t.moveButton : t.exchangeButton;
  return (
    <form
      className="manager-card exchange"
      aria-label={t.exchange}
      onSubmit={(e) => {
        e.preventDefault();
        if (q) setAsk(true);
      }}
    >
      <fieldset className="counter-methods">
        <legend>{t.exchange}</legend>
        {(
          [
            ['move', t.sameShow],
            ['other', t.otherShow],
          ] as const
        ).map(([id, label]) => (
          <label key={id} className="manager-checkbox">
            <input
              type="radio"
              name="exchange-mode"
              checked={mode === id}
              onChange={() => (setMode(id), pick(new Set(), []))}
            />
            <span>{label}</span>
          </label>
        ))}
      </fieldset>
      {mode === 'other' && (
        <ShowPicker
          showtimeId={otherShow}
          exclude={b.showtimeId}
          onShow={(id) => (setOtherShow(id), pick(new Set(), []))}
        />
      )}
      {showtimeId && <SeatPicker key={showtimeId} showtimeId={showtimeId} selected={selected} onChange={pick} />}
      {q && (
        <dl className="shift-figures exchange-quote" aria-label={t.exchange}>
          <div>
            <dt>{t.newAmount}</dt>
            <dd>{formatRupees(q.newAmountPaise)}</dd>
          </div>
          <div>
            <dt>{t.credit}</dt>
            <dd>{formatRupees(q.creditPaise)}</dd>
          </div>
          <div>
            <dt>{t.difference}</dt>
            <dd data-figure="difference">{differenceWords(t, q)}</dd>
          </div>
        </dl>
      )}
      {due > 0 && (
        <fieldset className="counter-methods">
          <legend>{t.payDifference}</legend>
          {(
            [
              ['cash', t.cash],
              ['upi', t.upi],
            ] as const
          ).map(([id, label]) => (
            <label key={id} className="manager-checkbox">
              <input type="radio" name="exchange-pay" checked={payment === id} onChange={() => setPayment(id)} />
              <span>{label}</span>
            </label>
          ))}
        </fieldset>
      )}
      {(quote.error ?? exchange.error) && (
        <p className="notice notice-error" role="alert">
          {problem(exchange.error ?? quote.error)}
        </p>
      )}
      <div className="manager-inline-form">
        {due > 0 && payment === 'cash' && (
          <CashReceivedField value={received} onChange={setReceived} changePaise={change} />
        )}
        <label className="field">
          <span>{t.reason}</span>
          <input value={reason} onChange={(e) => setReason(e.target.value)} minLength={3} maxLength={200} required />
        </label>
        <button
          type="submit"
          className="button button-primary"
          disabled={!q || quote.isFetching || exchange.isPending || cashShort}
        >
          {verb}
        </button>
      </div>
      {ask && q && (
        <ConfirmDialog
          title={t.exchangeTitle(b.code, labels.join(', '))}
          message={t.exchangeHelp(formatRupees(q.newAmountPaise), formatRupees(q.creditPaise), differenceWords(t, q))}
          confirmLabel={verb}
          keepLabel={t.keepBooking}
          busy={exchange.isPending}
          onConfirm={() =>
            exchange.mutate({
              bookingId: b.id,
              showtimeId,
              seatIds,
              reason: reason.trim(),
              ...(due > 0 ? { payment } : {}),
              ...(due > 0 && payment === 'cash' && receivedPaise !== null ? { receivedPaise } : {}),
            })
          }
          onKeep={() => setAsk(false)}
        />
      )}
    </form>
  );
}
