// A kiosk left alone goes back to the attract screen: after `idleMs` without a touch it asks
// "Still there?" (or, while a customer pays, "Still paying?"), and `warnMs` later it gives up
// (releasing the customer's hold) unless touched.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useI18n } from '../i18n/i18n';

export interface TIdleGuardProps {
  enabled: boolean;
  idleMs: number;
  warnMs: number;
  /** A customer is paying (the QR is up, or Checkout is open): ask "Still paying?" instead. */
  paying?: boolean;
  onTimeout: () => void;
}

const ACTIVITY = ['pointerdown', 'keydown', 'touchstart', 'wheel'] as const;

export function IdleGuard({ enabled, idleMs, warnMs, paying = false, onTimeout }: TIdleGuardProps) {
  const { t } = useI18n();
  const [warningSince, setWarningSince] = useState<number | null>(null);
  const [secondsLeft, setSecondsLeft] = useState(Math.ceil(warnMs / 1000));
  const idleTimer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const timeoutRef = useRef(onTimeout);
  timeoutRef.current = onTimeout;

  const restart = useCallback(() => {
    clearTimeout(idleTimer.current);
    setWarningSince(null);
    if (enabled) idleTimer.current = setTimeout(() => setWarningSince(Date.now()), idleMs);
  }, [enabled, idleMs]);

  useEffect(() => {
    restart();
    if (!enabled) return;
    // While the warning shows, only its button counts as "still here": a stray touch elsewhere does too.
    const onActivity = () => restart();
    for (const type of ACTIVITY) window.addEventListener(type, onActivity, { passive: true });
    return () => {
      clearTimeout(idleTimer.current);
      for (const type of ACTIVITY) window.removeEventListener(type, onActivity);
    };
  }, [enabled, restart]);

  useEffect(() => {
    if (warningSince === null) return;
    setSecondsLeft(Math.ceil(warnMs / 1000));
    const tick = setInterval(
      () => setSecondsLeft(Math.max(0, Math.ceil((warningSince + warnMs - Date.now()) / 1000))),
      250,
    );
    const giveUp = setTimeout(() => {
      setWarningSince(null);
      timeoutRef.current();
    }, warnMs);
    return () => {
      clearInterval(tick);
      clearTimeout(giveUp);
    };
  }, [warningSince, warnMs]);

  if (warningSince === null) return null;
  return (
    <div className="modal-backdrop">
      <div
        role="alertdialog"
        aria-modal="true"
        aria-labelledby="idle-title"
        aria-describedby="idle-help"
        className="modal"
      >
        <h2 id="idle-title">{paying ? t.stillPaying : t.stillThere}</h2>
        <p id="idle-help">{paying ? t.stillPayingHelp(secondsLeft) : t.stillThereHelp(secondsLeft)}</p>
        <button type="button" className="button button-primary" autoFocus onClick={restart}>
          {t.imHere}
        </button>
      </div>
    </div>
  );
}
