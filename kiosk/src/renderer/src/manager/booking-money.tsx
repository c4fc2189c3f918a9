import { formatRupees, formatShowTime, type TBookingDetail } from '@marquee/shared';
import { useStaffTimeZone } from '../components/use-cinema-time-zone';
import { useI18n } from '../i18n/i18n';
import { useDeskMessages } from './desk-messages';

/** A booking's seats (standing or given back, admitted or not), the money taken and given back. */
export function BookingMoney({ booking: b, onOpen }: { booking: TBookingDetail; onOpen: (id: string) => void }) {
  const t = useDeskMessages();
  const { locale } = useI18n();
  const zone = useStaffTimeZone();
  const at = (iso: string) => formatShowTime(iso, zone, locale);
  return (
    <div className="booking-money">
      {(b.replaces || b.replacedBy || b.complimentaryReason) && (
        <p className="booking-links">
          {b.complimentaryReason && <span>{t.complimentaryBecause(b.complimentaryReason)} </span>}
          {b.replaces && (
            <span>
              {t.replaces}{' '}
              <button
                type="button"
                className="button button-ghost"
                aria-label={t.openBooking(b.replaces.code)}
                onClick={() => onOpen(b.replaces!.id)}
              >
                <span className="booking-code">{b.replaces.code}</span>
              </button>
            </span>
          )}
          {b.replacedBy && (
            <span>
              {t.replacedBy}{' '}
              <button
                type="button"
                className="button button-ghost"
                aria-label={t.openBooking(b.replacedBy.code)}
                onClick={() => onOpen(b.replacedBy!.id)}
              >
                <span className="booking-code">{b.replacedBy.code}</span>
              </button>
            </span>
          )}
        </p>
      )}
      <div className="manager-table-scroll">
        <table className="manager-table" aria-label={t.seats}>
          <thead>
            <tr>
              <th scope="col">{t.seat}</th>
              <th scope="col" className="amount">
                {t.price}
              </th>
              <th scope="col">{t.state}</th>
              <th scope="col">{t.admitted}</th>
            </tr>
          </thead>
          <tbody>
            {b.seats.map((s) => (
              <tr key={s.label} aria-label={`${t.seat} ${s.label}`}>
                <th scope="row">{s.label}</th>
                <td className="amount">{formatRupees(s.pricePaise)}</td>
                <td className={s.state === 'valid' ? '' : 'muted'}>{t.seatStates[s.state]}</td>
                <td>{s.admitted ? t.yes : t.no}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {b.payments.length > 0 && (
        <>
          <h4>{t.payments}</h4>
          <ul aria-label={t.payments}>
            {b.payments.map((p, i) => (
              <li key={`${p.at}-${i}`}>
                <time dateTime={p.at}>{at(p.at)}</time> · {t.methods[p.method]} · {formatRupees(p.amountPaise)}
              </li>
            ))}
          </ul>
        </>
      )}
      {b.refunds.length > 0 && (
        <>
          <h4>{t.refunds}</h4>
          <ul aria-label={t.refunds}>
            {b.refunds.map((r, i) => (
              <li key={`${r.at}-${i}`}>
                <time dateTime={r.at}>{at(r.at)}</time> · {formatRupees(r.amountPaise)} {t.methods[r.method]} (
                {t.refundStatus[r.status]}) · {r.reason}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
