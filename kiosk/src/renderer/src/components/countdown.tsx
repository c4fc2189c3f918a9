import { useEffect, useState } from 'react';
import { useI18n } from '../i18n/i18n';

/** Seconds until `expiresAt`, ticking once a second; 0 once passed. */
export function useSecondsLeft(expiresAt: string): number {
  const deadline = new Date(expiresAt).getTime();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return Math.max(0, Math.ceil((deadline - now) / 1000));
}

/** The hold's visible countdown; calls onExpire once when it reaches zero. */
export function Countdown({ expiresAt, onExpire }: { expiresAt: string; onExpire: () => void }) {
  const { t } = useI18n();
  const seconds = useSecondsLeft(expiresAt);
  useEffect(() => {
    if (seconds === 0) onExpire();
  }, [seconds, onExpire]);
  const text = `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
  return (
    <div className={`countdown${seconds <= 60 ? ' countdown-urgent' : ''}`}>
      <span className="countdown-label">{t.timeLeft}</span>
      {/* Announced at minute marks only: a screen reader reading every second is noise. */}
      <span
        role="timer"
        aria-live={seconds % 60 === 0 || seconds <= 10 ? 'polite' : 'off'}
        aria-label={`${t.timeLeft} ${text}`}
      >
        {text}
      </span>
    </div>
  );
}
