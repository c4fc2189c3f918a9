// "Collect tickets" at a kiosk, for a booking bought online: the customer types the booking code and
// the email or phone they booked with on the on-screen keyboard (or scans their e-ticket's QR, when
// the kiosk has a camera), and the tickets print. The server counts the collection only once the
// printer reports success (kiosks.recordPrint), so a failed print can be tried again here.
// Loaded lazily by the kiosk (kiosk-app.tsx): the web app never downloads it.
import { formatShowTime, type TBooking } from '@marquee/shared';
import type { TKioskCollectInput } from '@marquee/shared/collect';
import { useEffect, useRef, useState } from 'react';
import type { TPrintErrorCode, TPrintResult } from '../../../../common/print-job';
import { errorMessage } from '../../components/error-message';
import { Screen, Spinner } from '../../components/layout';
import { KioskKeyboard } from '../../components/lazy-keyboard';
import { startCamera, type TCamera } from '../../door/camera-scanner';
import { useCollectMessages } from '../../i18n/collect-messages';
import { useI18n } from '../../i18n/i18n';
import { usePlatform } from '../../platform/platform-context';
import { errorData, useTRPCClient } from '../../trpc';
import { printJobFor } from '../done/print-job';
import './collect-screen.css';

const RESET_AFTER_MS = 20_000;

type TPhase =
  | { name: 'form' }
  | { name: 'printing' }
  | { name: 'printed'; booking: TBooking }
  | { name: 'failed'; booking: TBooking; code: TPrintErrorCode; input: TKioskCollectInput };

type TField = 'code' | 'contact';

export default function CollectScreen({
  onDone,
  onPrintError,
}: {
  onDone: () => void;
  onPrintError: (code: string | null) => void;
}) {
  const { t, locale } = useI18n();
  const m = useCollectMessages();
  const platform = usePlatform();
  const client = useTRPCClient();
  const [code, setCode] = useState('');
  const [contact, setContact] = useState('');
  const [active, setActive] = useState<TField | null>('code');
  const [phase, setPhase] = useState<TPhase>({ name: 'form' });
  const [error, setError] = useState<string | null>(null);
  const inputs = { code: useRef<HTMLInputElement>(null), contact: useRef<HTMLInputElement>(null) };

  const refusal = (err: unknown): string => {
    const collected = errorData(err)?.collected;
    if (collected)
      return m.alreadyCollected(collected.kioskName, formatShowTime(collected.at, collected.timeZone, locale));
    return errorMessage(t, err);
  };

  const collectAndPrint = async (input: TKioskCollectInput) => {
    setError(null);
    setPhase({ name: 'printing' });
    let job;
    try {
      job = await client.kiosks.collect.mutate(input);
    } catch (err) {
      setError(refusal(err));
      setPhase({ name: 'form' });
      return;
    }
    const outcome = await platform.print(printJobFor(job.booking)).catch((err: unknown): TPrintResult => ({
      ok: false,
      code: 'PRINTER_FAILED',
      message: err instanceof Error ? err.message : String(err),
      status: 'unknown',
    }));
    onPrintError(outcome.ok ? null : outcome.code);
    // The collection counts once the server knows the printer succeeded; a lost report is logged
    // by the kiosk (its last error) and the attempt is given up after a few minutes on the server.
    await client.kiosks.recordPrint
      .mutate({
        kind: 'COLLECT',
        printId: job.printId,
        ok: outcome.ok,
        ...(outcome.ok ? {} : { errorCode: outcome.code }),
      })
      .catch((err: unknown) => {
        console.warn('collect: print result not recorded', err);
        onPrintError(`collect ${job.booking.code}: result not recorded`);
      });
    setPhase(
      outcome.ok
        ? { name: 'printed', booking: job.booking }
        : { name: 'failed', booking: job.booking, code: outcome.code, input },
    );
  };

  useEffect(() => {
    if (phase.name !== 'printed') return;
    const timer = setTimeout(onDone, RESET_AFTER_MS);
    return () => clearTimeout(timer);
  }, [phase.name, onDone]);

  if (phase.name === 'printing')
    return (
      <Screen name="collect" title={m.title}>
        <Spinner label={t.printing} />
      </Screen>
    );

  if (phase.name === 'printed' || phase.name === 'failed')
    return (
      <Screen name="collect" title={m.title}>
        <div className="done">
          <p className="booking-code">
            {t.bookingCode}: <strong>{phase.booking.code}</strong>
          </p>
          {phase.name === 'printed' ? (
            <>
              <p className="done-big" role="status">
                {m.printed(phase.booking.tickets.length)}
              </p>
              <p className="done-big">{t.enjoy}</p>
            </>
          ) : (
            <div className="notice notice-error" role="alert">
              <p className="done-big">{t.printFailed}</p>
              {/* The printer's reason in the customer's language. */}
              <p>{t.printErrors[phase.code] ?? t.printErrors.PRINTER_FAILED}</p>
              <p>{m.failedHelp}</p>
              <button type="button" className="button button-large" onClick={() => void collectAndPrint(phase.input)}>
                {t.tryAgain}
              </button>
            </div>
          )}
          <button type="button" className="button button-primary button-large" onClick={onDone}>
            {t.done}
          </button>
        </div>
      </Screen>
    );

  const focus = (field: TField | null) => {
    setActive(field);
    if (field) inputs[field].current?.focus();
  };
  const submit = () => {
    setActive(null);
    void collectAndPrint({ code, contact });
  };
  const field = (name: TField, label: string, value: string, set: (v: string) => void, extra: object) => (
    <label className={`field${active === name ? ' field-active' : ''}`}>
      <span>{label}</span>
      <input
        ref={inputs[name]}
        name={name}
        value={value}
        onChange={(e) => set(e.target.value)}
        onFocus={() => setActive(name)}
        // The kiosk's own keyboard types here; the OS keyboard stays away.
        inputMode="none"
        autoComplete="off"
        required
        {...extra}
      />
    </label>
  );

  return (
    <Screen name="collect" title={m.title} onBack={onDone}>
      <div className="collect">
        <form
          className="form"
          onSubmit={(e) => {
            e.preventDefault();
            submit();
          }}
        >
          <p>{m.help}</p>
          {field('code', m.code, code, (v) => setCode(v.toUpperCase()), {
            autoCapitalize: 'characters',
            maxLength: 8,
            autoFocus: true,
          })}
          {field('contact', m.contact, contact, setContact, { maxLength: 254 })}
          {error && (
            <p className="notice notice-error" role="alert">
              {error}
            </p>
          )}
          <button type="submit" className="button button-primary button-large">
            {m.print}
          </button>
        </form>
        <QrScan onToken={(ticketToken) => void collectAndPrint({ ticketToken })} onStart={() => setActive(null)} />
      </div>
      {active && (
        <KioskKeyboard
          layout={active === 'code' ? 'code' : 'email'}
          value={active === 'code' ? code : contact}
          onChange={active === 'code' ? setCode : setContact}
          maxLength={active === 'code' ? 8 : 254}
          onDone={() => (active === 'code' ? focus('contact') : submit())}
        />
      )}
    </Screen>
  );
}

