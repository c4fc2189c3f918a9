import { formatRupees, type TBoxOfficeHold, type TCounterSale } from '@marquee/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import { ConfirmDialog } from '../components/confirm-dialog';
import { Countdown } from '../components/countdown';
import { useTRPC } from '../trpc';
import { CounterPayment } from './counter-payment';
import { useDeskMessages } from './desk-messages';
import { KioskChooser } from './kiosk-chooser';
import { useProblem } from './problem';
import { SeatPicker, ShowPicker } from './show-picker';
import { ShiftBar } from './shift-bar';

/** Selling at the counter: the caller's cash shift, then one sale at a time. */
export function BoxOfficeView({ canComp }: { canComp: boolean }) {
  const t = useDeskMessages();
  // A new sale starts from a clean slate: the counter sale is remounted.
  const [sale, setSale] = useState(0);
  return (
    <section aria-labelledby="box-office-title" className="manager-section">
      <h2 id="box-office-title">{t.sections['box-office']}</h2>
      <ShiftBar />
      <CounterSale key={sale} canComp={canComp} onNewSale={() => setSale((n) => n + 1)} />
    </section>
  );
}

function CounterSale({ canComp, onNewSale }: { canComp: boolean; onNewSale: () => void }) {
  const t = useDeskMessages();
  const trpc = useTRPC();
  const problem = useProblem();
  const queryClient = useQueryClient();
  const [showtimeId, setShowtimeId] = useState('');
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [hold, setHold] = useState<TBoxOfficeHold | null>(null);
  const [sold, setSold] = useState<TCounterSale | null>(null);
  // Whether the last hold ran out (worded when shown, in the desk's language of the moment).
  const [holdRanOut, setHoldRanOut] = useState(false);
  const [askCancel, setAskCancel] = useState(false);
  const refresh = () =>
    Promise.all(
      [trpc.cashShifts, trpc.sales, trpc.bookingDesk].map((r) =>
        queryClient.invalidateQueries({ queryKey: r.pathKey() }),
      ),
    );
  const holdSeats = useMutation(
    trpc.boxOffice.hold.mutationOptions({ onSuccess: (h) => (setHold(h), setHoldRanOut(false)) }),
  );
  const release = useMutation(
    trpc.boxOffice.release.mutationOptions({ onSuccess: () => (setHold(null), setSelected(new Set())) }),
  );
  const expired = useCallback(() => {
    setHold(null);
    setSelected(new Set());
    setHoldRanOut(true);
  }, []);
  const paid = (sale: TCounterSale) => {
    setSold(sale);
    void refresh();
  };
  if (sold) return <SaleDone sale={sold} onNewSale={onNewSale} />;
  if (!hold)
    return (
      <div className="manager-section">
        <ShowPicker showtimeId={showtimeId} onShow={(id) => (setShowtimeId(id), setSelected(new Set()))} />
        {holdRanOut && (
          <p className="notice notice-warning" role="alert">
            {t.holdExpired}
          </p>
        )}
        {showtimeId && (
          <>
            <SeatPicker key={showtimeId} showtimeId={showtimeId} selected={selected} onChange={setSelected} />
            {holdSeats.error && (
              <p className="notice notice-error" role="alert">
                {problem(holdSeats.error)}
              </p>
            )}
            <div className="manager-toolbar">
              <button
                type="button"
                className="button button-primary"
                disabled={selected.size === 0 || holdSeats.isPending}
                onClick={() => holdSeats.mutate({ showtimeId, seatIds: [...selected] })}
              >
                {holdSeats.isPending ? t.holdingSeats : t.holdSeats}
              </button>
            </div>
          </>
        )}
      </div>
    );
  const seats = hold.seats.map((s) => s.label).join(', ');
  return (
    <div className="manager-section counter-sale">
      <HoldSummary hold={hold} />
      <CounterPayment hold={hold} canComp={canComp} onPaid={paid} onExpired={expired}>
        <Countdown expiresAt={hold.expiresAt} onExpire={expired} />
      </CounterPayment>
      {release.error && (
        <p className="notice notice-error" role="alert">
          {problem(release.error)}
        </p>
      )}
      <div className="manager-toolbar">
        <button type="button" className="button button-ghost" onClick={() => setAskCancel(true)}>
          {t.cancelSale}
        </button>
      </div>
      {askCancel && (
        <ConfirmDialog
          title={t.cancelSaleTitle}
          message={t.cancelSaleHelp(seats)}
          confirmLabel={t.cancelSale}
          keepLabel={t.keepSale}
          busy={release.isPending}
          onConfirm={() => release.mutate({ bookingId: hold.bookingId }, { onSettled: () => setAskCancel(false) })}
          onKeep={() => setAskCancel(false)}
        />
      )}
    </div>
  );
}

/** The held seats, their prices, the fee and the total the customer pays. */
function HoldSummary({ hold }: { hold: TBoxOfficeHold }) {
  const t = useDeskMessages();
  return (
    <table className="manager-table counter-total" aria-label={t.total}>
      <tbody>
        {hold.seats.map((s) => (
          <tr key={s.label}>
            <th scope="row">
              {t.seat} {s.label}
            </th>
            <td className="amount">{formatRupees(s.pricePaise)}</td>
          </tr>
        ))}
        <tr>
          <th scope="row">{t.fee}</th>
          <td className="amount">{formatRupees(hold.feePaise)}</td>
        </tr>
      </tbody>
      <tfoot>
        <tr>
          <th scope="row">{t.total}</th>
          <td className="amount" data-figure="total">
            {formatRupees(hold.amountPaise)}
          </td>
        </tr>
      </tfoot>
    </table>
  );
}

/** After the sale: the code, the change to hand back, printing at a kiosk, and the next sale. */
function SaleDone({ sale, onNewSale }: { sale: TCounterSale; onNewSale: () => void }) {
  const t = useDeskMessages();
  const trpc = useTRPC();
  const problem = useProblem();
  const print = useMutation(trpc.boxOffice.print.mutationOptions());
  return (
    <div className="manager-card counter-done" role="status" aria-label={t.sold}>
      <h3>
        {t.sold}: {formatRupees(sale.amountPaise)}
      </h3>
      <p>
        {t.bookingCode} <span className="booking-code">{sale.code}</span>
      </p>
      {sale.changePaise !== null && sale.changePaise > 0 && (
        <p className="counter-change">{t.giveChange(formatRupees(sale.changePaise))}</p>
      )}
      <KioskChooser
        label={t.printAt}
        chooseLabel={t.chooseKiosk}
        buttonLabel={t.print}
        offlineName={t.offlineKiosk}
        busy={print.isPending}
        onSend={(kioskId) => print.mutate({ bookingId: sale.bookingId, kioskId })}
      />
      {print.isSuccess && <p className="notice">{t.printSent}</p>}
      {print.error && (
        <p className="notice notice-error" role="alert">
          {problem(print.error)}
        </p>
      )}
      <button type="button" className="button button-primary" onClick={onNewSale}>
        {t.newSale}
      </button>
    </div>
  );
}
