import { formatRupees, formatShowTime, type TCashShift } from '@marquee/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ConfirmDialog } from '../components/confirm-dialog';
import { useStaffTimeZone } from '../components/use-cinema-time-zone';
import { useI18n } from '../i18n/i18n';
import { useTRPC } from '../trpc';
import { useDeskMessages, type TDeskMessages } from './desk-messages';
import { useProblem } from './problem';
import { RupeesField, typedRupees } from './rupees-field';

/** Counted − expected in words: short (red), over, or exact. */
export function DifferenceText({ paise }: { paise: number }) {
  const t = useDeskMessages();
  return <span className={paise < 0 ? 'status-bad' : 'status-ok'}>{differenceWords(t, paise)}</span>;
}
export const differenceWords = (t: TDeskMessages, paise: number) =>
  paise < 0 ? t.short(formatRupees(-paise)) : paise > 0 ? t.over(formatRupees(paise)) : t.even;

/** The caller's own cash shift: open one with a float, see what the drawer should hold, close it counted. */
export function ShiftBar() {
  const t = useDeskMessages();
  const trpc = useTRPC();
  const problem = useProblem();
  const current = useQuery(trpc.cashShifts.current.queryOptions(undefined, { refetchInterval: 15_000 }));
  const [closed, setClosed] = useState<TCashShift | null>(null);
  return (
    <section className="manager-card shift-bar" aria-labelledby="shift-title">
      <h3 id="shift-title">{t.shift}</h3>
      {current.error && (
        <p className="notice notice-error" role="alert">
          {problem(current.error)}
        </p>
      )}
      {closed && (
        <p className={`notice ${closed.differencePaise! < 0 ? 'notice-error' : ''}`} role="status">
          {t.shiftClosed(differenceWords(t, closed.differencePaise ?? 0))}
        </p>
      )}
      {current.data === null && <OpenShift onOpened={() => setClosed(null)} />}
      {current.data && <OpenShiftFigures shift={current.data} onClosed={setClosed} />}
    </section>
  );
}

function OpenShift({ onOpened }: { onOpened: () => void }) {
  const t = useDeskMessages();
  const trpc = useTRPC();
  const problem = useProblem();
  const queryClient = useQueryClient();
  const [float, setFloat] = useState('');
  const [ask, setAsk] = useState(false);
  const open = useMutation(
    trpc.cashShifts.open.mutationOptions({
      onSuccess: (shift) => {
        queryClient.setQueryData(trpc.cashShifts.current.queryKey(), shift);
        void queryClient.invalidateQueries({ queryKey: trpc.cashShifts.pathKey() });
        onOpened();
      },
    }),
  );
  const paise = typedRupees(float);
  return (
    <>
      <p>{t.noShift}</p>
      <form
        className="manager-inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (paise !== null) setAsk(true);
        }}
      >
        <RupeesField label={t.float} value={float} onChange={setFloat} />
        <button type="submit" className="button button-primary" disabled={open.isPending}>
          {t.openShift}
        </button>
      </form>
      {open.error && (
        <p className="notice notice-error" role="alert">
          {problem(open.error)}
        </p>
      )}
      {ask && paise !== null && (
        <ConfirmDialog
          title={t.openShiftTitle(formatRupees(paise))}
          message={t.openShiftHelp}
          confirmLabel={t.openShift}
          keepLabel={t.keepShift}
          busy={open.isPending}
          onConfirm={() => open.mutate({ floatPaise: paise }, { onSettled: () => setAsk(false) })}
          onKeep={() => setAsk(false)}
        />
      )}
    </>
  );
}

function OpenShiftFigures({ shift, onClosed }: { shift: TCashShift; onClosed: (shift: TCashShift) => void }) {
  const t = useDeskMessages();
  const { locale } = useI18n();
  const zone = useStaffTimeZone();
  const trpc = useTRPC();
  const problem = useProblem();
  const queryClient = useQueryClient();
  const [counted, setCounted] = useState('');
  const [note, setNote] = useState('');
  const [ask, setAsk] = useState(false);
  const close = useMutation(
    trpc.cashShifts.close.mutationOptions({
      onSuccess: (done) => {
        queryClient.setQueryData(trpc.cashShifts.current.queryKey(), null);
        void queryClient.invalidateQueries({ queryKey: trpc.cashShifts.pathKey() });
        onClosed(done);
      },
    }),
  );
  const paise = typedRupees(counted);
  const difference = paise === null ? null : paise - shift.expectedPaise;
  const figures = [
    [t.floatLabel, shift.floatPaise, 'float'],
    [t.cashIn, shift.cashInPaise, 'cash-in'],
    [t.cashOut, shift.cashOutPaise, 'cash-out'],
    [t.expected, shift.expectedPaise, 'expected'],
  ] as const;
  return (
    <>
      <p>
        {t.shiftOpenSince(formatShowTime(shift.openedAt, zone, locale))} ·{' '}
        <span className="muted">{t.salesRefunds(shift.sales, shift.refunds)}</span>
      </p>
      <dl className="shift-figures">
        {figures.map(([label, amount, key]) => (
          <div key={key}>
            <dt>{label}</dt>
            <dd data-figure={key}>{formatRupees(amount)}</dd>
          </div>
        ))}
      </dl>
      <form
        className="manager-inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (paise !== null) setAsk(true);
        }}
      >
        <RupeesField
          label={t.counted}
          value={counted}
          onChange={setCounted}
          hint={difference === null ? undefined : `${t.difference}: ${differenceWords(t, difference)}`}
          bad={difference !== null && difference < 0}
        />
        <label className="field">
          <span>{t.shiftNote}</span>
          <input value={note} onChange={(e) => setNote(e.target.value)} maxLength={200} />
        </label>
        <button type="submit" className="button" disabled={close.isPending}>
          {t.closeShift}
        </button>
      </form>
      {close.error && (
        <p className="notice notice-error" role="alert">
          {problem(close.error)}
        </p>
      )}
      {ask && paise !== null && difference !== null && (
        <ConfirmDialog
          title={t.closeShiftTitle(formatRupees(paise))}
          message={t.closeShiftHelp(formatRupees(shift.expectedPaise), differenceWords(t, difference))}
          confirmLabel={t.closeShift}
          keepLabel={t.keepShiftOpen}
          busy={close.isPending}
          onConfirm={() =>
            close.mutate(
              { shiftId: shift.id, countedPaise: paise, ...(note.trim() ? { note: note.trim() } : {}) },
              { onSettled: () => setAsk(false) },
            )
          }
          onKeep={() => setAsk(false)}
        />
      )}
    </>
  );
}
