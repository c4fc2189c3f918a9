import { formatRupees, type TBoxOfficeHold, type TCounterSale } from '@marquee/shared';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { ConfirmDialog } from '../components/confirm-dialog';
import { useTRPC } from '../trpc';
import { useDeskMessages } from './desk-messages';
import { useProblem } from './problem';
import { CashReceivedField, typedRupees } from './rupees-field';
import { UpiWait } from './upi-wait';

type TMethod = 'cash' | 'upi' | 'comp';

/**
 * How the customer at the counter pays for a held sale: cash (the change worked out as it is
 * typed; needs the caller's open shift), a UPI QR shown to them, or (managers) complimentary with a
 * reason. Each asks first with the amounts. `children` (the hold's countdown) shows until a QR is up.
 */
export function CounterPayment({
  hold,
  canComp,
  onPaid,
  onExpired,
  children,
}: {
  hold: TBoxOfficeHold;
  canComp: boolean;
  onPaid: (sale: TCounterSale) => void;
  onExpired: () => void;
  children: ReactNode;
}) {
  const t = useDeskMessages();
  const trpc = useTRPC();
  const problem = useProblem();
  const shift = useQuery(trpc.cashShifts.current.queryOptions());
  const [method, setMethod] = useState<TMethod>('cash');
  const [received, setReceived] = useState('');
  const [reason, setReason] = useState('');
  const [email, setEmail] = useState('');
  const [ask, setAsk] = useState(false);
  const [qrSale, setQrSale] = useState<TCounterSale | null>(null);
  const contact = email.trim() ? { contact: { email: email.trim() } } : {};
  const cash = useMutation(
    trpc.boxOffice.payCash.mutationOptions({ onSuccess: onPaid, onSettled: () => setAsk(false) }),
  );
  const upi = useMutation(
    trpc.boxOffice.payUpi.mutationOptions({ onSuccess: setQrSale, onSettled: () => setAsk(false) }),
  );
  const comp = useMutation(
    trpc.boxOffice.complimentary.mutationOptions({ onSuccess: onPaid, onSettled: () => setAsk(false) }),
  );
  const total = formatRupees(hold.amountPaise);
  const receivedPaise = typedRupees(received);
  const change = receivedPaise === null ? null : receivedPaise - hold.amountPaise;
  const noShift = shift.data === null;
  const failure = cash.error ?? upi.error ?? comp.error;
  const busy = cash.isPending || upi.isPending || comp.isPending;

  if (qrSale?.qr)
    return (
      <UpiWait
        bookingId={qrSale.bookingId}
        qr={qrSale.qr}
        onConfirmed={() => onPaid({ ...qrSale, status: 'CONFIRMED', qr: null })}
        onExpired={onExpired}
      />
    );

  const methods: [TMethod, string][] = [
    ['cash', t.cash],
    ['upi', t.upi],
    ...(canComp ? [['comp', t.complimentary] as [TMethod, string]] : []),
  ];
  const dialog =
    method === 'cash' && receivedPaise !== null && change !== null
      ? {
          title: t.takeCashTitle(formatRupees(receivedPaise), total),
          message: t.takeCashHelp(formatRupees(Math.max(0, change))),
          confirm: t.takeCash(formatRupees(receivedPaise)),
          go: () => cash.mutate({ bookingId: hold.bookingId, receivedPaise, ...contact }),
        }
      : method === 'upi'
        ? {
            title: t.showQrTitle(total),
            message: t.showQrHelp,
            confirm: t.showQr,
            go: () => upi.mutate({ bookingId: hold.bookingId, ...contact }),
          }
        : {
            title: t.compTitle(hold.seats.length, total),
            message: t.compHelp,
            confirm: t.issueComp,
            go: () => comp.mutate({ bookingId: hold.bookingId, reason: reason.trim(), ...contact }),
          };
  return (
    <form
      className="manager-card counter-payment"
      aria-label={t.payHow}
      onSubmit={(e) => {
        e.preventDefault();
        setAsk(true);
      }}
    >
      {children}
      <fieldset className="counter-methods">
        <legend>{t.payHow}</legend>
        {methods.map(([id, label]) => (
          <label key={id} className="manager-checkbox">
            <input type="radio" name="method" checked={method === id} onChange={() => setMethod(id)} />
            <span>{label}</span>
          </label>
        ))}
      </fieldset>
      <div className="manager-inline-form">
        {method === 'cash' && <CashReceivedField value={received} onChange={setReceived} changePaise={change} />}
        {method === 'comp' && (
          <label className="field">
            <span>{t.compReason}</span>
            <input value={reason} onChange={(e) => setReason(e.target.value)} minLength={3} maxLength={200} required />
          </label>
        )}
        <label className="field">
          <span>{t.email}</span>
          <input type="email" value={email} onChange={(e) => setEmail(e.target.value)} maxLength={254} />
        </label>
      </div>
      {method === 'cash' && noShift && (
        <p className="notice notice-warning" role="alert">
          {t.cashNeedsShift}
        </p>
      )}
      {failure && (
        <p className="notice notice-error" role="alert">
          {problem(failure)}
        </p>
      )}
      <button
        type="submit"
        className="button button-primary"
        disabled={busy || (method === 'cash' && (noShift || change === null || change < 0))}
      >
        {method === 'cash'
          ? t.takeCash(receivedPaise === null ? total : formatRupees(receivedPaise))
          : method === 'upi'
            ? t.showQr
            : t.issueComp}
      </button>
      {ask && (
        <ConfirmDialog
          title={dialog.title}
          message={dialog.message}
          confirmLabel={dialog.confirm}
          keepLabel={t.keepAnswer}
          busy={busy}
          onConfirm={() => dialog.go()}
          onKeep={() => setAsk(false)}
        />
      )}
    </form>
  );
}
