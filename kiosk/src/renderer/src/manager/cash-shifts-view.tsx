import { cinemaDate, formatRupees, formatShowTime } from '@marquee/shared';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Spinner } from '../components/layout';
import { useStaffTimeZone } from '../components/use-cinema-time-zone';
import { useI18n } from '../i18n/i18n';
import { useTRPC } from '../trpc';
import { useDeskMessages } from './desk-messages';
import { useProblem } from './problem';
import { DifferenceText } from './shift-bar';

/** The date `days` before a YYYY-MM-DD date. */
function daysBefore(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - days);
  return d.toISOString().slice(0, 10);
}

/** Every cash shift of the cinema from a day on (open ones always): who, and how the drawer counted. */
export function CashShiftsView() {
  const t = useDeskMessages();
  const { locale } = useI18n();
  const zone = useStaffTimeZone();
  const trpc = useTRPC();
  const problem = useProblem();
  const today = cinemaDate(new Date(), zone);
  const [from, setFrom] = useState(daysBefore(today, 7));
  const shifts = useQuery(trpc.cashShifts.list.queryOptions({ from }, { refetchInterval: 30_000 }));
  const at = (iso: string) => formatShowTime(iso, zone, locale);
  return (
    <section aria-labelledby="cash-shifts-title" className="manager-section">
      <h2 id="cash-shifts-title">{t.sections['cash-shifts']}</h2>
      <div className="manager-toolbar">
        <label className="field">
          <span>{t.shiftsFrom}</span>
          <input type="date" value={from} max={today} onChange={(e) => e.target.value && setFrom(e.target.value)} />
        </label>
      </div>
      {shifts.isPending ? (
        <Spinner label="…" />
      ) : shifts.error ? (
        <p className="notice notice-error" role="alert">
          {problem(shifts.error)}
        </p>
      ) : (
        <div className="manager-table-scroll">
          <table className="manager-table" aria-label={t.shiftsCaption}>
            <thead>
              <tr>
                <th scope="col">{t.who}</th>
                <th scope="col">{t.opened}</th>
                <th scope="col">{t.closed}</th>
                <th scope="col" className="amount">
                  {t.floatLabel}
                </th>
                <th scope="col" className="amount">
                  {t.cashIn}
                </th>
                <th scope="col" className="amount">
                  {t.cashOut}
                </th>
                <th scope="col" className="amount">
                  {t.expected}
                </th>
                <th scope="col" className="amount">
                  {t.countedLabel}
                </th>
                <th scope="col">{t.difference}</th>
              </tr>
            </thead>
            <tbody>
              {shifts.data.length === 0 && (
                <tr>
                  <td colSpan={9}>{t.noShifts}</td>
                </tr>
              )}
              {shifts.data.map((s) => (
                <tr key={s.id} aria-label={`${s.openedBy} ${at(s.openedAt)}`}>
                  <th scope="row">
                    {s.openedBy}
                    {s.closedBy && s.closedBy !== s.openedBy && <span className="muted"> / {s.closedBy}</span>}
                  </th>
                  <td>{at(s.openedAt)}</td>
                  <td>{s.closedAt ? at(s.closedAt) : <strong>{t.stillOpen}</strong>}</td>
                  <td className="amount">{formatRupees(s.floatPaise)}</td>
                  <td className="amount">{formatRupees(s.cashInPaise)}</td>
                  <td className="amount">{formatRupees(s.cashOutPaise)}</td>
                  <td className="amount">{formatRupees(s.expectedPaise)}</td>
                  <td className="amount">{s.countedPaise === null ? '—' : formatRupees(s.countedPaise)}</td>
                  <td>
                    {s.differencePaise === null ? '—' : <DifferenceText paise={s.differencePaise} />}
                    {s.note && <span className="muted"> · {s.note}</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
