// After payment at a kiosk: print the tickets (once, even if the page reloads), say how to get them
// if the printer fails, and go back to the attract screen.
//
// A failed print is the one screen that shows a booking code and a Reprint button to whoever stands
// at the kiosk, so it does not wait for a touch: it counts down and leaves by itself after
// `printFailedMs` (kept across a reload), and its Done asks the customer to note the code first.
import type { TBooking } from '@marquee/shared';
import { useEffect, useRef, useState } from 'react';
import type { TPrintResult } from '../../../../common/print-job';
import { useSecondsLeft } from '../../components/countdown';
import { Screen, Spinner } from '../../components/layout';
import { useI18n } from '../../i18n/i18n';
import { KIOSK_TIMINGS } from '../../kiosk-timings';
import { usePlatform } from '../../platform/platform-context';
import { printJobFor } from './print-job';

const RESET_AFTER_MS = 20_000;
const printedKey = (bookingId: string) => `marquee.printed.${bookingId}`;
/** When the print-failed screen of this booking leaves, so a reload does not show it again later. */
const failedUntilKey = (bookingId: string) => `marquee.printFailedUntil.${bookingId}`;

export function KioskDoneScreen({
  booking,
  onDone,
  onPrintError,
  onPrintResult,
  printFailedMs = KIOSK_TIMINGS.printFailedMs,
}: {
  booking: TBooking;
  onDone: () => void;
  onPrintError: (code: string | null) => void;
  /** Every print's outcome, for the booking's timeline (kiosks.recordPrint). */
  onPrintResult?: (outcome: TPrintResult) => void;
  printFailedMs?: number;
}) {
  const { t, language } = useI18n();
  const platform = usePlatform();
  const [result, setResult] = useState<TPrintResult | 'printing'>('printing');
  const [failedUntil, setFailedUntil] = useState<string | null>(() => localStorage.getItem(failedUntilKey(booking.id)));
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
    // The window opens at the first failure; a reprint does not extend it.
    if (!outcome.ok && !localStorage.getItem(failedUntilKey(booking.id))) {
      const until = new Date(Date.now() + printFailedMs).toISOString();
      localStorage.setItem(failedUntilKey(booking.id), until);
      setFailedUntil(until);
    }
    onPrintError(outcome.ok ? null : outcome.code);
    setResult(outcome);
    onPrintResult?.(outcome);
  };

  const [finished, setFinished] = useState(false);
  const finishedOnce = useRef(false);
  const finish = () => {
    if (finishedOnce.current) return; // a timer and a touch may both get here
    finishedOnce.current = true;
    localStorage.removeItem(failedUntilKey(booking.id));
    setFinished(true); // nothing of this booking stays on screen, whatever the parent does next
    onDone();
  };
  const finishRef = useRef(finish);
  finishRef.current = finish;

  useEffect(() => {
    if (started.current) return;
    started.current = true;
    const until = localStorage.getItem(failedUntilKey(booking.id));
    if (localStorage.getItem(printedKey(booking.id)))
      setResult({ ok: true, printed: booking.tickets.length, status: 'ok' });
    else if (until && new Date(until).getTime() <= Date.now())
      finishRef.current(); // its window is over
    else void print();
  }, [booking.id]); // print once per booking, not on every render

  useEffect(() => {
    if (result === 'printing' || !result.ok) return;
    const timer = setTimeout(() => finishRef.current(), RESET_AFTER_MS);
    return () => clearTimeout(timer);
  }, [result]);

  // Once a print has failed, the screen leaves at the deadline whatever it shows then (a reprint
  // still printing included); back from a reload after the deadline, it leaves at once.
  useEffect(() => {
    if (!failedUntil || (result !== 'printing' && result.ok)) return;
    const timer = setTimeout(() => finishRef.current(), Math.max(0, new Date(failedUntil).getTime() - Date.now()));
    return () => clearTimeout(timer);
  }, [failedUntil, result]);

  const failed = result !== 'printing' && !result.ok ? result : null;
  if (finished) return null;
  return (
    <Screen name={failed ? 'print-failed' : 'done'} title={t.confirmed}>
      <div className="done">
        {failed && failedUntil ? (
          <PrintFailed booking={booking} failure={failed} until={failedUntil} onReprint={print} onDone={finish} />
        ) : (
          <>
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
            <button type="button" className="button button-primary button-large" onClick={finish}>
              {t.done}
            </button>
          </>
        )}
      </div>
    </Screen>
  );
}

function PrintFailed({
  booking,
  failure,
  until,
  onReprint,
  onDone,
}: {
  booking: TBooking;
  failure: Extract<TPrintResult, { ok: false }>;
  until: string;
  onReprint: () => Promise<void>;
  onDone: () => void;
}) {
  const { t } = useI18n();
  const seconds = useSecondsLeft(until);
  const [confirming, setConfirming] = useState(false);
  return (
    <div className="print-failed">
      <div className="notice notice-error" role="alert">
        <p className="done-big">{t.printFailed}</p>
        {/* The printer's reason in the customer's language; its English detail goes to the log. */}
        <p>{t.printErrors[failure.code] ?? t.printErrors.PRINTER_FAILED}</p>
      </div>
      <p>{t.printFailedKeep}</p>
      <p className="print-failed-code" aria-label={`${t.bookingCode} ${booking.code}`}>
        {booking.code}
      </p>
      <p className="done-big print-failed-how">{booking.customerEmail ? t.printFailedEmailed : t.printFailedCollect}</p>
      <p role="timer" aria-live={seconds % 10 === 0 || seconds <= 5 ? 'polite' : 'off'} className="print-failed-timer">
        {t.printFailedCloses(seconds)}
      </p>
      {confirming ? (
        <div className="notice notice-warning print-failed-confirm" role="alertdialog" aria-label={t.done}>
          <p className="done-big">{t.printFailedDoneWarning}</p>
          <div className="print-failed-actions">
            <button type="button" className="button button-large" onClick={() => setConfirming(false)}>
              {t.back}
            </button>
            <button type="button" className="button button-primary button-large" onClick={onDone}>
              {t.printFailedNoted}
            </button>
          </div>
        </div>
      ) : (
        <div className="print-failed-actions">
          <button type="button" className="button button-large" onClick={() => void onReprint()}>
            {t.reprint}
          </button>
          <button type="button" className="button button-primary button-large" onClick={() => setConfirming(true)}>
            {t.done}
          </button>
        </div>
      )}
    </div>
  );
}
