// After payment at a kiosk: print the tickets (once, even if the page reloads), say how to get them
// if the printer fails, and go back to the attract screen.
import type { TBooking } from '@marquee/shared';
import { useEffect, useRef, useState } from 'react';
import type { TPrintResult } from '../../../../common/print-job';
import { Screen, Spinner } from '../../components/layout';
import { useI18n } from '../../i18n/i18n';
import { usePlatform } from '../../platform/platform-context';
import { useTRPCClient } from '../../trpc';
import { printJobFor } from './print-job';

const RESET_AFTER_MS = 20_000;
const printedKey = (bookingId: string) => `marquee.printed.${bookingId}`;

export function KioskDoneScreen({
  booking,
  onDone,
  onPrintError,
}: {
  booking: TBooking;
  onDone: () => void;
  onPrintError: (code: string | null) => void;
}) {
  const { t, language } = useI18n();
  const platform = usePlatform();
  const client = useTRPCClient();
  const [result, setResult] = useState<TPrintResult | 'printing'>('printing');
  const started = useRef(false);

  const print = async () => {
    setResult('printing');
    const outcome = await platform.print(printJobFor(booking, language)).catch((err: unknown): TPrintResult => ({
      ok: false,
      code: 'PRINTER_FAILED',
      message: err instanceof Error ? err.message : String(err),
      status: 'unknown',
    }));
    if (outcome.ok) localStorage.setItem(printedKey(booking.id), new Date().toISOString());
    onPrintError(outcome.ok ? null : outcome.code);
    setResult(outcome);
    // The booking's timeline shows the sale's print; a lost report does not stop the customer.
    const reported = outcome.ok ? { ok: true } : { ok: false, errorCode: outcome.code };
    await client.kiosks.recordPrint
      .mutate({ kind: 'SALE', bookingId: booking.id, ...reported })
      .catch((err: unknown) => console.warn('print result not recorded', err));
  };

  useEffect(() => {
    if (started.current) return;
    started.current = true;
    if (localStorage.getItem(printedKey(booking.id)))
      setResult({ ok: true, printed: booking.tickets.length, status: 'ok' });
    else void print();
  }, [booking.id]); // print once per booking, not on every render

  useEffect(() => {
    if (result === 'printing' || !result.ok) return;
    const timer = setTimeout(onDone, RESET_AFTER_MS);
    return () => clearTimeout(timer);
  }, [result, onDone]);

  return (
    <Screen name="done" title={t.confirmed}>
      <div className="done">
        <p className="booking-code">
          {t.bookingCode}: <strong>{booking.code}</strong>
        </p>
        {result === 'printing' && <Spinner label={t.printing} />}
        {result !== 'printing' && result.ok && (
          <>
            <p className="done-big" role="status">
              {t.printed}
            </p>
            <p className="done-big">{t.enjoy}</p>
          </>
        )}
        {result !== 'printing' && !result.ok && (
          <div className="notice notice-error" role="alert">
            <p className="done-big">{t.printFailed}</p>
            <p>{result.message}</p>
            <p>{t.printFailedHelp(booking.code)}</p>
            <button type="button" className="button button-large" onClick={() => void print()}>
              {t.reprint}
            </button>
          </div>
        )}
        <button type="button" className="button button-primary button-large" onClick={onDone}>
          {t.done}
        </button>
      </div>
    </Screen>
  );
}