/** The camera is optional: without one (or refused), the customer types instead. */
function QrScan({ onToken, onStart }: { onToken: (token: string) => void; onStart: () => void }) {
  const m = useCollectMessages();
  const video = useRef<HTMLVideoElement>(null);
  const camera = useRef<TCamera | null>(null);
  const [scanning, setScanning] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const stop = () => {
    camera.current?.stop();
    camera.current = null;
    setScanning(false);
  };
  useEffect(() => () => camera.current?.stop(), []);
  const start = () => {
    onStart();
    setProblem(null);
    setScanning(true);
    // The video element renders with `scanning`; start once it is there.
    let read = false;
    requestAnimationFrame(() => {
      if (!video.current) return;
      startCamera(video.current, (text) => {
        // The camera keeps reading the same QR until it stops: collect once.
        if (read) return;
        read = true;
        stop();
        onToken(text.trim());
      }).then(
        (c) => (camera.current = c),
        (err: unknown) => {
          console.warn('collect: camera', err);
          setScanning(false);
          setProblem(m.noCamera);
        },
      );
    });
  };
  return (
    <section className="collect-scan" aria-label={m.scan}>
      {scanning ? (
        <>
          <p>{m.scanHelp}</p>
          <video ref={video} className="collect-video" muted playsInline />
          <button type="button" className="button button-large" onClick={stop}>
            {m.stopScan}
          </button>
        </>
      ) : (
        <button type="button" className="button button-large" onClick={start}>
          {m.scan}
        </button>
      )}
      {problem && (
        <p className="notice notice-warning" role="alert">
          {problem}
        </p>
      )}
    </section>
  );
}
