// The web customer's tickets: one QR per seat (the same signed token as the printed ticket and the
// PDF), the PDF to download, and below them the tax invoice the e-ticket is (with a refund's credit
// note, opened to show it).
import { formatShowTime, type TBooking } from '@marquee/shared';
import QRCode from 'qrcode';
import { useEffect, useState } from 'react';
import { Screen } from '../../components/layout';
import { useI18n } from '../../i18n/i18n';
import { TaxInvoice } from './tax-invoice';

function TicketQr({ token, label }: { token: string; label: string }) {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    void QRCode.toDataURL(token, { errorCorrectionLevel: 'M', margin: 1, width: 240 }).then(
      (url) => live && setSrc(url),
    );
    return () => {
      live = false;
    };
  }, [token]);
  return src ? <img src={src} alt={label} width={240} height={240} /> : null;
}

export function ETicket({
  booking,
  onDone,
  canDownload,
}: {
  booking: TBooking;
  onDone: () => void;
  canDownload: boolean;
}) {
  const { t, locale } = useI18n();
  const { showtime } = booking;
  const statusNote =
    booking.status === 'REFUNDED' ? t.statusRefunded : booking.status === 'CANCELLED' ? t.statusCancelled : null;
  return (
    <Screen name="e-ticket" title={t.eTicket}>
      <div className="e-ticket">
        <p className="summary-movie">
          {showtime.movieTitle} ({showtime.certificate})
        </p>
        <p>
          {formatShowTime(showtime.startsAt, showtime.timeZone, locale)} · {showtime.screenName} · {showtime.cinemaName}
        </p>
        <p>
          {t.bookingCode}: <strong>{booking.code}</strong>
        </p>
        {statusNote && (
          <p className="notice notice-warning" role="alert">
            {statusNote}
          </p>
        )}
        {!statusNote && (
          <>
            <p>{t.showAtDoor}</p>
            <ul className="ticket-list">
              {booking.tickets.map((ticket) => (
                <li key={ticket.id} className="ticket">
                  <TicketQr token={ticket.token} label={`QR ${ticket.seatLabel}`} />
                  <strong>{ticket.seatLabel}</strong>
                </li>
              ))}
            </ul>
            {canDownload && (
              <a className="button button-large" href={`/bookings/${booking.id}/tickets.pdf`} download>
                {t.downloadPdf}
              </a>
            )}
          </>
        )}
        {booking.invoice && <TaxInvoice invoice={booking.invoice} open={booking.invoice.creditNotes.length > 0} />}
        <button type="button" className="button button-primary button-large" onClick={onDone}>
          {t.done}
        </button>
      </div>
    </Screen>
  );
}
